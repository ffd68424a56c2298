#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "locale/format.hpp"

using namespace trame::locale;

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
  CHECK(date_long("2019-06-20") == "20 juin 2019");
  CHECK(date_long("2025-03-01") == "1er mars 2025");
  CHECK(date_long("2024-08-15") == "15 août 2024");
  CHECK(date_long("2024-12-31") == "31 décembre 2024");
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
  CHECK(words(287000) == "deux cent quatre-vingt-sept mille");
  CHECK(words(80) == "quatre-vingts");
  CHECK(words(200) == "deux cents");
  CHECK(words(71) == "soixante et onze");
  CHECK(words(21) == "vingt et un");
  CHECK(words(81) == "quatre-vingt-un");
  CHECK(words(1000000) == "un million");
  CHECK(words(1200) == "mille deux cents");
}

TEST_CASE("numbers in words: the tricky cases of the traditional spelling") {
  CHECK(words(0) == "zéro");
  CHECK(words(17) == "dix-sept");
  CHECK(words(31) == "trente et un");
  CHECK(words(61) == "soixante et un");
  CHECK(words(70) == "soixante-dix");
  CHECK(words(72) == "soixante-douze");
  CHECK(words(79) == "soixante-dix-neuf");
  CHECK(words(90) == "quatre-vingt-dix");
  CHECK(words(91) == "quatre-vingt-onze");
  CHECK(words(97) == "quatre-vingt-dix-sept");
  CHECK(words(101) == "cent un");
  CHECK(words(180) == "cent quatre-vingts");
  CHECK(words(201) == "deux cent un");
  CHECK(words(280) == "deux cent quatre-vingts");
  CHECK(words(999) == "neuf cent quatre-vingt-dix-neuf");
  CHECK(words(1001) == "mille un");
  CHECK(words(1980) == "mille neuf cent quatre-vingts");
  CHECK(words(2000) == "deux mille");
  CHECK(words(21000) == "vingt et un mille");
  // "cent" and "vingt" stay singular before "mille" (an adjective)...
  CHECK(words(80000) == "quatre-vingt mille");
  CHECK(words(200000) == "deux cent mille");
  CHECK(words(280000) == "deux cent quatre-vingt mille");
  CHECK(words(300080) == "trois cent mille quatre-vingts");
  // ... but take the plural before "millions" and "milliards" (nouns).
  CHECK(words(2000000) == "deux millions");
  CHECK(words(1200000) == "un million deux cent mille");
  CHECK(words(80000000) == "quatre-vingts millions");
  CHECK(words(200000000) == "deux cents millions");
  CHECK(words(1000000000) == "un milliard");
  CHECK(words(2200000000LL) == "deux milliards deux cents millions");
  CHECK(words(-5) == "moins cinq");
}

TEST_CASE("amounts in words") {
  CHECK(money_words(287000) == "deux cent quatre-vingt-sept mille euros");
  CHECK(money_words(1) == "un euro");
  CHECK(money_words(1000000) == "un million d’euros");
  CHECK(money_words(2000000) == "deux millions d’euros");
  CHECK(money_words(15000.5) == "quinze mille euros et cinquante centimes");
  CHECK(money_words(450000) == "quatre cent cinquante mille euros");
  CHECK(money_words(0) == "zéro euro");
  CHECK(money_words(0.5) == "cinquante centimes");
  CHECK(money_words(1.01) == "un euro et un centime");
  CHECK(money_words(80) == "quatre-vingts euros");
  CHECK(money_words(21) == "vingt et un euros");
  CHECK(money_words(200000000) == "deux cents millions d’euros");
  CHECK(money_words(1200000) == "un million deux cent mille euros");
  CHECK(money_words(-20) == "moins vingt euros");
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
