// content.xml: the document tree as ODF 1.3 text, with the automatic styles it needs.
#include <map>
#include <set>

#include "odt/namespaces.hpp"
#include "odt/odt_writer.hpp"

namespace trame::odt {
namespace {

using namespace doc;

const char* para_style_name(const std::string& style) {
  if (style == "address") return "Adresse";
  if (style == "small") return "Petit_20_texte";
  if (style == "quote") return "Quotations";
  if (style == "title") return "Title";
  if (style == "subtitle") return "Subtitle";
  return "Text_20_body";
}

const char* align_value(Align a) {
  switch (a) {
    case Align::Left: return "start";
    case Align::Center: return "center";
    case Align::Right: return "end";
    case Align::Justify: return "justify";
  }
  return "start";
}

// Automatic styles are collected while the body is written, then emitted first.
struct Styles {
  // paragraph variants: name -> (parent, align, keep-with-next, break-before, margin-top points)
  struct Para {
    std::string parent;
    std::string align;
    bool keep = false;
    bool page_break = false;
    double space = -1;
  };
  std::map<std::string, Para> paras;
  std::vector<std::pair<std::string, double>> tables;  // name, width cm
  std::vector<std::pair<std::string, double>> columns;  // name, width cm (rel from width)
  bool signature_table = false;

  std::string para(const std::string& parent, const std::string& align, bool keep = false, bool page_break = false,
                   double space = -1) {
    std::string key = "P_" + parent + "_" + align + (keep ? "_k" : "") + (page_break ? "_b" : "") +
                      (space >= 0 ? "_s" + std::to_string(static_cast<int>(space * 10)) : "");
    paras.emplace(key, Para{parent, align, keep, page_break, space});
    return key;
  }
};

class ContentWriter {
 public:
  ContentWriter(const Document& d, const Theme& t) : d_(d), t_(t) {}

  std::string write() {
    // The body first (collecting automatic styles), then the whole document.
    XmlWriter body_probe;  // unused: we write twice into one writer below for simplicity
    (void)body_probe;
    XmlWriter w;
    w.start("office:document-content");
    write_namespaces(w);
    w.attr("office:version", "1.3");
    collect_styles();
    write_automatic_styles(w);
    w.start("office:body");
    w.start("office:text");
    for (const auto& b : d_.blocks) block(w, b);
    w.end();
    w.end();
    w.end();
    return w.finish();
  }

 private:
  const Document& d_;
  const Theme& t_;
  Styles s_;
  int table_no_ = 0;
  bool pending_break_ = false;

  double text_width_cm() const { return (t_.page_width_mm - t_.margin_left_mm - t_.margin_right_mm) / 10.0; }

  // Style names are derived from the block, so a first pass can register them all.
  std::string para_name(const Paragraph& p, bool page_break) {
    const char* parent = para_style_name(p.style);
    return s_.para(parent, align_value(p.align), p.keep_with_next, page_break);
  }

  void collect_styles() {
    bool brk = false;
    int tables = 0;
    for (const auto& b : d_.blocks) {
      if (std::holds_alternative<PageBreak>(b)) {
        brk = true;
        continue;
      }
      if (auto* p = std::get_if<Paragraph>(&b)) para_name(*p, brk);
      else if (auto* h = std::get_if<Heading>(&b)) {
        if (brk) s_.para("Heading_20_" + std::to_string(std::clamp(h->level, 1, 4)), "start", true, true);
      } else if (auto* sp = std::get_if<Spacer>(&b)) {
        s_.para("Standard", "start", false, brk, sp->points);
      } else if (auto* tb = std::get_if<Table>(&b)) {
        ++tables;
        if (brk || !tb->caption.empty()) s_.para("Legende", "start", true, brk);
        if (brk && tb->caption.empty()) s_.para("Text_20_body", "start", true, true);
        for (const auto& r : tb->rows)
          for (const auto& c : r.cells) cell_para(r, c);
      } else if (std::holds_alternative<SignatureBlock>(b)) {
        s_.para("Text_20_body", "start", true, brk);
        s_.signature_table = true;
      } else if (std::holds_alternative<List>(b) || std::holds_alternative<TableOfContents>(b)) {
        if (brk) s_.para("Text_20_body", "start", false, true);
      }
      brk = false;
    }
    if (brk) s_.para("Text_20_body", "start", false, true);
    (void)tables;
  }

  std::string cell_para(const TableRow& r, const TableCell& c) {
    const char* parent = r.header ? "Table_20_Heading" : (r.total || c.bold) ? "Total_20_de_20_tableau" : "Table_20_Contents";
    return s_.para(parent, align_value(c.align));
  }

  void write_automatic_styles(XmlWriter& w) {
    w.start("office:automatic-styles");
    for (const auto& [name, p] : s_.paras) {
      w.start("style:style").attr("style:name", name).attr("style:family", "paragraph").attr("style:parent-style-name", p.parent);
      w.start("style:paragraph-properties").attr("fo:text-align", p.align);
      if (p.keep) w.attr("fo:keep-with-next", "always");
      if (p.page_break) w.attr("fo:break-before", "page");
      if (p.space >= 0) w.attr("fo:margin-top", pt(p.space)).attr("fo:margin-bottom", "0pt");
      w.end();
      if (p.space >= 0) w.start("style:text-properties").attr("fo:font-size", "1pt").end();
      w.end();
    }
    // Text styles for bold / italic runs.
    const std::pair<const char*, std::pair<bool, bool>> spans[] = {
        {"T_b", {true, false}}, {"T_i", {false, true}}, {"T_bi", {true, true}}};
    for (const auto& [name, bi] : spans) {
      w.start("style:style").attr("style:name", name).attr("style:family", "text");
      w.start("style:text-properties");
      if (bi.first) w.attr("fo:font-weight", "bold");
      if (bi.second) w.attr("fo:font-style", "italic");
      w.end();
      w.end();
    }
    // Tables: one style a table (full text width), cells by role.
    int n = 0;
    for (const auto& b : d_.blocks) {
      auto* tb = std::get_if<Table>(&b);
      if (!tb) continue;
      ++n;
      std::string name = "Tab" + std::to_string(n);
      w.start("style:style").attr("style:name", name).attr("style:family", "table");
      w.start("style:table-properties").attr("style:width", cm(text_width_cm())).attr("table:align", "margins")
          .attr("fo:margin-top", pt(4)).attr("fo:margin-bottom", pt(8)).end();
      w.end();
      double total = 0;
      size_t cols = columns_of(*tb);
      for (size_t i = 0; i < cols; ++i) total += width_of(*tb, i);
      for (size_t i = 0; i < cols; ++i) {
        double rel = width_of(*tb, i) / total;
        w.start("style:style").attr("style:name", name + ".C" + std::to_string(i + 1)).attr("style:family", "table-column");
        w.start("style:table-column-properties").attr("style:column-width", cm(text_width_cm() * rel))
            .attr("style:rel-column-width", std::to_string(static_cast<int>(rel * 10000 + 0.5)) + "*").end();
        w.end();
      }
    }
    const std::string border = "0.5pt solid " + t_.rule.hex();
    auto cell_style = [&](const char* name, const std::string& fill, bool top_rule) {
      w.start("style:style").attr("style:name", name).attr("style:family", "table-cell");
      w.start("style:table-cell-properties").attr("fo:padding", pt(t_.cell_padding)).attr("fo:border-left", border)
          .attr("fo:border-right", border).attr("fo:border-bottom", border)
          .attr("fo:border-top", top_rule ? "1pt solid " + t_.text.hex() : border);
      if (!fill.empty()) w.attr("fo:background-color", fill);
      w.end();
      w.end();
    };
    cell_style("CellH", t_.header_fill.hex(), false);
    cell_style("CellB", "", false);
    cell_style("CellT", t_.total_fill.hex(), true);
    if (s_.signature_table) {
      w.start("style:style").attr("style:name", "TabSig").attr("style:family", "table");
      w.start("style:table-properties").attr("style:width", cm(text_width_cm())).attr("table:align", "margins")
          .attr("fo:keep-with-next", "always").attr("style:may-break-between-rows", "false").end();
      w.end();
      w.start("style:style").attr("style:name", "TabSigRow").attr("style:family", "table-row");
      w.start("style:table-row-properties").attr("fo:keep-together", "always").end();
      w.end();
      w.start("style:style").attr("style:name", "CellSig").attr("style:family", "table-cell");
      w.start("style:table-cell-properties").attr("fo:padding", pt(4)).attr("fo:border", "none").end();
      w.end();
    }
    w.end();
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
  static double width_of(const Table& t, size_t i) { return i < t.widths.size() && t.widths[i] > 0 ? t.widths[i] : 1.0; }

  // Text with ODF whitespace rules: runs of spaces as text:s, tabs, line breaks.
  static void write_text(XmlWriter& w, const std::string& s) {
    std::string buf;
    size_t i = 0;
    while (i < s.size()) {
      if (s[i] == ' ' && (i + 1 < s.size() && s[i + 1] == ' ')) {
        size_t j = i;
        while (j < s.size() && s[j] == ' ') ++j;
        buf += ' ';
        w.text(buf);
        buf.clear();
        w.start("text:s").attr("text:c", std::to_string(j - i - 1)).end();
        i = j;
      } else if (s[i] == '\t') {
        w.text(buf);
        buf.clear();
        w.empty("text:tab");
        ++i;
      } else if (s[i] == '\n') {
        w.text(buf);
        buf.clear();
        w.empty("text:line-break");
        ++i;
      } else {
        buf += s[i++];
      }
    }
    if (!buf.empty()) w.text(buf);
  }

  static void inlines(XmlWriter& w, const Inlines& in, bool force_bold = false) {
    for (const auto& i : in) {
      if (auto* t = std::get_if<Text>(&i)) {
        bool b = t->bold && !force_bold, it = t->italic;
        if (b || it) {
          w.start("text:span").attr("text:style-name", b && it ? "T_bi" : b ? "T_b" : "T_i");
          write_text(w, t->text);
          w.end();
        } else {
          write_text(w, t->text);
        }
      } else if (std::holds_alternative<LineBreak>(i)) {
        w.empty("text:line-break");
      } else if (auto* f = std::get_if<Field>(&i)) {
        if (f->kind == Field::PageNumber) w.start("text:page-number").attr("text:select-page", "current").text("1").end();
        else w.start("text:page-count").text("1").end();
      }
    }
  }

  void paragraph(XmlWriter& w, const std::string& style, const Inlines& content) {
    w.start("text:p").attr("text:style-name", style);
    inlines(w, content);
    w.end();
  }

  void block(XmlWriter& w, const Block& b) {
    bool brk = pending_break_;
    if (std::holds_alternative<PageBreak>(b)) {
      pending_break_ = true;
      return;
    }
    pending_break_ = false;
    if (auto* p = std::get_if<Paragraph>(&b)) {
      paragraph(w, para_name(*p, brk), p->content);
    } else if (auto* h = std::get_if<Heading>(&b)) {
      int level = std::clamp(h->level, 1, 4);
      std::string style = "Heading_20_" + std::to_string(level);
      if (brk) style = s_.para(style, "start", true, true);
      w.start("text:h").attr("text:style-name", style).attr("text:outline-level", std::to_string(level));
      inlines(w, h->content);
      w.end();
    } else if (auto* l = std::get_if<List>(&b)) {
      if (brk) w.start("text:p").attr("text:style-name", s_.para("Text_20_body", "start", false, true)).end();
      list(w, *l);
    } else if (auto* t = std::get_if<Table>(&b)) {
      table(w, *t, brk);
    } else if (auto* s = std::get_if<SignatureBlock>(&b)) {
      signatures(w, *s, brk);
    } else if (auto* toc = std::get_if<TableOfContents>(&b)) {
      if (brk) w.start("text:p").attr("text:style-name", s_.para("Text_20_body", "start", false, true)).end();
      table_of_contents(w, *toc);
    } else if (auto* sp = std::get_if<Spacer>(&b)) {
      w.start("text:p").attr("text:style-name", s_.para("Standard", "start", false, brk, sp->points)).end();
    }
  }

  void list(XmlWriter& w, const List& l) {
    const char* style = l.ordered ? "Liste_20_numerotee" : "Liste_20_a_20_puces";
    w.start("text:list").attr("text:style-name", style);
    size_t i = 0;
    while (i < l.items.size()) {
      w.start("text:list-item");
      paragraph(w, "Text_20_body", l.items[i].content);
      ++i;
      if (i < l.items.size() && l.items[i].level > 0) {
        w.start("text:list");
        while (i < l.items.size() && l.items[i].level > 0) {
          w.start("text:list-item");
          paragraph(w, "Text_20_body", l.items[i].content);
          w.end();
          ++i;
        }
        w.end();
      }
      w.end();
    }
    w.end();
  }

  void table(XmlWriter& w, const Table& t, bool brk) {
    ++table_no_;
    std::string name = "Tab" + std::to_string(table_no_);
    if (!t.caption.empty()) {
      w.start("text:p").attr("text:style-name", brk ? s_.para("Legende", "start", true, true) : s_.para("Legende", "start", true))
          .text(t.caption).end();
    } else if (brk) {
      w.start("text:p").attr("text:style-name", s_.para("Text_20_body", "start", true, true)).end();
    }
    w.start("table:table").attr("table:name", "Tableau" + std::to_string(table_no_)).attr("table:style-name", name);
    size_t cols = columns_of(t);
    for (size_t i = 0; i < cols; ++i)
      w.start("table:table-column").attr("table:style-name", name + ".C" + std::to_string(i + 1)).end();
    size_t r = 0;
    bool has_header = !t.rows.empty() && t.rows[0].header;
    if (has_header) {
      w.start("table:table-header-rows");
      while (r < t.rows.size() && t.rows[r].header) row(w, t.rows[r++], cols);
      w.end();
    }
    for (; r < t.rows.size(); ++r) row(w, t.rows[r], cols);
    w.end();
  }

  void row(XmlWriter& w, const TableRow& r, size_t cols) {
    w.start("table:table-row");
    size_t used = 0;
    const char* cell_style = r.header ? "CellH" : r.total ? "CellT" : "CellB";
    for (const auto& c : r.cells) {
      int span = std::max(1, c.colspan);
      w.start("table:table-cell").attr("table:style-name", cell_style).attr("office:value-type", "string");
      if (span > 1) w.attr("table:number-columns-spanned", std::to_string(span));
      w.start("text:p").attr("text:style-name", cell_para(r, c));
      inlines(w, c.content, r.header || r.total || c.bold);
      w.end();
      w.end();
      for (int k = 1; k < span; ++k) w.empty("table:covered-table-cell");
      used += span;
    }
    for (; used < cols; ++used) {
      w.start("table:table-cell").attr("table:style-name", cell_style).attr("office:value-type", "string");
      w.empty("text:p");
      w.end();
    }
    w.end();
  }

  void signatures(XmlWriter& w, const SignatureBlock& s, bool brk) {
    std::string intro = s_.para("Text_20_body", "start", true, brk);
    w.start("text:p").attr("text:style-name", intro).text(s.place_date).end();
    size_t per_row = std::min<size_t>(3, std::max<size_t>(1, s.signatories.size()));
    ++table_no_;
    w.start("table:table").attr("table:name", "Signatures" + std::to_string(table_no_)).attr("table:style-name", "TabSig");
    w.start("table:table-column").attr("table:number-columns-repeated", std::to_string(per_row)).end();
    for (size_t i = 0; i < s.signatories.size(); i += per_row) {
      w.start("table:table-row").attr("table:style-name", "TabSigRow");
      for (size_t k = 0; k < per_row; ++k) {
        w.start("table:table-cell").attr("table:style-name", "CellSig").attr("office:value-type", "string");
        if (i + k < s.signatories.size()) {
          const auto& g = s.signatories[i + k];
          w.start("text:p").attr("text:style-name", "Signature").text("Pour " + g.organisation).end();
          w.start("text:p").attr("text:style-name", "Signature");
          w.start("text:span").attr("text:style-name", "T_b").text(g.name).end();
          w.end();
          w.start("text:p").attr("text:style-name", "Signature").text(g.role).end();
          for (int blank = 0; blank < 4; ++blank) w.empty("text:p");
        } else {
          w.empty("text:p");
        }
        w.end();
      }
      w.end();
    }
    w.end();
  }

  void table_of_contents(XmlWriter& w, const TableOfContents& toc) {
    w.start("text:table-of-content").attr("text:name", "Sommaire").attr("text:protected", "true");
    w.start("text:table-of-content-source").attr("text:outline-level", "2");
    w.start("text:index-title-template").attr("text:style-name", "Contents_20_Heading").text(toc.title).end();
    for (int level = 1; level <= 2; ++level) {
      w.start("text:table-of-content-entry-template").attr("text:outline-level", std::to_string(level))
          .attr("text:style-name", "Contents_20_" + std::to_string(level));
      w.empty("text:index-entry-text");
      w.start("text:index-entry-tab-stop").attr("style:type", "right").attr("style:leader-char", ".").end();
      w.empty("text:index-entry-page-number");
      w.end();
    }
    w.end();
    w.start("text:index-body");
    w.start("text:index-title").attr("text:name", "Sommaire_titre");
    w.start("text:p").attr("text:style-name", "Contents_20_Heading").text(toc.title).end();
    w.end();
    for (const auto& b : d_.blocks)
      if (auto* h = std::get_if<Heading>(&b); h && h->level <= 2 && h->numbered_toc) {
        w.start("text:p").attr("text:style-name", "Contents_20_" + std::to_string(h->level));
        write_text(w, plain_text(h->content));
        w.end();
      }
    w.end();
    w.end();
  }
};

}  // namespace

std::string content_xml(const doc::Document& document, const doc::Theme& theme) {
  return ContentWriter(document, theme).write();
}

}  // namespace trame::odt
