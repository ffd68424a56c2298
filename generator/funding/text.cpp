#include "funding/text.hpp"

#include <cmath>
#include <cstdlib>

namespace trame::funding::text {

namespace {
const char* const kNarrowNbsp = "\u202F";
const char* const kNbsp = "\u00A0";

std::string grouped(long long v) {
  std::string d = std::to_string(v), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out += kNarrowNbsp;
    out += d[i];
  }
  return out;
}
}  // namespace

std::string money(long long cents) {
  bool negative = cents < 0;
  unsigned long long a = negative ? 0ULL - static_cast<unsigned long long>(cents) : static_cast<unsigned long long>(cents);
  std::string out;
  if (negative) out += '-';
  out += grouped(static_cast<long long>(a / 100));
  if (a % 100 != 0) {
    unsigned long long c = a % 100;
    out += ",";
    out += static_cast<char>('0' + c / 10);
    out += static_cast<char>('0' + c % 10);
  }
  return out + kNbsp + "€";
}

std::string percent(double ratio) {
  long long tenths = std::llround(ratio * 1000.0);  // tenths of a percent
  bool negative = tenths < 0;
  if (negative) tenths = -tenths;
  std::string out;
  if (negative) out += '-';
  out += grouped(tenths / 10);
  if (tenths % 10 != 0) {
    out += ',';
    out += static_cast<char>('0' + tenths % 10);
  }
  return out + kNbsp + "%";
}

std::string date_long(const std::string& iso) {
  static const char* const months[12] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                         "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  int y = std::atoi(iso.substr(0, 4).c_str()), m = std::atoi(iso.substr(5, 2).c_str()), d = std::atoi(iso.substr(8, 2).c_str());
  if (m < 1 || m > 12) return iso;
  return (d == 1 ? std::string("1er") : std::to_string(d)) + " " + months[m - 1] + " " + std::to_string(y);
}

}  // namespace trame::funding::text
