// Page content streams (ISO 32000-1 §8, §9.4): rectangles, stroked paths and text,
// written as operators into a buffer. Numbers are written to 1/1000 pt, colours to
// 1/10 000; text line origins are kept in whole thousandths of a point so relative
// moves never drift. Text is shown as 2-byte glyph ids of Type0 fonts (Identity-H), in
// literal strings (binary, escaped: half the bytes of hex);
// a justified line's extra space follows each space as a TJ adjustment.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "pdf/font_embed.hpp"
#include "pdf/fonts.hpp"
#include "pdf/page_content.hpp"
#include "pdf/structure.hpp"

namespace trame::pdf {

struct PageContent {
  std::string ops;
  // Each glyph id written: the offset of its 2 placeholder bytes, its font resource, its id in the full font.
  struct GlyphAt {
    uint32_t offset;
    uint16_t resource;
    uint16_t gid;
  };
  std::vector<GlyphAt> glyphs;
  // The structure element of each marked-content sequence (by MCID) of the page.
  std::vector<int> mcid_parents;
};

class Drawer {
 public:
  Drawer(Fonts& fonts, EmbeddedFonts& embedded) : fonts_(fonts), embedded_(embedded) { reserve(); }
  int page_number = 0, page_count = 0;  // for Field texts
  // Tagged PDF: texts are marked content of their element (TextOp::tag) or artifacts.
  // Null: nothing is marked.
  StructTree* tree = nullptr;
  int page_index = 0;  // of the page being drawn, for the structure tree

  // Starts marked content of structure element `tag` (a new MCID), or an artifact
  // (kArtifact), closing the one open; nothing if `tag` is the one open.
  void mark(int tag);
  // Closes the marked content open, if any.
  void end_marked();
  // A draft mark: `text` in large letters across the page's diagonal (an artifact).
  void watermark(const std::string& text, int style, double page_w, double page_h, const Rgb& colour);

  void rect(const RectOp& r);
  // A path of segments of one pen, stroked once.
  void stroke(const LineOp* begin, const LineOp* end);
  // Text is drawn inside text objects (begin/end around a page's texts).
  void begin_text();
  void end_text();
  void text(const TextOp& op);
  // An image XObject (outside text objects): its resource index, its box.
  void image(int resource, const ImageOp& op);
  // The page drawn so far; the next one starts empty.
  PageContent take();

 private:
  Fonts& fonts_;
  EmbeddedFonts& embedded_;
  PageContent page_;
  // A page's first buffers sized for a page of text: grown one glyph run at a time,
  // they would be copied a dozen times a page.
  void reserve() {
    page_.ops.reserve(16 << 10);
    page_.glyphs.reserve(4 << 10);
  }
  int current_font_ = -1;
  double current_size_ = 0;
  Rgb current_colour_{-1, -1, -1};
  long long line_x_ = 0, line_y_ = 0;  // start of the current text line, in 1/1000 pt
  int last_style_ = -1, last_face_ = -1, last_resource_ = -1;
  int open_tag_ = kNone;  // the marked content open
  static constexpr int kNone = -2;

  void colour(const Rgb& c, const char* op);
  void num(double v);
};

// Turns the glyph ids of the full fonts written in `content` into the subsets' ids.
void renumber(PageContent& content, const EmbeddedFonts& embedded);

}  // namespace trame::pdf
