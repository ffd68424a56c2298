#include "dossier/dossier.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <set>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "common/files.hpp"
#include "dossier/rules.hpp"
#include "dossier/schema_check.hpp"
#include "dossier/source_map.hpp"
#include "locale/format.hpp"

namespace trame::dossier {
using nlohmann::json;

namespace {

Diagnostic error(const std::string& id, const std::string& file, const std::string& pointer, const std::string& msg) {
  return Diagnostic{Severity::Error, id, file, 0, 0, pointer, msg};
}

// ---- JSON syntax ---------------------------------------------------------

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+'; }

// Start of the token that ends at byte `last` (a string's opening quote, a
// number's first digit, a punctuation mark itself).
size_t token_start(std::string_view t, size_t last) {
  if (last >= t.size()) return t.size();
  if (t[last] == '"') {
    for (size_t k = last; k-- > 0;) {
      if (t[k] != '"') continue;
      size_t backslashes = 0;
      while (k >= backslashes + 1 && t[k - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return k;
    }
    return 0;
  }
  size_t k = last;
  while (k > 0 && is_word(t[k]) && is_word(t[k - 1])) --k;
  return k;
}

// Byte just after the last token before `pos` (where a missing comma belongs).
size_t after_previous_token(std::string_view t, size_t pos) {
  size_t k = std::min(pos, t.size());
  while (k > 0 && is_ws(t[k - 1])) --k;
  return k;
}

// Last non-blank byte before `pos`, or npos.
size_t previous_char(std::string_view t, size_t pos) {
  size_t k = after_previous_token(t, pos);
  return k == 0 ? std::string_view::npos : k - 1;
}

// The innermost « { » or « [ » still open at byte `end` (strings skipped).
size_t unclosed_bracket(std::string_view t, size_t end) {
  std::vector<size_t> open;
  bool in_string = false;
  for (size_t i = 0; i < end && i < t.size(); ++i) {
    char c = t[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      open.push_back(i);
    } else if ((c == '}' || c == ']') && !open.empty()) {
      open.pop_back();
    }
  }
  return open.empty() ? std::string_view::npos : open.back();
}

std::string where(std::string_view t, size_t byte) {
  auto [l, c] = line_column(t, byte);
  return "ligne " + std::to_string(l) + ", colonne " + std::to_string(c);
}

struct SyntaxError {
  size_t offset;
  std::string message;
};

// nlohmann's messages are English and name the parser's state: say in French
// what the user has to change, and point where the change belongs.
SyntaxError explain_parse_error(std::string_view t, const nlohmann::json::parse_error& e) {
  const std::string what = e.what();
  auto between = [&](const std::string& from, const std::string& to) {
    size_t a = what.find(from);
    if (a == std::string::npos) return std::string();
    a += from.size();
    size_t b = to.empty() ? std::string::npos : what.find(to, a);
    return what.substr(a, b == std::string::npos ? std::string::npos : b - a);
  };
  const std::string context = between("while parsing ", " - ");  // value, object, object key, array...
  const std::string detail = between(" - ", "");
  const size_t last = e.byte == 0 ? 0 : e.byte - 1;  // last byte the parser read
  const bool at_end = last >= t.size();
  const std::string prefix = "JSON mal formé : ";

  if (detail.rfind("unexpected ", 0) == 0) {
    std::string found = detail.substr(11, detail.find(';') - 11);
    std::string expected = between("; expected ", "");
    size_t start = at_end ? t.size() : token_start(t, last);
    if (found == "end of input") {
      size_t open = unclosed_bracket(t, t.size());
      if (open != std::string_view::npos) {
        bool brace = t[open] == '{';
        return {after_previous_token(t, t.size()),
                prefix + "le fichier s’arrête alors " + (brace ? "qu’une accolade « { »" : "qu’un crochet « [ »") +
                    " ouvert" + (brace ? "e" : "") + " " + where(t, open) + " n’est pas refermé" + (brace ? "e" : "") +
                    " (il manque « " + (brace ? "}" : "]") + " »)"};
      }
      return {0, prefix + "le fichier est vide ou ne contient pas de dossier (il doit commencer par « { »)"};
    }
    if (expected == "end of input")
      return {start, prefix + "texte en trop après la fin du dossier (une accolade « } » fermante de trop, ou un "
                              "bloc collé après la dernière accolade ?)"};
    if (context == "object key" || (context == "value" && found == "']'")) {
      size_t prev = previous_char(t, start);
      bool comma = prev != std::string_view::npos && t[prev] == ',';
      if (comma && (found == "'}'" || found == "']'"))
        return {prev, prefix + "virgule en trop avant « " + found.substr(1, 1) +
                          " » (le dernier élément d’un objet ou d’une liste n’est pas suivi d’une virgule)"};
      if (comma && found == "number literal" && prev > 0 && std::isdigit(static_cast<unsigned char>(t[prev - 1])))
        return {prev, prefix + "nombre écrit avec une virgule : le séparateur décimal est le point (8.1 et non 8,1)"};
      if (context == "object key")
        return {start, prefix + "nom de champ entre guillemets droits attendu, par exemple \"nom\""};
    }
    if (context == "object separator")
      return {start, prefix + "deux-points « : » attendu entre le nom du champ et sa valeur"};
    if (context == "object" && found == "']'")
      return {start, prefix + "« ] » inattendu : l’accolade « { » ouverte " + where(t, unclosed_bracket(t, start)) +
                         " n’est pas refermée par « } »"};
    if (context == "array" && found == "'}'")
      return {start, prefix + "« } » inattendu : le crochet « [ » ouvert " + where(t, unclosed_bracket(t, start)) +
                         " n’est pas refermé par « ] »"};
    if (context == "object" || context == "array") {
      size_t digits = start < t.size() && t[start] == '-' ? start + 1 : start;
      if (found == "number literal" && digits + 1 < t.size() && t[digits] == '0' &&
          std::isdigit(static_cast<unsigned char>(t[digits + 1])))
        return {start, prefix + "nombre mal écrit : pas de zéro en tête (écrire 7 et non 07 ; un code s’écrit entre "
                               "guillemets, \"07\")"};
      return {after_previous_token(t, start),
              prefix + "virgule manquante" +
                  (context == "object" ? " entre deux champs (ou accolade fermante « } » oubliée)"
                                       : " entre deux éléments de la liste (ou crochet fermant « ] » oublié)")};
    }
    return {start, prefix + "valeur attendue ici (un texte entre guillemets, un nombre, true, false, null, "
                            "un objet { … } ou une liste [ … ])"};
  }

  const size_t at = std::min(last, t.size());
  if (detail.find("invalid string: control character U+000A") != std::string::npos ||
      detail.find("invalid string: control character U+000D") != std::string::npos)
    return {at, prefix + "retour à la ligne dans un texte : un texte tient sur une seule ligne (écrire \\n pour "
                         "passer à la ligne), ou il manque le guillemet fermant"};
  if (detail.find("invalid string: control character U+0009") != std::string::npos)
    return {at, prefix + "tabulation dans un texte : la remplacer par une espace (ou écrire \\t)"};
  if (detail.find("invalid string: control character") != std::string::npos)
    return {at, prefix + "caractère de contrôle invisible dans un texte : le supprimer"};
  if (detail.find("missing closing quote") != std::string::npos)
    return {at, prefix + "texte sans guillemet fermant"};
  if (detail.find("ill-formed UTF-8") != std::string::npos) {
    // The parser stops on the byte after a bad lead byte: go back to it.
    size_t k = at;
    for (int step = 0; step < 4 && k > 0 && (k >= t.size() || static_cast<unsigned char>(t[k]) < 0x80); ++step) --k;
    while (k > 0 && (static_cast<unsigned char>(t[k]) & 0xC0) == 0x80) --k;
    return {k, prefix + "caractère illisible : le fichier doit être enregistré en UTF-8 (option « Encodage » de "
                         "l’éditeur)"};
  }
  if (detail.find("after backslash") != std::string::npos)
    return {at > 0 ? at - 1 : 0, prefix + "barre oblique inverse « \\ » mal employée dans un texte (écrire \\\\ "
                                          "pour une barre oblique inverse, \\\" pour un guillemet)"};
  if (detail.find("\\u") != std::string::npos || detail.find("surrogate") != std::string::npos)
    return {at, prefix + "séquence « \\u » invalide : quatre chiffres hexadécimaux attendus (\\u00e9)"};
  if (detail.find("invalid number") != std::string::npos)
    return {token_start(t, at > 0 ? at - 1 : 0),
            prefix + "nombre mal écrit (chiffres seulement, point décimal : 8.1 ; pas d’espace entre les milliers)"};
  if (detail.find("invalid literal") != std::string::npos) {
    unsigned char c = at < t.size() ? t[at] : 0;
    std::string_view rest = at < t.size() ? t.substr(at) : std::string_view();
    if (detail.find("expected end of input") != std::string::npos)
      return {at, prefix + "texte en trop après la fin du dossier (après la dernière accolade « } »)"};
    if (c == '/')
      return {at, prefix + "les commentaires (// … ou /* … */) ne sont pas permis en JSON : les supprimer"};
    if (c == '\'')
      return {at, prefix + "guillemets simples : un texte s’écrit entre guillemets droits doubles, \"comme ceci\""};
    if (rest.rfind("\xE2\x80\x9C", 0) == 0 || rest.rfind("\xE2\x80\x9D", 0) == 0 || rest.rfind("\xC2\xAB", 0) == 0)
      return {at, prefix + "guillemets typographiques (“ ” ou « ») : un texte s’écrit entre guillemets droits \"…\""};
    if (c >= 0x80)
      return {at, prefix + "caractère inattendu : un texte s’écrit entre guillemets droits \"…\" (le fichier doit "
                           "aussi être enregistré en UTF-8)"};
    if (context == "object key")
      return {at, prefix + "nom de champ sans guillemets : l’écrire entre guillemets droits, \"nom\""};
    return {at, prefix + "valeur invalide : un texte s’écrit entre guillemets droits \"…\" ; sans guillemets, seuls "
                         "les nombres et true, false, null sont permis (en minuscules)"};
  }
  return {at, prefix + "caractère inattendu"};
}

// ---- Schema --------------------------------------------------------------

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
    c->guarded([&] {
      c->document = json::parse(c->text);
      c->fast.emplace(c->document);
    });
    compiled = std::move(c);
  });
  return *compiled;
}

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
      for (const auto& part : (*sub)["allOf"]) {
        const json* p = &part;
        for (int g = 0; g < 8 && p->contains("$ref"); ++g) {
          std::string ref = (*p)["$ref"].get<std::string>();
          if (ref.rfind("#/", 0) != 0) break;
          p = &root.at(json::json_pointer(ref.substr(1)));
        }
        if (const json* f = facet(root, p, key)) return f;
      }
    if (!sub->contains("$ref")) break;
    std::string ref = (*sub)["$ref"].get<std::string>();
    if (ref.rfind("#/", 0) != 0) break;
    sub = &root.at(json::json_pointer(ref.substr(1)));
  }
  return nullptr;
}

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

// Levenshtein distance, to suggest the property a typo meant.
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The properties a (dereferenced) object schema allows, allOf parts included.
std::vector<std::string> allowed_properties(const json& root, const json* schema) {
  std::vector<std::string> out;
  if (!schema) return out;
  std::vector<const json*> parts{schema};
  if (schema->contains("allOf"))
    for (const auto& sub : (*schema)["allOf"]) parts.push_back(&sub);
  for (const json* part : parts) {
    for (int guard = 0; guard < 8 && part->contains("$ref"); ++guard) {
      std::string ref = (*part)["$ref"].get<std::string>();
      if (ref.rfind("#/", 0) != 0) break;
      part = &root.at(json::json_pointer(ref.substr(1)));
    }
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
std::string title_at(const json& root, const std::vector<std::string>& tokens) {
  if (tokens.empty()) return "";
  std::vector<std::string> parent(tokens.begin(), tokens.end() - 1);
  const json* p = schema_at(root, parent);
  if (!p) return "";
  std::vector<const json*> parts{p};
  if (p->contains("allOf"))
    for (const auto& sub : (*p)["allOf"]) parts.push_back(&sub);
  for (const json* part : parts) {
    for (int guard = 0; guard < 8 && part->contains("$ref"); ++guard) {
      std::string ref = (*part)["$ref"].get<std::string>();
      if (ref.rfind("#/", 0) != 0) break;
      part = &root.at(json::json_pointer(ref.substr(1)));
    }
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

json parse_json(std::string_view text, const std::string& file_name) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    SyntaxError se = explain_parse_error(text, e);
    auto [line, col] = line_column(text, se.offset);
    throw Error(ErrorKind::InvalidInput,
                Diagnostic{Severity::Error, "trame.dossier.E001", file_name, line, col, "", se.message});
  }
}

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

std::vector<Diagnostic> check_rules(const json& dossier, const std::string& file_name) {
  return rules::check_all(dossier, file_name);
}

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
  std::string title = title_at(compiled_schema().document, schema_tokens(tokens));
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
  const json& root = compiled_schema().document;
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
  const CompiledSchema& cs = compiled_schema();
  std::vector<std::string> out;
  auto take = [&](const json* s) {
    for (int guard = 0; guard < 8 && s && s->contains("$ref"); ++guard) {
      std::string ref = (*s)["$ref"].get<std::string>();
      s = ref.rfind("#/", 0) == 0 ? &cs.document.at(json::json_pointer(ref.substr(1))) : nullptr;
    }
    if (!s || !s->contains("properties")) return;
    auto order = cs.key_order().find(&(*s)["properties"]);
    if (order == cs.key_order().end()) return;
    for (const auto& k : order->second)
      if (v.contains(k) && std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  };
  const json* sub = schema_at(cs.document, schema_tokens(tokens));
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

json load_text(std::string_view text, const std::string& file_name, std::vector<Diagnostic>* warnings) {
  json d = parse_json(text, file_name);
  // Duplicate keys are always looked for; positions only once there is something
  // to report (building them costs as much as parsing).
  const SourceMap scan(text, SourceMap::Scope::Duplicates);
  std::vector<Diagnostic> problems = validate_schema(d, file_name);
  for (const auto& dup : scan.duplicates()) {
    std::string name = dup.pointer.substr(dup.pointer.rfind('/') + 1);
    problems.push_back(Diagnostic{Severity::Error, "trame.dossier.E002", file_name, dup.line, dup.column, dup.pointer,
                                  "champ « " + name + " » écrit deux fois dans le même objet (déjà ligne " +
                                      std::to_string(dup.first_line) + ") : seule la dernière valeur serait lue ; "
                                      "supprimer l’une des deux"});
  }
  if (problems.empty()) problems = check_rules(d, file_name);
  if (!problems.empty()) SourceMap(text).locate(problems);
  std::stable_sort(problems.begin(), problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  std::vector<Diagnostic> errors;
  for (auto& p : problems) {
    if (p.severity == Severity::Warning) {
      if (warnings) warnings->push_back(std::move(p));
    } else {
      errors.push_back(std::move(p));
    }
  }
  if (!errors.empty()) throw Error(ErrorKind::InvalidInput, std::move(errors));
  return d;
}

json load(const std::filesystem::path& path, std::vector<Diagnostic>* warnings) {
  return load_text(read_file(path), path.string(), warnings);
}

}  // namespace trame::dossier
