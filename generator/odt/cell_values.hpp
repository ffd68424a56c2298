// The value of a table cell that shows an amount or a percentage in French
// ("17 500 €", "1 234,50 €", "75,5 %"), so that the ODT stores it as a number
// (office:value-type="currency" or "percentage") under the same displayed text:
// a spreadsheet or a formula reads the number, a reader sees the French text.
#pragma once
#include <optional>
#include <string>

#include "document/document.hpp"

namespace trame::odt {

struct CellValue {
  enum Kind { Currency, Percentage } kind;
  double value;  // euros; a percentage as a fraction (75,5 % -> 0.755)
};

// The value of the cell's text, or none if the text is anything else than one amount or percentage.
std::optional<CellValue> cell_value(const doc::Inlines& content);

}  // namespace trame::odt
