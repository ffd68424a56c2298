// French text for the funding engine's messages and labels, without ICU so
// that the engine depends on trame_common only. The output matches
// trame::locale (fr_FR through ICU) character for character: "17 500 €" with
// U+202F between groups and U+00A0 before "€", "50 %" with U+00A0, "1er mars 2025".
#pragma once
#include <string>

namespace trame::funding::text {

// 1750000 cents -> "17 500 €"; 123450 -> "1 234,50 €" (decimals only when not whole).
std::string money(long long cents);
// 0.755 -> "75,5 %" (at most one decimal, rounded half up).
std::string percent(double ratio);
// "2025-03-01" -> "1er mars 2025". The date must be valid (YYYY-MM-DD).
std::string date_long(const std::string& iso_date);

}  // namespace trame::funding::text
