// Images and charts in the ODT: an image as a draw:frame with a draw:image of the
// package's Pictures/ folder; a chart as draw:* shapes (rectangles, lines, text
// boxes) anchored to an empty paragraph as tall as the chart, placed as the PDF
// places them (document/chart_plan).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "document/chart_plan.hpp"
#include "document/document.hpp"
#include "odt/xml_writer.hpp"

namespace trame::odt {

// The automatic styles the drawings need (graphic styles, label paragraphs), written
// into office:automatic-styles by the content part.
class DrawingStyles {
 public:
  // A graphic style: a fill (or none), a stroke (width <= 0: none); anchored as a
  // character (images) or to the paragraph, where shapes run through each other.
  std::string graphic(const doc::Rgb* fill, const doc::Rgb* stroke, double stroke_width, bool as_char);
  // A paragraph style of a label: size, alignment, colour.
  std::string label(double size, doc::Align align, const doc::Rgb& colour, bool bold);
  // The anchor paragraph of a chart `height` points tall, kept whole on one page.
  std::string anchor(double height);
  void write(XmlWriter& w) const;

 private:
  struct Graphic {
    std::string name, fill, stroke;
    double stroke_width;
    bool as_char;
  };
  struct Label {
    std::string name;
    double size;
    doc::Align align;
    std::string colour;
    bool bold;
  };
  std::map<std::string, Graphic> graphics_;
  std::map<std::string, Label> labels_;
  std::map<std::string, std::string> anchors_;  // key: height; value: name
};

// Writes an image as a paragraph (style `paragraph_style`) holding its frame.
void write_image(XmlWriter& w, DrawingStyles& styles, const doc::Image& image, const std::string& paragraph_style,
                 int index);
// Writes a chart's picture as shapes anchored to an empty paragraph.
void write_chart(XmlWriter& w, DrawingStyles& styles, const doc::ChartPicture& picture, const std::string& alt,
                 int index);
// The chart's picture as the ODT draws it (text measured approximately: LibreOffice lays the labels out).
doc::ChartPicture odt_chart_picture(const doc::Chart& chart, double width, const doc::Theme& theme);

// The images of the document, one a distinct file: their package paths ("Pictures/logo.png") and data.
std::vector<std::pair<std::string, const doc::ImageData*>> pictures(const doc::Document& document);
// The media type of an image ("image/png").
const char* media_type(const doc::ImageData& image);

}  // namespace trame::odt
