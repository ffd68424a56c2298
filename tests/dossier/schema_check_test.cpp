#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "common/files.hpp"
#include "dossier/schema_check.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using trame::dossier::FastSchemaCheck;

namespace {

fs::path source(const std::string& relative) { return fs::path(TRAME_SOURCE_DIR) / relative; }

json read_json(const fs::path& p) { return json::parse(trame::read_file(p)); }

// A schema as valijson compiles it and as the fast check does. valijson is the
// reference here (validate_schema itself now asks the fast check first).
class Both {
 public:
  explicit Both(json schema) : document_(std::move(schema)), fast_(document_) {
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(document_);
    parser.populateSchema(adapter, schema_);
  }
  bool fast(const json& value) const { return fast_.valid(value); }
  bool valijson(const json& value) const {
    valijson::adapters::NlohmannJsonAdapter target(value);
    return validator_.validate(schema_, target, nullptr);
  }
  const json& document() const { return document_; }

 private:
  json document_;
  valijson::Schema schema_;
  FastSchemaCheck fast_;
  mutable valijson::Validator validator_;  // keeps its compiled patterns between calls
};

const Both& dossier_schema() {
  static const Both both(read_json(source("models/dossier.schema.json")));
  return both;
}

// ---- Mutations -------------------------------------------------------------

struct Mutation {
  std::string path, kind;
  json document;
};

void collect_pointers(const json& v, const json::json_pointer& at, std::vector<json::json_pointer>& out) {
  out.push_back(at);
  if (v.is_object())
    for (const auto& [k, sub] : v.items()) collect_pointers(sub, at / k, out);
  else if (v.is_array())
    for (size_t i = 0; i < v.size(); ++i) collect_pointers(v[i], at / i, out);
}

void collect_enum_strings(const json& schema, std::vector<std::string>& out) {
  if (schema.is_object() && schema.contains("enum"))
    for (const auto& e : schema["enum"])
      if (e.is_string()) out.push_back(e.get<std::string>());
  if (schema.is_structured())
    for (const auto& sub : schema) collect_enum_strings(sub, out);
}

// The replacements of one value, each with a name: wrong types, values below
// a minimum, broken patterns, emptied strings and arrays, another enum value...
std::vector<std::pair<std::string, json>> replacements(const json& v, const std::vector<std::string>& enum_strings,
                                                       size_t salt) {
  std::vector<std::pair<std::string, json>> out{{"null", nullptr}};
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    out.insert(out.end(), {{"number instead of string", 42},
                           {"empty string", ""},
                           {"pattern broken at the end", s + "!"},
                           {"pattern broken at the start", "x" + s},
                           {"first character removed", s.empty() ? s : s.substr(1)},
                           {"one multi-byte character", "é"},
                           {"multi-byte character appended", s + "é"},
                           {"other enum value", enum_strings[salt % enum_strings.size()]},
                           {"unknown enum value", "valeur_inconnue"}});
  } else if (v.is_number()) {
    const double d = v.get<double>();
    out.insert(out.end(), {{"string instead of number", v.dump()},
                           {"minus one", -1},
                           {"zero", 0},
                           {"far below any minimum", -1000000},
                           {"half added", d + 0.5},
                           {"same value as a float", d},
                           {"far above any maximum", 1e9}});
    if (v.is_number_integer()) out.emplace_back("plus one", v.get<std::int64_t>() + 1);
  } else if (v.is_boolean()) {
    out.insert(out.end(), {{"negated", !v.get<bool>()}, {"string instead of boolean", "oui"}});
  } else if (v.is_object()) {
    json extra = v;
    extra["champ_inconnu"] = 1;
    out.insert(out.end(), {{"unknown member added", extra},
                           {"emptied object", json::object()},
                           {"array instead of object", json::array()}});
  } else if (v.is_array()) {
    out.insert(out.end(), {{"emptied array", json::array()}, {"object instead of array", json::object()}});
    if (!v.empty()) {
      json first = json::array({v[0]}), doubled = v, with_null = v;
      doubled.push_back(v[0]);
      with_null.push_back(nullptr);
      out.insert(out.end(),
                 {{"first item only", first}, {"first item repeated", doubled}, {"null item appended", with_null}});
    }
  }
  return out;
}

// Mutations of `d` at every path: a third of the ways of replacing or
// deleting each value, a different third from one path to the next (the
// whole set costs valijson three times as long and finds nothing more).
std::vector<Mutation> mutations_of(const json& d, const std::vector<std::string>& enum_strings) {
  std::vector<json::json_pointer> pointers;
  collect_pointers(d, json::json_pointer(), pointers);
  std::vector<Mutation> out;
  for (size_t i = 0; i < pointers.size(); ++i) {
    const json::json_pointer& p = pointers[i];
    std::vector<std::pair<std::string, json>> ways = replacements(d.at(p), enum_strings, i);
    if (!p.empty()) ways.emplace_back("deleted", json(json::value_t::discarded));
    for (size_t k = i % 3; k < ways.size(); k += 3) {
      Mutation m{p.to_string(), ways[k].first, d};
      if (!ways[k].second.is_discarded()) {
        m.document.at(p) = std::move(ways[k].second);
      } else if (json& parent = m.document.at(p.parent_pointer()); parent.is_object()) {
        parent.erase(p.back());
      } else {
        parent.erase(std::stoul(p.back()));
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace

// ---- The real schema -------------------------------------------------------

TEST_CASE("the fast schema check accepts every sample dossier that valijson finds valid and refuses the others") {
  const Both& schema = dossier_schema();
  std::vector<fs::path> files;
  for (const char* dir : {"samples", "samples/invalides"})
    for (const auto& entry : fs::directory_iterator(source(dir)))
      if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  int valid = 0;
  for (const auto& f : files) {
    INFO(f.string());
    json d;
    try {
      d = read_json(f);
    } catch (const json::parse_error&) {
      continue;  // the sample of malformed JSON
    }
    const bool reference = schema.valijson(d);
    CHECK(schema.fast(d) == reference);
    valid += reference;
  }
  CHECK(valid >= 3);  // the two bundled dossiers and the one that only breaks business rules
  CHECK(schema.fast(read_json(source("samples/sud-manche.json"))));
  CHECK(schema.fast(read_json(source("samples/vallee-du-loir.json"))));
}

TEST_CASE("the fast schema check accepts no mutated dossier that valijson refuses and nearly all that it accepts") {
  const Both& schema = dossier_schema();
  std::vector<std::string> enum_strings;
  collect_enum_strings(schema.document(), enum_strings);
  REQUIRE(!enum_strings.empty());

  size_t total = 0, reference_valid = 0, fast_valid = 0;
  std::vector<std::string> unsound;  // accepted by the fast check, refused by valijson
  for (const char* name : {"samples/sud-manche.json", "samples/vallee-du-loir.json"}) {
    json d = read_json(source(name));
    REQUIRE(schema.valijson(d));
    for (const Mutation& m : mutations_of(d, enum_strings)) {
      ++total;
      const bool reference = schema.valijson(m.document);
      const bool fast = schema.fast(m.document);
      reference_valid += reference;
      fast_valid += fast && reference;
      if (fast && !reference) unsound.push_back(std::string(name) + " " + m.path + ": " + m.kind);
    }
  }
  INFO("mutations: " << total << ", valid for valijson: " << reference_valid << ", of which the fast check accepts "
                     << fast_valid);
  for (size_t i = 0; i < std::min<size_t>(unsound.size(), 20); ++i) UNSCOPED_INFO(unsound[i]);
  CHECK(unsound.empty());
  CHECK(total >= 5000);  // a few thousand
  CHECK(reference_valid >= 1000);          // enough valid mutations for the ratio to mean something
  CHECK(total - reference_valid >= 1000);  // and enough invalid ones
  CHECK(fast_valid * 100 >= reference_valid * 95);
}

TEST_CASE("the fast schema check refuses a decimal where the dossier schema wants an integer") {
  const Both& schema = dossier_schema();
  json d = read_json(source("samples/sud-manche.json"));
  REQUIRE(schema.fast(d));
  d["territoire"]["population"] = 60200.5;
  CHECK_FALSE(schema.fast(d));
  CHECK_FALSE(schema.valijson(d));
}

// ---- Hand-written schemas --------------------------------------------------

TEST_CASE("the fast schema check refuses a decimal, even a whole one, where an integer is required") {
  Both schema(json{{"type", "integer"}, {"minimum", 1}});
  CHECK(schema.fast(3));
  CHECK_FALSE(schema.fast(3.5));
  CHECK_FALSE(schema.valijson(3.5));
  CHECK_FALSE(schema.fast(3.0));  // nlohmann keeps 3.0 a float, which valijson refuses too
  CHECK_FALSE(schema.valijson(3.0));
  CHECK_FALSE(schema.fast(0));
  CHECK_FALSE(schema.fast("3"));
  Both number(json{{"type", json::array({"number", "null"})}, {"exclusiveMinimum", 0}, {"maximum", 5}});
  CHECK(number.fast(0.5));
  CHECK(number.fast(5));
  CHECK(number.fast(nullptr));
  CHECK_FALSE(number.fast(0));
  CHECK_FALSE(number.fast(5.01));
  CHECK_FALSE(number.fast(true));
}

TEST_CASE("the fast schema check counts the length of a string in code points, as valijson does") {
  Both one(json{{"type", "string"}, {"minLength", 1}});
  CHECK(one.fast("é"));
  CHECK(one.valijson("é"));
  CHECK_FALSE(one.fast(""));
  Both two(json{{"type", "string"}, {"minLength", 2}});
  CHECK_FALSE(two.fast("é"));  // two bytes, one character
  CHECK_FALSE(two.valijson("é"));
  CHECK(two.fast("éé"));
  CHECK(two.fast("€x"));
  CHECK_FALSE(two.fast(std::string("a\0b", 3)));  // a NUL byte: left to valijson, which stops there
  CHECK_FALSE(two.fast(std::string("\xC3\xC3", 2)));  // not UTF-8: left to valijson
}

TEST_CASE("the fast schema check counts long strings eight ASCII bytes at a time, as valijson counts them") {
  Both nine(json{{"type", "string"}, {"maxLength", 9}});
  for (const std::string& s : std::vector<std::string>{"abcdefghij", "abcdefgh\xC3\xA9", "abcdefg\xC3\xA9",
                                                       "\xC3\xA9" "abcdefgh", "abcdefghi", "\xC3\xA9" "abcdefghi"}) {
    INFO(s);
    CHECK(nine.fast(s) == nine.valijson(s));
  }
  // A NUL byte or bytes that are not UTF-8, after eight ASCII bytes or among them: left to valijson.
  for (const std::string& s : std::vector<std::string>{std::string("abcdefgh\0ij", 11), std::string("abcd\0fghij", 11),
                                                       "abcdefgh\xC3\xC3" "abc"}) {
    INFO(s);
    CHECK_FALSE(nine.fast(s));
  }
  Both ten(json{{"type", "string"}, {"minLength", 10}});
  for (const std::string& s : std::vector<std::string>{"abcdefghij", "abcdefghi\xC3\xA9", "abcdefgh\xC3\xA9",
                                                       "\xE2\x82\xAC" "abcdefghi", "\xE2\x82\xAC" "abcdefgh"}) {
    INFO(s);
    CHECK(ten.fast(s) == ten.valijson(s));
  }
}

TEST_CASE("the fast schema check matches the dossier's date pattern as the regex does") {
  Both date(json{{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}});
  CHECK(date.fast("2026-01-31"));
  for (const char* s : {"2026-01-31", "2026-1-31", "2026-01-310", " 2026-01-31", "2026-01-31\n", "2026/01/31", "20260-1-31",
                        "2026-0a-31", "", "2026-13-45", "\xEF\xBC\x92" "026-01-31"}) {
    INFO(s);
    CHECK(date.fast(s) == date.valijson(s));
  }
}

TEST_CASE("the fast schema check refuses a string that its pattern does not match anywhere") {
  Both postal(json{{"type", "string"}, {"pattern", "^[0-9]{5}$"}});
  CHECK(postal.fast("50100"));
  CHECK_FALSE(postal.fast("5010"));
  CHECK_FALSE(postal.valijson("5010"));
  CHECK_FALSE(postal.fast("x50100"));
  Both digit(json{{"type", "string"}, {"pattern", "[0-9]"}});
  CHECK(digit.fast("ab1c"));  // searched, not matched whole, like valijson
  CHECK(digit.valijson("ab1c"));
  CHECK_FALSE(digit.fast("abc"));
}

TEST_CASE("the fast schema check refuses a member that a closed object does not define and a missing required one") {
  Both schema(json::parse(R"({"type": "object", "additionalProperties": false, "required": ["a"],
                              "properties": {"a": {"type": "string"}, "b": {"type": "boolean"}}})"));
  CHECK(schema.fast(json{{"a", "x"}}));
  CHECK(schema.fast(json{{"a", "x"}, {"b", true}}));
  CHECK_FALSE(schema.fast(json{{"a", "x"}, {"c", 1}}));
  CHECK_FALSE(schema.valijson(json{{"a", "x"}, {"c", 1}}));
  CHECK_FALSE(schema.fast(json{{"0", 1}, {"a", "x"}}));  // sorted before the known members
  CHECK_FALSE(schema.fast(json{{"b", true}}));
  Both open(json::parse(R"({"type": "object", "additionalProperties": {"type": "integer"}, "required": ["z"]})"));
  CHECK(open.fast(json{{"z", 1}, {"y", 2}}));
  CHECK_FALSE(open.fast(json{{"z", 1}, {"y", "2"}}));
  CHECK_FALSE(open.fast(json{{"y", 2}}));
}

TEST_CASE("the fast schema check accepts an enum value only of the same JSON type") {
  Both schema(json{{"enum", json::array({"M.", "Mme", 1})}});
  CHECK(schema.fast("Mme"));
  CHECK(schema.fast(1));
  CHECK_FALSE(schema.fast("Mlle"));
  CHECK_FALSE(schema.fast(1.0));  // left to valijson
}

TEST_CASE("the fast schema check checks the items and the size of an array") {
  Both schema(json::parse(R"({"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "string"}})"));
  CHECK(schema.fast(json::array({"a"})));
  CHECK(schema.fast(json::array({"a", "b"})));
  CHECK_FALSE(schema.fast(json::array()));
  CHECK_FALSE(schema.fast(json::array({"a", "b", "c"})));
  CHECK_FALSE(schema.fast(json::array({"a", 1})));
}

TEST_CASE("the fast schema check counts maxLength in characters, as valijson does") {
  Both schema(json{{"type", "string"}, {"maxLength", 3}});
  CHECK(schema.fast("ab"));
  CHECK(schema.fast("\u00e9\u00e9\u00e9"));  // 6 bytes, 3 characters
  CHECK(schema.valijson("\u00e9\u00e9\u00e9"));
  CHECK_FALSE(schema.fast("abcd"));
  CHECK_FALSE(schema.valijson("abcd"));
}

TEST_CASE("the fast schema check leaves a keyword it does not know to valijson") {
  Both schema(json{{"type", "object"}, {"maxProperties", 3}});
  CHECK_FALSE(schema.fast(json{{"a", 1}}));
  CHECK(schema.valijson(json{{"a", 1}}));
  Both inner(json::parse(R"({"type": "object", "properties": {"a": {"format": "date"}}})"));
  CHECK(inner.fast(json{{"b", 1}}));  // the unknown keyword is only where "a" goes
  CHECK_FALSE(inner.fast(json{{"a", "2024-01-01"}}));
  // valijson itself would fetch another document for this one.
  FastSchemaCheck remote(json{{"$ref", "other.json#/definitions/x"}});
  CHECK_FALSE(remote.valid(1));
}

TEST_CASE("the fast schema check follows references, recursive ones included") {
  Both schema(json::parse(R"({
    "definitions": {"tree": {"type": "object", "additionalProperties": false,
                             "properties": {"name": {"type": "string"},
                                            "children": {"type": "array", "items": {"$ref": "#/definitions/tree"}}}}},
    "allOf": [{"$ref": "#/definitions/tree"}, {"required": ["name"]}]})"));
  json tree = json::parse(R"({"name": "root", "children": [{"children": [{"name": "leaf"}]}]})");
  CHECK(schema.fast(tree));
  CHECK(schema.valijson(tree));
  tree["children"][0]["children"][0]["name"] = 3;
  CHECK_FALSE(schema.fast(tree));
  CHECK_FALSE(schema.valijson(tree));
  CHECK_FALSE(schema.fast(json{{"children", json::array()}}));  // "name" required at the root only
  // A cycle that never reaches the value: given up, not endless.
  FastSchemaCheck loop(
      json::parse(R"({"definitions": {"a": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"})"));
  CHECK_FALSE(loop.valid(1));
}
