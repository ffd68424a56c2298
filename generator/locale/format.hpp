// French (fr_FR) formatting through ICU. Every function is thread-safe.
#pragma once
#include <string>

namespace trame::locale {

// "17 500 €" (U+202F narrow no-break space between groups and before €);
// no decimals when the amount is whole, else two ("1 234,50 €").
std::string money(double euros);
// "60 200" (U+202F groups); decimals: -1 = as many as needed (max 2), else exactly that many.
std::string number(double value, int decimals = -1);
// ratio 0.755 -> "75,5 %" (U+202F before %); max 1 decimal.
std::string percent(double ratio);
// "2019-06-20" -> "20 juin 2019"; day 1 -> "1er juin 2019". Throws std::invalid_argument on a bad date.
std::string date_long(const std::string& iso_date);
// "2019-06-20" -> "20/06/2019".
std::string date_short(const std::string& iso_date);
// 287000 -> "deux cent quatre-vingt-sept mille" (traditional spelling, as contracts write it:
// "vingt et un", "quatre-vingts", "deux cent mille", "deux cents millions"); ICU rule-based.
std::string words(long long value);
// 287000 -> "deux cent quatre-vingt-sept mille euros"; 1 -> "un euro";
// 1000000 -> "un million d’euros" (typographic apostrophe U+2019); cents -> "... euros et
// cinquante centimes"; 0.5 -> "cinquante centimes"; negative -> "moins ...".
std::string money_words(double euros);
// Unicode-aware French case mapping: "équipe" -> "ÉQUIPE"; capitalize upper-cases the first letter only.
std::string upper(const std::string& utf8);
std::string lower(const std::string& utf8);
std::string capitalize(const std::string& utf8);
// The first letter in lower case when it is an ASCII capital, for a label inside a sentence
// (« Accompagnement des professionnels » -> « accompagnement des professionnels »).
std::string lower_first(std::string label);
// A measured value with its unit: « 57 % » (no-break space), « 1 protocole », « 0 consultation »,
// « 4 séances » (a plural unit in -s is singular below 2, as French counts); no unit: the number.
std::string quantity(double value, const std::string& unit);
// True if "YYYY-MM-DD" is a valid calendar date.
bool is_iso_date(const std::string& s);

}  // namespace trame::locale
