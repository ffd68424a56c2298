// content.xml: the document tree as ODF 1.3 text. The body is written first
// (into a fragment) while the automatic styles it needs are registered; then
// the part is assembled: automatic styles, then the body. Automatic styles
// only add what a block changes (alignment, a page break, keep-with-next…)
// to a named style of styles.xml, so a user restyles the document by editing
// the named styles in LibreOffice.
#include <algorithm>
#include <map>

#include "odt/cell_values.hpp"
#include "odt/drawing.hpp"
#include "odt/namespaces.hpp"
#include "odt/numbering.hpp"
#include "odt/odt_writer.hpp"
#include "odt/styles_names.hpp"

namespace trame::odt {
namespace {

using namespace doc;

// ---- Automatic styles ------------------------------------------------------

struct ParaSpec {
  explicit ParaSpec(std::string parent_style, std::string alignment = {}, bool keep = false, bool page_break = false)
      : parent(std::move(parent_style)), align(std::move(alignment)), keep_with_next(keep), break_before(page_break) {}
  std::string parent;
  std::string align;  // "" keeps the parent's alignment
  bool keep_with_next = false;
  bool break_before = false;
  bool bold = false;
  bool outside_outline = false;  // a heading look kept out of the outline and the table of contents
  double margin_top = -1, margin_bottom = -1, font_size = -1;  // points; -1 keeps the parent's

  std::string key() const {
    return parent + '|' + align + '|' + (keep_with_next ? 'k' : '-') + (break_before ? 'b' : '-') + (bold ? 'B' : '-') +
           (outside_outline ? 'o' : '-') + '|' + num(margin_top, 2) + '|' + num(margin_bottom, 2) + '|' +
           num(font_size, 2);
  }
};

// The alignment each named paragraph style already has (styles.xml).
std::string_view named_align(const std::string& style) {
  if (style == "Text_20_body" || style == kStyleSmall || style == "Quotations") return "justify";
  if (style == "Title" || style == "Subtitle") return "center";
  return "start";
}

struct TableStyle {
  std::string name;
  std::vector<double> widths_pt;
  bool break_before = false;
  bool signatures = false;
};

constexpr const char* kRowStyle = "Ligne";

enum CellRole { CellHeader, CellBody, CellTotal, CellSignature, CellRoleCount };
constexpr const char* kCellStyle[CellRoleCount] = {"Cellule_En-tete", "Cellule", "Cellule_Total", "Cellule_Signature"};

enum SpanStyle { SpanBold, SpanItalic, SpanBoldItalic, SpanStyleCount };
constexpr const char* kSpanStyle[SpanStyleCount] = {"T_Gras", "T_Italique", "T_Gras_italique"};

class AutoStyles {
 public:
  // The style to use for `s`: its parent when nothing differs from it, else an automatic style (P1, P2…).
  std::string paragraph(ParaSpec s) {
    if (!s.align.empty() && s.align == named_align(s.parent)) s.align.clear();
    if (s.align.empty() && !s.keep_with_next && !s.break_before && !s.bold && !s.outside_outline && s.margin_top < 0 &&
        s.margin_bottom < 0 && s.font_size < 0)
      return s.parent;
    auto [it, inserted] = by_key_.try_emplace(s.key(), "");
    if (inserted) {
      it->second = 'P' + std::to_string(paras_.size() + 1);
      paras_.emplace_back(it->second, std::move(s));
    }
    return it->second;
  }
  void add_table(TableStyle t) { tables_.push_back(std::move(t)); }
  const char* cell(CellRole r) {
    cells_used_[r] = true;
    return kCellStyle[r];
  }
  const char* span(bool bold, bool italic) {
    SpanStyle s = bold && italic ? SpanBoldItalic : bold ? SpanBold : SpanItalic;
    spans_used_[s] = true;
    return kSpanStyle[s];
  }

  DrawingStyles drawing;  // of images and charts (drawing.cpp)

  void write(XmlWriter& w, const Theme& t) const {
    w.start("office:automatic-styles");
    drawing.write(w);
    for (const auto& [name, p] : paras_) {
      w.start("style:style").attr("style:name", name).attr("style:family", "paragraph")
          .attr("style:parent-style-name", p.parent);
      if (p.outside_outline) w.attr("style:default-outline-level", "");
      w.start("style:paragraph-properties");
      if (!p.align.empty()) w.attr("fo:text-align", p.align);
      if (p.keep_with_next) w.attr("fo:keep-with-next", "always");
      if (p.break_before) w.attr("fo:break-before", "page");
      if (p.margin_top >= 0) w.attr("fo:margin-top", pt(p.margin_top));
      if (p.margin_bottom >= 0) w.attr("fo:margin-bottom", pt(p.margin_bottom));
      if (p.font_size >= 0) w.attr("fo:line-height", "100%");
      w.end();
      if (p.bold || p.font_size >= 0) {
        w.start("style:text-properties");
        if (p.bold) w.attr("fo:font-weight", "bold");
        if (p.font_size >= 0) w.attr("fo:font-size", pt(p.font_size));
        w.end();
      }
      w.end();
    }
    for (int s = 0; s < SpanStyleCount; ++s) {
      if (!spans_used_[s]) continue;
      w.start("style:style").attr("style:name", kSpanStyle[s]).attr("style:family", "text");
      w.start("style:text-properties");
      if (s != SpanItalic) w.attr("fo:font-weight", "bold");
      if (s != SpanBold) w.attr("fo:font-style", "italic");
      w.end();
      w.end();
    }
    const double text_width = mm_to_pt(t.page_width_mm - t.margin_left_mm - t.margin_right_mm);
    for (const auto& tb : tables_) {
      w.start("style:style").attr("style:name", tb.name).attr("style:family", "table");
      w.start("style:table-properties").attr("style:width", pt(text_width)).attr("table:align", "margins");
      if (tb.signatures) {
        w.attr("style:may-break-between-rows", "false");
      } else {
        w.attr("fo:margin-top", "2pt").attr("fo:margin-bottom", pt(t.paragraph_space_after + 4));
      }
      if (tb.break_before) w.attr("fo:break-before", "page");
      w.end();
      w.end();
      for (size_t i = 0; i < tb.widths_pt.size(); ++i) {
        w.start("style:style").attr("style:name", tb.name + "." + column_letters(i)).attr("style:family", "table-column");
        w.start("style:table-column-properties").attr("style:column-width", pt(tb.widths_pt[i]))
            .attr("style:rel-column-width", num(tb.widths_pt[i] * 100, 0) + "*").end();
        w.end();
      }
    }
    if (!tables_.empty()) {  // rows are never split across pages (LibreOffice would cut a row's padding off)
      w.start("style:style").attr("style:name", kRowStyle).attr("style:family", "table-row");
      w.start("style:table-row-properties").attr("fo:keep-together", "always").end();
      w.end();
    }
    const std::string rule = "0.4pt solid " + t.rule.hex();
    for (int r = 0; r < CellRoleCount; ++r) {
      if (!cells_used_[r]) continue;
      w.start("style:style").attr("style:name", kCellStyle[r]).attr("style:family", "table-cell");
      w.start("style:table-cell-properties");
      if (r == CellSignature) {
        w.attr("fo:padding-left", "4pt").attr("fo:padding-right", "4pt").attr("fo:padding-top", "0pt")
            .attr("fo:padding-bottom", "0pt").attr("fo:border", "none");
      } else {
        w.attr("fo:padding", pt(t.cell_padding)).attr("fo:border-left", rule).attr("fo:border-right", rule)
            .attr("fo:border-bottom", rule).attr("fo:border-top", r == CellTotal ? "1pt solid " + t.text.hex() : rule);
        if (r == CellHeader) w.attr("fo:background-color", t.header_fill.hex());
        if (r == CellTotal) w.attr("fo:background-color", t.total_fill.hex());
      }
      w.end();
      w.end();
    }
    w.end();
  }

  // "A".."Z", "AA"…: LibreOffice's names for table columns.
  static std::string column_letters(size_t i) {
    std::string s;
    for (size_t n = i + 1; n > 0; n = (n - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
    return s;
  }

 private:
  std::vector<std::pair<std::string, ParaSpec>> paras_;
  std::map<std::string, std::string> by_key_;
  std::vector<TableStyle> tables_;
  bool cells_used_[CellRoleCount] = {};
  bool spans_used_[SpanStyleCount] = {};
};

// ---- Inlines -----------------------------------------------------------------

// Writes the inline content of one paragraph with ODF's white-space rules: a
// space at the start of the paragraph, after a line break or after another
// space is a text:s (else the reader would collapse it); tabs and newlines in
// text become text:tab and text:line-break.
class InlineWriter {
 public:
  InlineWriter(XmlWriter& w, AutoStyles& styles) : w_(w), styles_(styles) {}

  void write(const Inlines& in, bool already_bold = false) {
    for (const auto& i : in) {
      if (auto* t = std::get_if<Text>(&i)) {
        bool bold = t->bold && !already_bold;
        if (bold || t->italic) {
          w_.start("text:span").attr("text:style-name", styles_.span(bold, t->italic));
          text(t->text);
          w_.end();
        } else {
          text(t->text);
        }
      } else if (std::holds_alternative<LineBreak>(i)) {
        w_.empty("text:line-break");
        collapse_next_ = true;
      } else if (auto* f = std::get_if<Field>(&i)) {
        if (f->kind == Field::PageNumber) w_.start("text:page-number").attr("text:select-page", "current").text("1").end();
        else w_.start("text:page-count").text("1").end();
        collapse_next_ = false;
      }
    }
  }

  void text(std::string_view s) {
    std::string run;
    auto flush = [&] {
      w_.text(run);
      run.clear();
    };
    for (size_t i = 0; i < s.size();) {
      char c = s[i];
      if (c == ' ') {
        size_t j = i;
        while (j < s.size() && s[j] == ' ') ++j;
        size_t n = j - i;
        if (!collapse_next_) {
          run += ' ';
          --n;
        }
        if (n > 0) {
          flush();
          w_.start("text:s");
          if (n > 1) w_.attr("text:c", std::to_string(n));
          w_.end();
        }
        collapse_next_ = true;
        i = j;
      } else if (c == '\t' || c == '\n') {
        flush();
        w_.empty(c == '\t' ? "text:tab" : "text:line-break");
        collapse_next_ = c == '\n';
        ++i;
      } else if (c == '\r') {
        ++i;
      } else {
        run += c;
        collapse_next_ = false;
        ++i;
      }
    }
    flush();
  }

 private:
  XmlWriter& w_;
  AutoStyles& styles_;
  bool collapse_next_ = true;  // at the start of the paragraph
};

// ---- Body ----------------------------------------------------------------------

struct TocEntry {
  int level;
  std::string text;
  std::string bookmark;
};

class BodyWriter {
 public:
  BodyWriter(XmlWriter& w, AutoStyles& styles, const Document& d, const Theme& t, const std::vector<int>* toc_pages)
      : w_(w), st_(styles), d_(d), t_(t), toc_pages_(toc_pages), numbering_(plan_numbering(d)) {
    text_width_ = mm_to_pt(t.page_width_mm - t.margin_left_mm - t.margin_right_mm);
    bool has_toc = false;
    for (const auto& b : d.blocks)
      if (const auto* toc = std::get_if<TableOfContents>(&b)) {
        has_toc = true;
        toc_depth_ = std::clamp(toc->depth, 1, 4);
      }
    if (has_toc)
      for (const auto& b : d.blocks)
        if (auto* h = std::get_if<Heading>(&b); h && in_toc(*h))
          toc_.push_back({h->level, h->number + plain_text(h->content),
                          "__RefHeading___Toc" + std::to_string(toc_.size() + 1)});
  }

  void write() {
    for (const auto& b : d_.blocks) {
      if (std::holds_alternative<PageBreak>(b)) {
        pending_break_ = true;  // carried by the next block (consecutive breaks make one; a final one none)
        continue;
      }
      std::visit([this](const auto& x) { block(x); }, b);
    }
    if (d_.blocks.empty()) w_.start("text:p").attr("text:style-name", "Text_20_body").end();
  }

 private:
  XmlWriter& w_;
  AutoStyles& st_;
  const Document& d_;
  const Theme& t_;
  const std::vector<int>* toc_pages_;  // the PDF's page of each TOC heading, if known
  NumberingPlan numbering_;           // how each heading is numbered
  size_t headings_ = 0;
  double text_width_ = 0;
  std::vector<TocEntry> toc_;
  size_t next_toc_ = 0;
  bool pending_break_ = false;
  int tables_ = 0, signature_tables_ = 0, tocs_ = 0;

  int toc_depth_ = 2;  // headings down to this level are in the table of contents
  bool in_toc(const Heading& h) const { return h.numbered_toc && h.level <= toc_depth_; }
  static int clamp_level(int level) { return std::clamp(level, 1, 4); }

  bool take_break() {
    bool b = pending_break_;
    pending_break_ = false;
    return b;
  }

  void paragraph_element(const std::string& style, const Inlines& content, bool already_bold = false) {
    w_.start("text:p").attr("text:style-name", style);
    InlineWriter(w_, st_).write(content, already_bold);
    w_.end();
  }
  void text_paragraph(const std::string& style, const std::string& text) {
    w_.start("text:p").attr("text:style-name", style);
    InlineWriter(w_, st_).text(text);
    w_.end();
  }

  void block(const Heading& h) {
    int level = clamp_level(h.level);
    ParaSpec spec{"Heading_20_" + std::to_string(level)};
    spec.break_before = take_break();
    const NumberingPlan::Heading plan =
        headings_ < numbering_.headings.size() ? numbering_.headings[headings_++] : NumberingPlan::Heading{};
    if (!h.numbered_toc) {
      // Looks like a heading, but is body text for the outline, the navigator and the table of contents.
      spec.outside_outline = true;
      paragraph_element(st_.paragraph(spec), heading_inlines(h));
      return;
    }
    // A heading numbered by a list style sits in a one-item list that continues the previous one.
    const bool in_list = plan.kind == NumberingPlan::List;
    if (in_list) {
      const std::string& list = numbering_.schemes[h.numbering].list_style;
      w_.start("text:list").attr("text:style-name", list);
      if (plan.first_of_list) w_.attr("xml:id", list);
      else w_.attr("text:continue-list", list);
      w_.start("text:list-item");
      if (plan.start_value > 0) w_.attr("text:start-value", std::to_string(plan.start_value));
    }
    w_.start("text:h").attr("text:style-name", st_.paragraph(spec)).attr("text:outline-level", std::to_string(level));
    if (plan.list_header) w_.attr("text:is-list-header", "true");
    if (plan.kind == NumberingPlan::Outline && plan.start_value > 0)
      w_.attr("text:restart-numbering", "true").attr("text:start-value", std::to_string(plan.start_value));
    // The label the style makes, as readers that do not count (text:number) see it.
    if (plan.kind != NumberingPlan::Text) w_.start("text:number").text(h.number).end();
    if (in_toc(h) && next_toc_ < toc_.size()) w_.start("text:bookmark").attr("text:name", toc_[next_toc_++].bookmark).end();
    InlineWriter(w_, st_).write(plan.kind == NumberingPlan::Text ? heading_inlines(h) : h.content);
    w_.end();
    if (in_list) w_.end().end();
  }

  static const char* paragraph_style(const std::string& style) {
    if (style == "address") return kStyleAddress;
    if (style == "small") return kStyleSmall;
    if (style == "quote") return "Quotations";
    if (style == "title") return "Title";
    if (style == "subtitle") return "Subtitle";
    return "Text_20_body";
  }
  static const char* align_value(Align a) {
    switch (a) {
      case Align::Left: return "start";
      case Align::Center: return "center";
      case Align::Right: return "end";
      case Align::Justify: return "justify";
    }
    return "start";
  }

  void block(const Paragraph& p) {
    ParaSpec spec{paragraph_style(p.style), align_value(p.align), p.keep_with_next, take_break()};
    paragraph_element(st_.paragraph(spec), p.content);
  }

  void block(const List& l) {
    if (l.items.empty()) return;
    size_t i = 0;
    list_level(l, i, 0, true);
  }

  static int item_level(const ListItem& it) { return std::clamp(it.level, 0, 9); }

  // Items from `i` at `level` or deeper, as one text:list; deeper items nest in the previous item.
  void list_level(const List& l, size_t& i, int level, bool outermost) {
    w_.start("text:list");
    if (outermost) w_.attr("text:style-name", l.ordered ? kListNumbered : kListBullet);
    while (i < l.items.size() && item_level(l.items[i]) >= level) {
      w_.start("text:list-item");
      if (item_level(l.items[i]) == level) {
        ParaSpec spec{"List_20_Contents"};
        spec.break_before = take_break();
        if (i + 1 == l.items.size()) spec.margin_bottom = t_.paragraph_space_after;  // space after the list
        paragraph_element(st_.paragraph(spec), l.items[i].content);
        ++i;
      }
      if (i < l.items.size() && item_level(l.items[i]) > level) list_level(l, i, level + 1, false);
      w_.end();
    }
    w_.end();
  }

  static size_t columns_of(const Table& t) {
    size_t cols = t.widths.size();
    for (const auto& r : t.rows) {
      size_t n = 0;
      for (const auto& c : r.cells) n += std::max(1, c.colspan);
      cols = std::max(cols, n);
    }
    return std::max<size_t>(cols, 1);
  }

  void block(const Table& t) {
    bool brk = take_break();
    if (!t.caption.empty()) {
      ParaSpec spec{kStyleCaption};
      spec.break_before = brk;
      text_paragraph(st_.paragraph(spec), t.caption);
      brk = false;
    }
    if (t.rows.empty()) return;  // ODF tables need a row; a caption alone stays

    const size_t cols = columns_of(t);
    std::vector<double> rel(cols, 1.0);
    double sum = 0;
    for (size_t i = 0; i < cols; ++i) {
      if (i < t.widths.size() && t.widths[i] > 0) rel[i] = t.widths[i];
      sum += rel[i];
    }
    TableStyle style{"Tableau" + std::to_string(++tables_), {}, brk, false};
    for (double r : rel) style.widths_pt.push_back(r / sum * text_width_);
    std::string name = style.name;
    st_.add_table(std::move(style));

    w_.start("table:table").attr("table:name", name).attr("table:style-name", name);
    for (size_t i = 0; i < cols; ++i)
      w_.start("table:table-column").attr("table:style-name", name + "." + AutoStyles::column_letters(i)).end();
    size_t r = 0;
    if (t.rows[0].header) {  // repeated by readers at the top of each page the table runs onto
      w_.start("table:table-header-rows");
      while (r < t.rows.size() && t.rows[r].header) row(t.rows[r++], cols);
      w_.end();
    }
    for (; r < t.rows.size(); ++r) row(t.rows[r], cols);
    w_.end();
  }

  void row(const TableRow& r, size_t cols) {
    w_.start("table:table-row").attr("table:style-name", kRowStyle);
    const char* cell_style = st_.cell(r.header ? CellHeader : r.total ? CellTotal : CellBody);
    const char* named = r.header ? "Table_20_Heading" : r.total ? kStyleTableTotal : "Table_20_Contents";
    size_t used = 0;
    for (const auto& c : r.cells) {
      if (used >= cols) break;
      size_t span = std::min<size_t>(std::max(1, c.colspan), cols - used);
      w_.start("table:table-cell").attr("table:style-name", cell_style);
      value_attributes(c.content);
      if (span > 1) w_.attr("table:number-columns-spanned", std::to_string(span));
      bool bold_row = r.header || r.total;
      ParaSpec spec{named, align_value(c.align)};
      spec.bold = c.bold && !bold_row;
      paragraph_element(st_.paragraph(spec), c.content, bold_row || c.bold);
      w_.end();
      if (span > 1) {
        w_.start("table:covered-table-cell");
        if (span > 2) w_.attr("table:number-columns-repeated", std::to_string(span - 1));
        w_.end();
      }
      used += span;
    }
    for (; used < cols; ++used) {
      w_.start("table:table-cell").attr("table:style-name", cell_style).attr("office:value-type", "string");
      w_.start("text:p").attr("text:style-name", named).end();
      w_.end();
    }
    w_.end();
  }

  // An amount or a percentage is stored as a number under its French text (cell_values.cpp).
  void value_attributes(const Inlines& content) {
    const auto v = cell_value(content);
    if (!v) {
      w_.attr("office:value-type", "string");
      return;
    }
    const std::string value = num(v->value, v->kind == CellValue::Currency ? 2 : 6);
    if (v->kind == CellValue::Currency)
      w_.attr("office:value-type", "currency").attr("office:currency", "EUR").attr("office:value", value);
    else
      w_.attr("office:value-type", "percentage").attr("office:value", value);
  }

  void block(const SignatureBlock& s) {
    bool brk = take_break();
    if (!s.place_date.empty()) {
      // Spaced as in the PDF (8pt above and below) and kept with the signatures.
      ParaSpec spec{"Text_20_body", "start", true, brk};
      spec.margin_top = 8;
      spec.margin_bottom = 8;
      text_paragraph(st_.paragraph(spec), s.place_date);
      brk = false;
    }
    if (s.signatories.empty()) return;
    const size_t per_row = std::min<size_t>(3, s.signatories.size());
    TableStyle style{"Signatures" + std::to_string(++signature_tables_), {}, brk, true};
    style.widths_pt.assign(per_row, text_width_ / per_row);
    std::string name = style.name;
    st_.add_table(std::move(style));

    const std::string signature = "Signature";
    ParaSpec last{"Signature"};
    last.margin_bottom = 62;  // room to sign, as in the PDF
    const std::string role_style = st_.paragraph(last);
    const char* cell = st_.cell(CellSignature);
    w_.start("table:table").attr("table:name", name).attr("table:style-name", name);
    w_.start("table:table-column").attr("table:style-name", name + ".A");
    if (per_row > 1) w_.attr("table:number-columns-repeated", std::to_string(per_row));
    w_.end();
    for (size_t i = 0; i < s.signatories.size(); i += per_row) {
      w_.start("table:table-row").attr("table:style-name", kRowStyle);
      for (size_t k = 0; k < per_row; ++k) {
        w_.start("table:table-cell").attr("table:style-name", cell).attr("office:value-type", "string");
        if (i + k < s.signatories.size()) {
          const Signatory& g = s.signatories[i + k];
          text_paragraph(signature, "Pour " + g.organisation);
          paragraph_element(signature, {Text{g.name, true}});
          text_paragraph(role_style, g.role);
        } else {
          w_.start("text:p").attr("text:style-name", signature).end();
        }
        w_.end();
      }
      w_.end();
    }
    w_.end();
  }

  void block(const TableOfContents& toc) {
    std::string name = "Sommaire" + std::to_string(++tocs_);
    ParaSpec title_spec{"Contents_20_Heading"};
    title_spec.break_before = take_break();
    w_.start("text:table-of-content").attr("text:name", name).attr("text:protected", "true");
    w_.start("text:table-of-content-source").attr("text:outline-level", std::to_string(toc_depth_))
        .attr("text:use-index-marks", "false");
    w_.start("text:index-title-template").attr("text:style-name", "Contents_20_Heading").text(toc.title).end();
    for (int level = 1; level <= toc_depth_; ++level) {
      w_.start("text:table-of-content-entry-template").attr("text:outline-level", std::to_string(level))
          .attr("text:style-name", "Contents_20_" + std::to_string(level));
      w_.start("text:index-entry-link-start").attr("text:style-name", "Index_20_Link").end();
      w_.empty("text:index-entry-chapter");
      w_.empty("text:index-entry-text");
      w_.start("text:index-entry-tab-stop").attr("style:type", "right").attr("style:leader-char", ".").end();
      w_.empty("text:index-entry-page-number");
      w_.start("text:index-entry-link-end").end();
      w_.end();
    }
    w_.end();
    // Pre-filled entries, so the table shows before the user updates it: each links to
    // its heading's bookmark and gives the page through a page reference field, which
    // LibreOffice computes when it lays the document out.
    w_.start("text:index-body");
    w_.start("text:index-title").attr("text:name", name + "_Titre");
    text_paragraph(st_.paragraph(title_spec), toc.title);
    w_.end();
    for (size_t i = 0; i < toc_.size(); ++i) {
      const TocEntry& e = toc_[i];
      const bool known = toc_pages_ && toc_pages_->size() == toc_.size();
      w_.start("text:p").attr("text:style-name", "Contents_20_" + std::to_string(e.level));
      w_.start("text:a").attr("xlink:type", "simple").attr("xlink:href", "#" + e.bookmark)
          .attr("text:style-name", "Index_20_Link").attr("text:visited-style-name", "Index_20_Link");
      InlineWriter(w_, st_).text(e.text);
      w_.empty("text:tab");
      w_.start("text:bookmark-ref").attr("text:reference-format", "page").attr("text:ref-name", e.bookmark)
          .text(known ? std::to_string((*toc_pages_)[i]) : "1").end();
      w_.end();
      w_.end();
    }
    w_.end();
    w_.end();
  }

  void block(const Spacer& s) {
    // An empty 1pt line with the space above it (less the line itself).
    ParaSpec spec{"Standard"};
    spec.break_before = take_break();
    spec.margin_top = std::max(0.0, s.points - 1);
    spec.margin_bottom = 0;
    spec.font_size = 1;
    w_.start("text:p").attr("text:style-name", st_.paragraph(spec)).end();
  }

  void block(const PageBreak&) { pending_break_ = true; }

  // Images and charts (drawing.cpp).
  int images_ = 0, charts_ = 0;
  void block(const Image& im) {
    ParaSpec spec{"Standard", align_value(im.align), false, take_break()};
    spec.margin_bottom = t_.paragraph_space_after;
    write_image(w_, st_.drawing, im, st_.paragraph(spec), ++images_);
  }
  void block(const Chart& c) {
    ParaSpec spec{kStyleCaption, "", true, take_break()};
    if (!c.caption.empty()) {
      text_paragraph(st_.paragraph(spec), c.caption);
    } else if (spec.break_before) {
      spec.parent = "Standard";
      spec.keep_with_next = false;
      w_.start("text:p").attr("text:style-name", st_.paragraph(spec)).end();
    }
    write_chart(w_, st_.drawing, odt_chart_picture(c, text_width_, t_), c.alt.empty() ? c.caption : c.alt, ++charts_);
  }
};

}  // namespace

std::string content_xml(const doc::Document& document, const doc::Theme& theme, const std::vector<int>* toc_pages) {
  AutoStyles styles;
  XmlWriter body(XmlWriter::Fragment);
  BodyWriter(body, styles, document, theme, toc_pages).write();
  std::string body_xml = body.finish();

  XmlWriter w;
  start_root(w, "office:document-content", theme.font.name);
  styles.write(w, theme);
  w.start("office:body");
  w.start("office:text");
  w.raw(body_xml);
  w.end();
  w.end();
  w.end();
  return w.finish();
}

}  // namespace trame::odt
