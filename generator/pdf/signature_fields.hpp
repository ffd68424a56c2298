// Signature fields (ISO 32000-1 §12.7.4.5): one empty /FT/Sig field a signatory, merged
// with its widget annotation, over the room to sign of its signature block; the catalog's
// /AcroForm lists them. `trame signer` (generator/sign) fills one field at a time.
#pragma once
#include <string>
#include <vector>

namespace trame::pdf {

class PdfFile;
class StructTree;

// Where a signatory signs: a page (0-based) and a rectangle in points, with the name
// its field takes ("CPTS", "CPAM"…).
struct SignatureArea {
  int page = 0;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string name;
  std::string tooltip;    // the field's /TU, read by screen readers: « Signature de la CPTS … »
  int tag = -1;           // its Form element (StructTree), -1: untagged
  size_t text_index = 0;  // the Form takes its place before the page's text of this index
};

class SignatureFields {
 public:
  // Reserves the objects of the fields (none when `areas` is empty).
  SignatureFields(PdfFile& file, const std::vector<SignatureArea>& areas);
  bool empty() const { return fields_.empty(); }
  // The widgets on page `page`, as " n 0 R" each, to append to the page's /Annots.
  std::string annotations_of(int page) const;
  // Tagged PDF (PDF/UA-1 §7.18.4): puts each widget of page `page` in its Form element
  // (SignatureArea::tag) by an object reference, as annotation `first`, `first + 1`… of
  // the page (after its links; the order of annotations_of).
  void tag(StructTree& tree, int page, int first) const;
  // Gives each widget of page `page` in a Form element its /StructParent key (when `tagged`),
  // from `next_key` (advanced), and appends its object and key (-1: none) to the page's
  // annotation lists, in the order tag() counted them.
  void number(int page, bool tagged, int& next_key, std::vector<int>& objects, std::vector<int>& keys);
  // Writes the fields (each with an empty appearance, printable: PDF/A wants both; its
  // tooltip /TU; its /StructParent) and the AcroForm dictionary; `page_objects` gives
  // each widget its /P.
  void write(PdfFile& file, const std::vector<int>& page_objects) const;
  // "/AcroForm n 0 R" for the catalog, or "" without fields. The AcroForm is an indirect
  // object so that signing updates it without rewriting the catalog.
  std::string catalog_entry() const;

 private:
  struct Field {
    SignatureArea area;
    int object = 0, appearance = 0;
    int key = -1;  // /StructParent
  };
  std::vector<Field> fields_;
  int acroform_ = 0;
};

}  // namespace trame::pdf
