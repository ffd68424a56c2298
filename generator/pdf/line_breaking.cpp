#include "pdf/line_breaking.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

namespace trame::pdf {

using namespace doc;

namespace {

bool is_space_glue_before(char32_t next) { return next == ':' || next == ';' || next == '!' || next == '?' || next == 0xBB; }

}  // namespace

std::vector<Word> LineBreaker::words_of(const Inlines& in, int base_style) {
  if (!kept_.empty()) {
    if (auto k = kept_.find({&in, base_style}); k != kept_.end()) {
      std::vector<Word> words = std::move(k->second);
      kept_.erase(k);
      return words;
    }
  }
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
std::vector<Word> LineBreaker::split_at_hyphens(std::vector<Word> words) {
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

double LineBreaker::word_width(const Word& w, double size) {
  double total = 0;
  for (const auto& p : w.pieces) total += fonts_.width(p.text, p.style, size);
  return total;
}

// Splits word `w` at a hyphenation point so that its first part plus a hyphen fits in `room`.
bool LineBreaker::hyphenate(const Word& w, double size, double room, Word& head, Word& tail) {
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

bool LineBreaker::cut(const Word& w, double size, double room, Word& head, Word& tail) {
  double used = 0;
  for (size_t k = 0; k < w.pieces.size(); ++k) {
    const Piece& p = w.pieces[k];
    if (p.field >= 0) {
      used += fonts_.width(p.text, p.style, size);
      continue;
    }
    for (size_t i = 0; i < p.text.size();) {
      const size_t start = i;
      next_code_point(p.text, i);
      used += fonts_.width(std::string_view(p.text).substr(start, i - start), p.style, size);
      if (used <= room) continue;
      if (k == 0 && start == 0) return false;  // not even one character fits
      head = Word{{w.pieces.begin(), w.pieces.begin() + static_cast<long>(k)}, 0, false, false};
      tail = Word{{}, 0, w.space_after, w.forced_break, w.soft_after};
      if (start > 0) head.pieces.push_back({p.text.substr(0, start), p.style});
      tail.pieces.push_back({p.text.substr(start), p.style});
      tail.pieces.insert(tail.pieces.end(), w.pieces.begin() + static_cast<long>(k) + 1, w.pieces.end());
      return !head.pieces.empty();
    }
  }
  return false;
}

std::vector<Line> LineBreaker::break_lines(std::vector<Word> words, double size, double max_width, bool justify) {
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
        // A word wider than the line: hyphenated at a dictionary point, else cut where the
        // line ends (an e-mail address, a long number, a name): it never overflows.
        Word head, tail;
        const bool hyphenated = hyphenate(w, size, max_width, head, tail);
        if (hyphenated || cut(w, size, max_width, head, tail)) {
          head.width = word_width(head, size);
          tail.width = 0;
          cur.natural = head.width;
          cur.words.push_back(std::move(head));
          cur.hyphen = hyphenated;
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
void LineBreaker::draw_line(const Line& line, double x, double baseline, double max_width, double size, Align align,
                            const Rgb& colour, Page& pg, bool as_last) {
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
  // Whether a style's space is as wide as the line's (Regular) one, asked once a style.
  std::array<int, 4> same_space{-1, -1, -1, -1};
  auto space_matches = [&](int style) {
    int& known = same_space[static_cast<size_t>(style)];
    if (known < 0) known = fonts_.width(" ", style, size) == space ? 1 : 0;
    return known == 1;
  };
  auto flush = [&] {
    if (!run.empty()) pg.texts.push_back({run_x, baseline, size, run_style, colour, std::move(run), -1, extra});
    run.clear();
    run_style = -1;
  };
  for (size_t k = 0; k < line.words.size(); ++k) {
    const Word& w = line.words[k];
    const double word_x = cx;
    // A linked word is a text of its own, which its Link structure element holds.
    const std::string uri = w.pieces.size() == 1 && w.pieces[0].field < 0 ? link_target(w.pieces[0].text) : std::string();
    if (!uri.empty()) flush();
    for (const auto& p : w.pieces) {
      // A one-piece word was measured when the line was broken, at this size.
      const double pw = w.pieces.size() == 1 && w.width > 0 ? w.width : fonts_.width(p.text, p.style, size);
      if (p.field >= 0) {
        flush();
        pg.texts.push_back({cx, baseline, size, p.style, colour, p.text, p.field});
      } else if (p.style == run_style && (!space_pending || space_matches(p.style))) {
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
    if (!uri.empty()) {
      flush();
      pg.links.push_back({word_x, baseline - size * 0.25, cx, baseline + size * 0.85, uri,
                          static_cast<int>(pg.texts.size()) - 1});
    }
    if (!w.soft_after) {
      cx += space + extra;
      space_pending = true;
    }
  }
  flush();
}

std::string link_target(const std::string& word) {
  // Most words are none: a link holds "://", "www." or '@' (tested in one pass, without a copy).
  const std::string_view v = word;
  bool candidate = false;
  for (size_t i = 0; i < v.size() && !candidate; ++i)
    candidate = v[i] == '@' || (v[i] == ':' && v.substr(i, 3) == "://") || (v[i] == 'w' && v.substr(i, 4) == "www.");
  if (!candidate) return "";
  std::string w = word;
  while (!w.empty() && std::strchr(".,;:!?)»\"'", w.back())) w.pop_back();
  while (!w.empty() && std::strchr("(«\"'", w.front())) w.erase(0, 1);
  if (w.rfind("http://", 0) == 0 || w.rfind("https://", 0) == 0) return w;
  if (w.rfind("www.", 0) == 0 && w.size() > 6) return "https://" + w;
  const size_t at = w.find('@');
  if (at != std::string::npos && at > 0 && w.find('.', at) != std::string::npos && w.find('@', at + 1) == std::string::npos &&
      std::all_of(w.begin(), w.end(), [](char c) { return c > 0x20 && c < 0x7F && !std::strchr("<>()[]\\,;:\"", c); }))
    return "mailto:" + w;
  return "";
}

}  // namespace trame::pdf
