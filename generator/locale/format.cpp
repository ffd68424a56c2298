#include "locale/format.hpp"

#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include <unicode/locid.h>
#include <unicode/numberformatter.h>
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

// Spell-out rules are not thread-safe to share: one formatter per thread.
icu::RuleBasedNumberFormat& spellout() {
  thread_local std::unique_ptr<icu::RuleBasedNumberFormat> f = [] {
    UErrorCode st = U_ZERO_ERROR;
    auto p = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, fr(), st);
    if (U_FAILURE(st)) throw std::runtime_error("ICU: règles d’écriture en lettres indisponibles");
    return p;
  }();
  return *f;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
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
  auto f = NumberFormatter::withLocale(fr()).precision(Precision::fixedFraction(decimals));
  return format_with(f, value);
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
  std::string out = utf8(s);
  // ICU writes "vingt-et-un", "soixante-et-onze"; contracts keep the traditional "vingt et un".
  replace_all(out, "-et-", " et ");
  return out;
}

std::string money_words(double euros) {
  long long cents_total = std::llround(euros * 100.0);
  bool negative = cents_total < 0;
  if (negative) cents_total = -cents_total;
  long long whole = cents_total / 100, cents = cents_total % 100;
  std::string out = words(whole);
  // "un million d'euros", "deux millions d'euros" (a noun takes "de"), else "euros".
  bool ends_with_noun = whole != 0 && (whole % 1000000 == 0);
  if (whole <= 1) out += " euro";
  else if (ends_with_noun) out += " d’euros";
  else out += " euros";
  if (cents > 0) out += " et " + words(cents) + (cents == 1 ? " centime" : " centimes");
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

std::string capitalize(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  if (u.isEmpty()) return s;
  int32_t first_len = U16_LENGTH(u.char32At(0));
  icu::UnicodeString head(u, 0, first_len), tail(u, first_len);
  head.toUpper(fr());
  return utf8(head + tail);
}

}  // namespace trame::locale
