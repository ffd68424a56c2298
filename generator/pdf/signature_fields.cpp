// Signature fields of the contract and the avenant: see signature_fields.hpp.
#include "pdf/signature_fields.hpp"

#include "pdf/pdf_file.hpp"
#include "pdf/structure.hpp"

namespace trame::pdf {

SignatureFields::SignatureFields(PdfFile& file, const std::vector<SignatureArea>& areas) {
  for (const auto& a : areas) {
    Field f{a, file.reserve(), file.reserve()};
    // Field names are unique in a document (§12.7.3.2): a repeated name is numbered.
    int same = 1;
    for (const auto& g : fields_) same += g.area.name == a.name || g.area.name.rfind(a.name + " ", 0) == 0;
    if (same > 1) f.area.name += " " + std::to_string(same);
    fields_.push_back(std::move(f));
  }
  if (!fields_.empty()) acroform_ = file.reserve();
}

std::string SignatureFields::annotations_of(int page) const {
  std::string out;
  for (const auto& f : fields_)
    if (f.area.page == page) out += " " + ref(f.object);
  return out;
}

void SignatureFields::tag(StructTree& tree, int page, int first) const {
  for (const auto& f : fields_)
    if (f.area.page == page) {
      if (f.area.tag >= 0) tree.annotation(f.area.tag, page, first);
      ++first;
    }
}

void SignatureFields::number(int page, bool tagged, int& next_key, std::vector<int>& objects, std::vector<int>& keys) {
  for (auto& f : fields_)
    if (f.area.page == page) {
      f.key = tagged && f.area.tag >= 0 ? next_key++ : -1;
      objects.push_back(f.object);
      keys.push_back(f.key);
    }
}

void SignatureFields::write(PdfFile& file, const std::vector<int>& page_objects) const {
  if (fields_.empty()) return;
  std::string list;
  for (const auto& f : fields_) {
    const SignatureArea& a = f.area;
    std::string bbox = "[0 0 ";
    append_number(bbox, a.x1 - a.x0);
    bbox += ' ';
    append_number(bbox, a.y1 - a.y0);
    bbox += ']';
    file.stream(f.appearance, "/Type/XObject/Subtype/Form/BBox" + bbox + "/Resources<<>>", "", false);
    // /F 4: printed (and so allowed by PDF/A); no /V until the field is signed.
    std::string d = "<</FT/Sig/T " + text_string(a.name);
    if (!a.tooltip.empty()) d += "/TU " + text_string(a.tooltip);
    d += "/Type/Annot/Subtype/Widget/F 4/Rect[";
    for (double v : {a.x0, a.y0, a.x1, a.y1}) append_number(d, v), d += ' ';
    d.back() = ']';
    d += "/P " + ref(page_objects.at(static_cast<size_t>(a.page))) + "/AP<</N " + ref(f.appearance) + ">>";
    if (f.key >= 0) d += "/StructParent " + std::to_string(f.key);
    file.object(f.object, d + ">>");
    list += (list.empty() ? "" : " ") + ref(f.object);
  }
  file.object(acroform_, "<</Fields[" + list + "]>>");
}

std::string SignatureFields::catalog_entry() const { return acroform_ ? "/AcroForm " + ref(acroform_) : ""; }

}  // namespace trame::pdf
