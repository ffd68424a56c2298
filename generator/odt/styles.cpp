// styles.xml: the named, user-editable styles (LibreOffice's own programmatic
// names, so a French LibreOffice shows "Titre 1", "Corps de texte"…, plus a
// few custom ones with a French display name), the A4 page layout with the
// running header and the "Page X / Y" footer. Sizes, colours and spacing come
// from the theme, with the same values as the PDF writer.
#include <charconv>
#include <functional>

#include "odt/namespaces.hpp"
#include "odt/numbering.hpp"
#include "odt/odt_writer.hpp"
#include "odt/styles_names.hpp"
#include "odt/watermark.hpp"

namespace trame::odt {

std::string num(double v, int decimals) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  if (ec != std::errc()) return "0";
  std::string s(buf, end);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}
std::string pt(double v) { return num(v, 2) + "pt"; }
std::string cm(double v) { return num(v, 3) + "cm"; }
std::string percent(double v) { return num(v, 0) + "%"; }

namespace {

using Props = std::function<void(XmlWriter&)>;

struct NamedParagraph {
  const char* name;
  const char* display;  // nullptr: the name is LibreOffice's own and needs no display name
  const char* parent;
  const char* klass;
  Props para;
  Props text;
  int outline = 0;
};

void write_paragraph_style(XmlWriter& w, const NamedParagraph& s) {
  w.start("style:style").attr("style:name", s.name).attr("style:family", "paragraph");
  if (s.display) w.attr("style:display-name", s.display);
  if (s.parent) w.attr("style:parent-style-name", s.parent);
  w.attr("style:next-style-name", s.outline || std::string_view(s.name) == "Title" || std::string_view(s.name) == "Subtitle"
                                      ? "Text_20_body"
                                      : s.name);
  if (s.klass) w.attr("style:class", s.klass);
  if (s.outline) w.attr("style:default-outline-level", std::to_string(s.outline));
  if (s.para) {
    w.start("style:paragraph-properties");
    s.para(w);
    w.end();
  }
  if (s.text) {
    w.start("style:text-properties");
    s.text(w);
    w.end();
  }
  w.end();
}

void list_level_properties(XmlWriter& w, double margin_pt, double label_pt) {
  w.start("style:list-level-properties").attr("text:list-level-position-and-space-mode", "label-alignment");
  w.start("style:list-level-label-alignment")
      .attr("text:label-followed-by", "listtab")
      .attr("text:list-tab-stop-position", pt(margin_pt))
      .attr("fo:text-indent", pt(-label_pt))
      .attr("fo:margin-left", pt(margin_pt))
      .end();
  w.end();
}

}  // namespace

std::string styles_xml(const doc::Document& d, const doc::Theme& t) {
  XmlWriter w;
  start_root(w, "office:document-styles", t.font.name);

  const double text_width_pt = doc::mm_to_pt(t.page_width_mm - t.margin_left_mm - t.margin_right_mm);
  const std::string line = percent(t.line_height / kFontLineEm * 100);
  const std::string heading_colour = t.heading.hex();
  // A table of contents line indented by `indent` points, its page number at the right margin after dots.
  auto contents_entry = [&](XmlWriter& x, double indent) {
    x.attr("fo:margin-left", pt(indent)).attr("fo:margin-top", "0pt").attr("fo:margin-bottom", "1.5pt");
    x.start("style:tab-stops");
    x.start("style:tab-stop").attr("style:position", pt(text_width_pt - indent)).attr("style:type", "right")
        .attr("style:leader-style", "dotted").attr("style:leader-text", ".").end();
    x.end();
  };
  auto font = [&](XmlWriter& x, double size, bool bold, const doc::Rgb* colour) {
    x.attr("fo:font-size", pt(size));
    if (bold) x.attr("fo:font-weight", "bold");
    if (colour) x.attr("fo:color", colour->hex());
  };

  w.start("office:styles");
  // Defaults: French with hyphenation, the theme's font, body size and text colour.
  w.start("style:default-style").attr("style:family", "paragraph");
  w.start("style:paragraph-properties").attr("fo:hyphenation-ladder-count", "no-limit")
      .attr("style:writing-mode", "lr-tb").attr("style:tab-stop-distance", "1.25cm").end();
  w.start("style:text-properties").attr("style:font-name", t.font.name).attr("fo:font-size", pt(t.body_size))
      .attr("fo:language", "fr").attr("fo:country", "FR").attr("fo:hyphenate", "true")
      .attr("fo:hyphenation-remain-char-count", "2").attr("fo:hyphenation-push-char-count", "2")
      .attr("fo:color", t.text.hex()).end();
  w.end();
  w.start("style:default-style").attr("style:family", "table");
  w.start("style:table-properties").attr("table:border-model", "collapsing").end();
  w.end();

  const std::string after = pt(t.paragraph_space_after);
  const std::string small_text = pt(t.small_size);
  const std::vector<NamedParagraph> paragraphs = {
      {"Standard", nullptr, nullptr, "text", [&](XmlWriter& x) { x.attr("fo:line-height", line); }, nullptr},
      {"Text_20_body", "Text body", "Standard", "text",
       [&](XmlWriter& x) {
         x.attr("fo:margin-top", "0pt").attr("fo:margin-bottom", after).attr("fo:text-align", "justify")
             .attr("fo:orphans", "2").attr("fo:widows", "2");
       },
       nullptr},
      {"Heading", nullptr, "Standard", "text",
       [&](XmlWriter& x) {
         x.attr("fo:margin-top", pt(t.heading_space_before)).attr("fo:margin-bottom", pt(t.heading_space_after))
             .attr("fo:keep-with-next", "always");
       },
       [&](XmlWriter& x) { font(x, t.heading_sizes[0], true, &t.heading); }},
      {"Heading_20_1", "Heading 1", "Heading", "text",
       [&](XmlWriter& x) {
         x.attr("fo:padding-bottom", "1.5pt").attr("fo:border-bottom", "0.6pt solid " + heading_colour);
       },
       [&](XmlWriter& x) { font(x, t.heading_sizes[0], true, nullptr); }, 1},
      {"Heading_20_2", "Heading 2", "Heading", "text",
       [&](XmlWriter& x) { x.attr("fo:margin-top", pt(t.heading_space_before * 0.7)); },
       [&](XmlWriter& x) { font(x, t.heading_sizes[1], true, nullptr); }, 2},
      {"Heading_20_3", "Heading 3", "Heading", "text",
       [&](XmlWriter& x) { x.attr("fo:margin-top", pt(t.heading_space_before * 0.7)); },
       [&](XmlWriter& x) { font(x, t.heading_sizes[2], true, nullptr); }, 3},
      {"Heading_20_4", "Heading 4", "Heading", "text",
       [&](XmlWriter& x) { x.attr("fo:margin-top", pt(t.heading_space_before * 0.7)); },
       [&](XmlWriter& x) { font(x, t.heading_sizes[3], true, nullptr); }, 4},
      {"Title", nullptr, "Heading", "chapter",
       [&](XmlWriter& x) { x.attr("fo:text-align", "center").attr("fo:margin-top", "0pt").attr("fo:margin-bottom", "4pt"); },
       [&](XmlWriter& x) { font(x, t.title_size, true, nullptr); }},
      {"Subtitle", nullptr, "Heading", "chapter",
       [&](XmlWriter& x) { x.attr("fo:text-align", "center").attr("fo:margin-top", "0pt").attr("fo:margin-bottom", "4pt"); },
       [&](XmlWriter& x) {
         font(x, t.subtitle_size, false, nullptr);
         x.attr("fo:font-weight", "normal");
       }},
      {kStyleAddress, "Adresse", "Standard", "text",
       [&](XmlWriter& x) { x.attr("fo:margin-top", "0pt").attr("fo:margin-bottom", "0pt"); }, nullptr},
      {kStyleSmall, "Petit texte", "Text_20_body", "text", nullptr,
       [&](XmlWriter& x) { x.attr("fo:font-size", small_text); }},
      {"Quotations", nullptr, "Text_20_body", "html",
       [&](XmlWriter& x) { x.attr("fo:margin-left", "28pt").attr("fo:margin-right", "0pt"); },
       [&](XmlWriter& x) { x.attr("fo:font-style", "italic"); }},
      {"List_20_Contents", "List Contents", "Text_20_body", "list",
       [&](XmlWriter& x) { x.attr("fo:margin-bottom", "2pt").attr("fo:text-align", "start"); }, nullptr},
      {"Table_20_Contents", "Table Contents", "Standard", "extra",
       [&](XmlWriter& x) { x.attr("fo:margin-top", "0pt").attr("fo:margin-bottom", "0pt"); },
       [&](XmlWriter& x) { x.attr("fo:font-size", pt(t.table_size)); }},
      {"Table_20_Heading", "Table Heading", "Table_20_Contents", "extra", nullptr,
       [&](XmlWriter& x) { x.attr("fo:font-weight", "bold"); }},
      {kStyleTableTotal, "Total de tableau", "Table_20_Contents", "extra", nullptr,
       [&](XmlWriter& x) { x.attr("fo:font-weight", "bold"); }},
      {kStyleCaption, "Légende de tableau", "Standard", "extra",
       [&](XmlWriter& x) {
         x.attr("fo:margin-top", "6pt").attr("fo:margin-bottom", "2pt").attr("fo:keep-with-next", "always");
       },
       [&](XmlWriter& x) { x.attr("fo:font-size", small_text).attr("fo:font-weight", "bold"); }},
      {"Signature", nullptr, "Standard", "extra",
       [&](XmlWriter& x) { x.attr("fo:margin-top", "0pt").attr("fo:margin-bottom", "0pt").attr("fo:text-align", "start"); },
       nullptr},
      {"Header", nullptr, "Standard", "extra",
       [&](XmlWriter& x) {
         x.attr("fo:line-height", "100%").attr("fo:padding-bottom", "3pt").attr("fo:border-bottom", "0.5pt solid " + t.rule.hex());
         x.start("style:tab-stops");
         x.start("style:tab-stop").attr("style:position", pt(text_width_pt)).attr("style:type", "right").end();
         x.end();
       },
       [&](XmlWriter& x) { x.attr("fo:font-size", pt(t.header_footer_size)).attr("fo:color", t.muted.hex()); }},
      {"Footer", nullptr, "Standard", "extra",
       [&](XmlWriter& x) { x.attr("fo:line-height", "100%").attr("fo:text-align", "center"); },
       [&](XmlWriter& x) { x.attr("fo:font-size", pt(t.header_footer_size)).attr("fo:color", t.muted.hex()); }},
      {"Contents_20_Heading", "Contents Heading", "Heading", "index",
       [&](XmlWriter& x) { x.attr("fo:margin-top", "0pt"); },
       [&](XmlWriter& x) { font(x, t.heading_sizes[0], true, nullptr); }},
      {"Contents_20_1", "Contents 1", "Standard", "index",
       [&](XmlWriter& x) {
         x.attr("fo:margin-left", "0pt").attr("fo:margin-top", "0pt").attr("fo:margin-bottom", "1.5pt");
         x.start("style:tab-stops");
         x.start("style:tab-stop").attr("style:position", pt(text_width_pt)).attr("style:type", "right")
             .attr("style:leader-style", "dotted").attr("style:leader-text", ".").end();
         x.end();
       },
       [&](XmlWriter& x) { x.attr("fo:font-weight", "bold"); }},
      {"Contents_20_2", "Contents 2", "Standard", "index",
       [&](XmlWriter& x) { contents_entry(x, 14); },
       nullptr},
      {"Contents_20_3", "Contents 3", "Standard", "index",
       [&](XmlWriter& x) { contents_entry(x, 28); },
       nullptr},
      {"Contents_20_4", "Contents 4", "Standard", "index",
       [&](XmlWriter& x) { contents_entry(x, 42); },
       nullptr},
  };
  for (const auto& s : paragraphs) write_paragraph_style(w, s);

  // Character style of the table of contents' links (LibreOffice's "Index Link"): plain text.
  w.start("style:style").attr("style:name", "Index_20_Link").attr("style:display-name", "Index Link")
      .attr("style:family", "text").end();

  // Headings are numbered by the outline style (and list styles) where the template numbers them.
  write_numbering_styles(w, d, plan_numbering(d));

  // List styles, laid out as in the PDF: text at list_indent × (level + 1), label 0.8 × list_indent before it.
  const double indent = t.list_indent;
  w.start("text:list-style").attr("style:name", kListBullet).attr("style:display-name", "Liste à puces");
  for (int level = 1; level <= 10; ++level) {
    w.start("text:list-level-style-bullet").attr("text:level", std::to_string(level))
        .attr("text:bullet-char", level == 1 ? "•" : "–");
    list_level_properties(w, indent * level, indent * 0.8);
    w.end();
  }
  w.end();
  w.start("text:list-style").attr("style:name", kListNumbered).attr("style:display-name", "Liste numérotée");
  for (int level = 1; level <= 10; ++level) {
    if (level == 1) {
      w.start("text:list-level-style-number").attr("text:level", "1").attr("style:num-suffix", ".")
          .attr("style:num-format", "1");
    } else {
      w.start("text:list-level-style-bullet").attr("text:level", std::to_string(level)).attr("text:bullet-char", "–");
    }
    list_level_properties(w, indent * level, indent * 0.8);
    w.end();
  }
  w.end();
  w.end();  // office:styles

  // The page: A4 with the theme's margins. The header sits header_offset from the top edge
  // and the body starts at margin_top, as in the PDF (same for the footer at the bottom).
  // LibreOffice measures the header from its top edge: the line's top is the
  // baseline minus the ascent (0.905 em for Liberation Sans); the box holds one
  // line, 3pt of padding and the 0.5pt rule. The footer is measured from its bottom
  // edge: the baseline plus the descent (0.212 em).
  constexpr double kPtToMm = 25.4 / 72.0;
  const double hf = t.header_footer_size;
  const double header_top_mm = std::max(1.0, t.header_offset_mm - hf * 0.905 * kPtToMm);
  const double header_box_mm = (hf * kFontLineEm + 3.5) * kPtToMm;
  const double footer_bottom_mm = std::max(1.0, t.footer_offset_mm - hf * 0.212 * kPtToMm);
  const double footer_box_mm = hf * kFontLineEm * kPtToMm;
  w.start("office:automatic-styles");
  w.start("style:page-layout").attr("style:name", "Mise_en_page_A4");
  w.start("style:page-layout-properties")
      .attr("fo:page-width", cm(t.page_width_mm / 10)).attr("fo:page-height", cm(t.page_height_mm / 10))
      .attr("style:print-orientation", t.page_width_mm > t.page_height_mm ? "landscape" : "portrait")
      .attr("fo:margin-top", cm(header_top_mm / 10)).attr("fo:margin-bottom", cm(footer_bottom_mm / 10))
      .attr("fo:margin-left", cm(t.margin_left_mm / 10)).attr("fo:margin-right", cm(t.margin_right_mm / 10))
      .attr("style:writing-mode", "lr-tb").end();
  w.start("style:header-style");
  w.start("style:header-footer-properties").attr("fo:min-height", "0cm")
      .attr("fo:margin-bottom", cm(std::max(0.0, t.margin_top_mm - header_top_mm - header_box_mm) / 10))
      .attr("style:dynamic-spacing", "false").end();
  w.end();
  w.start("style:footer-style");
  w.start("style:header-footer-properties").attr("fo:min-height", "0cm")
      .attr("fo:margin-top", cm(std::max(0.0, t.margin_bottom_mm - footer_bottom_mm - footer_box_mm) / 10))
      .attr("style:dynamic-spacing", "false").end();
  w.end();
  w.end();
  if (d.meta.draft) write_watermark_styles(w, t);
  w.end();

  w.start("office:master-styles");
  w.start("style:master-page").attr("style:name", "Standard").attr("style:page-layout-name", "Mise_en_page_A4");
  w.start("style:header");
  w.start("text:p").attr("text:style-name", "Header");
  if (d.meta.draft) write_watermark(w, t, "PROJET");
  w.text(d.meta.header);
  w.empty("text:tab");
  w.text(d.meta.title).end();
  w.end();
  w.start("style:footer");
  w.start("text:p").attr("text:style-name", "Footer").text("Page ");
  w.start("text:page-number").attr("text:select-page", "current").text("1").end();
  w.text(" / ");
  w.start("text:page-count").text("1").end();
  w.end();
  w.end();
  w.end();
  w.end();

  w.end();
  return w.finish();
}

}  // namespace trame::odt
