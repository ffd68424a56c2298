#include <catch2/catch.hpp>

#include "common/suggest.hpp"

using trame::did_you_mean;

TEST_CASE("did_you_mean proposes the closest word within about one typo in three letters") {
  const std::vector<std::string> filters = {"money", "money_words", "number", "percent", "date_long", "upper"};
  CHECK(did_you_mean("mony", filters) == " (vouliez-vous dire « money » ?)");     // a letter left out
  CHECK(did_you_mean("Money", filters) == " (vouliez-vous dire « money » ?)");    // case
  CHECK(did_you_mean("nubmer", filters) == " (vouliez-vous dire « number » ?)");  // two letters swapped
  CHECK(did_you_mean("date-long", filters) == " (vouliez-vous dire « date_long » ?)");
  CHECK(did_you_mean("pourcent", filters) == " (vouliez-vous dire « percent » ?)");  // two edits in 8 letters
  CHECK(did_you_mean("prcnt", filters).empty());  // two edits in 5 letters: too far
  CHECK(did_you_mean("inconnu", filters).empty());
  CHECK(did_you_mean("up", filters).empty());  // 3 edits from "upper": too far for a 2-letter word
  CHECK(did_you_mean("", filters).empty());
  CHECK(did_you_mean("money", {}).empty());
}
