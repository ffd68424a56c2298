// styles.xml and meta.xml: the named, user-editable styles (LibreOffice's own
// programmatic names, so a French LibreOffice shows "Titre 1", "Corps de
// texte"…), the A4 page with the running header and the "Page X / Y" footer.
#include <cstdio>
#include <functional>

#include "odt/namespaces.hpp"
#include "odt/odt_writer.hpp"
#include "odt/xml_writer.hpp"

namespace trame::odt {

std::string pt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fpt", v);
  return buf;
}
std::string cm(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3fcm", v);
  return buf;
}

static void paragraph_style(XmlWriter& w, const char* name, const char* display, const char* parent,
                            const std::function<void(XmlWriter&)>& para, const std::function<void(XmlWriter&)>& text,
                            const char* klass = "text", int outline = 0) {
  w.start("style:style").attr("style:name", name).attr("style:family", "paragraph");
  if (display) w.attr("style:display-name", display);
  if (parent) w.attr("style:parent-style-name", parent);
  if (klass) w.attr("style:class", klass);
  if (outline) w.attr("style:default-outline-level", std::to_string(outline));
  if (para) {
    w.start("style:paragraph-properties");
    para(w);
    w.end();
  }
  if (text) {
    w.start("style:text-properties");
    text(w);
    w.end();
  }
  w.end();
}

static void font(XmlWriter& w, const doc::Theme& t, double size, bool bold = false, const doc::Rgb* colour = nullptr) {
  w.attr("style:font-name", t.font.name).attr("fo:font-size", pt(size));
  if (bold) w.attr("fo:font-weight", "bold");
  if (colour) w.attr("fo:color", colour->hex());
}

std::string styles_xml(const doc::Document& d, const doc::Theme& t) {
  XmlWriter w;
  w.start("office:document-styles");
  write_namespaces(w);
  w.attr("office:version", "1.3");

  w.start("office:font-face-decls");
  w.start("style:font-face").attr("style:name", t.font.name).attr("svg:font-family", "'" + t.font.name + "'")
      .attr("style:font-family-generic", "swiss").attr("style:font-pitch", "variable").end();
  w.end();

  const double text_width_cm = (t.page_width_mm - t.margin_left_mm - t.margin_right_mm) / 10.0;

  w.start("office:styles");
  // Defaults: French, the theme's font and body size.
  w.start("style:default-style").attr("style:family", "paragraph");
  w.start("style:paragraph-properties").attr("fo:hyphenation-ladder-count", "no-limit").attr("style:writing-mode", "lr-tb").end();
  w.start("style:text-properties").attr("style:font-name", t.font.name).attr("fo:font-size", pt(t.body_size))
      .attr("fo:language", "fr").attr("fo:country", "FR").attr("fo:hyphenate", "true")
      .attr("fo:hyphenation-remain-char-count", "2").attr("fo:hyphenation-push-char-count", "2")
      .attr("fo:color", t.text.hex()).end();
  w.end();
  w.start("style:default-style").attr("style:family", "table");
  w.start("style:table-properties").attr("table:border-model", "collapsing").end();
  w.end();

  const std::string after = pt(t.paragraph_space_after);
  const std::string lh = std::to_string(static_cast<int>(t.line_height * 100 + 0.5)) + "%";
  paragraph_style(w, "Standard", nullptr, nullptr, nullptr, nullptr);
  paragraph_style(w, "Text_20_body", "Text body", "Standard",
                  [&](XmlWriter& x) {
                    x.attr("fo:margin-top", "0pt").attr("fo:margin-bottom", after).attr("fo:line-height", lh)
                        .attr("fo:text-align", "justify").attr("fo:orphans", "2").attr("fo:widows", "2");
                  },
                  nullptr);
  paragraph_style(w, "Heading", nullptr, "Standard",
                  [&](XmlWriter& x) {
                    x.attr("fo:margin-top", pt(t.heading_space_before)).attr("fo:margin-bottom", pt(t.heading_space_after))
                        .attr("fo:keep-with-next", "always");
                  },
                  [&](XmlWriter& x) { font(x, t, t.heading_sizes[0], true, &t.heading); });
  for (int level = 1; level <= 4; ++level) {
    std::string name = "Heading_20_" + std::to_string(level);
    std::string display = "Heading " + std::to_string(level);
    paragraph_style(w, name.c_str(), display.c_str(), "Heading", nullptr,
                    [&](XmlWriter& x) { font(x, t, t.heading_sizes[level - 1], true, &t.heading); }, "text", level);
  }
  paragraph_style(w, "Title", nullptr, "Heading",
                  [&](XmlWriter& x) { x.attr("fo:text-align", "center").attr("fo:margin-top", "0pt"); },
                  [&](XmlWriter& x) { font(x, t, t.title_size, true, &t.heading); }, "chapter");
  paragraph_style(w, "Subtitle", nullptr, "Heading",
                  [&](XmlWriter& x) { x.attr("fo:text-align", "center").attr("fo:margin-top", "2pt"); },
                  [&](XmlWriter& x) { font(x, t, t.subtitle_size, false, &t.heading); }, "chapter");
  paragraph_style(w, "Adresse", "Adresse", "Standard",
                  [&](XmlWriter& x) { x.attr("fo:margin-top", "0pt").attr("fo:margin-bottom", "0pt").attr("fo:line-height", lh); },
                  nullptr);
  paragraph_style(w, "Petit_20_texte", "Petit texte", "Text_20_body", nullptr,
                  [&](XmlWriter& x) { x.attr("fo:font-size", pt(t.small_size)); });
  paragraph_style(w, "Quotations", nullptr, "Text_20_body",
                  [&](XmlWriter& x) { x.attr("fo:margin-left", "1cm").attr("fo:margin-right", "1cm"); },
                  [&](XmlWriter& x) { x.attr("fo:font-style", "italic"); });
  paragraph_style(w, "Table_20_Contents", "Table Contents", "Standard",
                  [&](XmlWriter& x) { x.attr("fo:margin-top", "0pt").attr("fo:margin-bottom", "0pt"); },
                  [&](XmlWriter& x) { x.attr("fo:font-size", pt(t.table_size)); }, "extra");
  paragraph_style(w, "Table_20_Heading", "Table Heading", "Table_20_Contents", nullptr,
                  [&](XmlWriter& x) { x.attr("fo:font-weight", "bold"); }, "extra");
  paragraph_style(w, "Total_20_de_20_tableau", "Total de tableau", "Table_20_Contents", nullptr,
                  [&](XmlWriter& x) { x.attr("fo:font-weight", "bold"); }, "extra");
  paragraph_style(w, "Legende", "Légende de tableau", "Text_20_body",
                  [&](XmlWriter& x) { x.attr("fo:keep-with-next", "always").attr("fo:margin-top", pt(6)); },
                  [&](XmlWriter& x) { x.attr("fo:font-size", pt(t.small_size)).attr("fo:font-weight", "bold"); });
  paragraph_style(w, "Signature", "Signature", "Standard",
                  [&](XmlWriter& x) { x.attr("fo:margin-top", "0pt").attr("fo:margin-bottom", "0pt").attr("fo:keep-with-next", "always"); },
                  nullptr);
  paragraph_style(w, "Header", nullptr, "Standard",
                  [&](XmlWriter& x) {
                    x.attr("fo:border-bottom", "0.5pt solid " + t.rule.hex()).attr("fo:padding-bottom", "2pt");
                    x.start("style:tab-stops");
                    x.start("style:tab-stop").attr("style:position", cm(text_width_cm)).attr("style:type", "right").end();
                    x.end();
                  },
                  [&](XmlWriter& x) { x.attr("fo:font-size", pt(t.header_footer_size)).attr("fo:color", t.muted.hex()); },
                  "extra");
  paragraph_style(w, "Footer", nullptr, "Standard", [&](XmlWriter& x) { x.attr("fo:text-align", "center"); },
                  [&](XmlWriter& x) { x.attr("fo:font-size", pt(t.header_footer_size)).attr("fo:color", t.muted.hex()); },
                  "extra");
  paragraph_style(w, "Contents_20_Heading", "Contents Heading", "Heading", nullptr,
                  [&](XmlWriter& x) { font(x, t, t.heading_sizes[0], true, &t.heading); }, "index");
  for (int level = 1; level <= 2; ++level) {
    std::string name = "Contents_20_" + std::to_string(level);
    std::string display = "Contents " + std::to_string(level);
    paragraph_style(w, name.c_str(), display.c_str(), "Standard",
                    [&](XmlWriter& x) {
                      x.attr("fo:margin-left", cm(level == 1 ? 0 : 0.5)).attr("fo:margin-top", "0pt").attr("fo:margin-bottom", "2pt");
                      x.start("style:tab-stops");
                      x.start("style:tab-stop").attr("style:position", cm(text_width_cm - (level == 1 ? 0 : 0.5)))
                          .attr("style:type", "right").attr("style:leader-style", "dotted").attr("style:leader-text", ".").end();
                      x.end();
                    },
                    level == 1 ? std::function<void(XmlWriter&)>([&](XmlWriter& x) { x.attr("fo:font-weight", "bold"); })
                               : nullptr,
                    "index");
  }
  // Text styles.
  w.start("style:style").attr("style:name", "Strong_20_Emphasis").attr("style:display-name", "Strong Emphasis")
      .attr("style:family", "text");
  w.start("style:text-properties").attr("fo:font-weight", "bold").end();
  w.end();
  w.start("style:style").attr("style:name", "Emphasis").attr("style:family", "text");
  w.start("style:text-properties").attr("fo:font-style", "italic").end();
  w.end();
  // List styles.
  w.start("text:list-style").attr("style:name", "Liste_20_a_20_puces").attr("style:display-name", "Liste à puces");
  for (int level = 1; level <= 2; ++level) {
    w.start("text:list-level-style-bullet").attr("text:level", std::to_string(level))
        .attr("text:bullet-char", level == 1 ? "•" : "–");
    w.start("style:list-level-properties").attr("text:list-level-position-and-space-mode", "label-alignment");
    w.start("style:list-level-label-alignment").attr("text:label-followed-by", "listtab")
        .attr("text:list-tab-stop-position", cm(0.6 * level)).attr("fo:text-indent", cm(-0.6))
        .attr("fo:margin-left", cm(0.6 * level)).end();
    w.end();
    w.end();
  }
  w.end();
  w.start("text:list-style").attr("style:name", "Liste_20_numerotee").attr("style:display-name", "Liste numérotée");
  for (int level = 1; level <= 2; ++level) {
    w.start("text:list-level-style-number").attr("text:level", std::to_string(level)).attr("style:num-suffix", ".")
        .attr("style:num-format", level == 1 ? "1" : "a");
    w.start("style:list-level-properties").attr("text:list-level-position-and-space-mode", "label-alignment");
    w.start("style:list-level-label-alignment").attr("text:label-followed-by", "listtab")
        .attr("text:list-tab-stop-position", cm(0.7 * level)).attr("fo:text-indent", cm(-0.7))
        .attr("fo:margin-left", cm(0.7 * level)).end();
    w.end();
    w.end();
  }
  w.end();
  w.end();  // office:styles

  w.start("office:automatic-styles");
  w.start("style:page-layout").attr("style:name", "pm1");
  w.start("style:page-layout-properties").attr("fo:page-width", cm(t.page_width_mm / 10)).attr("fo:page-height", cm(t.page_height_mm / 10))
      .attr("style:print-orientation", "portrait")
      .attr("fo:margin-top", cm(t.header_offset_mm / 10 - 0.4)).attr("fo:margin-bottom", cm(t.footer_offset_mm / 10 - 0.4))
      .attr("fo:margin-left", cm(t.margin_left_mm / 10)).attr("fo:margin-right", cm(t.margin_right_mm / 10)).end();
  w.start("style:header-style");
  w.start("style:header-footer-properties").attr("fo:min-height", "0cm")
      .attr("fo:margin-bottom", cm((t.margin_top_mm - t.header_offset_mm) / 10)).end();
  w.end();
  w.start("style:footer-style");
  w.start("style:header-footer-properties").attr("fo:min-height", "0cm")
      .attr("fo:margin-top", cm((t.margin_bottom_mm - t.footer_offset_mm) / 10)).end();
  w.end();
  w.end();
  w.end();

  w.start("office:master-styles");
  w.start("style:master-page").attr("style:name", "Standard").attr("style:page-layout-name", "pm1");
  w.start("style:header");
  w.start("text:p").attr("text:style-name", "Header").text(d.meta.header);
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

std::string meta_xml(const doc::Document& d) {
  XmlWriter w;
  w.start("office:document-meta");
  w.attr("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
      .attr("xmlns:meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0")
      .attr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
      .attr("office:version", "1.3");
  w.start("office:meta");
  w.start("meta:generator").text(std::string("Trame/") + TRAME_VERSION).end();
  if (!d.meta.title.empty()) w.start("dc:title").text(d.meta.title).end();
  if (!d.meta.subject.empty()) w.start("dc:subject").text(d.meta.subject).end();
  if (!d.meta.keywords.empty()) w.start("meta:keyword").text(d.meta.keywords).end();
  if (!d.meta.author.empty()) {
    w.start("meta:initial-creator").text(d.meta.author).end();
    w.start("dc:creator").text(d.meta.author).end();
  }
  if (!d.meta.date.empty()) {
    w.start("meta:creation-date").text(d.meta.date + "T00:00:00").end();
    w.start("dc:date").text(d.meta.date + "T00:00:00").end();
  }
  w.start("dc:language").text(d.meta.language).end();
  w.end();
  w.end();
  return w.finish();
}

std::string manifest_xml() {
  XmlWriter w;
  w.start("manifest:manifest").attr("xmlns:manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0")
      .attr("manifest:version", "1.3");
  auto entry = [&](const char* path, const char* type) {
    w.start("manifest:file-entry").attr("manifest:full-path", path).attr("manifest:media-type", type);
    if (std::string(path) == "/") w.attr("manifest:version", "1.3");
    w.end();
  };
  entry("/", "application/vnd.oasis.opendocument.text");
  entry("content.xml", "text/xml");
  entry("styles.xml", "text/xml");
  entry("meta.xml", "text/xml");
  w.end();
  return w.finish();
}

}  // namespace trame::odt
