#include "document/chart_plan.hpp"

#include <algorithm>
#include <cmath>

namespace trame::doc {

namespace {

constexpr double kMinPlotHeight = 90;  // points: a chart's plot area when the template gives no height

Rgb mix(const Rgb& a, const Rgb& b, double t) {
  return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

}  // namespace

Rgb series_colour(const Theme& theme, size_t k) {
  static const double lighter[] = {0.0, 0.55, 0.3, 0.75};
  return mix(theme.heading, Rgb{1, 1, 1}, lighter[k % 4]);
}

ChartPicture plan_chart(const Chart& chart, double width, const Theme& theme, const LineCount& lines,
                        const TextWidth& text_width) {
  ChartPicture p;
  p.width = width;
  const double size = theme.small_size, lh = size * theme.line_height;
  const size_t n = chart.categories.size();
  const size_t series = n ? chart.categories[0].values.size() : 1;
  const double top_value = chart.ticks.empty() ? 1 : std::max(chart.ticks.back().value, 1e-9);
  double y = 0;

  // The legend: a square of each series' colour and its name, on one line.
  const bool legend = chart.series.size() > 1 || (chart.series.size() == 1 && !chart.series[0].empty());
  if (legend) {
    double x = 0;
    for (size_t k = 0; k < chart.series.size(); ++k) {
      const double w = text_width(chart.series[k], size) + 2;
      p.boxes.push_back({x, y + lh * 0.5 - size * 0.35, size * 0.7, size * 0.7, series_colour(theme, k)});
      p.labels.push_back({x + size, y, w, lh, chart.series[k], size, Align::Left, false, theme.text});
      x += size + w + 14;
    }
    y += lh + 6;
  }

  double tick_w = 0;
  for (const auto& t : chart.ticks) tick_w = std::max(tick_w, text_width(t.label, size));
  tick_w += 2;

  if (chart.kind == Chart::Columns) {
    // Vertical columns: value axis on the left, category labels below.
    const double plot_x = tick_w + 6, plot_w = std::max(10.0, width - plot_x);
    const double slot = plot_w / static_cast<double>(std::max<size_t>(1, n));
    const double bar_w = slot * 0.7 / static_cast<double>(series);
    int label_lines = 1;
    for (const auto& c : chart.categories) label_lines = std::max(label_lines, lines(c.label, size, slot - 2));
    const double plot_top = y + lh + 2;  // room for the value above the highest column
    const double plot_h = chart.height_mm > 0 ? std::max(20.0, chart.height_mm * 72 / 25.4 - (plot_top + 4 + label_lines * lh))
                                              : std::max(kMinPlotHeight, width * 0.3);
    const double base = plot_top + plot_h;
    for (const auto& t : chart.ticks) {
      const double ty = base - plot_h * t.value / top_value;
      if (t.value > 0) p.strokes.push_back({plot_x, ty, plot_x + plot_w, ty, 0.3, theme.rule});
      p.labels.push_back({0, ty - lh / 2, tick_w, lh, t.label, size, Align::Right, false, theme.muted});
    }
    for (size_t i = 0; i < n; ++i) {
      const auto& c = chart.categories[i];
      const double x0 = plot_x + slot * static_cast<double>(i) + slot * 0.15;
      for (size_t k = 0; k < c.values.size(); ++k) {
        const double bx = x0 + bar_w * static_cast<double>(k);
        if (!std::isnan(c.values[k])) {
          const double h = plot_h * c.values[k] / top_value;
          if (h > 0) p.boxes.push_back({bx, base - h, bar_w, h, series_colour(theme, k)});
          // The value above its column, when it fits over the column's slot.
          if (series == 1 || text_width(c.labels[k], size) <= bar_w + 2)
            p.labels.push_back({bx - (slot * 0.3) / 2, base - h - lh, bar_w + slot * 0.3, lh, c.labels[k], size,
                                Align::Center, false, theme.text});
        }
      }
      p.labels.push_back({plot_x + slot * static_cast<double>(i) + 1, base + 4, slot - 2, label_lines * lh, c.label,
                          size, Align::Center, false, theme.text});
    }
    p.strokes.push_back({plot_x, base, plot_x + plot_w, base, 0.6, theme.text});
    p.strokes.push_back({plot_x, plot_top, plot_x, base, 0.6, theme.text});
    p.height = base + 4 + label_lines * lh;
    return p;
  }

  // Horizontal bars: category labels on the left, value axis below.
  const double label_w = std::min(width * 0.38, 200.0);
  const double plot_x = label_w + 6;
  double value_w = 0;
  for (const auto& c : chart.categories)
    for (const auto& l : c.labels) value_w = std::max(value_w, text_width(l, size));
  const double plot_w = std::max(10.0, width - plot_x - value_w - 6 - tick_w / 2);
  const double bar_h = std::max(size * 1.1, lh * 0.9);
  const double plot_top = y;
  for (const auto& c : chart.categories) {
    const int ll = lines(c.label, size, label_w);
    const double row = std::max(ll * lh, bar_h * static_cast<double>(series)) + 6;
    p.labels.push_back({0, y + 3, label_w, ll * lh, c.label, size, Align::Right, false, theme.text});
    for (size_t k = 0; k < c.values.size(); ++k) {
      const double by = y + 3 + bar_h * static_cast<double>(k);
      if (std::isnan(c.values[k])) {
        p.labels.push_back({plot_x + 2, by, value_w + 4, bar_h, c.labels[k], size, Align::Left, false, theme.muted});
        continue;
      }
      const double w = plot_w * c.values[k] / top_value;
      if (w > 0) p.boxes.push_back({plot_x, by + bar_h * 0.1, w, bar_h * 0.8, series_colour(theme, k)});
      p.labels.push_back({plot_x + w + 3, by + (bar_h - lh) / 2, value_w + 4, lh, c.labels[k], size, Align::Left,
                          false, theme.text});
    }
    y += row;
  }
  const double base = y;
  for (const auto& t : chart.ticks) {
    const double tx = plot_x + plot_w * t.value / top_value;
    if (t.value > 0) p.strokes.push_back({tx, plot_top, tx, base, 0.3, theme.rule});
    const double tw = text_width(t.label, size) + 2;
    p.labels.push_back({tx - tw / 2, base + 3, tw, lh, t.label, size, Align::Center, false, theme.muted});
  }
  p.strokes.push_back({plot_x, plot_top, plot_x, base, 0.6, theme.text});
  p.strokes.push_back({plot_x, base, plot_x + plot_w, base, 0.6, theme.text});
  p.height = base + 3 + lh;
  return p;
}

}  // namespace trame::doc
