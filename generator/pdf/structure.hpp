// The logical structure of a tagged PDF (ISO 32000-1 §14.7, §14.8; PDF/UA-1, ISO 14289-1):
// structure elements built by the layout from the document tree (H1…H6, P, L/LI/Lbl/LBody,
// Table/TR/TH/TD, Caption, TOC/TOCI, Link, Figure, Form), bound to the page content by marked
// content (BDC … EMC with an MCID) and to link and widget annotations by object references.
//
// An element joins its parent's kids the first time something of it is drawn, so the
// tree's order is the order of the content (the layout's reading order) and an element
// that drew nothing is left out.
#pragma once
#include <string>
#include <vector>

namespace trame::pdf {

class PdfFile;

// Tag of content that is not part of the text (running headers, rules, dot leaders,
// table header rows repeated on a new page): marked /Artifact.
constexpr int kArtifact = -1;

class StructTree {
 public:
  struct Kid {
    enum Kind { Element, Content, Annotation } kind;
    int value;     // element index, MCID, or annotation index on the page
    int page = 0;  // page of the content or annotation
  };
  struct Element {
    std::string type;   // standard structure type (no role map needed)
    int parent = -1;
    std::string alt;    // /Alt, alternative text (Figure)
    std::string scope;  // /Scope of a TH: "Column" or "Row"
    // Layout attribute /BBox (x0 y0 x1 y1, points, on the page of its first content): a
    // Figure's or a Form's box, as PDF/UA asks. Unset when x1 <= x0.
    double bbox[4] = {0, 0, 0, 0};
    std::vector<Kid> kids;
    bool attached = false;
  };

  StructTree();
  static constexpr int kRoot = 0;  // the Document element

  // A new element of `type` under `parent` (attached when its content is first drawn).
  int add(const std::string& type, int parent);
  Element& operator[](int i) { return elements_[static_cast<size_t>(i)]; }
  const Element& operator[](int i) const { return elements_[static_cast<size_t>(i)]; }
  size_t size() const { return elements_.size(); }

  // Marked content `mcid` of page `page` belongs to element e (called by the drawer).
  void content(int e, int page, int mcid);
  // Annotation `index` of page `page` (a link, a signature widget) belongs to element e.
  void annotation(int e, int page, int index);
  // Attaches element e now (it takes its place in its parent's kids here), for content
  // drawn or annotations registered later than the texts it sits among (signature widgets).
  void attach(int e);

  // Writes the structure elements and the parent tree. page_objects: the pages;
  // mcid_parents[p][mcid]: the element of each marked content of page p (its
  // /StructParents key is p); annotation_objects[p][i]: the object of annotation i of page p,
  // whose /StructParent key is annotation_keys[p][i]. Returns the StructTreeRoot object.
  int write(PdfFile& file, const std::vector<int>& page_objects, const std::vector<std::vector<int>>& mcid_parents,
            const std::vector<std::vector<int>>& annotation_objects, const std::vector<std::vector<int>>& annotation_keys) const;

 private:
  std::vector<Element> elements_;
};

}  // namespace trame::pdf
