#include "document/french_spacing.hpp"

#include <algorithm>

namespace trame::doc {
namespace {

constexpr const char* kNbsp = "\xC2\xA0";            // U+00A0
constexpr const char* kNarrowNbsp = "\xE2\x80\xAF";  // U+202F

// The space a French text puts before `next` (a code point), or nullptr if a breaking one will do.
const char* space_before(char32_t next) {
  if (next == ':' || next == 0xBB) return kNbsp;  // « : », « … »
  if (next == ';' || next == '!' || next == '?' || next == '%') return kNarrowNbsp;
  return nullptr;
}

char32_t first_code_point(const std::string& s, size_t i) {
  if (i >= s.size()) return 0;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return c;
  int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> n);
  for (int k = 1; k <= n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

bool ends_with_open_guillemet(const std::string& s) { return s.size() >= 2 && s.compare(s.size() - 2, 2, "\xC2\xAB") == 0; }

// Rewrites the spaces of `text`; `before` is the text just before it (the previous run's end) and
// `after` the first code point after it (the next run's start), 0 if none.
std::string respace(const std::string& text, bool after_open_guillemet, char32_t after) {
  std::string out;
  out.reserve(text.size() + 8);
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != ' ') {  // the run up to the next space, as it is
      const size_t space = std::min(text.find(' ', i), text.size());
      out.append(text, i, space - i);
      i = space;
      continue;
    }
    size_t j = i;
    while (j < text.size() && text[j] == ' ') ++j;
    char32_t next = j < text.size() ? first_code_point(text, j) : after;
    const char* glue = space_before(next);
    bool opened = out.empty() ? after_open_guillemet : ends_with_open_guillemet(out);
    if (!glue && opened) glue = kNbsp;
    if (glue) {
      out += glue;
    } else {
      out.append(text, i, j - i);
    }
    i = j;
  }
  return out;
}

// Whether respace() would change `text`: only a space before : ; ! ? % » (or before `after`
// at the end) or after « (or at the start after `after_open_guillemet`) is rewritten. Most
// runs hold none of those characters and are left as they are, uncopied. (The bytes \xAB
// and \xBB end « and »; another character ending so is only a needless rewrite.)
bool needs_respace(const std::string& text, bool after_open_guillemet, char32_t after) {
  for (const char c : text)
    switch (c) {
      case ':': case ';': case '!': case '?': case '%': case '\xAB': case '\xBB': return true;
      default: break;
    }
  if (after_open_guillemet && !text.empty() && text.front() == ' ') return true;
  return !text.empty() && text.back() == ' ' && space_before(after);
}

// The runs of one sequence of inlines, each rewritten with its neighbours in view.
void respace(Inlines& inlines) {
  for (size_t k = 0; k < inlines.size(); ++k) {
    auto* t = std::get_if<Text>(&inlines[k]);
    if (!t || t->text.find(' ') == std::string::npos) continue;
    bool opened = false;
    if (k > 0)
      if (auto* p = std::get_if<Text>(&inlines[k - 1])) opened = ends_with_open_guillemet(p->text);
    char32_t after = 0;
    if (k + 1 < inlines.size())
      if (auto* n = std::get_if<Text>(&inlines[k + 1])) after = first_code_point(n->text, 0);
    if (needs_respace(t->text, opened, after)) t->text = respace(t->text, opened, after);
  }
}

}  // namespace

std::string french_spacing(const std::string& text) {
  if (text.find(' ') == std::string::npos || !needs_respace(text, false, 0)) return text;
  return respace(text, false, 0);
}

void apply_french_spacing(Document& document) {
  Metadata& m = document.meta;
  for (std::string* s : {&m.title, &m.subject, &m.keywords, &m.header}) *s = french_spacing(*s);
  for (Numbering& n : document.numberings) {
    n.prefix = french_spacing(n.prefix);
    n.suffix = french_spacing(n.suffix);
  }
  for (Block& b : document.blocks) {
    if (auto* h = std::get_if<Heading>(&b)) {
      h->number = french_spacing(h->number);
      respace(h->content);
    }
    else if (auto* p = std::get_if<Paragraph>(&b)) respace(p->content);
    else if (auto* l = std::get_if<List>(&b))
      for (auto& item : l->items) respace(item.content);
    else if (auto* t = std::get_if<Table>(&b)) {
      t->caption = french_spacing(t->caption);
      for (auto& row : t->rows)
        for (auto& cell : row.cells) respace(cell.content);
    } else if (auto* s = std::get_if<SignatureBlock>(&b)) {
      s->place_date = french_spacing(s->place_date);
      for (auto& who : s->signatories)
        for (std::string* x : {&who.organisation, &who.name, &who.role}) *x = french_spacing(*x);
    } else if (auto* c = std::get_if<TableOfContents>(&b)) {
      c->title = french_spacing(c->title);
    } else if (auto* ch = std::get_if<Chart>(&b)) {
      for (std::string* x : {&ch->caption, &ch->alt}) *x = french_spacing(*x);
      for (auto& name : ch->series) name = french_spacing(name);
    } else if (auto* im = std::get_if<Image>(&b)) {
      im->alt = french_spacing(im->alt);
    }
  }
}

}  // namespace trame::doc
