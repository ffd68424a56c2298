// French text of the funding engine: the same characters as trame::locale (ICU fr_FR).
#include <catch2/catch.hpp>

#include "funding/text.hpp"

using namespace trame::funding;

TEST_CASE("money in French, as ICU writes it") {
  CHECK(text::money(4000000) == "40\u202F000\u00A0€");
  CHECK(text::money(123450) == "1\u202F234,50\u00A0€");
  CHECK(text::money(7) == "0,07\u00A0€");
  CHECK(text::money(500) == "5\u00A0€");
  CHECK(text::money(100000000) == "1\u202F000\u202F000\u00A0€");
  CHECK(text::money(-123972) == "-1\u202F239,72\u00A0€");
}

TEST_CASE("percent and dates in French") {
  CHECK(text::percent(0.5) == "50\u00A0%");
  CHECK(text::percent(0.755) == "75,5\u00A0%");
  CHECK(text::percent(1) == "100\u00A0%");
  CHECK(text::percent(1.0 / 3.0) == "33,3\u00A0%");
  CHECK(text::percent(0) == "0\u00A0%");
  CHECK(text::date_long("2025-03-01") == "1er mars 2025");
  CHECK(text::date_long("2027-02-28") == "28 février 2027");
  CHECK(text::date_long("2026-08-15") == "15 août 2026");
}
