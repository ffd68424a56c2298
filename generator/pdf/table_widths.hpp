// Column widths of a table from its content, as CSS 2.1 automatic table layout
// does (§17.5.2.2), within the template's relative widths: each column gets at
// least its minimum content width (its widest word, padding included), taken
// from the columns that have room to spare; then columns that would wrap get the
// room other columns leave unused beyond their preferred (one-line) width. When
// the minimums alone exceed the table's width, columns share it in proportion
// to them and long words are hyphenated or cut (LineBreaker): text never
// overflows its cell.
#pragma once
#include <vector>

#include "document/document.hpp"
#include "pdf/line_breaking.hpp"

namespace trame::pdf {

// Minimum and preferred widths of inlines set in `style` at `size`, in points.
struct ContentWidths {
  double min = 0, preferred = 0;
};
ContentWidths content_widths(LineBreaker& lb, const doc::Inlines& content, int style, double size);

// The widths of `cols` columns of table t filling `available` points.
std::vector<double> table_column_widths(const doc::Table& t, size_t cols, double available, LineBreaker& lb,
                                        double size, double padding);

}  // namespace trame::pdf
