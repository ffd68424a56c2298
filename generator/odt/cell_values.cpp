#include "odt/cell_values.hpp"

#include <cmath>

namespace trame::odt {

namespace {

// "17 500", "1 234,5", "-3": digits in groups of three separated by spaces (any kind),
// a decimal comma; the number, or none.
std::optional<double> french_number(const std::string& s) {
  std::string digits;
  size_t i = 0, group = 0, groups = 0;
  bool negative = false, comma = false, first_group = true;
  std::string fraction;
  if (s.compare(0, 1, "-") == 0 || s.compare(0, 3, "\xE2\x88\x92") == 0) {
    negative = true;
    i = s[0] == '-' ? 1 : 3;
  }
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      (comma ? fraction : digits) += c;
      if (!comma) ++group;
      continue;
    }
    if (comma) return std::nullopt;
    size_t space = 0;
    if (c == ' ') space = 1;
    else if (s.compare(i, 2, "\xC2\xA0") == 0) space = 2;
    else if (s.compare(i, 3, "\xE2\x80\xAF") == 0) space = 3;
    if (space) {  // a group separator: the group before it is complete
      if (group == 0 || group > 3 || (!first_group && group != 3)) return std::nullopt;
      first_group = false;
      group = 0;
      ++groups;
      i += space - 1;
      continue;
    }
    if (c == ',') {
      comma = true;
      continue;
    }
    return std::nullopt;
  }
  if (digits.empty() || group == 0 || (!first_group && group != 3) || (comma && fraction.empty())) return std::nullopt;
  if (digits.size() > 15 || fraction.size() > 6) return std::nullopt;
  double v = std::stod(digits + (fraction.empty() ? "" : "." + fraction));
  return negative ? -v : v;
}

// `s` without the unit `unit` at its end after a space (any kind); none if it does not end so.
std::optional<std::string> strip_unit(const std::string& s, const std::string& unit) {
  for (const char* space : {" ", "\xC2\xA0", "\xE2\x80\xAF"}) {
    const std::string tail = std::string(space) + unit;
    if (s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0)
      return s.substr(0, s.size() - tail.size());
  }
  return std::nullopt;
}

}  // namespace

std::optional<CellValue> cell_value(const doc::Inlines& content) {
  std::string text;
  for (const auto& i : content) {
    const auto* t = std::get_if<doc::Text>(&i);
    if (!t) return std::nullopt;  // a line break, a field: not one value
    text += t->text;
  }
  if (auto amount = strip_unit(text, "\xE2\x82\xAC"))  // €
    if (auto v = french_number(*amount)) return CellValue{CellValue::Currency, *v};
  if (auto ratio = strip_unit(text, "%"))
    if (auto v = french_number(*ratio)) return CellValue{CellValue::Percentage, *v / 100};
  return std::nullopt;
}

}  // namespace trame::odt
