// Signature fields (ISO 32000-1 §12.7.4.5): one empty /FT/Sig field a signatory, merged
// with its widget annotation, over the room to sign of its signature block; the catalog's
// /AcroForm lists them. `trame signer` (generator/sign) fills one field at a time.
#pragma once
#include <string>
#include <vector>

namespace trame::pdf {

class PdfFile;

// Where a signatory signs: a page (0-based) and a rectangle in points, with the name
// its field takes ("CPTS", "CPAM"…).
struct SignatureArea {
  int page = 0;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string name;
};

class SignatureFields {
 public:
  // Reserves the objects of the fields (none when `areas` is empty).
  SignatureFields(PdfFile& file, const std::vector<SignatureArea>& areas);
  bool empty() const { return fields_.empty(); }
  // The widgets on page `page`, as " n 0 R" each, to append to the page's /Annots.
  std::string annotations_of(int page) const;
  // Writes the fields (each with an empty appearance, printable: PDF/A wants both) and
  // the AcroForm dictionary; `page_objects` gives each widget its /P.
  void write(PdfFile& file, const std::vector<int>& page_objects) const;
  // "/AcroForm n 0 R" for the catalog, or "" without fields. The AcroForm is an indirect
  // object so that signing updates it without rewriting the catalog.
  std::string catalog_entry() const;

 private:
  struct Field {
    SignatureArea area;
    int object = 0, appearance = 0;
  };
  std::vector<Field> fields_;
  int acroform_ = 0;
};

}  // namespace trame::pdf
