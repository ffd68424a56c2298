#include "pdf/structure.hpp"

#include <algorithm>
#include <charconv>

#include "pdf/pdf_file.hpp"

namespace trame::pdf {

StructTree::StructTree() {
  elements_.reserve(2048);  // a contract has about 1 100: no copy of the tree as it grows
  elements_.push_back(Element{"Document", -1, {}, {}, {}, {}, true});
}

int StructTree::add(const std::string& type, int parent) {
  elements_.push_back(Element{type, parent, {}, {}, {}, {}, false});
  return static_cast<int>(elements_.size()) - 1;
}

void StructTree::attach(int e) {
  Element& el = elements_[static_cast<size_t>(e)];
  if (el.attached) return;
  attach(el.parent);
  el.attached = true;
  auto& kids = elements_[static_cast<size_t>(el.parent)].kids;
  if (kids.empty()) kids.reserve(4);  // a row's cells, a list's items: one allocation, not three
  kids.push_back({Kid::Element, e, 0});
}

void StructTree::content(int e, int page, int mcid) {
  attach(e);
  elements_[static_cast<size_t>(e)].kids.push_back({Kid::Content, mcid, page});
}

void StructTree::annotation(int e, int page, int index) {
  attach(e);
  elements_[static_cast<size_t>(e)].kids.push_back({Kid::Annotation, index, page});
}

int StructTree::write(PdfFile& file, const std::vector<int>& page_objects,
                      const std::vector<std::vector<int>>& mcid_parents,
                      const std::vector<std::vector<int>>& annotation_objects,
                      const std::vector<std::vector<int>>& annotation_keys) const {
  const int root = file.reserve();
  std::vector<int> object(elements_.size(), 0);
  for (size_t i = 0; i < elements_.size(); ++i)
    if (elements_[i].attached) object[i] = file.reserve();
  const int parent_tree = file.reserve();

  std::string o;  // one element's dictionary, its buffer reused
  auto put_int = [&o](long long v) {
    char digits[24];
    o.append(digits, std::to_chars(digits, digits + sizeof digits, v).ptr);
  };
  auto put_ref = [&](int n) {
    put_int(n);
    o += " 0 R";
  };
  for (size_t i = 0; i < elements_.size(); ++i) {
    const Element& e = elements_[i];
    if (!object[i]) continue;
    int pg = -1;  // the page of the first content: its MCIDs are written as plain integers
    for (const Kid& k : e.kids)
      if (k.kind != Kid::Element) {
        pg = k.page;
        break;
      }
    o = "<</Type/StructElem/S/";
    o += e.type;
    o += "/P ";
    put_ref(e.parent < 0 ? root : object[static_cast<size_t>(e.parent)]);
    if (pg >= 0) o += "/Pg ", put_ref(page_objects[static_cast<size_t>(pg)]);
    if (!e.alt.empty()) o += "/Alt " + text_string(e.alt);
    if (!e.scope.empty()) o += "/A<</O/Table/Scope/" + e.scope + ">>";
    if (e.bbox[2] > e.bbox[0]) {
      o += "/A<</O/Layout/BBox[";
      for (double v : e.bbox) append_number(o, v), o += ' ';
      o.back() = ']';
      o += ">>";
    }
    o += "/K[";
    bool first = true;
    for (const Kid& k : e.kids) {
      if (!first) o += ' ';
      first = false;
      const int page = page_objects[static_cast<size_t>(k.page)];
      switch (k.kind) {
        case Kid::Element: put_ref(object[static_cast<size_t>(k.value)]); break;
        case Kid::Content:
          if (k.page == pg) {
            put_int(k.value);
          } else {
            o += "<</Type/MCR/Pg ";
            put_ref(page);
            o += "/MCID ";
            put_int(k.value);
            o += ">>";
          }
          break;
        case Kid::Annotation:
          o += "<</Type/OBJR/Obj ";
          put_ref(annotation_objects[static_cast<size_t>(k.page)][static_cast<size_t>(k.value)]);
          o += "/Pg ";
          put_ref(page);
          o += ">>";
          break;
      }
    }
    o += "]>>";
    file.object(object[i], o);
  }

  // The parent tree (§14.7.4.4): page p's key is p, an array of the element of each MCID;
  // then one key an annotation, its element.
  o = "<</Nums[";
  int next_key = static_cast<int>(mcid_parents.size());
  for (size_t p = 0; p < mcid_parents.size(); ++p) {
    put_int(static_cast<long long>(p));
    o += '[';
    for (size_t m = 0; m < mcid_parents[p].size(); ++m) {
      if (m) o += ' ';
      put_ref(object[static_cast<size_t>(mcid_parents[p][m])]);
    }
    o += ']';
  }
  std::vector<std::vector<int>> owner(annotation_keys.size());
  for (size_t p = 0; p < annotation_keys.size(); ++p) owner[p].assign(annotation_keys[p].size(), -1);
  for (size_t i = 0; i < elements_.size(); ++i)
    for (const Kid& k : elements_[i].kids)
      if (k.kind == Kid::Annotation) owner[static_cast<size_t>(k.page)][static_cast<size_t>(k.value)] = static_cast<int>(i);
  // Keys are handed out in page then annotation order, so they ascend here.
  for (size_t p = 0; p < annotation_keys.size(); ++p)
    for (size_t a = 0; a < annotation_keys[p].size(); ++a) {
      const int key = annotation_keys[p][a];
      if (key < 0 || owner[p][a] < 0) continue;
      o += ' ';
      put_int(key);
      o += ' ';
      put_ref(object[static_cast<size_t>(owner[p][a])]);
      next_key = std::max(next_key, key + 1);
    }
  o += "]>>";
  file.object(parent_tree, o);
  file.object(root, "<</Type/StructTreeRoot/K[" + ref(object[kRoot]) + "]/ParentTree " + ref(parent_tree) +
                        "/ParentTreeNextKey " + std::to_string(next_key) + ">>");
  return root;
}

}  // namespace trame::pdf
