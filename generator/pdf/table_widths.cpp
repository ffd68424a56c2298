#include "pdf/table_widths.hpp"

#include <algorithm>
#include <numeric>

namespace trame::pdf {

using namespace doc;

ContentWidths content_widths(LineBreaker& lb, const Inlines& content, int style, double size) {
  auto words = lb.words_of(content, style);
  const double space = lb.fonts().width(" ", Regular, size);
  ContentWidths out;
  double unit = 0, line = 0;  // the unbreakable unit being measured; the line so far
  for (auto& w : words) {
    const double ww = lb.width_of(w, size);
    w.width = ww;  // as break_lines would measure it, at this size
    unit += ww;
    line += ww;
    const bool breakable = w.space_after || w.soft_after || w.forced_break;
    if (breakable) {
      out.min = std::max(out.min, unit);
      unit = 0;
    }
    if (w.forced_break) {
      out.preferred = std::max(out.preferred, line);
      line = 0;
    } else if (w.space_after) {
      line += space;
    }
  }
  out.min = std::max(out.min, unit);
  out.preferred = std::max({out.preferred, line, out.min});
  if (lb.keeping_words()) lb.keep(content, style, std::move(words));
  return out;
}

std::vector<double> table_column_widths(const Table& t, size_t cols, double available, LineBreaker& lb, double size,
                                        double padding) {
  // The template's hints, as widths filling the table.
  std::vector<double> w(cols, 1.0);
  for (size_t i = 0; i < cols && i < t.widths.size(); ++i)
    if (t.widths[i] > 0) w[i] = t.widths[i];
  const double hint_sum = std::accumulate(w.begin(), w.end(), 0.0);
  for (double& v : w) v = v / hint_sum * available;

  // Content widths of the one-column cells (a spanning cell's text wraps within its span).
  std::vector<double> min(cols, 2 * padding), preferred(cols, 2 * padding);
  for (const auto& r : t.rows) {
    size_t col = 0;
    for (const auto& c : r.cells) {
      const size_t span = static_cast<size_t>(std::max(1, c.colspan));
      if (span == 1 && col < cols) {
        const int style = (r.header || r.total || c.bold) ? Bold : Regular;
        const ContentWidths cw = content_widths(lb, c.content, style, size);
        min[col] = std::max(min[col], cw.min + 2 * padding + 0.01);
        preferred[col] = std::max(preferred[col], cw.preferred + 2 * padding + 0.01);
      }
      col += span;
    }
  }
  const double min_sum = std::accumulate(min.begin(), min.end(), 0.0);
  if (min_sum >= available) {
    for (size_t i = 0; i < cols; ++i) w[i] = min[i] / min_sum * available;
    return w;
  }
  // 1. Every column at least its minimum, the difference taken from the others' room above theirs.
  double deficit = 0, room = 0;
  for (size_t i = 0; i < cols; ++i) {
    if (w[i] < min[i]) deficit += min[i] - w[i];
    else room += w[i] - min[i];
  }
  if (deficit > 0) {
    for (size_t i = 0; i < cols; ++i)
      w[i] = w[i] < min[i] ? min[i] : w[i] - (w[i] - min[i]) * deficit / room;
  }
  // 2. Columns that would wrap get what others leave unused beyond their preferred width.
  double spare = 0, need = 0;
  for (size_t i = 0; i < cols; ++i) {
    if (w[i] > preferred[i]) spare += w[i] - preferred[i];
    else need += preferred[i] - w[i];
  }
  if (spare > 0 && need > 0) {
    const double moved = std::min(spare, need);
    for (size_t i = 0; i < cols; ++i) {
      if (w[i] > preferred[i]) w[i] -= (w[i] - preferred[i]) * moved / spare;
      else w[i] += (preferred[i] - w[i]) * moved / need;
    }
  }
  return w;
}

}  // namespace trame::pdf
