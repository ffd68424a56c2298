// Charts in the PDF: the chart's picture (document/chart_plan) as rectangles, lines
// and text runs of a page, drawn as vector graphics with the document's fonts.
#pragma once
#include "document/chart_plan.hpp"
#include "pdf/line_breaking.hpp"
#include "pdf/page_content.hpp"

namespace trame::pdf {

// The picture of `chart` in `width` points, measured with the PDF's fonts.
doc::ChartPicture chart_picture(const doc::Chart& chart, double width, const doc::Theme& theme, LineBreaker& lb);

// Draws the picture with its top-left corner at (x, top).
void draw_chart(const doc::ChartPicture& picture, double x, double top, LineBreaker& lb, Page& page);

}  // namespace trame::pdf
