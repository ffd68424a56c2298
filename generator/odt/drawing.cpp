#include "odt/drawing.hpp"

#include <cmath>

#include "odt/namespaces.hpp"

namespace trame::odt {

namespace {

std::string align_value(doc::Align a) {
  switch (a) {
    case doc::Align::Center: return "center";
    case doc::Align::Right: return "end";
    case doc::Align::Justify: return "justify";
    default: return "start";
  }
}

std::string picture_path(const doc::ImageData& image) { return "Pictures/" + image.name; }

}  // namespace

std::string DrawingStyles::graphic(const doc::Rgb* fill, const doc::Rgb* stroke, double stroke_width, bool as_char) {
  const std::string f = fill ? fill->hex() : "", s = stroke && stroke_width > 0 ? stroke->hex() : "";
  const std::string key = f + '|' + s + '|' + num(stroke_width, 2) + (as_char ? "c" : "p");
  auto [it, inserted] = graphics_.try_emplace(key);
  if (inserted) it->second = {"Gr" + std::to_string(graphics_.size()), f, s, stroke_width, as_char};
  return it->second.name;
}

std::string DrawingStyles::label(double size, doc::Align align, const doc::Rgb& colour, bool bold) {
  const std::string key = num(size, 2) + '|' + align_value(align) + '|' + colour.hex() + (bold ? "b" : "");
  auto [it, inserted] = labels_.try_emplace(key);
  if (inserted) it->second = {"GrP" + std::to_string(labels_.size()), size, align, colour.hex(), bold};
  return it->second.name;
}

std::string DrawingStyles::anchor(double height) {
  auto [it, inserted] = anchors_.try_emplace(num(height, 2));
  if (inserted) it->second = "GrAncre" + std::to_string(anchors_.size());
  return it->second;
}

void DrawingStyles::write(XmlWriter& w) const {
  for (const auto& [key, g] : graphics_) {
    w.start("style:style").attr("style:name", g.name).attr("style:family", "graphic");
    w.start("style:graphic-properties");
    w.attr("draw:fill", g.fill.empty() ? "none" : "solid");
    if (!g.fill.empty()) w.attr("draw:fill-color", g.fill);
    w.attr("draw:stroke", g.stroke.empty() ? "none" : "solid");
    if (!g.stroke.empty()) w.attr("svg:stroke-color", g.stroke).attr("svg:stroke-width", pt(g.stroke_width));
    w.attr("fo:padding", "0pt").attr("fo:border", "none");
    if (g.as_char) {
      w.attr("style:vertical-pos", "top").attr("style:vertical-rel", "baseline");
    } else {
      w.attr("style:wrap", "run-through").attr("style:run-through", "foreground")
          .attr("style:vertical-pos", "from-top").attr("style:vertical-rel", "paragraph")
          .attr("style:horizontal-pos", "from-left").attr("style:horizontal-rel", "paragraph")
          .attr("draw:textarea-vertical-align", "top").attr("draw:auto-grow-height", "false");
    }
    w.end();
    w.end();
  }
  for (const auto& [key, l] : labels_) {
    w.start("style:style").attr("style:name", l.name).attr("style:family", "paragraph")
        .attr("style:parent-style-name", "Standard");
    w.start("style:paragraph-properties").attr("fo:text-align", align_value(l.align)).attr("fo:margin-top", "0pt")
        .attr("fo:margin-bottom", "0pt").attr("fo:line-height", pt(l.size * 1.3)).end();
    w.start("style:text-properties").attr("fo:font-size", pt(l.size)).attr("fo:color", l.colour);
    if (l.bold) w.attr("fo:font-weight", "bold");
    w.end();
    w.end();
  }
  for (const auto& [height, name] : anchors_) {
    // One empty line exactly as tall as the chart: a line is never split, so the shapes
    // anchored to it move to the next page with it.
    w.start("style:style").attr("style:name", name).attr("style:family", "paragraph")
        .attr("style:parent-style-name", "Standard");
    w.start("style:paragraph-properties").attr("fo:margin-top", "2pt").attr("fo:margin-bottom", "10pt")
        .attr("fo:line-height", height + "pt").end();
    w.start("style:text-properties").attr("fo:font-size", "1pt").end();
    w.end();
  }
}

// A picture's text alternative: its title (the name a screen reader gives it, LibreOffice's
// « Texte alternatif ») and its description; nothing for a decorative one.
namespace {
void alt_text(XmlWriter& w, const std::string& alt) {
  if (alt.empty()) return;
  w.start("svg:title").text(alt).end();
  w.start("svg:desc").text(alt).end();
}
}  // namespace

void write_image(XmlWriter& w, DrawingStyles& styles, const doc::Image& image, const std::string& paragraph_style,
                 int index) {
  w.start("text:p").attr("text:style-name", paragraph_style);
  w.start("draw:frame").attr("draw:style-name", styles.graphic(nullptr, nullptr, 0, true))
      .attr("draw:name", "Image" + std::to_string(index)).attr("text:anchor-type", "as-char")
      .attr("svg:width", num(image.width_mm, 2) + "mm").attr("svg:height", num(image.height_mm, 2) + "mm")
      .attr("draw:z-index", "0");
  w.start("draw:image").attr("xlink:href", picture_path(*image.data)).attr("xlink:type", "simple")
      .attr("xlink:show", "embed").attr("xlink:actuate", "onLoad").attr("draw:mime-type", media_type(*image.data));
  w.end();
  alt_text(w, image.alt);
  w.end();
  w.end();
}

void write_chart(XmlWriter& w, DrawingStyles& styles, const doc::ChartPicture& picture, const std::string& alt,
                 int index) {
  w.start("text:p").attr("text:style-name", styles.anchor(std::ceil(picture.height)));
  int z = 0;
  // A frameless rectangle under the chart carries its name and text alternative.
  w.start("draw:rect").attr("draw:style-name", styles.graphic(nullptr, nullptr, 0, false))
      .attr("draw:name", "Graphique" + std::to_string(index)).attr("text:anchor-type", "paragraph")
      .attr("draw:z-index", std::to_string(z++)).attr("svg:x", "0pt").attr("svg:y", "0pt")
      .attr("svg:width", pt(picture.width)).attr("svg:height", pt(picture.height));
  alt_text(w, alt);
  w.end();
  for (const auto& b : picture.boxes) {
    w.start("draw:rect").attr("draw:style-name", styles.graphic(&b.fill, nullptr, 0, false))
        .attr("text:anchor-type", "paragraph").attr("draw:z-index", std::to_string(z++))
        .attr("svg:x", pt(b.x)).attr("svg:y", pt(b.y)).attr("svg:width", pt(b.w)).attr("svg:height", pt(b.h));
    w.end();
  }
  for (const auto& s : picture.strokes) {
    w.start("draw:line").attr("draw:style-name", styles.graphic(nullptr, &s.colour, s.width, false))
        .attr("text:anchor-type", "paragraph").attr("draw:z-index", std::to_string(z++))
        .attr("svg:x1", pt(s.x1)).attr("svg:y1", pt(s.y1)).attr("svg:x2", pt(s.x2)).attr("svg:y2", pt(s.y2));
    w.end();
  }
  for (const auto& l : picture.labels) {
    w.start("draw:frame").attr("draw:style-name", styles.graphic(nullptr, nullptr, 0, false))
        .attr("text:anchor-type", "paragraph").attr("draw:z-index", std::to_string(z++))
        .attr("svg:x", pt(l.x)).attr("svg:y", pt(l.y)).attr("svg:width", pt(l.w)).attr("svg:height", pt(l.h));
    w.start("draw:text-box");
    w.start("text:p").attr("text:style-name", styles.label(l.size, l.align, l.colour, l.bold)).text(l.text).end();
    w.end();
    w.end();
  }
  w.end();
}

doc::ChartPicture odt_chart_picture(const doc::Chart& chart, double width, const doc::Theme& theme) {
  // Liberation Sans averages about 0.5 em a character; a little more keeps labels on their lines.
  const auto text_width = [](const std::string& text, double size) {
    size_t chars = 0;
    for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
    return static_cast<double>(chars) * size * 0.55;
  };
  const auto lines = [&](const std::string& text, double size, double w) {
    return std::max(1, static_cast<int>(std::ceil(text_width(text, size) / std::max(1.0, w))));
  };
  return doc::plan_chart(chart, width, theme, lines, text_width);
}

std::vector<std::pair<std::string, const doc::ImageData*>> pictures(const doc::Document& document) {
  std::map<std::string, const doc::ImageData*> by_path;
  for (const auto& b : document.blocks)
    if (const auto* im = std::get_if<doc::Image>(&b)) by_path.emplace(picture_path(*im->data), im->data.get());
  return {by_path.begin(), by_path.end()};
}

const char* media_type(const doc::ImageData& image) {
  return image.format == doc::ImageData::Jpeg ? "image/jpeg" : "image/png";
}

}  // namespace trame::odt
