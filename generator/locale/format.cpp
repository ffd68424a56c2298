#include "locale/format.hpp"

#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <vector>
#include <algorithm>

#include <unicode/locid.h>
#include <unicode/numberformatter.h>
#include <unicode/parseerr.h>
#include <unicode/rbnf.h>
#include <unicode/unistr.h>

namespace trame::locale {
namespace {

const icu::Locale& fr() {
  static const icu::Locale loc("fr", "FR");
  return loc;
}

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// LocalizedNumberFormatter objects are immutable and thread-safe once built.
const icu::number::LocalizedNumberFormatter& money_whole() {
  static const auto f = [] {
    UErrorCode st = U_ZERO_ERROR;
    auto nf = icu::number::NumberFormatter::withLocale(fr())
                  .unit(icu::CurrencyUnit(u"EUR", st))
                  .precision(icu::number::Precision::integer());
    return nf;
  }();
  return f;
}
const icu::number::LocalizedNumberFormatter& money_cents() {
  static const auto f = [] {
    UErrorCode st = U_ZERO_ERROR;
    return icu::number::NumberFormatter::withLocale(fr())
        .unit(icu::CurrencyUnit(u"EUR", st))
        .precision(icu::number::Precision::fixedFraction(2));
  }();
  return f;
}

std::string format_with(const icu::number::LocalizedNumberFormatter& f, double v) {
  UErrorCode st = U_ZERO_ERROR;
  auto r = f.formatDouble(v, st);
  icu::UnicodeString s = r.toString(st);
  if (U_FAILURE(st)) throw std::runtime_error("ICU: échec de mise en forme d’un nombre");
  return utf8(s);
}

bool is_whole(double v) { return std::fabs(v - std::round(v)) < 0.005; }

// Traditional French spell-out (the spelling contracts use), as an ICU
// RuleBasedNumberFormat rule set. ICU's own "fr" rules hyphenate "et"
// ("vingt-et-un") and write "deux cent millions"; these follow the classic
// rules: "vingt et un", "quatre-vingts" but "quatre-vingt-un", "deux cents"
// but "deux cent un", invariable before "mille" ("deux cent mille",
// "quatre-vingt mille") and plural before the nouns million and milliard
// ("deux cents millions").
const char16_t* const kTraditionalFrench =
    u"%spellout:\n"
    u"-x: moins >>;\n"
    u"0: z\u00e9ro; 1: un; 2: deux; 3: trois; 4: quatre; 5: cinq; 6: six; 7: sept; 8: huit; 9: neuf;\n"
    u"10: dix; 11: onze; 12: douze; 13: treize; 14: quatorze; 15: quinze; 16: seize; 17: dix->>;\n"
    u"20: vingt[>%%et-un>]; 30: trente[>%%et-un>]; 40: quarante[>%%et-un>]; 50: cinquante[>%%et-un>];\n"
    u"60: soixante[>%%et-un>]; 70: soixante>%%et-dix>; 80: quatre-vingt>%%s-ou-tiret>; 90: quatre-vingt->%%dix>;\n"
    u"100: cent[ >>]; 200: << cent>%%s-ou-espace>;\n"
    u"1000: mille[ >>]; 2000: <%%avant-mille< mille[ >>];\n"
    u"1000000: un million[ >>]; 2000000: << millions[ >>];\n"
    u"1000000000: un milliard[ >>]; 2000000000: << milliards[ >>];\n"
    u"1000000000000: =#,##0=;\n"
    u"%%et-un: 1: ' et un; 2: -=%spellout=;\n"
    u"%%et-dix: 0: -dix; 1: ' et onze; 2: -douze; 3: -treize; 4: -quatorze; 5: -quinze; 6: -seize;"
    u" 7: -dix-sept; 8: -dix-huit; 9: -dix-neuf;\n"
    u"%%dix: 0: dix; 1: onze; 2: douze; 3: treize; 4: quatorze; 5: quinze; 6: seize; 7: dix-sept;"
    u" 8: dix-huit; 9: dix-neuf;\n"
    u"%%s-ou-tiret: 0: s; 1: -=%spellout=;\n"
    u"%%s-ou-espace: 0: s; 1: ' =%spellout=;\n"
    u"%%avant-mille: 0: =%spellout=; 80: quatre-vingt[->%spellout>]; 90: =%spellout=;"
    u" 100: cent[ >>]; 200: << cent[ >>];\n";

// A RuleBasedNumberFormat is not documented as safe to share between
// threads: one formatter per thread, built from the rules on first use.
icu::RuleBasedNumberFormat& spellout() {
  thread_local std::unique_ptr<icu::RuleBasedNumberFormat> f = [] {
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe{};
    auto p = std::make_unique<icu::RuleBasedNumberFormat>(icu::UnicodeString(kTraditionalFrench), fr(), pe, st);
    if (U_FAILURE(st)) throw std::runtime_error("ICU : règles d’écriture des nombres en lettres invalides");
    return p;
  }();
  return *f;
}

const char* const kMonths[12] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                 "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};

struct Ymd {
  int y, m, d;
};

Ymd parse_date(const std::string& s) {
  if (!is_iso_date(s)) throw std::invalid_argument("date invalide « " + s + " » (format attendu AAAA-MM-JJ)");
  return {std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2))};
}

}  // namespace

std::string money(double euros) { return format_with(is_whole(euros) ? money_whole() : money_cents(), euros); }

std::string number(double value, int decimals) {
  using namespace icu::number;
  if (decimals < 0) {
    static const auto f = NumberFormatter::withLocale(fr()).precision(Precision::maxFraction(2));
    return format_with(f, value);
  }
  // Formatters for 0..6 decimals, built once (immutable, thread-safe).
  static const auto fixed = [] {
    std::vector<LocalizedNumberFormatter> v;
    for (int d = 0; d <= 6; ++d) v.push_back(NumberFormatter::withLocale(fr()).precision(Precision::fixedFraction(d)));
    return v;
  }();
  return format_with(fixed[static_cast<size_t>(std::min(decimals, 6))], value);
}

std::string percent(double ratio) {
  using namespace icu::number;
  static const auto f = NumberFormatter::withLocale(fr())
                            .unit(icu::NoUnit::percent())
                            .scale(Scale::powerOfTen(2))
                            .precision(Precision::maxFraction(1));
  return format_with(f, ratio);
}

bool is_iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  if (m < 1 || m > 12 || d < 1) return false;
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max = days[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) max = 29;
  return d <= max;
}

std::string date_long(const std::string& iso) {
  Ymd d = parse_date(iso);
  return (d.d == 1 ? std::string("1er") : std::to_string(d.d)) + " " + kMonths[d.m - 1] + " " + std::to_string(d.y);
}

std::string date_short(const std::string& iso) {
  Ymd d = parse_date(iso);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.d, d.m, d.y);
  return buf;
}

std::string words(long long value) {
  icu::UnicodeString s;
  spellout().format(static_cast<int64_t>(value), s);
  return utf8(s);
}

std::string money_words(double euros) {
  long long cents_total = std::llround(euros * 100.0);
  bool negative = cents_total < 0;
  if (negative) cents_total = -cents_total;
  long long whole = cents_total / 100, cents = cents_total % 100;
  std::string out;
  if (whole > 0 || cents == 0) {
    out = words(whole);
    // "un million d’euros", "deux milliards d’euros" (after a noun, "de"), else "euros".
    bool ends_with_noun = whole != 0 && (whole % 1000000 == 0);
    if (whole <= 1) out += " euro";
    else if (ends_with_noun) out += " d’euros";
    else out += " euros";
  }
  if (cents > 0) out += (out.empty() ? "" : " et ") + words(cents) + (cents == 1 ? " centime" : " centimes");
  if (negative) out = "moins " + out;
  return out;
}

std::string upper(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  u.toUpper(fr());
  return utf8(u);
}

std::string lower(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  u.toLower(fr());
  return utf8(u);
}

std::string lower_first(std::string label) {
  if (!label.empty() && label[0] >= 'A' && label[0] <= 'Z') label[0] = static_cast<char>(label[0] - 'A' + 'a');
  return label;
}

std::string quantity(double value, const std::string& unit) {
  std::string s = number(value);
  if (unit.empty()) return s;
  if (unit == "%") return s + "\u00A0%";
  std::string u = unit;
  if (std::fabs(value) < 2 && u.size() > 1 && u.back() == 's' && u.find(' ') == std::string::npos) u.pop_back();
  return s + " " + u;
}

std::string capitalize(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  if (u.isEmpty()) return s;
  int32_t first_len = U16_LENGTH(u.char32At(0));
  icu::UnicodeString head(u, 0, first_len), tail(u, first_len);
  head.toUpper(fr());
  return utf8(head + tail);
}

}  // namespace trame::locale
