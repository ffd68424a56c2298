#include "dossier/json_fast.hpp"

#include <limits>
#include <string>
#include <vector>

#include <simdjson.h>

#include "dossier/input_limits.hpp"

namespace trame::dossier {

namespace {

using json = nlohmann::json;
namespace dom = simdjson::dom;

// "-0" is an integer for nlohmann (signed 0) where simdjson gives a plain 0:
// a '-' then '0' then the end of the number, after ':' ',' '[' or white space
// (a date's "-0" follows a digit). Rare enough to send the text the careful way.
bool has_negative_zero(std::string_view t) {
  for (size_t i = t.find("-0"); i != std::string_view::npos; i = t.find("-0", i + 1)) {
    const char after = i + 2 < t.size() ? t[i + 2] : ' ';
    if (after >= '0' && after <= '9') continue;
    size_t b = i;
    while (b > 0 && (t[b - 1] == ' ' || t[b - 1] == '\n' || t[b - 1] == '\r' || t[b - 1] == '\t')) --b;
    if (b == 0 || t[b - 1] == ':' || t[b - 1] == ',' || t[b - 1] == '[') return true;
  }
  return false;
}

struct Converter {
  ParseFindings found;
  bool refused = false;  // a limit passed: the careful path says where

  json value(dom::element e, int depth) {
    switch (e.type()) {
      case dom::element_type::OBJECT: {
        if (depth >= kMaxDepth) return refused = true, json();
        const dom::object o = e.get_object().value_unsafe();
        if (o.size() > kMaxMembers) return refused = true, json();
        json out(json::value_t::object);
        auto& members = out.get_ref<json::object_t&>();
        for (const auto field : o) {
          // As json::parse: a member written twice keeps its last value.
          auto [it, inserted] = members.try_emplace(std::string(field.key));
          if (!inserted) found.duplicates = true;
          it->second = value(field.value, depth + 1);
          if (refused) return json();
        }
        return out;
      }
      case dom::element_type::ARRAY: {
        if (depth >= kMaxDepth) return refused = true, json();
        json out(json::value_t::array);
        auto& items = out.get_ref<json::array_t&>();
        const dom::array a = e.get_array().value_unsafe();  // a view of the parser's tape
        for (const dom::element item : a) {
          items.push_back(value(item, depth + 1));
          if (refused) return json();
        }
        return out;
      }
      case dom::element_type::STRING: return json(std::string(e.get_string().value_unsafe()));
      case dom::element_type::INT64: {
        // nlohmann reads an integer without a sign as unsigned, with one as signed.
        const int64_t v = e.get_int64().value_unsafe();
        if (v >= 0) return json(static_cast<json::number_unsigned_t>(v));
        return json(static_cast<json::number_integer_t>(v));
      }
      case dom::element_type::UINT64: {
        const uint64_t v = e.get_uint64().value_unsafe();
        if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) found.huge_numbers = true;
        return json(static_cast<json::number_unsigned_t>(v));
      }
      case dom::element_type::DOUBLE: return json(e.get_double().value_unsafe());
      case dom::element_type::BOOL: return json(e.get_bool().value_unsafe());
      case dom::element_type::NULL_VALUE: return json(nullptr);
    }
    return refused = true, json();
  }
};

}  // namespace

std::optional<json> parse_json_fast(std::string_view text, ParseFindings* findings) {
  if (has_negative_zero(text)) return std::nullopt;
  // One parser and one padded copy of the text a thread, their buffers reused, for
  // dossiers of the usual size (the samples weigh 40 to 55 Ko); a larger text has
  // its own, freed after it, so that no thread keeps megabytes.
  constexpr size_t kKept = 256 << 10;
  thread_local dom::parser kept_parser;
  thread_local std::vector<char> kept_padded;
  dom::parser own_parser;
  std::vector<char> own_padded;
  const bool small = text.size() <= kKept;
  dom::parser& parser = small ? kept_parser : own_parser;
  std::vector<char>& padded = small ? kept_padded : own_padded;
  padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
  std::copy(text.begin(), text.end(), padded.begin());
  dom::element root;
  if (parser.parse(padded.data(), text.size(), false).get(root) != simdjson::SUCCESS) return std::nullopt;
  Converter c;
  json out = c.value(root, 0);
  if (c.refused) return std::nullopt;
  if (findings) *findings = c.found;
  return out;
}

}  // namespace trame::dossier
