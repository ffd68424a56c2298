// The PDF writer: lays the document tree out on A4 pages (French line breaking,
// hyphenation, tables with repeated headers, kept-together signature blocks,
// table of contents with page numbers), then draws it with libharu.
#include "pdf/pdf_writer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include <charconv>
#include <hpdf.h>
#include <hpdf_pages.h>

#include "common/diagnostic.hpp"
#include "pdf/encoding.hpp"
#include "pdf/font_streams.hpp"
#include "pdf/hpdf_fast.hpp"
#include "pdf/hyphenation.hpp"

namespace trame::pdf {
namespace {

using namespace doc;

// ---- libharu RAII ----------------------------------------------------------

struct HpdfError {
  HPDF_STATUS status = 0;
  HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS status, HPDF_STATUS detail, void* user) {
  auto* e = static_cast<HpdfError*>(user);
  if (e->status == 0) {
    e->status = status;
    e->detail = detail;
  }
}

[[noreturn]] void fail(const std::string& what, const HpdfError& e) {
  char buf[64];
  std::snprintf(buf, sizeof buf, " (libharu 0x%04X/%u)", static_cast<unsigned>(e.status), static_cast<unsigned>(e.detail));
  throw Error(ErrorKind::Internal,
              Diagnostic{Severity::Error, "trame.pdf.E001", "", 0, 0, "", "écriture du PDF impossible : " + what + buf});
}

// ---- Fonts and measurement ----------------------------------------------------

enum Style { Regular = 0, Bold = 1, Italic = 2, BoldItalic = 3 };

// Widths of the 256 codes of `encoding` in a TrueType font, per 1000 units, as libharu measures them.
std::array<float, 256> measure_widths(const std::filesystem::path& file, int encoding) {
  HpdfError err;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, void (*)(HPDF_Doc)> doc(HPDF_New(on_error, &err), HPDF_Free);
  if (!doc) fail("initialisation", err);
  const char* name = HPDF_LoadTTFontFromFile(doc.get(), file.c_str(), HPDF_TRUE);
  if (!name) fail("police illisible " + file.string(), err);
  HPDF_Font f = HPDF_GetFont(doc.get(), name, encodings()[encoding].c_str());
  if (!f) fail("encodage " + encodings()[encoding], err);
  std::array<float, 256> w{};
  for (int b = 0; b < 256; ++b) {
    unsigned char c = static_cast<unsigned char>(b);
    w[b] = static_cast<float>(HPDF_Font_TextWidth(f, &c, 1).width);
  }
  return w;
}

class Fonts {
 public:
  Fonts(HPDF_Doc pdf, const Theme& theme, HpdfError& err) : pdf_(pdf), theme_(theme), err_(err) {
    if (encodings().size() != kEncodings) fail("table des encodages", err_);
  }

  HPDF_Font font(int style, int encoding) {
    if (HPDF_Font f = fonts_[style][encoding]) return f;
    if (names_[style].empty()) {
      const char* name = HPDF_LoadTTFontFromFile(pdf_, file(style).c_str(), HPDF_TRUE);
      if (!name) fail("police illisible " + file(style).string(), err_);
      names_[style] = name;
    }
    HPDF_Font f = HPDF_GetFont(pdf_, names_[style].c_str(), encodings()[encoding].c_str());
    if (!f) fail("encodage " + encodings()[encoding], err_);
    fonts_[style][encoding] = f;
    return f;
  }

  // Glyph widths (per 1000 units) of one style in one encoding. They depend on the font
  // file and the encoding only: measured once per process, in a libharu document of
  // their own (a font loaded into this one would be embedded in it, drawn or not), and
  // shared by every later document.
  const std::array<float, 256>& widths(int style, int encoding) {
    if (const auto* w = widths_[style][encoding]) return *w;
    static std::mutex mutex;
    static std::map<std::pair<std::string, int>, std::array<float, 256>> measured;  // nodes never move
    const std::pair<std::string, int> key{file(style).string(), encoding};
    std::lock_guard<std::mutex> lock(mutex);
    auto it = measured.find(key);
    if (it == measured.end()) it = measured.emplace(key, measure_widths(file(style), encoding)).first;
    return *(widths_[style][encoding] = &it->second);
  }

  // Width in points of UTF-8 text.
  double width(std::string_view utf8, int style, double size) {
    // Printable ASCII is the same byte in CP1252 (encoding 0): read straight from its table.
    const auto& cp1252 = widths(style, 0);
    double w = 0;
    each_coded(utf8, [&](Coded c) { w += (c.encoding == 0 ? cp1252 : widths(style, c.encoding))[c.byte]; });
    return w * size / 1000.0;
  }

 private:
  HPDF_Doc pdf_;
  const Theme& theme_;
  HpdfError& err_;
  std::string names_[4];
  static constexpr size_t kEncodings = 10;  // encodings().size(), checked in the constructor
  std::array<std::array<HPDF_Font, kEncodings>, 4> fonts_{};
  std::array<std::array<const std::array<float, 256>*, kEncodings>, 4> widths_{};

  const std::filesystem::path& file(int style) const {
    const std::filesystem::path* files[4] = {&theme_.font.regular, &theme_.font.bold, &theme_.font.italic,
                                             &theme_.font.bold_italic};
    return *files[style];
  }
};

// ---- Laid-out page content ------------------------------------------------------

struct TextOp {
  double x, y, size;
  int style;
  Rgb colour;
  std::string utf8;
  int field = -1;  // Field::Kind: the text is replaced by the page number or count when drawn
  double word_spacing = 0;  // added to every space (Tw), for justified lines
};
struct LineOp {
  double x1, y1, x2, y2, width;
  Rgb colour;
};
struct RectOp {
  double x, y, w, h;
  Rgb fill;
};
struct Page {
  std::vector<RectOp> rects;
  std::vector<LineOp> lines;
  std::vector<TextOp> texts;
};

struct HeadingMark {
  int level;
  std::string title;
  int page;
  double y;
};

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

int style_of(bool bold, bool italic) { return (bold ? Bold : 0) | (italic ? Italic : 0); }

bool is_space_glue_before(char32_t next) { return next == ':' || next == ';' || next == '!' || next == '?' || next == 0xBB; }

// ---- The layout engine ----------------------------------------------------------

class Layout {
 public:
  // field_digits: digits reserved for a page number or count field (digits are all as wide).
  Layout(const Document& d, const Theme& t, Fonts& f, int field_digits = 2)
      : doc_(d), t_(t), fonts_(f), field_text_(static_cast<size_t>(std::max(1, field_digits)), '0') {
    page_w_ = mm_to_pt(t.page_width_mm);
    page_h_ = mm_to_pt(t.page_height_mm);
    left_ = mm_to_pt(t.margin_left_mm);
    right_ = page_w_ - mm_to_pt(t.margin_right_mm);
    top_ = page_h_ - mm_to_pt(t.margin_top_mm);
    bottom_ = mm_to_pt(t.margin_bottom_mm);
    hyph_ = Hyphenator::get(t.hyphenation_dictionary);
  }

  std::vector<Page> pages;
  std::vector<HeadingMark> headings;
  struct TocSlot {
    int page;
    double y;
    size_t heading;  // index in headings
    int level;
  };
  std::vector<TocSlot> toc_slots;
  bool has_fields = false;  // the document has page number/count fields

  void run() {
    new_page();
    for (size_t i = 0; i < doc_.blocks.size(); ++i) {
      next_index_ = i + 1;
      block(doc_.blocks[i]);
    }
  }

  double width() const { return right_ - left_; }

 private:
  const Document& doc_;
  const Theme& t_;
  Fonts& fonts_;
  const Hyphenator* hyph_ = nullptr;  // null: no hyphenation
  double page_w_, page_h_, left_, right_, top_, bottom_;
  double y_ = 0;  // top of the free space on the current page
  size_t next_index_ = 0;  // the block after the one being laid out
  std::string field_text_;  // placeholder measured for a field
  bool at_page_top_ = true;

  Page& page() { return pages.back(); }
  void new_page() {
    pages.emplace_back();
    y_ = top_;
    at_page_top_ = true;
  }
  void ensure(double h) {
    if (y_ - h < bottom_ && !at_page_top_) new_page();
  }

  // -- words and lines --

  std::vector<Word> words_of(const Inlines& in, int base_style = Regular) {
    std::vector<Word> words;
    size_t chars = 0;
    for (const auto& i : in)
      if (const auto* t = std::get_if<Text>(&i)) chars += t->text.size();
    words.reserve(chars / 6 + 1);
    Word cur;
    auto flush = [&](bool space_after, bool forced) {
      if (!cur.pieces.empty()) {
        cur.space_after = space_after;
        cur.forced_break = forced;
        words.push_back(std::move(cur));
        cur = Word{};
      } else if (forced && !words.empty()) {
        words.back().forced_break = true;
        words.back().space_after = false;
      }
    };
    auto add = [&](std::string_view s, int style) {
      if (s.empty()) return;
      if (!cur.pieces.empty() && cur.pieces.back().style == style && cur.pieces.back().field < 0)
        cur.pieces.back().text += s;
      else cur.pieces.push_back({std::string(s), style});
    };
    // First code point of the text after inline k (0 if none): glue across style changes.
    auto next_char = [&](size_t k) -> char32_t {
      for (size_t m = k + 1; m < in.size(); ++m) {
        if (auto* t = std::get_if<Text>(&in[m])) {
          if (t->text.empty()) continue;
          size_t z = 0;
          return next_code_point(t->text, z);
        }
        return std::holds_alternative<Field>(in[m]) ? U'0' : 0;
      }
      return 0;
    };
    auto ends_with_guillemet = [](std::string_view t) {
      return t.size() >= 2 && t.compare(t.size() - 2, 2, "\xC2\xAB") == 0;
    };
    for (size_t k = 0; k < in.size(); ++k) {
      const Inline& inl = in[k];
      if (auto* tx = std::get_if<Text>(&inl)) {
        int style = style_of(tx->bold || (base_style & Bold), tx->italic || (base_style & Italic));
        const std::string_view s = tx->text;
        size_t i = 0, start = 0;
        while (i < s.size()) {
          if (s[i] != ' ') {
            const size_t next = s.find(' ', i);
            i = next == std::string_view::npos ? s.size() : next;
          } else {
            // French typography: no break before : ; ! ? » nor after «.
            size_t j = i;
            while (j < s.size() && s[j] == ' ') ++j;
            bool glue = false;
            if (j < s.size()) {
              size_t z = j;
              glue = is_space_glue_before(next_code_point(tx->text, z));
            } else {
              glue = is_space_glue_before(next_char(k));
            }
            const std::string_view before = s.substr(start, i - start);
            if (ends_with_guillemet(before)) glue = true;
            if (before.empty() && !cur.pieces.empty() && ends_with_guillemet(cur.pieces.back().text)) glue = true;
            if (glue) {
              add(before, style);
              add("\xC2\xA0", style);
            } else {
              add(before, style);
              flush(true, false);
            }
            i = start = j;
          }
        }
        add(s.substr(start), style);
      } else if (std::holds_alternative<LineBreak>(inl)) {
        flush(false, true);
      } else if (auto* f = std::get_if<Field>(&inl)) {
        // Measured as field_digits digits; the number is known only when pages are drawn.
        cur.pieces.push_back({field_text_, base_style, static_cast<int>(f->kind)});
        has_fields = true;
      }
    }
    flush(false, false);
    return split_at_hyphens(std::move(words));
  }

  // "Villedieu-les-Poêles" may break after each hyphen (no space is added there).
  static std::vector<Word> split_at_hyphens(std::vector<Word> words) {
    bool any = false;  // most runs of text have no hyphen at all: returned as they are
    for (const auto& w : words)
      for (const auto& p : w.pieces) any = any || (p.field < 0 && p.text.find('-') != std::string::npos);
    if (!any) return words;
    std::vector<Word> out;
    out.reserve(words.size());
    for (auto& w : words) {
      bool address = false;  // e-mail addresses and URLs stay whole
      bool hyphen = false;
      for (const auto& p : w.pieces) {
        if (p.text.find('@') != std::string::npos || p.text.find("://") != std::string::npos) address = true;
        if (p.field < 0 && p.text.find('-') != std::string::npos) hyphen = true;
      }
      if (address || !hyphen) {
        out.push_back(std::move(w));
        continue;
      }
      std::vector<Word> parts{Word{}};
      for (const auto& p : w.pieces) {
        size_t start = 0;
        for (size_t i = 0; i < p.text.size() && p.field < 0; ++i) {
          if (p.text[i] != '-' || i < 2 || i + 3 > p.text.size()) continue;
          if (!std::isalpha(static_cast<unsigned char>(p.text[i - 1])) && (static_cast<unsigned char>(p.text[i - 1]) < 0x80))
            continue;
          parts.back().pieces.push_back({p.text.substr(start, i + 1 - start), p.style});
          parts.back().soft_after = true;
          parts.back().space_after = false;
          parts.push_back(Word{});
          start = i + 1;
        }
        if (start < p.text.size()) parts.back().pieces.push_back({p.text.substr(start), p.style, p.field});
      }
      if (parts.back().pieces.empty()) parts.pop_back();
      if (parts.empty()) continue;
      parts.back().space_after = w.space_after;
      parts.back().forced_break = w.forced_break;
      parts.back().soft_after = false;
      for (auto& part : parts) out.push_back(std::move(part));
    }
    return out;
  }

  double word_width(const Word& w, double size) {
    double total = 0;
    for (const auto& p : w.pieces) total += fonts_.width(p.text, p.style, size);
    return total;
  }

  // Splits word `w` at a hyphenation point so that its first part plus a hyphen fits in `room`.
  bool hyphenate(const Word& w, double size, double room, Word& head, Word& tail) {
    if (!hyph_ || w.pieces.size() != 1 || w.pieces[0].field >= 0) return false;
    auto points = hyph_->points(w.pieces[0].text);
    const std::string& s = w.pieces[0].text;
    int style = w.pieces[0].style;
    double hy = fonts_.width("-", style, size);
    for (auto it = points.rbegin(); it != points.rend(); ++it) {
      std::string first = s.substr(0, *it);
      if (fonts_.width(first, style, size) + hy <= room) {
        head = Word{{{first + "-", style}}, 0, false, false};
        tail = Word{{{s.substr(*it), style}}, 0, w.space_after, w.forced_break};
        return true;
      }
    }
    return false;
  }

  std::vector<Line> break_lines(std::vector<Word> words, double size, double max_width, bool justify) {
    double space = fonts_.width(" ", Regular, size);
    std::vector<Line> lines;
    Line cur;
    size_t i = 0;
    while (i < words.size()) {
      Word& w = words[i];
      if (w.width == 0) w.width = word_width(w, size);
      double sep = (!cur.words.empty() && cur.words.back().soft_after) ? 0 : space;
      double needed = cur.words.empty() ? w.width : cur.natural + sep + w.width;
      if (cur.words.empty()) cur.words.reserve(std::min<size_t>(words.size() - i, 24));
      if (needed <= max_width || cur.words.empty()) {
        if (cur.words.empty() && w.width > max_width) {
          // A word wider than the line: try hyphenation, else let it overflow no further than the line.
          Word head, tail;
          if (hyphenate(w, size, max_width, head, tail)) {
            head.width = word_width(head, size);
            tail.width = 0;
            cur.natural = head.width;
            cur.words.push_back(std::move(head));
            cur.hyphen = true;
            lines.push_back(std::move(cur));
            cur = Line{};
            words[i] = std::move(tail);
            continue;
          }
        }
        if (!cur.words.empty()) {
          cur.natural += sep;
          if (sep > 0) ++cur.gaps;
        }
        cur.natural += w.width;
        const bool forced = w.forced_break, glued = !w.space_after && !w.soft_after;
        const double w_width = w.width;
        cur.words.push_back(std::move(w));
        ++i;
        if (forced || glued) {
          if (forced) {
            cur.last = true;
            lines.push_back(std::move(cur));
            cur = Line{};
          } else if (i < words.size()) {
            // glued to the next word: measure them as one unit next round
            Word merged = std::move(cur.words.back());
            cur.words.pop_back();
            cur.natural -= w_width;
            if (!cur.words.empty()) {
              double prev_sep = cur.words.back().soft_after ? 0 : space;
              cur.natural -= prev_sep;
              if (prev_sep > 0) --cur.gaps;
            }
            Word& nx = words[i];
            for (auto& p : nx.pieces) merged.pieces.push_back(std::move(p));
            merged.space_after = nx.space_after;
            merged.forced_break = nx.forced_break;
            merged.soft_after = nx.soft_after;
            merged.width = 0;
            words[i] = std::move(merged);
          }
        }
        continue;
      }
      // The word does not fit: hyphenate it when the justified line would otherwise be loose
      // (its spaces stretched by more than 40 %).
      double room = max_width - cur.natural - sep;
      double stretch = (max_width - cur.natural) / std::max(1, cur.gaps);
      Word head, tail;
      if (justify && stretch > 0.4 * space && hyphenate(w, size, room, head, tail)) {
        head.width = word_width(head, size);
        cur.natural += sep + head.width;
        if (sep > 0) ++cur.gaps;
        cur.words.push_back(std::move(head));
        cur.hyphen = true;
        tail.width = 0;
        words[i] = std::move(tail);
      }
      lines.push_back(std::move(cur));
      cur = Line{};
    }
    if (!cur.words.empty()) {
      cur.last = true;
      lines.push_back(std::move(cur));
    }
    if (!lines.empty()) lines.back().last = true;
    return lines;
  }

  // Draws lines at (x, y_top) in width; returns the height used.
  // as_last: set the line as a paragraph's last one (never stretched).
  void draw_line(const Line& line, double x, double baseline, double max_width, double size, Align align,
                 const Rgb& colour, Page& pg, bool as_last = false) {
    double space = fonts_.width(" ", Regular, size);
    double extra = 0, offset = 0;
    if (align == Align::Justify && !line.last && !as_last && line.gaps > 0)
      extra = std::min((max_width - line.natural) / line.gaps, space * 3);
    else if (align == Align::Right) offset = max_width - line.natural;
    else if (align == Align::Center) offset = (max_width - line.natural) / 2;
    double cx = x + offset;
    // Words of one style are drawn as one run with real spaces, a justified line's
    // extra space given as word spacing (Tw): fewer text operators, and readers
    // extract the spaces as written. A style change or a page field starts a run.
    std::string run;
    int run_style = -1;
    double run_x = 0;
    bool space_pending = false;
    auto flush = [&] {
      if (!run.empty()) pg.texts.push_back({run_x, baseline, size, run_style, colour, std::move(run), -1, extra});
      run.clear();
      run_style = -1;
    };
    for (size_t k = 0; k < line.words.size(); ++k) {
      const Word& w = line.words[k];
      for (const auto& p : w.pieces) {
        // A one-piece word was measured when the line was broken, at this size.
        const double pw = w.pieces.size() == 1 && w.width > 0 ? w.width : fonts_.width(p.text, p.style, size);
        if (p.field >= 0) {
          flush();
          pg.texts.push_back({cx, baseline, size, p.style, colour, p.text, p.field});
        } else if (p.style == run_style && (!space_pending || fonts_.width(" ", p.style, size) == space)) {
          if (space_pending) run += ' ';
          run += p.text;
        } else {
          flush();
          run = p.text;
          run_style = p.style;
          run_x = cx;
        }
        space_pending = false;
        cx += pw;
      }
      if (!w.soft_after) {
        cx += space + extra;
        space_pending = true;
      }
    }
    flush();
  }

  double line_height(double size) const { return size * t_.line_height; }

  // Lays out a paragraph of inlines across pages; returns nothing, moves y_.
  void flow(const Inlines& content, double size, Align align, const Rgb& colour, double indent = 0,
            int base_style = Regular, const std::string& bullet = "", double right_indent = 0) {
    double w = width() - indent - right_indent;
    auto lines = break_lines(words_of(content, base_style), size, w, align == Align::Justify);
    double lh = line_height(size);
    for (size_t i = 0; i < lines.size(); ++i) {
      // Avoid a lone first line at the bottom (orphan) and a lone last line at the top (widow).
      bool orphan_guard = i == 0 && lines.size() >= 2;
      bool widow_guard = lines.size() >= 3 && i == lines.size() - 2;
      ensure(lh * ((orphan_guard || widow_guard) ? 2 : 1));
      double baseline = y_ - size * 0.95;
      if (i == 0 && !bullet.empty())
        page().texts.push_back({left_ + indent - t_.list_indent * 0.8, baseline, size, base_style, colour, bullet});
      draw_line(lines[i], left_ + indent, baseline, w, size, align, colour, page());
      y_ -= lh;
      at_page_top_ = false;
    }
  }

  // Height a block of inlines takes in a given width (for keep-together decisions).
  double measure(const Inlines& content, double size, double w, int base_style = Regular) {
    return break_lines(words_of(content, base_style), size, w, false).size() * line_height(size);
  }

  // Height that must fit below a block that keeps with the next one: the start of block
  // `index` (its first `lines` lines; a heading and everything it keeps with; a whole
  // signature block; a table's caption, header rows and first row).
  double keep_height(size_t index, int lines) {
    if (index >= doc_.blocks.size()) return 0;
    const Block& b = doc_.blocks[index];
    if (auto* h = std::get_if<Heading>(&b)) {
      int level = std::clamp(h->level, 1, 4);
      double size = t_.heading_sizes[level - 1];
      return heading_before(level) + measure(h->content, size, width(), Bold) + t_.heading_space_after +
             keep_height(index + 1, 3);
    }
    if (auto* p = std::get_if<Paragraph>(&b)) {
      auto st = paragraph_style(*p);
      double full = measure(p->content, st.size, width() - st.indent, st.base);
      double h = std::min(full, lines * line_height(st.size));
      if (p->keep_with_next && h == full) h += st.after + keep_height(index + 1, 2);
      return h;
    }
    if (auto* t = std::get_if<Table>(&b)) {
      auto rows = table_rows(*t, 1);
      double h = 2 + (t->caption.empty() ? 0 : line_height(t_.small_size) + 2);
      for (const auto& r : rows.header) h += r.height;
      if (!rows.body.empty()) h += rows.body.front().height;
      return h;
    }
    if (auto* l = std::get_if<List>(&b)) {
      double h = 0;
      for (size_t i = 0; i < l->items.size() && i < 2; ++i)
        h += measure(l->items[i].content, t_.body_size, width() - t_.list_indent * (1 + l->items[i].level)) + 2;
      return std::min(h, 2 * line_height(t_.body_size) + 4);
    }
    if (auto* s = std::get_if<SignatureBlock>(&b)) return signature_layout(*s).height;
    if (std::holds_alternative<TableOfContents>(b)) return line_height(t_.heading_sizes[0]) + 2 * line_height(t_.body_size);
    return 0;
  }

  double heading_before(int level) const { return t_.heading_space_before * (level == 1 ? 1.0 : 0.7); }


  // -- blocks --

  void block(const Block& b) {
    if (auto* h = std::get_if<Heading>(&b)) heading(*h);
    else if (auto* p = std::get_if<Paragraph>(&b)) paragraph(*p);
    else if (auto* l = std::get_if<List>(&b)) list(*l);
    else if (auto* tb = std::get_if<Table>(&b)) table(*tb);
    else if (std::holds_alternative<PageBreak>(b)) {
      if (!at_page_top_) new_page();
    } else if (auto* s = std::get_if<SignatureBlock>(&b)) signatures(*s);
    else if (auto* toc = std::get_if<TableOfContents>(&b)) table_of_contents(*toc);
    else if (auto* sp = std::get_if<Spacer>(&b)) {
      if (!at_page_top_) y_ -= sp->points;
    }
  }

  void heading(const Heading& h) {
    int level = std::clamp(h.level, 1, 4);
    double size = t_.heading_sizes[level - 1];
    double before = at_page_top_ ? 0 : heading_before(level);
    double own = measure(h.content, size, width(), Bold);
    // Keep with next: never alone at the bottom of a page (nor a chain of headings).
    ensure(before + own + t_.heading_space_after + keep_height(next_index_, 3));
    if (!at_page_top_) y_ -= before;
    if (level <= 2 && h.numbered_toc)
      headings.push_back({level, plain_text(h.content), static_cast<int>(pages.size()) - 1, y_ + 2});
    flow(h.content, size, Align::Left, t_.heading, 0, Bold);
    if (level == 1) {
      double ry = y_ + size * 0.15;
      page().lines.push_back({left_, ry, right_, ry, 0.6, t_.heading});
    }
    y_ -= t_.heading_space_after;
  }

  struct ParaStyle {
    double size;
    Rgb colour;
    int base;
    double after;
    double indent;        // left
    double right_indent;
  };

  ParaStyle paragraph_style(const Paragraph& p) const {
    ParaStyle st{t_.body_size, t_.text, Regular, t_.paragraph_space_after, 0, 0};
    if (p.style == "title") {
      st.size = t_.title_size;
      st.colour = t_.heading;
      st.base = Bold;
      st.after = 4;
    } else if (p.style == "subtitle") {
      st.size = t_.subtitle_size;
      st.colour = t_.heading;
      st.after = 4;
    } else if (p.style == "small") {
      st.size = t_.small_size;
    } else if (p.style == "address") {
      st.after = 0;
    } else if (p.style == "quote") {
      st.base = Italic;
      st.indent = st.right_indent = 28;
    }
    return st;
  }

  void paragraph(const Paragraph& p) {
    ParaStyle st = paragraph_style(p);
    if (p.keep_with_next)
      ensure(measure(p.content, st.size, width() - st.indent - st.right_indent, st.base) + st.after +
             keep_height(next_index_, 2));
    flow(p.content, st.size, p.align, st.colour, st.indent, st.base, "", st.right_indent);
    y_ -= st.after;
  }

  void list(const List& l) {
    int n = 0;
    for (const auto& item : l.items) {
      double indent = t_.list_indent * (1 + item.level);
      std::string bullet = l.ordered ? (item.level == 0 ? std::to_string(++n) + "." : "–") : (item.level == 0 ? "•" : "–");
      flow(item.content, t_.body_size, Align::Left, t_.text, indent, Regular, bullet);
      y_ -= 2;
    }
    y_ -= t_.paragraph_space_after - 2;
  }

  // -- tables --

  struct CellBox {
    std::vector<Line> lines;
    double x, w;
    Align align;
    int style;
  };

  std::vector<double> column_widths(const Table& t, size_t cols) {
    std::vector<double> w(cols, 1.0);
    for (size_t i = 0; i < cols && i < t.widths.size(); ++i)
      if (t.widths[i] > 0) w[i] = t.widths[i];
    double sum = 0;
    for (double v : w) sum += v;
    for (double& v : w) v = v / sum * width();
    return w;
  }

  struct RowBox {
    std::vector<CellBox> cells;
    double height;
    const TableRow* row;
  };

  RowBox row_box(const TableRow& r, const std::vector<double>& cw) {
    RowBox box{{}, 0, &r};
    double size = t_.table_size, pad = t_.cell_padding;
    size_t col = 0;
    double x = left_;
    size_t max_lines = 1;
    for (const auto& c : r.cells) {
      int span = std::max(1, c.colspan);
      double w = 0;
      for (int k = 0; k < span && col + k < cw.size(); ++k) w += cw[col + k];
      int style = (r.header || r.total || c.bold) ? Bold : Regular;
      CellBox cb{break_lines(words_of(c.content, style), size, w - 2 * pad, false), x, w, c.align, style};
      max_lines = std::max(max_lines, cb.lines.size());
      box.cells.push_back(std::move(cb));
      x += w;
      col += span;
    }
    // Empty cells to the full width keep the grid closed.
    while (col < cw.size()) {
      box.cells.push_back(CellBox{{}, x, cw[col], Align::Left, Regular});
      x += cw[col++];
    }
    box.height = max_lines * line_height(size) + 2 * pad;
    return box;
  }

  void draw_row(const RowBox& box) {
    const TableRow& r = *box.row;
    double size = t_.table_size, pad = t_.cell_padding;
    double top = y_, bottom = y_ - box.height;
    if (r.header || r.total)
      page().rects.push_back({left_, bottom, width(), box.height, r.header ? t_.header_fill : t_.total_fill});
    for (const auto& cb : box.cells) {
      double baseline = top - pad - size * 0.95;
      for (const auto& line : cb.lines) {
        draw_line(line, cb.x + pad, baseline, cb.w - 2 * pad, size, cb.align, t_.text, page(), true);
        baseline -= line_height(size);
      }
      page().lines.push_back({cb.x, top, cb.x, bottom, 0.4, t_.rule});
      page().lines.push_back({cb.x + cb.w, top, cb.x + cb.w, bottom, 0.4, t_.rule});
    }
    page().lines.push_back({left_, top, right_, top, r.total ? 1.0 : 0.4, r.total ? t_.text : t_.rule});
    page().lines.push_back({left_, bottom, right_, bottom, 0.4, t_.rule});
    y_ = bottom;
    at_page_top_ = false;
  }

  struct TableRows {
    std::vector<RowBox> header, body;
    double header_height = 0;
  };

  // Rows laid out in the table's column widths; only the first `max_body` body rows
  // when a caller needs no more (the keep-with-next height of a table).
  TableRows table_rows(const Table& t, size_t max_body = SIZE_MAX) {
    TableRows out;
    size_t cols = t.widths.size();
    for (const auto& r : t.rows) {
      size_t n = 0;
      for (const auto& c : r.cells) n += std::max(1, c.colspan);
      cols = std::max(cols, n);
    }
    if (cols == 0) return out;
    auto cw = column_widths(t, cols);
    for (const auto& r : t.rows) {
      const bool header = r.header && out.body.empty();
      if (!header && out.body.size() >= max_body) break;
      (header ? out.header : out.body).push_back(row_box(r, cw));
    }
    for (const auto& h : out.header) out.header_height += h.height;
    return out;
  }

  // Lines [from, from + n) of every cell of a row: a slice of a row taller than a page.
  RowBox row_slice(const RowBox& r, size_t from, size_t n) {
    RowBox out{{}, 0, r.row};
    size_t max_lines = 0;
    for (const auto& c : r.cells) {
      CellBox cb = c;
      cb.lines.clear();
      for (size_t i = from; i < from + n && i < c.lines.size(); ++i) cb.lines.push_back(c.lines[i]);
      max_lines = std::max(max_lines, cb.lines.size());
      out.cells.push_back(std::move(cb));
    }
    out.height = std::max<size_t>(1, max_lines) * line_height(t_.table_size) + 2 * t_.cell_padding;
    return out;
  }

  void table(const Table& t) {
    TableRows rows = table_rows(t);
    if (rows.header.empty() && rows.body.empty()) return;
    double caption_h = t.caption.empty() ? 0 : line_height(t_.small_size) + 2;
    y_ -= 2;
    // The caption, the header rows and the first row stay together.
    ensure(caption_h + rows.header_height + (rows.body.empty() ? 0 : rows.body.front().height));
    if (!t.caption.empty()) {
      flow({Text{t.caption, true}}, t_.small_size, Align::Left, t_.text, 0, Bold);
      y_ -= 2;
    }
    auto continue_on_new_page = [&] {
      new_page();
      for (const auto& h : rows.header) draw_row(h);  // the header rows repeated on each page
    };
    for (const auto& h : rows.header) draw_row(h);
    const double lh = line_height(t_.table_size), pad = t_.cell_padding;
    const double page_room = top_ - bottom_ - rows.header_height;  // room for body rows on a fresh page
    for (const auto& r : rows.body) {
      if (y_ - r.height >= bottom_ - 0.01) {
        draw_row(r);
        continue;
      }
      if (r.height <= page_room) {  // a row is never cut in half: it moves to the next page
        continue_on_new_page();
        draw_row(r);
        continue;
      }
      // A row taller than a whole page: cut it between lines, filling each page.
      size_t total = 0;
      for (const auto& c : r.cells) total = std::max(total, c.lines.size());
      size_t done = 0;
      while (done < total) {
        auto fit = static_cast<size_t>(std::max(0.0, std::floor((y_ - bottom_ - 2 * pad) / lh + 1e-6)));
        if (fit == 0) {
          continue_on_new_page();
          continue;
        }
        size_t n = std::min(fit, total - done);
        draw_row(row_slice(r, done, n));
        done += n;
        if (done < total) continue_on_new_page();
      }
    }
    y_ -= t_.paragraph_space_after + 4;
  }

  // -- signatures, table of contents --

  struct SignatureLayout {
    size_t per_row = 1, rows = 0;
    double col_w = 0, height = 0;
    // Lines of each signatory's three parts: "Pour …", name (bold), role.
    std::vector<std::array<std::vector<Line>, 3>> cells;
    // Per row of signatories: lines of each part (the most in the row, so parts line up).
    std::vector<std::array<size_t, 3>> part_lines;
  };

  SignatureLayout signature_layout(const SignatureBlock& s) {
    SignatureLayout L;
    double size = t_.body_size, lh = line_height(size);
    L.per_row = std::min<size_t>(3, std::max<size_t>(1, s.signatories.size()));
    L.col_w = width() / L.per_row;
    L.rows = (s.signatories.size() + L.per_row - 1) / L.per_row;
    L.part_lines.assign(L.rows, {0, 0, 0});
    for (size_t i = 0; i < s.signatories.size(); ++i) {
      const auto& g = s.signatories[i];
      const Inlines parts[3] = {{Text{"Pour " + g.organisation}}, {Text{g.name, true}}, {Text{g.role}}};
      std::array<std::vector<Line>, 3> cell;
      for (int k = 0; k < 3; ++k) {
        cell[k] = break_lines(words_of(parts[k]), size, L.col_w - 8, false);
        L.part_lines[i / L.per_row][k] = std::max(L.part_lines[i / L.per_row][k], cell[k].size());
      }
      L.cells.push_back(std::move(cell));
    }
    double place = s.place_date.empty() ? 0 : measure({Text{s.place_date}}, size, width()) + 8;
    L.height = 8 + place;
    for (const auto& pl : L.part_lines) L.height += row_height(pl, lh);
    return L;
  }

  static double row_height(const std::array<size_t, 3>& part_lines, double lh) {
    return (part_lines[0] + part_lines[1] + part_lines[2]) * lh + 62;  // 62 pt: room to sign
  }

  void signatures(const SignatureBlock& s) {
    SignatureLayout L = signature_layout(s);
    double size = t_.body_size, lh = line_height(size);
    ensure(L.height);  // a signature block is never split across pages
    y_ -= 8;
    if (!s.place_date.empty()) {
      flow({Text{s.place_date}}, size, Align::Left, t_.text);
      y_ -= 8;
    }
    for (size_t r = 0; r < L.rows; ++r) {
      double top = y_;
      for (size_t k = 0; k < L.per_row && r * L.per_row + k < L.cells.size(); ++k) {
        double x = left_ + k * L.col_w + 4, baseline = top - size * 0.95;
        for (int part = 0; part < 3; ++part) {
          double part_top = baseline;
          for (const auto& line : L.cells[r * L.per_row + k][part]) {
            draw_line(line, x, baseline, L.col_w - 8, size, Align::Left, t_.text, page(), true);
            baseline -= lh;
          }
          baseline = part_top - L.part_lines[r][part] * lh;
        }
      }
      y_ = top - row_height(L.part_lines[r], lh);
      at_page_top_ = false;
    }
  }

  void table_of_contents(const TableOfContents& toc) {
    int entries = 0;
    for (const auto& b : doc_.blocks)
      if (auto* h = std::get_if<Heading>(&b); h && h->level <= 2 && h->numbered_toc) ++entries;
    double size = t_.body_size, lh = line_height(size) + 1.5;
    ensure(line_height(t_.heading_sizes[0]) + t_.heading_space_after + std::min(entries, 6) * lh);
    flow({Text{toc.title, true}}, t_.heading_sizes[0], Align::Left, t_.heading, 0, Bold);
    y_ -= t_.heading_space_after;
    size_t heading_index = 0;
    for (const auto& b : doc_.blocks) {
      auto* h = std::get_if<Heading>(&b);
      if (!h || h->level > 2 || !h->numbered_toc) continue;
      ensure(lh);
      toc_slots.push_back({static_cast<int>(pages.size()) - 1, y_ - size * 0.95, heading_index++, h->level});
      y_ -= lh;
      at_page_top_ = false;
    }
    y_ -= t_.paragraph_space_after * 2;
  }
};

// ---- Drawing -------------------------------------------------------------------

// The segments of [begin, end) with collinear horizontal or vertical ones that touch or
// overlap joined into one (coordinates equal to 1e-4 pt), in a fixed order: vertical
// ones by x then y, horizontal ones by y then x, any other as given.
std::vector<LineOp> merge_segments(const LineOp* begin, const LineOp* end) {
  struct Span {
    long long key;  // the fixed coordinate, in 1e-4 pt
    double fixed, lo, hi;
    bool operator<(const Span& o) const { return key != o.key ? key < o.key : lo < o.lo; }
  };
  std::vector<Span> vertical, horizontal;
  std::vector<LineOp> out;
  for (const LineOp* l = begin; l != end; ++l) {
    if (std::llround(l->x1 * 1e4) == std::llround(l->x2 * 1e4))
      vertical.push_back({std::llround(l->x1 * 1e4), l->x1, std::min(l->y1, l->y2), std::max(l->y1, l->y2)});
    else if (std::llround(l->y1 * 1e4) == std::llround(l->y2 * 1e4))
      horizontal.push_back({std::llround(l->y1 * 1e4), l->y1, std::min(l->x1, l->x2), std::max(l->x1, l->x2)});
    else
      out.push_back(*l);
  }
  auto join = [](std::vector<Span>& spans, auto emit) {
    std::sort(spans.begin(), spans.end());
    for (size_t i = 0; i < spans.size();) {
      Span cur = spans[i++];
      while (i < spans.size() && spans[i].key == cur.key && spans[i].lo <= cur.hi + 1e-4)
        cur.hi = std::max(cur.hi, spans[i++].hi);
      emit(cur);
    }
  };
  const Rgb colour = begin != end ? begin->colour : Rgb{};
  const double width = begin != end ? begin->width : 0;
  join(vertical, [&](const Span& s) { out.push_back({s.fixed, s.hi, s.fixed, s.lo, width, colour}); });
  join(horizontal, [&](const Span& s) { out.push_back({s.lo, s.fixed, s.hi, s.fixed, width, colour}); });
  return out;
}

// Page content written by Trame into the page's content stream, one write a page:
// libharu's operators format every number through HPDF_FToA, re-measure every string
// and write a few bytes at a time. Coordinates are written to 1/1000 pt, colours to
// 1/10000, word spacing to 1/100000; text positions are kept in whole thousandths so relative moves never drift.
class Drawer {
 public:
  explicit Drawer(Fonts& fonts) : fonts_(fonts) {}
  int page_number = 0, page_count = 0;  // for Field texts

  void start(HPDF_Page page) {
    page_ = page;
    buf_.clear();
  }
  // Writes what was drawn since start() at the end of the page's content stream.
  void flush(HpdfError& err) {
    auto* attr = static_cast<HPDF_PageAttr>(page_->attr);
    if (HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(buf_.data()),
                          static_cast<HPDF_UINT>(buf_.size())) != HPDF_OK)
      fail("contenu de page", err);
    buf_.clear();
  }

  void rect(const RectOp& r) {
    colour(r.fill, "rg");
    num(r.x), num(r.y), num(r.w), num(r.h);
    buf_ += "re\nf\n";
  }
  // A path of segments of one pen, stroked once.
  void stroke(const LineOp* begin, const LineOp* end) {
    if (begin == end) return;
    colour(begin->colour, "RG");
    num(begin->width);
    buf_ += "w\n";
    for (const LineOp* l = begin; l != end; ++l) {
      num(l->x1), num(l->y1);
      buf_ += "m\n";
      num(l->x2), num(l->y2);
      buf_ += "l\n";
    }
    buf_ += "S\n";
  }

  // Text is drawn inside one text object a page (begin/end around the page's texts).
  void begin_text() {
    current_font_ = nullptr;
    current_size_ = 0;
    current_word_spacing_ = 0;
    current_colour_ = Rgb{-1, -1, -1};
    line_x_ = line_y_ = 0;
    buf_ += "BT\n";
  }
  // Word spacing belongs to the graphics state, not to the text object: it is set back
  // to 0 before ET, as the next text object (a table of contents drawn later) assumes.
  void end_text() {
    if (current_word_spacing_ != 0) {
      buf_ += "0 Tw\n";
      current_word_spacing_ = 0;
    }
    buf_ += "ET\n";
  }

  void text(const TextOp& op) {
    if (op.colour.r != current_colour_.r || op.colour.g != current_colour_.g || op.colour.b != current_colour_.b) {
      colour(op.colour, "rg");
      current_colour_ = op.colour;
    }
    if (op.word_spacing != current_word_spacing_) {
      fixed(op.word_spacing, 100000);  // multiplied by the spaces of a line
      buf_ += "Tw\n";
      current_word_spacing_ = op.word_spacing;
    }
    std::string field;
    if (op.field >= 0) field = std::to_string(op.field == Field::PageNumber ? page_number : page_count);
    const std::string_view utf8 = op.field >= 0 ? std::string_view(field) : std::string_view(op.utf8);
    // The bytes of every run, one after the other (never more bytes than the UTF-8 text).
    run_.resize(utf8.size());
    char* const bytes = run_.data();
    size_t end = 0, start = 0;
    int encoding = -1;
    double x = op.x;
    each_coded(utf8, [&](Coded c) {
      if (c.encoding != encoding) {
        if (end > start) show(op, encoding, {bytes + start, end - start}, x);
        start = end;
        encoding = c.encoding;
      }
      bytes[end++] = static_cast<char>(c.byte);
    });
    if (end > start) show(op, encoding, {bytes + start, end - start}, x);
  }

 private:
  Fonts& fonts_;
  HPDF_Page page_ = nullptr;
  std::string buf_, run_;
  HPDF_Font current_font_ = nullptr;
  double current_size_ = 0, current_word_spacing_ = 0;
  Rgb current_colour_{-1, -1, -1};
  long long line_x_ = 0, line_y_ = 0;  // start of the current text line, in 1/1000 pt
  // Codes of each font already measured through libharu: measuring marks a code and its
  // glyph as used, which is what embeds the glyph and writes the code's width.
  std::vector<std::pair<HPDF_Font, std::array<uint64_t, 4>>> used_;

  // One run of bytes of one encoding at x, which advances past it.
  void show(const TextOp& op, int encoding, std::string_view run, double& x) {
    HPDF_Font f = fonts_.font(op.style, encoding);
    if (f != current_font_ || op.size != current_size_) {
      buf_ += '/';
      buf_ += HPDF_Page_GetLocalFontName(page_, f);
      buf_ += ' ';
      num(op.size);
      buf_ += "Tf\n";
      current_font_ = f;
      current_size_ = op.size;
    }
    mark_used(f, run);
    const long long tx = std::llround(x * 1000), ty = std::llround(op.y * 1000);
    thousandths(tx - line_x_), thousandths(ty - line_y_);
    line_x_ = tx;
    line_y_ = ty;
    // "Td\n(" + the string, escaped (a byte takes at most 4) + ")Tj\n"
    const size_t at = buf_.size();
    buf_.resize(at + 4 + 4 * run.size() + 4);
    char* out = buf_.data() + at;
    std::memcpy(out, "Td\n(", 4);
    out += 4;
    const auto& widths = fonts_.widths(op.style, encoding);
    double w = 0;
    int spaces = 0;
    for (char ch : run) {
      const unsigned char b = static_cast<unsigned char>(ch);
      w += widths[b];
      if (b == '(' || b == ')' || b == '\\') {
        *out++ = '\\';
        *out++ = ch;
      } else if (b < 0x20) {
        *out++ = '\\';
        *out++ = static_cast<char>('0' + (b >> 6));
        *out++ = static_cast<char>('0' + ((b >> 3) & 7));
        *out++ = static_cast<char>('0' + (b & 7));
      } else {
        *out++ = ch;
        spaces += b == ' ';
      }
    }
    std::memcpy(out, ")Tj\n", 4);
    out += 4;
    buf_.resize(static_cast<size_t>(out - buf_.data()));
    x += w * op.size / 1000.0 + op.word_spacing * spaces;
  }

  void mark_used(HPDF_Font f, std::string_view run) {
    auto it = std::find_if(used_.begin(), used_.end(), [&](const auto& u) { return u.first == f; });
    if (it == used_.end()) it = used_.insert(used_.end(), {f, {}});
    for (char ch : run) {
      const unsigned char b = static_cast<unsigned char>(ch);
      uint64_t& word = it->second[b >> 6];
      const uint64_t bit = uint64_t{1} << (b & 63);
      if (word & bit) continue;
      word |= bit;
      HPDF_Font_TextWidth(f, &b, 1);
    }
  }

  void colour(const Rgb& c, const char* op) {
    fixed(c.r, 10000), fixed(c.g, 10000), fixed(c.b, 10000);
    buf_ += op;
    buf_ += '\n';
  }
  void num(double v) { fixed(v, 1000); }
  void thousandths(long long m) { scaled(m, 1000); }
  // v rounded to 1/scale, without trailing zeros, then a space.
  void fixed(double v, long long scale) { scaled(std::llround(v * static_cast<double>(scale)), scale); }
  void scaled(long long m, long long scale) {
    char text[32];
    char* out = text;
    if (m < 0) {
      *out++ = '-';
      m = -m;
    }
    out = std::to_chars(out, text + sizeof text, m / scale).ptr;
    if (long long frac = m % scale) {
      *out++ = '.';
      for (long long d = scale / 10; d > 0 && frac > 0; d /= 10) {
        *out++ = static_cast<char>('0' + frac / d);
        frac %= d;
      }
    }
    *out++ = ' ';
    buf_.append(text, out);
  }
};

}  // namespace

std::string render(const Document& document, const Theme& theme, const Options& options) {
  [[maybe_unused]] static const bool fast_memory = fast_hpdf_memory_functions();
  HpdfError err;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, void (*)(HPDF_Doc)> holder(HPDF_New(on_error, &err), HPDF_Free);
  HPDF_Doc pdf = holder.get();
  if (!pdf) fail("initialisation", err);
  // Streams are written plain and deflated at the end (font_streams.hpp).
  HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);

  // Outline titles and info strings are written as UTF-16BE text strings through libharu's
  // UTF-8 encoder (any language); fonts never use it (its ToUnicode CMap is rejected by poppler).
  HPDF_UseUTFEncodings(pdf);
  HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
  if (!utf8 || HPDF_SetCurrentEncoder(pdf, "UTF-8") != HPDF_OK) fail("encodeur UTF-8", err);

  Fonts fonts(pdf, theme, err);
  auto layout_ptr = std::make_unique<Layout>(document, theme, fonts);
  layout_ptr->run();
  if (layout_ptr->has_fields) {
    // Fields measured with as many digits as the page count has: lay out again.
    int digits = static_cast<int>(std::to_string(layout_ptr->pages.size()).size());
    if (digits != 2) {
      layout_ptr = std::make_unique<Layout>(document, theme, fonts, digits);
      layout_ptr->run();
    }
  }
  Layout& layout = *layout_ptr;
  Drawer draw(fonts);

  const double page_w = mm_to_pt(theme.page_width_mm), page_h = mm_to_pt(theme.page_height_mm);
  const double left = mm_to_pt(theme.margin_left_mm), right = page_w - mm_to_pt(theme.margin_right_mm);
  const int total = static_cast<int>(layout.pages.size());
  // Text cut at a word (or character) boundary with an ellipsis to fit in max_width.
  auto fit = [&](const std::string& text, int style, double size, double max_width) {
    if (fonts.width(text, style, size) <= max_width) return text;
    std::string t = text;
    while (!t.empty()) {
      size_t cut = t.find_last_of(' ');
      if (cut != std::string::npos && cut > 0) t.resize(cut);
      else {
        // drop one UTF-8 character: its continuation bytes, then its lead byte
        while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80) t.pop_back();
        if (!t.empty()) t.pop_back();
      }
      if (fonts.width(t + " …", style, size) <= max_width) return t + " …";
    }
    return std::string("…");
  };
  std::vector<HPDF_Page> pages;
  for (int i = 0; i < total; ++i) {
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(page_w));
    HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(page_h));
    pages.push_back(page);
    const Page& p = layout.pages[i];
    draw.start(page);
    for (const auto& r : p.rects) draw.rect(r);
    // Lines: consecutive ones of the same colour and width form one path, stroked once,
    // in which collinear segments that touch or overlap (a column's borders row after
    // row, the bottom of a row and the top of the next) are one segment.
    for (size_t k = 0; k < p.lines.size();) {
      const LineOp& first = p.lines[k];
      size_t end = k;
      while (end < p.lines.size() && p.lines[end].width == first.width && p.lines[end].colour.r == first.colour.r &&
             p.lines[end].colour.g == first.colour.g && p.lines[end].colour.b == first.colour.b)
        ++end;
      const std::vector<LineOp> merged = merge_segments(p.lines.data() + k, p.lines.data() + end);
      draw.stroke(merged.data(), merged.data() + merged.size());
      k = end;
    }
    // Running header and footer.
    double hs = theme.header_footer_size;
    double hy = page_h - mm_to_pt(theme.header_offset_mm);
    const LineOp rule{left, hy - 4, right, hy - 4, 0.5, theme.rule};
    draw.stroke(&rule, &rule + 1);
    std::string footer = "Page " + std::to_string(i + 1) + " / " + std::to_string(total);
    double fw = fonts.width(footer, Regular, hs);
    double hw = fonts.width(document.meta.header, Regular, hs);
    std::string running_title = fit(document.meta.title, Regular, hs, std::max(0.0, right - left - hw - 24));
    double tw = fonts.width(running_title, Regular, hs);
    draw.page_number = i + 1;
    draw.page_count = total;
    draw.begin_text();
    for (const auto& tx : p.texts) draw.text(tx);
    draw.text({left, hy, hs, Regular, theme.muted, document.meta.header});
    draw.text({right - tw, hy, hs, Regular, theme.muted, running_title});
    draw.text({(page_w - fw) / 2, mm_to_pt(theme.footer_offset_mm), hs, Regular, theme.muted, footer});
    draw.end_text();
    draw.flush(err);
  }

  if (err.status != 0) fail("pages", err);
  // Table of contents: titles, dot leaders and the page where each heading landed.
  for (const auto& slot : layout.toc_slots) {
    if (slot.heading >= layout.headings.size()) continue;
    const auto& h = layout.headings[slot.heading];
    draw.start(pages[slot.page]);
    draw.begin_text();
    double size = theme.body_size;
    int style = slot.level == 1 ? Bold : Regular;
    double indent = slot.level == 1 ? 0 : 14;
    std::string num = std::to_string(h.page + 1);
    double nw = fonts.width(num, style, size);
    std::string title = fit(h.title, style, size, right - left - indent - nw - 24);
    draw.text({left + indent, slot.y, size, style, theme.text, title});
    double start = left + indent + fonts.width(title, style, size) + 6, end = right - nw - 6;
    double pair = fonts.width(". ", Regular, size);
    int count = pair > 0 ? static_cast<int>((end - start) / pair) : 0;
    std::string dots;
    for (int k = 0; k < count; ++k) dots += ". ";
    if (!dots.empty()) {
      double dw = fonts.width(dots, Regular, size);
      draw.text({end - dw, slot.y, size, Regular, theme.muted, dots});
    }
    draw.text({right - nw, slot.y, size, style, theme.text, num});
    draw.end_text();
    draw.flush(err);
  }

  if (err.status != 0) fail("sommaire", err);
  // Outline (bookmarks) from level 1 and 2 headings.
  if (!layout.headings.empty()) {
    HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    HPDF_Outline parent = nullptr;
    for (const auto& h : layout.headings) {
      HPDF_Outline o = HPDF_CreateOutline(pdf, h.level == 1 ? nullptr : parent, h.title.c_str(), utf8);
      HPDF_Destination dst = HPDF_Page_CreateDestination(pages[h.page]);
      HPDF_Destination_SetFitH(dst, static_cast<HPDF_REAL>(h.y));
      HPDF_Outline_SetDestination(o, dst);
      HPDF_Outline_SetOpened(o, HPDF_FALSE);
      if (h.level == 1) parent = o;
    }
  }

  if (err.status != 0) fail("signets", err);
  // Info dictionary from the document's metadata; dates from the dossier, never the clock.
  auto info = [&](HPDF_InfoType type, const std::string& v) {
    if (!v.empty()) HPDF_SetInfoAttr(pdf, type, v.c_str());
  };
  info(HPDF_INFO_TITLE, document.meta.title);
  info(HPDF_INFO_AUTHOR, document.meta.author);
  info(HPDF_INFO_SUBJECT, document.meta.subject);
  info(HPDF_INFO_KEYWORDS, document.meta.keywords);
  info(HPDF_INFO_CREATOR, "Trame");
  info(HPDF_INFO_PRODUCER, std::string("Trame ") + TRAME_VERSION + " (libharu)");
  if (document.meta.date.size() == 10) {
    HPDF_Date d{};
    d.year = std::stoi(document.meta.date.substr(0, 4));
    d.month = std::stoi(document.meta.date.substr(5, 2));
    d.day = std::stoi(document.meta.date.substr(8, 2));
    d.ind = 'Z';
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d);
  }

  if (err.status != 0) fail("métadonnées", err);
  if (HPDF_SaveToStream(pdf) != HPDF_OK) fail("enregistrement", err);
  HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
  std::string out(size, '\0');
  HPDF_UINT32 read = size;
  if (HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(out.data()), &read) != HPDF_OK && read != size)
    fail("lecture du flux", err);
  out.resize(read);
  if (err.status != 0) fail("libharu", err);
  // Deflated here by Trame's fast encoder, faster than libharu's own compression (font_streams.hpp).
  if (options.compress) out = deflate_streams(out, true, options.compress_fonts);
  return out;
}

}  // namespace trame::pdf
