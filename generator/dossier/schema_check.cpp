#include "dossier/schema_check.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace trame::dossier {
using nlohmann::json;

namespace {

// One bit a JSON type, "number" being both number bits.
enum TypeBit : unsigned {
  kNull = 1u << 0,
  kBoolean = 1u << 1,
  kInteger = 1u << 2,
  kFloat = 1u << 3,  // a number that is not an integer for nlohmann (3.0 included)
  kString = 1u << 4,
  kArray = 1u << 5,
  kObject = 1u << 6,
  kAnyType = (1u << 7) - 1,
};

// The bit of a value; 0 (no schema accepts it) for binary and discarded values.
unsigned type_bit(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return kNull;
    case json::value_t::boolean: return kBoolean;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return kInteger;
    case json::value_t::number_float: return kFloat;
    case json::value_t::string: return kString;
    case json::value_t::array: return kArray;
    case json::value_t::object: return kObject;
    default: return 0;
  }
}

// The bits a "type" name allows; nullopt for a name draft-07 does not define.
std::optional<unsigned> type_bits(const std::string& name) {
  if (name == "null") return kNull;
  if (name == "boolean") return kBoolean;
  if (name == "integer") return kInteger;
  if (name == "number") return kInteger | kFloat;
  if (name == "string") return kString;
  if (name == "array") return kArray;
  if (name == "object") return kObject;
  return std::nullopt;
}

// A number as valijson's nlohmann adapter reads it: a float as is, an integer
// through int64_t (so an unsigned above INT64_MAX wraps, as it does there).
double valijson_double(const json& v) {
  return v.is_number_float() ? v.get<double>() : static_cast<double>(v.get<std::int64_t>());
}

// A non-negative integer facet (minLength, minItems...); nullopt otherwise.
std::optional<std::uint64_t> count_facet(const json& v) {
  if (!v.is_number_integer()) return std::nullopt;
  std::int64_t n = v.get<std::int64_t>();
  if (n < 0) return std::nullopt;
  return static_cast<std::uint64_t>(n);
}

// The number of code points of well-formed UTF-8 text (what valijson's
// u8_strlen counts then); nullopt if the text is ill-formed or holds a NUL
// byte, where u8_strlen counts otherwise: valijson then decides.
std::optional<std::uint64_t> utf8_length(std::string_view s) {
  std::uint64_t count = 0;
  for (size_t i = 0; i < s.size(); ++count) {
    // Eight ASCII bytes, none of them NUL, at a time: eight code points.
    while (i + 8 <= s.size()) {
      std::uint64_t v;
      std::memcpy(&v, s.data() + i, 8);
      constexpr std::uint64_t kOnes = 0x0101010101010101u, kHighs = 0x8080808080808080u;
      if ((v & kHighs) != 0 || ((v - kOnes) & ~v & kHighs) != 0) break;
      i += 8, count += 8;
    }
    if (i == s.size()) break;
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 == 0) return std::nullopt;
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte (no overlong, surrogate, > U+10FFFF)
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3;
      if (b0 == 0xE0) lo = 0xA0;
      if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    } else {
      return std::nullopt;
    }
    if (i + len > s.size()) return std::nullopt;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b1 < lo || b1 > hi) return std::nullopt;
    for (size_t k = 2; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return std::nullopt;
    i += len;
  }
  return count;
}

// The pattern of the schema's dates, and what it matches: four ASCII digits, '-',
// two digits, '-', two digits, nothing else ([0-9] is a byte range in ECMAScript).
constexpr std::string_view kDatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
bool matches_date_pattern(std::string_view s) {
  if (s.size() != 10) return false;
  for (size_t i = 0; i < 10; ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

// Deeper than this (a $ref cycle that never descends into the value, or an
// absurdly nested value), the check gives up and leaves it to valijson.
constexpr int kMaxDepth = 512;

}  // namespace

struct FastSchemaCheck::Node {
  // A false schema, or one with a keyword the compiler does not know: no
  // value is certainly valid against it.
  bool fails = false;
  unsigned types = kAnyType;
  std::vector<const Node*> all_of;  // allOf parts and the target of $ref

  // Any type.
  bool has_enum = false;
  std::vector<json> enum_values;

  // Objects.
  struct Property {
    std::string name;
    const Node* schema = nullptr;
    bool required = false;
  };
  bool object_rules = false;
  std::vector<Property> properties;  // sorted as the members of a json object
  std::vector<std::string> required_elsewhere;  // required names with no "properties" entry
  bool closed = false;                          // additionalProperties: false
  const Node* additional = nullptr;             // additionalProperties: a schema

  // Arrays.
  const Node* items = nullptr;
  std::optional<std::uint64_t> min_items, max_items;

  // Strings.
  std::optional<std::uint64_t> min_length;
  std::optional<std::uint64_t> max_length;
  std::shared_ptr<const std::regex> pattern;  // ECMAScript, matched anywhere, as valijson does
  bool date_pattern = false;  // pattern is kDatePattern, matched without the regex engine

  // Numbers.
  std::optional<double> minimum, maximum, exclusive_minimum;
};

// Compiles schema objects into nodes, each once (keyed by its address in the
// document), so that a $ref to a definition shares its node and cycles close.
class FastSchemaCheck::Compiler {
 public:
  Compiler(const json& document, std::vector<std::unique_ptr<Node>>& nodes) : document_(document), nodes_(nodes) {}

  const Node* compile(const json& schema, bool root = false) {
    if (auto it = done_.find(&schema); it != done_.end()) return it->second;
    nodes_.push_back(std::make_unique<Node>());
    Node& node = *nodes_.back();
    done_.emplace(&schema, &node);
    if (schema.is_boolean()) {
      node.fails = !schema.get<bool>();
    } else if (!schema.is_object()) {
      node.fails = true;
    } else {
      for (const auto& [key, value] : schema.items())
        if (!keyword(node, key, value, root)) {
          node.fails = true;
          break;
        }
      finish_object_rules(node);
    }
    return &node;
  }

 private:
  // Compiles one keyword into `node`; false for one it does not know or a
  // value it does not expect.
  bool keyword(Node& node, const std::string& key, const json& value, bool root) {
    if (key == "title" || key == "description" || key == "x-erreur" || key == "default" || key == "examples" ||
        key == "$comment" || key == "$schema" || key == "definitions")
      return true;  // annotations; definitions are compiled when a $ref reaches them
    if (key == "$id") return root;  // elsewhere it would change how "#/..." resolves
    if (key == "type") return compile_type(node, value);
    if (key == "enum") {
      if (!value.is_array()) return false;
      node.has_enum = true;
      node.enum_values.assign(value.begin(), value.end());
      return true;
    }
    if (key == "allOf") {
      if (!value.is_array() || value.empty()) return false;
      for (const auto& part : value) node.all_of.push_back(compile(part));
      return true;
    }
    if (key == "$ref") return compile_ref(node, value);
    if (key == "properties") {
      if (!value.is_object()) return false;
      for (const auto& [name, sub] : value.items()) node.properties.push_back({name, compile(sub), false});
      return true;
    }
    if (key == "required") {
      if (!value.is_array()) return false;
      for (const auto& name : value) {
        if (!name.is_string()) return false;
        node.required_elsewhere.push_back(name.get<std::string>());
      }
      return true;
    }
    if (key == "additionalProperties") {
      if (value.is_boolean())
        node.closed = !value.get<bool>();
      else if (value.is_object())
        node.additional = compile(value);
      else
        return false;
      return true;
    }
    if (key == "items") {
      if (!value.is_object() && !value.is_boolean()) return false;  // an array of schemas: left to valijson
      node.items = compile(value);
      return true;
    }
    if (key == "minItems") return (node.min_items = count_facet(value)).has_value();
    if (key == "maxItems") return (node.max_items = count_facet(value)).has_value();
    if (key == "minLength") return (node.min_length = count_facet(value)).has_value();
    if (key == "maxLength") return (node.max_length = count_facet(value)).has_value();
    if (key == "pattern") {
      if (!value.is_string()) return false;
      // The schema's dates (17 fields) are checked by matches_date_pattern, what the regex says.
      if (value.get_ref<const std::string&>() == kDatePattern) return node.date_pattern = true;
      // Compiled once per distinct pattern.
      std::shared_ptr<const std::regex>& compiled = regexes_[value.get<std::string>()];
      try {
        if (!compiled) compiled = std::make_shared<const std::regex>(value.get<std::string>());
      } catch (const std::regex_error&) {
        return false;
      }
      node.pattern = compiled;
      return true;
    }
    if (key == "minimum" || key == "maximum" || key == "exclusiveMinimum") {
      if (!value.is_number()) return false;
      std::optional<double>& bound =
          key == "minimum" ? node.minimum : key == "maximum" ? node.maximum : node.exclusive_minimum;
      bound = valijson_double(value);
      return true;
    }
    return false;
  }

  static bool compile_type(Node& node, const json& value) {
    node.types = 0;
    auto add = [&](const json& name) {
      if (!name.is_string()) return false;
      std::optional<unsigned> bits = type_bits(name.get<std::string>());
      if (bits) node.types |= *bits;
      return bits.has_value();
    };
    if (value.is_string()) return add(value);
    if (!value.is_array()) return false;
    return std::all_of(value.begin(), value.end(), add);
  }

  bool compile_ref(Node& node, const json& value) {
    if (!value.is_string()) return false;
    const std::string& ref = value.get_ref<const std::string&>();
    // Only pointers into this document, without percent-encoding.
    if (ref.empty() || ref[0] != '#' || ref.find('%') != std::string::npos) return false;
    const json* target = nullptr;
    try {
      json::json_pointer pointer(ref.substr(1));
      if (!document_.contains(pointer)) return false;
      target = &document_.at(pointer);
    } catch (const json::exception&) {
      return false;
    }
    node.all_of.push_back(compile(*target, target == &document_));
    return true;
  }

  // Marks the required properties among `properties` and sorts them as a json
  // object orders its members, for a single merged walk.
  static void finish_object_rules(Node& node) {
    std::sort(node.properties.begin(), node.properties.end(),
              [](const Node::Property& a, const Node::Property& b) { return a.name < b.name; });
    std::vector<std::string> elsewhere;
    for (auto& name : node.required_elsewhere) {
      auto it = std::lower_bound(node.properties.begin(), node.properties.end(), name,
                                 [](const Node::Property& p, const std::string& n) { return p.name < n; });
      if (it != node.properties.end() && it->name == name)
        it->required = true;
      else
        elsewhere.push_back(std::move(name));
    }
    node.required_elsewhere = std::move(elsewhere);
    node.object_rules = !node.properties.empty() || !node.required_elsewhere.empty() || node.closed || node.additional;
  }

  const json& document_;
  std::vector<std::unique_ptr<Node>>& nodes_;
  std::unordered_map<const json*, const Node*> done_;
  std::unordered_map<std::string, std::shared_ptr<const std::regex>> regexes_;
};

FastSchemaCheck::FastSchemaCheck(const json& schema_document) {
  Compiler(schema_document, nodes_).compile(schema_document, true);
}

FastSchemaCheck::~FastSchemaCheck() = default;
FastSchemaCheck::FastSchemaCheck(FastSchemaCheck&&) noexcept = default;
FastSchemaCheck& FastSchemaCheck::operator=(FastSchemaCheck&&) noexcept = default;

bool FastSchemaCheck::valid(const json& value) const { return check(*nodes_.front(), value, 0); }

bool FastSchemaCheck::check(const Node& node, const json& value, int depth) {
  if (node.fails || depth > kMaxDepth || !(node.types & type_bit(value))) return false;
  if (node.has_enum && std::none_of(node.enum_values.begin(), node.enum_values.end(),
                                    [&](const json& e) { return e.type() == value.type() && e == value; }))
    return false;
  switch (value.type()) {
    case json::value_t::object: {
      if (!node.object_rules) break;
      const auto& members = value.get_ref<const json::object_t&>();
      // A member no "properties" entry names: refused, checked or free.
      auto other = [&](const json& v) {
        return !node.closed && (!node.additional || check(*node.additional, v, depth + 1));
      };
      auto it = members.begin();
      for (const Node::Property& p : node.properties) {
        for (; it != members.end() && it->first < p.name; ++it)
          if (!other(it->second)) return false;
        if (it != members.end() && it->first == p.name) {
          if (!check(*p.schema, it->second, depth + 1)) return false;
          ++it;
        } else if (p.required) {
          return false;
        }
      }
      for (; it != members.end(); ++it)
        if (!other(it->second)) return false;
      for (const auto& name : node.required_elsewhere)
        if (members.find(name) == members.end()) return false;
      break;
    }
    case json::value_t::array: {
      const size_t n = value.size();
      if ((node.min_items && n < *node.min_items) || (node.max_items && n > *node.max_items)) return false;
      if (node.items)
        for (const auto& item : value)
          if (!check(*node.items, item, depth + 1)) return false;
      break;
    }
    case json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      if (node.min_length) {
        if (s.size() < *node.min_length) return false;  // fewer bytes, fewer code points
        std::optional<std::uint64_t> length = utf8_length(s);
        if (!length || *length < *node.min_length) return false;
      }
      // No more bytes than the maximum: no more code points either (valijson
      // counts at most one a byte); otherwise count them.
      if (node.max_length && s.size() > *node.max_length) {
        std::optional<std::uint64_t> length = utf8_length(s);
        if (!length || *length > *node.max_length) return false;
      }
      if (node.date_pattern && !matches_date_pattern(s)) return false;
      if (node.pattern && !std::regex_search(s, *node.pattern)) return false;
      break;
    }
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: {
      if (!node.minimum && !node.maximum && !node.exclusive_minimum) break;
      const double d = valijson_double(value);
      // Written so that NaN fails every bound.
      if ((node.minimum && !(d >= *node.minimum)) || (node.maximum && !(d <= *node.maximum)) ||
          (node.exclusive_minimum && !(d > *node.exclusive_minimum)))
        return false;
      break;
    }
    default:
      break;
  }
  for (const Node* part : node.all_of)
    if (!check(*part, value, depth + 1)) return false;
  return true;
}

}  // namespace trame::dossier
