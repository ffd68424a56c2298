// What layout produces and drawing consumes: positioned text, lines and
// rectangles per page, and the places of headings and table-of-contents lines.
#pragma once
#include <string>
#include <vector>

#include "document/document.hpp"
#include "document/theme.hpp"

namespace trame::pdf {

using doc::Rgb;

struct TextOp {
  double x, y, size;
  int style;
  Rgb colour;
  std::string utf8;
  int field = -1;  // Field::Kind: the text is replaced by the page number or count when drawn
  double word_spacing = 0;  // added to every space (Tw), for justified lines
  int tag = -1;  // the structure element (StructTree) the text belongs to; -1: an artifact
};
struct LineOp {
  double x1, y1, x2, y2, width;
  Rgb colour;
};
struct RectOp {
  double x, y, w, h;
  Rgb fill;
};
// A link annotation: an area of the page opening a URI (e-mail addresses as mailto:).
struct LinkOp {
  double x0, y0, x1, y1;
  std::string uri;
  int text = -1;  // the text (index in Page::texts) of the linked word
};
// An image placed on the page: (x, y) its lower left corner, w × h its size.
struct ImageOp {
  double x, y, w, h;
  const doc::ImageData* data;
  int tag = -1;           // its Figure element (StructTree); -1: decorative, an artifact
  size_t text_index = 0;  // a Figure is drawn before the page's text of this index: in reading order
};
struct Page {
  std::vector<RectOp> rects;
  std::vector<ImageOp> images;  // decorative ones over the rectangles, under lines; Figures among the texts
  std::vector<LineOp> lines;
  std::vector<TextOp> texts;
  std::vector<LinkOp> links;
};

// The URI a word of text links to ("mailto:…" for an e-mail address, the address
// itself for http(s):// and www.), empty if none; trailing punctuation left out.
std::string link_target(const std::string& word);

struct HeadingMark {
  int level;
  std::string title;
  int page;
  double y;
};

// A word: pieces of text of possibly different styles, never broken inside

// A line of the table of contents: drawn once the page of its heading is known.
struct TocSlot {
  int page;
  double y;
  size_t heading;  // index in the headings
  int level;
  int tag = -1;           // the Link element (in its TOCI) of the line's title and page number
  size_t text_index = 0;  // drawn before the page's text of this index: in reading order
};

// The segments of [begin, end) with collinear horizontal or vertical ones that touch or
// overlap joined into one (coordinates equal to 1e-4 pt), in a fixed order: vertical
// ones by x then y, horizontal ones by y then x, any other as given.
std::vector<LineOp> merge_segments(const LineOp* begin, const LineOp* end);

}  // namespace trame::pdf
