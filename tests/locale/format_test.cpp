#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "locale/format.hpp"
#include "support/checks.hpp"

using namespace trame::locale;
using trame::test::check_gives;

// U+202F narrow no-break space (ICU fr groups), U+00A0 no-break space (before €, %).
#define NNBSP "\u202F"
#define NBSP "\u00A0"

TEST_CASE("money: French grouping, euro sign, decimals only when needed") {
  CHECK(money(17500) == "17" NNBSP "500" NBSP "€");
  CHECK(money(287000) == "287" NNBSP "000" NBSP "€");
  CHECK(money(0) == "0" NBSP "€");
  CHECK(money(1234.5) == "1" NNBSP "234,50" NBSP "€");
  CHECK(money(999.999) == "1" NNBSP "000" NBSP "€");
  CHECK(money(0.5) == "0,50" NBSP "€");
  CHECK(money(1000000) == "1" NNBSP "000" NNBSP "000" NBSP "€");
}

TEST_CASE("numbers and percentages") {
  CHECK(number(60200) == "60" NNBSP "200");
  CHECK(number(105452) == "105" NNBSP "452");
  CHECK(number(8.1) == "8,1");
  CHECK(number(2.5, 2) == "2,50");
  CHECK(percent(0.755) == "75,5" NBSP "%");
  CHECK(percent(1) == "100" NBSP "%");
  CHECK(percent(0.5) == "50" NBSP "%");
  CHECK(number(1234567.891, 2) == "1" NNBSP "234" NNBSP "567,89");
  CHECK(number(3, 0) == "3");
  CHECK(number(-1500) == "-1" NNBSP "500");
}

TEST_CASE("long and short French dates") {
  check_gives<std::string>(date_long, {{"2019-06-20", "20 juin 2019"}, {"2025-03-01", "1er mars 2025"},
                                       {"2024-08-15", "15 août 2024"}, {"2024-12-31", "31 décembre 2024"}});
  CHECK(date_short("2019-06-20") == "20/06/2019");
  CHECK_THROWS_AS(date_long("2019-02-30"), std::invalid_argument);
  CHECK_THROWS_AS(date_long("20/06/2019"), std::invalid_argument);
}

TEST_CASE("calendar validity") {
  CHECK(is_iso_date("2024-02-29"));
  CHECK_FALSE(is_iso_date("2023-02-29"));
  CHECK_FALSE(is_iso_date("2100-02-29"));
  CHECK(is_iso_date("2000-02-29"));
  CHECK_FALSE(is_iso_date("2024-13-01"));
  CHECK_FALSE(is_iso_date("2024-1-01"));
}

TEST_CASE("numbers in words, traditional spelling") {
  check_gives<long long>(words, {{287000, "deux cent quatre-vingt-sept mille"}, {80, "quatre-vingts"},
                                 {200, "deux cents"}, {71, "soixante et onze"}, {21, "vingt et un"},
                                 {81, "quatre-vingt-un"}, {1000000, "un million"}, {1200, "mille deux cents"}});
}

TEST_CASE("numbers in words: the tricky cases of the traditional spelling") {
  check_gives<long long>(words, {{0, "zéro"}, {17, "dix-sept"}, {31, "trente et un"}, {61, "soixante et un"},
                                 {70, "soixante-dix"}, {72, "soixante-douze"}, {79, "soixante-dix-neuf"},
                                 {90, "quatre-vingt-dix"}, {91, "quatre-vingt-onze"}, {97, "quatre-vingt-dix-sept"},
                                 {101, "cent un"}, {180, "cent quatre-vingts"}, {201, "deux cent un"},
                                 {280, "deux cent quatre-vingts"}, {999, "neuf cent quatre-vingt-dix-neuf"},
                                 {1001, "mille un"}, {1980, "mille neuf cent quatre-vingts"}, {2000, "deux mille"},
                                 {21000, "vingt et un mille"},
                                 // "cent" and "vingt" stay singular before "mille" (an adjective)...
                                 {80000, "quatre-vingt mille"}, {200000, "deux cent mille"},
                                 {280000, "deux cent quatre-vingt mille"}, {300080, "trois cent mille quatre-vingts"},
                                 // ... but take the plural before "millions" and "milliards" (nouns).
                                 {2000000, "deux millions"}, {1200000, "un million deux cent mille"},
                                 {80000000, "quatre-vingts millions"}, {200000000, "deux cents millions"},
                                 {1000000000, "un milliard"}, {2200000000LL, "deux milliards deux cents millions"},
                                 {-5, "moins cinq"}});
}

TEST_CASE("amounts in words") {
  check_gives<double>(money_words, {{287000, "deux cent quatre-vingt-sept mille euros"}, {1, "un euro"},
                                    {1000000, "un million d’euros"}, {2000000, "deux millions d’euros"},
                                    {15000.5, "quinze mille euros et cinquante centimes"},
                                    {450000, "quatre cent cinquante mille euros"}, {0, "zéro euro"},
                                    {0.5, "cinquante centimes"}, {1.01, "un euro et un centime"},
                                    {80, "quatre-vingts euros"}, {21, "vingt et un euros"},
                                    {200000000, "deux cents millions d’euros"},
                                    {1200000, "un million deux cent mille euros"}, {-20, "moins vingt euros"}});
}

TEST_CASE("formatting is thread-safe") {
  std::vector<std::thread> threads;
  std::vector<std::string> results(8);
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 200; ++k)
        results[i] = words(287000 + k % 3) + money(17500) + number(2.5, 2) + date_long("2019-06-20");
    });
  for (auto& t : threads) t.join();
  for (const auto& r : results) CHECK(r == results[0]);
}

TEST_CASE("French case mapping keeps accents") {
  CHECK(upper("équipe de soins primaires") == "ÉQUIPE DE SOINS PRIMAIRES");
  CHECK(lower("Président") == "président");
  CHECK(capitalize("élaboration du projet") == "Élaboration du projet");
  CHECK(capitalize("") == "");
}
