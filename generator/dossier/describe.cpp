// Dossier pointers and values in words, from the schema's French titles and
// the items' own names (the avenant document names what an avenant changed).
#include <algorithm>
#include <cctype>

#include "dossier/dossier.hpp"
#include "dossier/schema_access.hpp"
#include "locale/format.hpp"

namespace trame::dossier {
using nlohmann::json;
using namespace detail;

namespace {

std::vector<std::string> pointer_tokens(const std::string& pointer) {
  std::vector<std::string> tokens;
  for (size_t i = 1; i <= pointer.size() && !pointer.empty();) {
    size_t next = pointer.find('/', i);
    std::string t = pointer.substr(i, next == std::string::npos ? std::string::npos : next - i);
    for (size_t k; (k = t.find("~1")) != std::string::npos;) t.replace(k, 2, "/");
    for (size_t k; (k = t.find("~0")) != std::string::npos;) t.replace(k, 2, "~");
    tokens.push_back(t);
    if (next == std::string::npos) break;
    i = next + 1;
  }
  return tokens;
}

bool is_index(const std::string& t) { return !t.empty() && (std::isdigit(static_cast<unsigned char>(t[0])) || t == "-"); }

// The tokens as schema_at() reads them: a new element ("-") is described by the items' schema.
std::vector<std::string> schema_tokens(const std::vector<std::string>& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens) out.push_back(t == "-" ? "0" : t);
  return out;
}

// The title of the property at `tokens`, else its key.
std::string title_or_key(const std::vector<std::string>& tokens) {
  std::string title = title_at(schema_document(), schema_tokens(tokens));
  return title.empty() ? tokens.back() : title;
}

// An item of a list by its own name: « Couverture vaccinale… », else n° 3.
std::string item_name(const json* item, size_t index) {
  if (item && item->is_object())
    for (const char* k : {"libelle", "intitule", "nom", "etape", "id"})
      if (item->contains(k) && (*item)[k].is_string()) return "« " + (*item)[k].get<std::string>() + " »";
  return "n° " + std::to_string(index + 1);
}

// The readable label of an enumerated value when the schema's description gives
// one: "acces (accès aux soins), parcours…" or "creee : association déclarée ; …".
std::string enum_label(const std::string& description, const std::string& value) {
  if (value.empty()) return "";
  for (size_t at = description.find(value); at != std::string::npos; at = description.find(value, at + 1)) {
    if (at > 0 && description[at - 1] != ' ') continue;
    size_t end = at + value.size();
    if (description.compare(end, 2, " (") == 0) {
      size_t close = description.find(')', end);
      if (close != std::string::npos) return description.substr(end + 2, close - end - 2);
    }
    if (description.compare(end, 3, " : ") == 0) {
      size_t stop = description.find(" ;", end);
      return description.substr(end + 3, stop == std::string::npos ? std::string::npos : stop - end - 3);
    }
  }
  return "";
}

// An amount in euros: a "montant…" field or a field of a "montants" object or list.
bool is_amount(const std::vector<std::string>& tokens) {
  int seen = 0;
  for (auto it = tokens.rbegin(); it != tokens.rend() && seen < 2; ++it) {
    if (is_index(*it)) continue;
    if (it->rfind("montant", 0) == 0) return true;
    ++seen;
  }
  return false;
}

std::string scalar_words(const json& v, const std::vector<std::string>& tokens) {
  if (v.is_null()) return "—";
  if (v.is_boolean()) return v.get<bool>() ? "oui" : "non";
  if (v.is_number()) {
    std::string key = tokens.empty() ? "" : tokens.back();
    if (is_amount(tokens)) return locale::money(v.get<double>());
    if (key.rfind("annee", 0) == 0 && v.is_number_integer()) return std::to_string(v.get<long long>());
    return locale::number(v.get<double>());
  }
  if (!v.is_string()) return v.dump();
  std::string s = v.get<std::string>();
  const json& root = schema_document();
  const json* sub = schema_at(root, schema_tokens(tokens));
  if (facet(root, sub, "enum"))
    if (const json* d = facet(root, sub, "description"); d && d->is_string()) {
      std::string label = enum_label(d->get<std::string>(), s);
      if (!label.empty()) return label;
    }
  return locale::is_iso_date(s) ? locale::date_long(s) : s;
}

bool has_lines(const json& v) {
  if (v.is_object()) return !v.empty();
  return v.is_array() && std::any_of(v.begin(), v.end(), [](const json& x) { return x.is_object(); });
}

// The member names of an object of the dossier in the schema's order (the
// object's own and its allOf parts'), then any the schema does not know.
std::vector<std::string> keys_in_schema_order(const json& v, const std::vector<std::string>& tokens) {
  const json& document = schema_document();
  std::vector<std::string> out;
  auto take = [&](const json* s) {
    for (int guard = 0; guard < 8 && s && s->contains("$ref"); ++guard) {
      std::string ref = (*s)["$ref"].get<std::string>();
      s = ref.rfind("#/", 0) == 0 ? &document.at(json::json_pointer(ref.substr(1))) : nullptr;
    }
    if (!s || !s->contains("properties")) return;
    auto order = schema_key_order().find(&(*s)["properties"]);
    if (order == schema_key_order().end()) return;
    for (const auto& k : order->second)
      if (v.contains(k) && std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  };
  const json* sub = schema_at(document, schema_tokens(tokens));
  take(sub);
  if (sub && sub->contains("allOf"))
    for (const auto& part : (*sub)["allOf"]) take(&part);
  for (auto it = v.begin(); it != v.end(); ++it)
    if (std::find(out.begin(), out.end(), it.key()) == out.end()) out.push_back(it.key());
  return out;
}

// Appends the lines of `v` (the value at `tokens`) to `out`; nested lines are
// indented by no-break spaces and start with a dash.
void value_lines(const json& v, std::vector<std::string>& tokens, int depth, std::vector<std::string>& out) {
  std::string indent;
  for (int i = 1; i < depth; ++i) indent += "\u00A0\u00A0\u00A0";
  if (depth > 0) indent += "–\u00A0";
  if (v.is_object()) {
    for (const auto& key : keys_in_schema_order(v, tokens)) {
      tokens.push_back(key);
      const json& x = v[key];
      if (has_lines(x)) {
        out.push_back(indent + title_or_key(tokens) + " :");
        value_lines(x, tokens, depth + 1, out);
      } else {
        std::vector<std::string> one;
        if (!x.is_object()) value_lines(x, tokens, 0, one);  // an empty object has no line
        out.push_back(indent + title_or_key(tokens) + " : " + (one.empty() ? "—" : one.front()));
      }
      tokens.pop_back();
    }
  } else if (has_lines(v)) {  // a list of objects: each under its own name
    for (size_t i = 0; i < v.size(); ++i) {
      tokens.push_back(std::to_string(i));
      out.push_back(indent + item_name(&v[i], i) + (v[i].is_object() ? " :" : " : " + scalar_words(v[i], tokens)));
      if (v[i].is_object()) value_lines(v[i], tokens, depth + 1, out);
      tokens.pop_back();
    }
  } else if (v.is_array()) {  // scalars on one line
    std::string line;
    for (size_t i = 0; i < v.size(); ++i) {
      tokens.push_back(std::to_string(i));
      line += (i == 0 ? "" : " ; ") + scalar_words(v[i], tokens);
      tokens.pop_back();
    }
    out.push_back(indent + (line.empty() ? "—" : line));
  } else {
    out.push_back(indent + scalar_words(v, tokens));
  }
}

}  // namespace

std::string describe_pointer(const json& dossier, const std::string& pointer) {
  std::string out;
  std::vector<std::string> prefix;
  const json* value = &dossier;
  for (const auto& t : pointer_tokens(pointer)) {
    prefix.push_back(t);
    std::string part;
    if (t == "-") {
      part = "nouvel élément";
    } else if (is_index(t)) {
      const json* item = value && value->is_array() && std::stoul(t) < value->size() ? &(*value)[std::stoul(t)] : nullptr;
      part = item_name(item, std::stoul(t));
      value = item;
    } else {
      part = title_or_key(prefix);
      value = value && value->is_object() && value->contains(t) ? &(*value)[t] : nullptr;
    }
    out += (out.empty() ? "" : " › ") + part;
  }
  return out;
}

std::vector<std::string> describe_value(const json& value, const std::string& pointer) {
  std::vector<std::string> tokens = pointer_tokens(pointer), out;
  value_lines(value, tokens, 0, out);
  return out;
}


}  // namespace trame::dossier
