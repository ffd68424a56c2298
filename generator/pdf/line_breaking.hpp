// Words and lines: a paragraph's inlines cut into words (French spacing rules,
// breaks after hyphens), broken into lines of a width (hyphenation with
// libhyphen when a justified line would be loose or a word is too wide), and
// lines placed on a page as text runs.
#pragma once
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "document/document.hpp"
#include "pdf/fonts.hpp"
#include "pdf/hyphenation.hpp"
#include "pdf/page_content.hpp"

namespace trame::pdf {

// A word: pieces of text of possibly different styles, never broken inside
// except at hyphenation points or after a hyphen.
struct Piece {
  std::string text;
  int style;
  int field = -1;  // Field::Kind, or -1 for plain text
};
struct Word {
  std::vector<Piece> pieces;
  double width = 0;
  bool space_after = true;  // a breakable space follows
  bool forced_break = false;  // a line break follows
  bool soft_after = false;  // a break opportunity without space follows (after a hyphen)
};
struct Line {
  std::vector<Word> words;
  double natural = 0;  // width with single spaces
  int gaps = 0;
  bool last = false;    // last line of the paragraph or before a forced break
  bool hyphen = false;  // ends with an added hyphen
};


class LineBreaker {
 public:
  // field_digits: digits reserved for a page number or count field (digits are all as wide).
  LineBreaker(Fonts& fonts, const Hyphenator* hyphenator, int field_digits)
      : fonts_(fonts), hyph_(hyphenator), field_text_(static_cast<size_t>(std::max(1, field_digits)), '0') {}

  bool has_fields = false;  // a page number/count field was met

  std::vector<Word> words_of(const doc::Inlines& in, int base_style = Regular);

  // Words kept from measuring a table's columns for laying out its rows: while on,
  // keep() stores the words of inlines (their widths measured at the table's size),
  // and words_of() of the same inlines and style hands them over once. The inlines
  // must outlive the line breaker (the document tree of a layout).
  void keep_words(bool on) { keeping_ = on; }
  bool keeping_words() const { return keeping_; }
  void keep(const doc::Inlines& in, int style, std::vector<Word> words) {
    kept_.insert_or_assign({&in, style}, std::move(words));
  }
  std::vector<Line> break_lines(std::vector<Word> words, double size, double max_width, bool justify);
  // Places a line at (x, baseline) in max_width as text runs of `pg`.
  // as_last: set the line as a paragraph's last one (never stretched).
  void draw_line(const Line& line, double x, double baseline, double max_width, double size, doc::Align align,
                 const Rgb& colour, Page& pg, bool as_last = false);
  Fonts& fonts() { return fonts_; }
  double width_of(const Word& w, double size) { return word_width(w, size); }

 private:
  Fonts& fonts_;
  const Hyphenator* hyph_;  // null: no hyphenation
  std::string field_text_;  // placeholder measured for a field
  bool keeping_ = false;
  std::map<std::pair<const doc::Inlines*, int>, std::vector<Word>> kept_;

  static std::vector<Word> split_at_hyphens(std::vector<Word> words);
  double word_width(const Word& w, double size);
  bool hyphenate(const Word& w, double size, double room, Word& head, Word& tail);
  // Cuts word w between characters so that its head fits in `room` (at least one character).
  bool cut(const Word& w, double size, double room, Word& head, Word& tail);
};

}  // namespace trame::pdf
