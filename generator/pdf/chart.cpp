#include "pdf/chart.hpp"

namespace trame::pdf {

doc::ChartPicture chart_picture(const doc::Chart& chart, double width, const doc::Theme& theme, LineBreaker& lb) {
  const auto lines = [&](const std::string& text, double size, double w) {
    return std::max<int>(1, static_cast<int>(lb.break_lines(lb.words_of({doc::Text{text}}), size, w, false).size()));
  };
  const auto text_width = [&](const std::string& text, double size) { return lb.fonts().width(text, Regular, size); };
  return doc::plan_chart(chart, width, theme, lines, text_width);
}

void draw_chart(const doc::ChartPicture& picture, double x, double top, LineBreaker& lb, Page& page) {
  for (const auto& b : picture.boxes) page.rects.push_back({x + b.x, top - b.y - b.h, b.w, b.h, b.fill});
  for (const auto& s : picture.strokes)
    page.lines.push_back({x + s.x1, top - s.y1, x + s.x2, top - s.y2, s.width, s.colour});
  for (const auto& l : picture.labels) {
    const int style = l.bold ? Bold : Regular;
    const auto lines = lb.break_lines(lb.words_of({doc::Text{l.text, l.bold}}, style), l.size, l.w, false);
    double baseline = top - l.y - l.size * 0.95;
    for (const auto& line : lines) {
      lb.draw_line(line, x + l.x, baseline, l.w, l.size, l.align, l.colour, page, true);
      baseline -= l.h / static_cast<double>(std::max<size_t>(1, lines.size()));
    }
  }
}

}  // namespace trame::pdf
