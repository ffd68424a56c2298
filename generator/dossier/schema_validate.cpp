// Schema validation: the compiled pre-check, then valijson, whose English
// messages are worded in French with the schema's own facts.
#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "common/files.hpp"
#include "dossier/dossier.hpp"
#include "dossier/schema_access.hpp"
#include "dossier/schema_check.hpp"

namespace trame::dossier {
using nlohmann::json;

namespace detail {
namespace {


// The dossier schema, read once a process. Only the pre-check is built at once:
// valijson's compiled schema (for a dossier the pre-check is unsure of) and the
// schema's key order (for wording whole objects) are built when first needed.
struct CompiledSchema {
  std::filesystem::path path;
  std::string text;
  json document;
  // Answers "certainly valid" for the usual dossier much faster than valijson.
  std::optional<FastSchemaCheck> fast;

  const valijson::Schema& valijson_schema() const {
    std::call_once(schema_once_, [&] {
      guarded([&] {
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter adapter(document);
        parser.populateSchema(adapter, schema_);
      });
    });
    return schema_;
  }
  // The member names of every object of `document` in file order (json sorts
  // them): the schema order in which a whole object of the dossier is worded.
  const std::map<const json*, std::vector<std::string>>& key_order() const {
    std::call_once(order_once_, [&] { guarded([&] { record(nlohmann::ordered_json::parse(text), document); }); });
    return key_order_;
  }

  // Runs f, reporting any failure as a damaged installation.
  template <class F>
  void guarded(F&& f) const {
    try {
      f();
    } catch (const std::exception& e) {
      throw Error(ErrorKind::Internal,
                  Diagnostic{Severity::Error, "trame.dossier.E000", path.string(), 0, 0, "",
                             std::string("le modèle de dossier est illisible (installation endommagée ?) : ") + e.what()});
    }
  }

 private:
  mutable std::once_flag schema_once_, order_once_;
  mutable valijson::Schema schema_;
  mutable std::map<const json*, std::vector<std::string>> key_order_;

  void record(const nlohmann::ordered_json& file, const json& node) const {
    if (file.is_object()) {
      std::vector<std::string>& keys = key_order_[&node];
      for (auto it = file.begin(); it != file.end(); ++it) {
        keys.push_back(it.key());
        record(it.value(), node.at(it.key()));
      }
    } else if (file.is_array()) {
      for (size_t i = 0; i < file.size(); ++i) record(file[i], node.at(i));
    }
  }
};

const CompiledSchema& compiled_schema() {
  static std::once_flag once;
  static std::unique_ptr<CompiledSchema> compiled;
  std::call_once(once, [] {
    auto c = std::make_unique<CompiledSchema>();
    c->path = data_dir() / "models" / "dossier.schema.json";
    c->text = read_file(c->path);  // Error(Io) in French if missing
    c->guarded([&] { c->document = json::parse(c->text); });
    check_schema_refs(c->document, c->path);
    c->guarded([&] { c->fast.emplace(c->document); });
    compiled = std::move(c);
  });
  return *compiled;
}

// `s` with its local $ref followed, eight at the most; a $ref outside the
// document ends the walk where it stands.
const json* follow_local_refs(const json& root, const json* s) {
  for (int guard = 0; guard < 8 && s->contains("$ref"); ++guard) {
    std::string ref = (*s)["$ref"].get<std::string>();
    if (ref.rfind("#/", 0) != 0) break;
    s = &root.at(json::json_pointer(ref.substr(1)));
  }
  return s;
}

// The schema, then its allOf parts (as written, $ref not followed).
std::vector<const json*> with_all_of(const json* schema) {
  std::vector<const json*> parts{schema};
  if (schema->contains("allOf"))
    for (const auto& sub : (*schema)["allOf"]) parts.push_back(&sub);
  return parts;
}

}  // namespace

const json& schema_document() { return compiled_schema().document; }
const std::map<const json*, std::vector<std::string>>& schema_key_order() { return compiled_schema().key_order(); }

// The sub-schema that describes the value at `tokens` (follows properties,
// items, $ref and allOf), to word messages with the schema's own facts.
const json* schema_at(const json& root, const std::vector<std::string>& tokens) {
  const json* cur = &root;
  auto deref = [&](const json* s) {
    for (int guard = 0; guard < 8 && s && s->contains("$ref"); ++guard) {
      std::string ref = (*s)["$ref"].get<std::string>();
      if (ref.rfind("#/", 0) != 0) return s;
      s = &root.at(json::json_pointer(ref.substr(1)));
    }
    return s;
  };
  cur = deref(cur);
  for (const auto& t : tokens) {
    const json* next = nullptr;
    std::vector<const json*> candidates{cur};
    if (cur->contains("allOf"))
      for (const auto& sub : (*cur)["allOf"]) candidates.push_back(deref(&sub));
    for (const json* c : candidates) {
      if (c->contains("properties") && (*c)["properties"].contains(t)) next = &(*c)["properties"][t];
      else if (c->contains("items") && (*c)["items"].is_object() && !t.empty() && std::isdigit((unsigned char)t[0]))
        next = &(*c)["items"];
      if (next) break;
    }
    if (!next) return nullptr;
    cur = deref(next);
  }
  return cur;
}

// A keyword of the sub-schema, looked up in its allOf parts too (a property
// that reuses a definition carries its title beside an allOf of the $ref).
const json* facet(const json& root, const json* sub, const char* key) {
  for (int guard = 0; sub && guard < 8; ++guard) {
    if (sub->contains(key)) return &(*sub)[key];
    if (sub->contains("allOf"))
      for (const auto& part : (*sub)["allOf"])
        if (const json* f = facet(root, follow_local_refs(root, &part), key)) return f;
    if (!sub->contains("$ref")) break;
    std::string ref = (*sub)["$ref"].get<std::string>();
    if (ref.rfind("#/", 0) != 0) break;
    sub = &root.at(json::json_pointer(ref.substr(1)));
  }
  return nullptr;
}


std::string title_at(const json& root, const std::vector<std::string>& tokens) {
  if (tokens.empty()) return "";
  std::vector<std::string> parent(tokens.begin(), tokens.end() - 1);
  const json* p = schema_at(root, parent);
  if (!p) return "";
  for (const json* part : with_all_of(p)) {
    part = follow_local_refs(root, part);
    if (!part->contains("properties") || !(*part)["properties"].contains(tokens.back())) continue;
    const json* prop = &(*part)["properties"][tokens.back()];
    // The title next to a $ref (or in an allOf part) is the one written for this property.
    for (int guard = 0; guard < 8 && prop; ++guard) {
      if (prop->contains("title")) return (*prop)["title"].get<std::string>();
      if (prop->contains("allOf"))
        for (const auto& sub : (*prop)["allOf"])
          if (sub.contains("title")) return sub["title"].get<std::string>();
      if (!prop->contains("$ref")) break;
      std::string ref = (*prop)["$ref"].get<std::string>();
      if (ref.rfind("#/", 0) != 0) break;
      prop = &root.at(json::json_pointer(ref.substr(1)));
    }
  }
  return "";
}


std::string pointer_of(const std::vector<std::string>& tokens) {
  std::string p;
  for (const auto& t : tokens) {
    p += '/';
    p += json_pointer_escape(t);
  }
  return p;
}


}  // namespace detail

using namespace detail;

namespace {

std::string type_name_fr(const json& v) {
  switch (v.type()) {
    case json::value_t::string: return "un texte";
    case json::value_t::boolean: return "true ou false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "un nombre entier";
    case json::value_t::number_float: return "un nombre décimal";
    case json::value_t::array: return "une liste [ … ]";
    case json::value_t::object: return "un objet { … }";
    default: return "null";
  }
}

std::string expected_type_fr(const json& type) {
  auto one = [](const std::string& t) -> std::string {
    if (t == "string") return "un texte";
    if (t == "integer") return "un nombre entier";
    if (t == "number") return "un nombre";
    if (t == "boolean") return "true ou false";
    if (t == "array") return "une liste [ … ]";
    if (t == "object") return "un objet { … }";
    if (t == "null") return "null";
    return t;
  };
  if (type.is_string()) return one(type.get<std::string>());
  std::string out;
  if (type.is_array())
    for (size_t i = 0; i < type.size(); ++i)
      out += (i == 0 ? "" : i + 1 == type.size() ? " ou " : ", ") + one(type[i].get<std::string>());
  return out.empty() ? "un autre type" : out;
}

// A hint for the usual type mistakes of hand-written JSON.
std::string type_hint(const json& expected, const json& value) {
  auto wants = [&](const char* t) {
    if (expected.is_string()) return expected == t;
    if (expected.is_array())
      for (const auto& x : expected)
        if (x == t) return true;
    return false;
  };
  if (value.is_string()) {
    std::string v = value.get<std::string>();
    if ((wants("integer") || wants("number")) && !v.empty() &&
        v.find_first_not_of("0123456789 .,-\u00A0") == std::string::npos)
      return " : écrire le nombre sans guillemets ni espaces (60200)";
    if (wants("boolean")) return " : écrire true ou false, sans guillemets";
    if (wants("array")) return " : mettre le texte dans une liste, [\"…\"]";
  }
  if (value.is_number() && wants("string")) return " : un code ou un numéro s’écrit entre guillemets (\"50218\")";
  if (value.is_number_float() && wants("integer")) return " : pas de décimales ici";
  return "";
}

std::string value_fr(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// The properties a (dereferenced) object schema allows, allOf parts included.
std::vector<std::string> allowed_properties(const json& root, const json* schema) {
  std::vector<std::string> out;
  if (!schema) return out;
  for (const json* part : with_all_of(schema)) {
    part = follow_local_refs(root, part);
    if (part->contains("properties"))
      for (const auto& [k, v] : (*part)["properties"].items()) out.push_back(k);
  }
  return out;
}

std::string unknown_property_message(const std::string& name, const std::vector<std::string>& allowed) {
  std::string best;
  size_t best_d = std::string::npos;
  for (const auto& a : allowed) {
    if (a == "$schema") continue;
    size_t d = edit_distance(name, a);
    bool prefix = name.size() >= 3 && (a.rfind(name, 0) == 0 || name.rfind(a, 0) == 0);
    if ((d <= 2 || prefix) && d < best_d) {
      best = a;
      best_d = d;
    }
  }
  if (!best.empty()) return "propriété inconnue « " + name + " » (vouliez-vous écrire « " + best + " » ?)";
  return "propriété inconnue « " + name + " » : ce champ n’existe pas à cet endroit du dossier (faute de frappe ?)";
}

// The French title of the property at `tokens`, looking through $ref and allOf.

// Orders JSON pointers as the document does: /communes/2 before /communes/10.
bool pointer_less(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
      size_t ie = i, je = j;
      while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
      while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
      std::string na = a.substr(i, ie - i), nb = b.substr(j, je - j);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ie;
      j = je;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}


}  // namespace

std::vector<Diagnostic> validate_schema(const json& dossier, const std::string& file_name) {
  const CompiledSchema& cs = compiled_schema();
  // The compiled pre-check never accepts what valijson refuses: when it
  // answers "valid", valijson need not run at all.
  if (cs.fast->valid(dossier)) return {};
  // One validator a thread: it caches the compiled regular expressions of the
  // schema's patterns, which otherwise cost more than the validation itself.
  static thread_local valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(dossier);
  // A first pass without results: valijson then keeps no context path and stops
  // at the first error, which makes a valid dossier (the usual case) several
  // times cheaper to check; the second pass collects every error's details.
  const valijson::Schema& schema = cs.valijson_schema();
  if (validator.validate(schema, target, nullptr)) return {};
  const bool valid = validator.validate(schema, target, &results);

  std::vector<Diagnostic> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& id, const std::vector<std::string>& where, const std::string& msg) {
    Diagnostic diag = error(id, file_name, pointer_of(where), msg);
    if (seen.insert(diag.json_path + "|" + msg).second) out.push_back(std::move(diag));
  };
  auto number = [&](const json* s, const char* key) {
    const json* f = facet(cs.document, s, key);
    return f ? f->dump() : std::string("?");
  };
  valijson::ValidationResults::Error err;
  while (results.popError(err)) {
    std::vector<std::string> tokens;
    for (const auto& c : err.context) {
      if (c == "<root>") continue;
      tokens.push_back(c.size() >= 2 && c.front() == '[' && c.back() == ']' ? c.substr(1, c.size() - 2) : c);
    }
    const std::string& d = err.description;
    auto starts = [&](const char* prefix) { return d.rfind(prefix, 0) == 0; };
    const json* sub = schema_at(cs.document, tokens);
    const json* value = nullptr;
    try {
      value = &dossier.at(json::json_pointer(pointer_of(tokens)));
    } catch (...) {
    }
    // The property name is the last quoted word of valijson's message.
    auto quoted_name = [&]() {
      auto end = d.rfind('\'');
      if (end == std::string::npos || end == 0) return std::string();
      auto start = d.rfind('\'', end - 1);
      return start == std::string::npos ? std::string() : d.substr(start + 1, end - start - 1);
    };
    if (starts("Failed to validate item #") || starts("Cannot validate item #") ||
        starts("Failed to validate against schema associated with property name") ||
        starts("Failed to validate against schema associated with pattern") ||
        starts("Failed to validate against additional properties schema") ||
        starts("Failed to validate against child schema #")) {
      continue;  // summaries of errors already reported on the children
    } else if (starts("Missing required property")) {
      std::vector<std::string> where = tokens;
      std::string name = quoted_name();
      where.push_back(name);
      std::string title = title_at(cs.document, where);
      add("trame.dossier.E102", where,
          "champ obligatoire « " + name + " » manquant" + (title.empty() ? "" : " (" + title + ")"));
    } else if (starts("Object contains a property that could not be validated")) {
      // valijson names only the first unknown property of an object: list them all.
      std::vector<std::string> allowed = allowed_properties(cs.document, sub);
      std::vector<std::string> unknown;
      if (value && value->is_object())
        for (const auto& [k, v] : value->items())
          if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) unknown.push_back(k);
      if (unknown.empty()) unknown.push_back(quoted_name());
      for (const auto& name : unknown) {
        std::vector<std::string> where = tokens;
        where.push_back(name);
        add("trame.dossier.E103", where, unknown_property_message(name, allowed));
      }
    } else if (starts("Value type not permitted")) {
      const json* t = facet(cs.document, sub, "type");
      json expected = t ? *t : json();
      add("trame.dossier.E104", tokens,
          "type incorrect (attendu : " + expected_type_fr(expected) +
              " ; trouvé : " + (value ? type_name_fr(*value) : std::string("autre chose")) + ")" +
              (value ? type_hint(expected, *value) : std::string()));
    } else if (starts("Failed to match against any enum values")) {
      std::string allowed;
      if (const json* en = facet(cs.document, sub, "enum"))
        for (const auto& v : *en) allowed += (allowed.empty() ? "" : ", ") + value_fr(v);
      add("trame.dossier.E105", tokens,
          "valeur « " + (value ? value_fr(*value) : std::string()) + " » non autorisée (valeurs possibles : " + allowed + ")");
    } else if (starts("Failed to match regex") || starts("String should be a valid")) {
      const json* x = facet(cs.document, sub, "x-erreur");
      std::string msg = x ? x->get<std::string>() : "format invalide";
      if (value && value->is_string()) msg += ", reçu « " + value->get<std::string>() + " »";
      add("trame.dossier.E106", tokens, msg);
    } else if (starts("Expected number greater than or equal to")) {
      add("trame.dossier.E107", tokens,
          "valeur " + (value ? value->dump() : std::string()) + " trop petite (minimum : " + number(sub, "minimum") + ")");
    } else if (starts("Expected number greater than")) {
      std::string limit = facet(cs.document, sub, "exclusiveMinimum") ? number(sub, "exclusiveMinimum") : number(sub, "minimum");
      add("trame.dossier.E107", tokens,
          "valeur " + (value ? value->dump() : std::string()) +
              (limit == "0" ? " non permise : un nombre strictement positif est attendu"
                            : " trop petite : un nombre supérieur à " + limit + " est attendu"));
    } else if (starts("Expected number less than")) {
      std::string limit = facet(cs.document, sub, "exclusiveMaximum") ? number(sub, "exclusiveMaximum") : number(sub, "maximum");
      add("trame.dossier.E110", tokens,
          "valeur " + (value ? value->dump() : std::string()) + " trop grande (maximum : " + limit + ")");
    } else if (starts("String should be no fewer than")) {
      std::string min = number(sub, "minLength");
      add("trame.dossier.E108", tokens, min == "1" ? "texte vide : le remplir ou retirer le champ s’il est facultatif"
                                                   : "texte trop court (au moins " + min + " caractères)");
    } else if (starts("String should be no more than")) {
      add("trame.dossier.E108", tokens, "texte trop long (au plus " + number(sub, "maxLength") + " caractères)");
    } else if (starts("Array should contain no fewer than")) {
      std::string min = facet(cs.document, sub, "minItems") ? number(sub, "minItems") : "1";
      add("trame.dossier.E109", tokens,
          (value && value->empty() ? "liste vide" : "liste trop courte") + std::string(" : au moins ") + min +
              (min == "1" ? " élément attendu" : " éléments attendus"));
    } else if (starts("Array should contain no more than")) {
      add("trame.dossier.E109", tokens,
          "liste trop longue : " + (value ? std::to_string(value->size()) : std::string("?")) + " éléments, au plus " +
              number(sub, "maxItems") + " permis");
    } else if (starts("Elements at indexes #")) {
      add("trame.dossier.E111", tokens, "la liste contient deux fois la même valeur");
    } else if (starts("Object should have no fewer than")) {
      add("trame.dossier.E109", tokens, "objet vide : au moins un champ attendu");
    } else {
      // anyOf, oneOf, not, if/then/else, const, multipleOf, dependencies...: not used
      // by the schema today; say it plainly rather than in English.
      add("trame.dossier.E101", tokens, "valeur non conforme au modèle du dossier pour ce champ");
    }
  }
  if (!valid && out.empty())  // never let an invalid dossier through to the rules
    add("trame.dossier.E101", {}, "le dossier n’est pas conforme au modèle (models/dossier.schema.json)");
  std::stable_sort(out.begin(), out.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return pointer_less(a.json_path, b.json_path); });
  return out;
}


}  // namespace trame::dossier
