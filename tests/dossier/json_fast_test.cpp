// The dossier's usual JSON path (simdjson, json_fast.cpp) builds exactly what
// nlohmann's json::parse builds, node type by node type, or leaves the text to
// the careful path: never a document nlohmann would refuse, never another value.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "common/files.hpp"
#include "dossier/json_fast.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using trame::dossier::parse_json_fast;

// Same JSON types at every node (signed, unsigned and floating numbers apart), same values.
static bool same(const json& a, const json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib)
      if (ia.key() != ib.key() || !same(ia.value(), ib.value())) return false;
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!same(a[i], b[i])) return false;
    return true;
  }
  return a.dump() == b.dump();  // -0.0 and 0.0 apart
}

// The fast path, when it answers, agrees with json::parse; it answers only for text json::parse takes.
static void agrees(const std::string& text) {
  INFO(text);
  const auto fast = parse_json_fast(text, nullptr);
  json slow;
  bool slow_ok = true;
  try {
    slow = json::parse(text);
  } catch (const json::exception&) {
    slow_ok = false;
  }
  if (!slow_ok) {
    CHECK_FALSE(fast.has_value());
    return;
  }
  if (fast) CHECK(same(*fast, slow));
}

TEST_CASE("the fast JSON path builds the samples exactly as json::parse does") {
  for (const char* name : {"sud-manche.json", "vallee-du-loir.json"}) {
    const std::string text = trame::read_file(fs::path(TRAME_SOURCE_DIR) / "samples" / name);
    trame::dossier::ParseFindings found{true, true};
    const auto fast = parse_json_fast(text, &found);
    REQUIRE(fast.has_value());  // the usual path is taken for a usual dossier
    CHECK(same(*fast, json::parse(text)));
    CHECK_FALSE(found.duplicates);
    CHECK_FALSE(found.huge_numbers);
  }
}

TEST_CASE("the fast JSON path agrees with json::parse on numbers, strings and structure") {
  for (const char* text :
       {"0", "-0", "-0.0", "[-0]", "{\"a\": -0}", "{\"d\": \"2026-01-05\", \"n\": -0.5}", "1.0", "1e2", "1E-2", "-12",
        "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
        "-9223372036854775808", "-9223372036854775809", "1E400", "1e-400", "4.9e-324", "0.1", "123456789.123456789",
        "\"a\\u0000b\"", "\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"\\udc00\"", "\"\xed\xa0\x80\"", "\"\xc3\xa9t\xc3\xa9\"",
        "\"\xff\"", "\"a\tb\"", "\"\x01\"", "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "\"\\x\"", " \n\t{}\r\n ",
        "\xef\xbb\xbf{\"a\": 1}", "{\"a\":1,}", "[1,2", "[]x", "tru", "nul", "{\"a\" 1}", "{'a': 1}", "01", "+1", "1.",
        ".5", "[1,[2,[3,{\"x\":[true,false,null]}]]]", "{\"a\": {\"b\": [], \"c\": {}}}", "", "  "})
    agrees(text);
}

TEST_CASE("the fast JSON path reports a member written twice and an integer above 2^63 - 1") {
  trame::dossier::ParseFindings found;
  auto twice = parse_json_fast("{\"a\": 1, \"b\": {\"c\": 2, \"c\": 3}}", &found);
  REQUIRE(twice.has_value());
  CHECK(found.duplicates);
  CHECK((*twice)["b"]["c"] == 3);  // the last value, as json::parse keeps it
  CHECK(same(*twice, json::parse("{\"a\": 1, \"b\": {\"c\": 2, \"c\": 3}}")));
  found = {};
  auto huge = parse_json_fast("{\"n\": 9223372036854775808}", &found);
  REQUIRE(huge.has_value());
  CHECK(found.huge_numbers);
  CHECK_FALSE(found.duplicates);
}

TEST_CASE("the fast JSON path leaves the limits to the careful path, which says where") {
  const std::string deep = std::string(64, '[') + std::string(64, ']');
  CHECK(parse_json_fast(deep, nullptr).has_value());  // 64 levels: allowed
  const std::string too_deep = std::string(65, '[') + std::string(65, ']');
  CHECK_FALSE(parse_json_fast(too_deep, nullptr).has_value());
  std::string wide = "{";
  for (int i = 0; i < 1001; ++i) wide += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
  wide += "}";
  CHECK_FALSE(parse_json_fast(wide, nullptr).has_value());
  // Through parse_json, the limit is refused with the careful path's message.
  CHECK_THROWS_AS(trame::dossier::parse_json(too_deep, "d.json"), trame::Error);
}
