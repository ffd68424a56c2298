#include "dossier/dossier.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <regex>
#include <set>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "common/files.hpp"
#include "dossier/rules.hpp"

namespace trame::dossier {
using nlohmann::json;

namespace {

Diagnostic error(const std::string& id, const std::string& file, const std::string& pointer, const std::string& msg) {
  return Diagnostic{Severity::Error, id, file, 0, 0, pointer, msg};
}

// Line and column (1-based, columns in characters) of a byte offset.
std::pair<int, int> line_col(std::string_view text, size_t byte) {
  int line = 1, col = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    unsigned char c = text[i];
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

// nlohmann's messages are English; say the same thing in French.
std::string french_token(std::string t) {
  static const std::vector<std::pair<std::string, std::string>> names = {
      {"string literal", "un texte"}, {"number literal", "un nombre"}, {"end of input", "la fin du fichier"},
      {"'[', '{', or a literal", "« [ », « { » ou une valeur"}, {"'}'", "« } »"}, {"']'", "« ] »"},
      {"':'", "« : »"}, {"','", "« , »"}, {"'{'", "« { »"}, {"'['", "« [ »"}, {"true literal", "true"},
      {"false literal", "false"}, {"null literal", "null"}, {"'<parse error>'", "un caractère invalide"},
      {"<parse error>", "un caractère invalide"}};
  for (const auto& [en, fr] : names)
    if (t == en) return fr;
  return t;
}

std::string french_parse_message(const std::string& what) {
  size_t dash = what.rfind(" - ");
  std::string detail = dash == std::string::npos ? what : what.substr(dash + 3);
  // "unexpected X; expected Y" (the usual form)
  auto un = detail.find("unexpected ");
  if (un != std::string::npos) {
    auto semi = detail.find("; expected ", un);
    std::string found = detail.substr(un + 11, semi == std::string::npos ? std::string::npos : semi - un - 11);
    auto last = found.find("; last read");
    if (last != std::string::npos) found = found.substr(0, last);
    std::string msg = "JSON mal formé : " + french_token(found) + " inattendu";
    if (semi != std::string::npos) {
      std::string expected = detail.substr(semi + 11);
      msg += ", " + french_token(expected) + " attendu";
      if (found == "string literal" && (expected == "'}'" || expected == "']'"))
        msg += " (virgule manquante à la fin de la ligne précédente ?)";
    }
    return msg;
  }
  if (detail.find("invalid string: missing closing quote") != std::string::npos)
    return "JSON mal formé : texte sans guillemet fermant";
  if (detail.find("invalid literal") != std::string::npos)
    return "JSON mal formé : valeur invalide (les textes s’écrivent entre guillemets droits \"…\")";
  if (detail.find("invalid number") != std::string::npos)
    return "JSON mal formé : nombre invalide (le séparateur décimal est le point : 8.1)";
  return "JSON mal formé : " + detail;
}

// ---- Schema --------------------------------------------------------------

struct CompiledSchema {
  json document;
  valijson::Schema schema;
};

const CompiledSchema& compiled_schema() {
  static std::once_flag once;
  static std::unique_ptr<CompiledSchema> compiled;
  std::call_once(once, [] {
    auto c = std::make_unique<CompiledSchema>();
    auto path = data_dir() / "models" / "dossier.schema.json";
    c->document = json::parse(read_file(path));
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(c->document);
    parser.populateSchema(adapter, c->schema);
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

std::string type_name_fr(const json& v) {
  switch (v.type()) {
    case json::value_t::string: return "un texte";
    case json::value_t::boolean: return "un booléen (true/false)";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "un nombre entier";
    case json::value_t::number_float: return "un nombre décimal";
    case json::value_t::array: return "une liste";
    case json::value_t::object: return "un objet";
    default: return "null";
  }
}

std::string expected_type_fr(const std::string& t) {
  if (t == "string") return "un texte";
  if (t == "integer") return "un nombre entier";
  if (t == "number") return "un nombre";
  if (t == "boolean") return "true ou false";
  if (t == "array") return "une liste";
  if (t == "object") return "un objet";
  return t;
}

std::string pointer_of(const std::vector<std::string>& tokens) {
  std::string p;
  for (const auto& t : tokens) p += "/" + json_pointer_escape(t);
  return p;
}

std::string guillemets(const std::string& s) { return "« " + s + " »"; }

}  // namespace

json parse_json(std::string_view text, const std::string& file_name) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // nlohmann reports the offset just past the last token read: point at its start.
    size_t offset = e.byte == 0 ? 0 : std::min(e.byte - 1, text.size() == 0 ? 0 : text.size() - 1);
    if (offset < text.size() && e.byte > 0) {
      if (text[offset] == '"') {
        size_t k = offset;
        while (k > 0) {
          --k;
          if (text[k] == '"' && (k == 0 || text[k - 1] != '\\')) break;
        }
        offset = k;
      } else {
        while (offset > 0 && (std::isalnum((unsigned char)text[offset - 1]) || text[offset - 1] == '.' ||
                              text[offset - 1] == '-' || text[offset - 1] == '+'))
          --offset;
      }
    }
    auto [line, col] = line_col(text, offset);
    throw Error(ErrorKind::InvalidInput,
                Diagnostic{Severity::Error, "trame.dossier.E001", file_name, line, col, "", french_parse_message(e.what())});
  }
}

std::vector<Diagnostic> validate_schema(const json& dossier, const std::string& file_name) {
  const CompiledSchema& cs = compiled_schema();
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(dossier);
  validator.validate(cs.schema, target, &results);

  std::vector<Diagnostic> out;
  std::set<std::string> seen;
  valijson::ValidationResults::Error err;
  while (results.popError(err)) {
    std::vector<std::string> tokens;
    for (const auto& c : err.context) {
      if (c == "<root>") continue;
      tokens.push_back(c.size() >= 2 && c.front() == '[' && c.back() == ']' ? c.substr(1, c.size() - 2) : c);
    }
    const std::string& d = err.description;
    std::string msg, id = "trame.dossier.E101";
    std::vector<std::string> where = tokens;
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
    if (d.rfind("Missing required property", 0) == 0) {
      std::string name = quoted_name();
      where.push_back(name);
      const json* prop = schema_at(cs.document, where);
      msg = "champ obligatoire manquant";
      if (prop && prop->contains("title")) msg += " (" + (*prop)["title"].get<std::string>() + ")";
      id = "trame.dossier.E102";
    } else if (d.rfind("Object contains a property that could not be validated", 0) == 0) {
      std::string name = quoted_name();
      where.push_back(name);
      msg = "propriété inconnue " + guillemets(name) + " (faute de frappe ?)";
      id = "trame.dossier.E103";
    } else if (d.rfind("Value type not permitted", 0) == 0) {
      std::string expected = sub && sub->contains("type") ? expected_type_fr((*sub)["type"].get<std::string>()) : "un autre type";
      msg = "type incorrect : " + expected + " attendu, " + (value ? type_name_fr(*value) : std::string("autre chose")) + " reçu";
      id = "trame.dossier.E104";
    } else if (d.rfind("Failed to match against any enum values", 0) == 0) {
      std::string allowed;
      if (sub && sub->contains("enum"))
        for (const auto& v : (*sub)["enum"]) allowed += (allowed.empty() ? "" : ", ") + v.get<std::string>();
      msg = "valeur " + (value ? guillemets(value->is_string() ? value->get<std::string>() : value->dump()) : std::string()) +
            " non autorisée (valeurs possibles : " + allowed + ")";
      id = "trame.dossier.E105";
    } else if (d.rfind("Failed to match regex", 0) == 0) {
      msg = sub && sub->contains("x-erreur") ? (*sub)["x-erreur"].get<std::string>() : "format invalide";
      if (value && value->is_string()) msg += ", reçu " + guillemets(value->get<std::string>());
      id = "trame.dossier.E106";
    } else if (d.rfind("Expected number greater than or equal to", 0) == 0 || d.rfind("Expected number greater than", 0) == 0) {
      msg = "nombre trop petit (minimum " + (sub && sub->contains("minimum") ? (*sub)["minimum"].dump() : "?") + ")";
      id = "trame.dossier.E107";
    } else if (d.rfind("String should be no fewer than", 0) == 0) {
      msg = "texte vide";
      id = "trame.dossier.E108";
    } else if (d.rfind("Array should contain no fewer than", 0) == 0) {
      msg = "liste vide : au moins " + (sub && sub->contains("minItems") ? (*sub)["minItems"].dump() : "1") + " élément attendu";
      id = "trame.dossier.E109";
    } else if (d.rfind("Failed to validate", 0) == 0 || d.rfind("Cannot validate", 0) == 0) {
      continue;  // summaries of errors already reported on children
    } else {
      msg = "valeur invalide (" + d + ")";
    }
    Diagnostic diag = error(id, file_name, pointer_of(where), msg);
    if (seen.insert(diag.json_path + "|" + msg).second) out.push_back(std::move(diag));
  }
  std::sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.json_path < b.json_path; });
  return out;
}

std::vector<Diagnostic> check_rules(const json& dossier, const std::string& file_name) {
  return rules::check_all(dossier, file_name);
}

std::string describe_pointer(const json& dossier, const std::string& pointer) {
  const json& root = compiled_schema().document;
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
  std::string out;
  std::vector<std::string> prefix;
  const json* value = &dossier;
  for (const auto& t : tokens) {
    prefix.push_back(t);
    std::string part;
    bool index = !t.empty() && (std::isdigit(static_cast<unsigned char>(t[0])) || t == "-");
    if (index) {
      if (t == "-") part = "nouvel élément";
      else {
        const json* item = value && value->is_array() && std::stoul(t) < value->size() ? &(*value)[std::stoul(t)] : nullptr;
        std::string name;
        if (item && item->is_object())
          for (const char* k : {"libelle", "intitule", "nom", "etape", "id"})
            if (item->contains(k) && (*item)[k].is_string()) {
              name = (*item)[k].get<std::string>();
              break;
            }
        part = name.empty() ? "n° " + std::to_string(std::stoul(t) + 1) : "« " + name + " »";
        value = item;
      }
    } else {
      std::vector<std::string> schema_tokens;
      for (const auto& x : prefix) schema_tokens.push_back(x == "-" ? "0" : x);
      const json* sub = schema_at(root, schema_tokens);
      part = sub && sub->contains("title") ? (*sub)["title"].get<std::string>() : t;
      value = value && value->is_object() && value->contains(t) ? &(*value)[t] : nullptr;
    }
    out += (out.empty() ? "" : " › ") + part;
  }
  return out;
}

json load(const std::filesystem::path& path, std::vector<Diagnostic>* warnings) {
  std::string file = path.string();
  std::string text = read_file(path);
  json d = parse_json(text, file);
  std::vector<Diagnostic> problems = validate_schema(d, file);
  if (problems.empty()) problems = check_rules(d, file);
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

}  // namespace trame::dossier
