// The draft mark of the ODT (trame … --projet): « PROJET » in large light letters
// across the page's diagonal, as the PDF draws it. A drawing shape (draw:custom-shape,
// a plain rectangle with no fill and no line, holding the text) anchored in the
// running header's paragraph, so every page of the master page carries it, and
// placed behind the text (style:run-through="background"). Standard ODF 1.3 only.
#include <cmath>

#include "odt/namespaces.hpp"
#include "odt/watermark.hpp"

namespace trame::odt {

namespace {
constexpr const char* kShapeStyle = "Filigrane";
constexpr const char* kTextStyle = "Filigrane_texte";
constexpr double kSizePt = 110;  // as in the PDF
constexpr double kPtToCm = 2.54 / 72.0;
}  // namespace

void write_watermark_styles(XmlWriter& w, const doc::Theme& t) {
  w.start("style:style").attr("style:name", kShapeStyle).attr("style:family", "graphic");
  w.start("style:graphic-properties").attr("draw:fill", "none").attr("draw:stroke", "none")
      .attr("style:wrap", "run-through").attr("style:run-through", "background")
      .attr("draw:textarea-horizontal-align", "center").attr("draw:textarea-vertical-align", "middle")
      .attr("fo:padding", "0cm").attr("draw:auto-grow-height", "false").attr("draw:auto-grow-width", "false").end();
  w.end();
  w.start("style:style").attr("style:name", kTextStyle).attr("style:family", "paragraph");
  w.start("style:paragraph-properties").attr("fo:text-align", "center").end();
  w.start("style:text-properties").attr("style:font-name", t.font.name).attr("fo:font-family", t.font.name)
      .attr("fo:font-size", pt(kSizePt)).attr("fo:font-weight", "bold").attr("fo:color", t.watermark.hex()).end();
  w.end();
}

void write_watermark(XmlWriter& w, const doc::Theme& t, const std::string& text) {
  // The shape's box: the text's width (about 0.72 em a capital of Liberation Sans Bold) by one line.
  const double width_cm = static_cast<double>(text.size()) * kSizePt * 0.72 * kPtToCm + 1;
  const double height_cm = kSizePt * 1.2 * kPtToCm;
  const double page_w = t.page_width_mm / 10, page_h = t.page_height_mm / 10;
  const double angle = std::atan2(page_h, page_w);  // the diagonal, bottom left to top right
  // rotate(angle) turns (x, y) into (x cos + y sin, −x sin + y cos) (y downwards); the
  // translation then puts the box's centre at the page's centre.
  const double c = std::cos(angle), s = std::sin(angle);
  const double cx = width_cm / 2 * c + height_cm / 2 * s, cy = -width_cm / 2 * s + height_cm / 2 * c;
  const std::string transform = "rotate (" + num(angle, 6) + ") translate (" + cm(page_w / 2 - cx) + " " +
                                cm(page_h / 2 - cy) + ")";
  w.start("draw:custom-shape").attr("text:anchor-type", "paragraph").attr("draw:z-index", "0")
      .attr("draw:name", "Filigrane PROJET").attr("draw:style-name", kShapeStyle).attr("svg:width", cm(width_cm))
      .attr("svg:height", cm(height_cm)).attr("draw:transform", transform);
  w.start("text:p").attr("text:style-name", kTextStyle).text(text).end();
  w.start("draw:enhanced-geometry").attr("svg:viewBox", "0 0 21600 21600").attr("draw:type", "rectangle")
      .attr("draw:enhanced-path", "M 0 0 L 21600 0 21600 21600 0 21600 Z N").end();
  w.end();
}

}  // namespace trame::odt
