// The picture of a chart, computed once for both writers: filled rectangles, lines
// and text boxes in points from the chart's top-left corner (y downwards). The PDF
// writer draws them as vector graphics, the ODT writer as draw:* shapes, so both
// formats show the same chart.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "document/document.hpp"
#include "document/theme.hpp"

namespace trame::doc {

struct ChartPicture {
  struct Box {
    double x, y, w, h;
    Rgb fill;
  };
  struct Stroke {
    double x1, y1, x2, y2, width;
    Rgb colour;
  };
  // A text in a box: wrapped to the box's width, from its top, aligned in it.
  struct Label {
    double x, y, w, h;
    std::string text;
    double size;
    Align align;
    bool bold;
    Rgb colour;
  };
  double width = 0, height = 0;
  std::vector<Box> boxes;
  std::vector<Stroke> strokes;
  std::vector<Label> labels;
};

// How many lines `text` takes at `size` points in `width` points (the writer's measure).
using LineCount = std::function<int(const std::string& text, double size, double width)>;
// The width of a one-line text (the writer's measure).
using TextWidth = std::function<double(const std::string& text, double size)>;

// Lays the chart out in `width` points.
ChartPicture plan_chart(const Chart& chart, double width, const Theme& theme, const LineCount& lines,
                        const TextWidth& text_width);

// The colour of series k: the theme's heading colour, then lighter tones of it.
Rgb series_colour(const Theme& theme, size_t k);

}  // namespace trame::doc
