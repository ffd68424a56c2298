// Loading a dossier: limits, JSON syntax, schema, calendar dates, business
// rules, every problem located in the file (dossier.hpp).
#include <algorithm>
#include <cstdlib>

#include "dossier/dossier.hpp"
#include "dossier/input_limits.hpp"
#include "dossier/rules.hpp"
#include "dossier/schema_access.hpp"
#include "dossier/item_names.hpp"
#include "dossier/source_map.hpp"
#include "locale/format.hpp"

namespace trame::dossier {
using nlohmann::json;
using namespace detail;

namespace {

// The pattern of a date field in the schema (scripts/dev/gen_dossier_schema.py).
constexpr const char* kDatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

// Strings of the form AAAA-MM-JJ in a date field of the schema that are not a
// day of the calendar (2025-02-30, 2025-13-01, 0000-01-01): the pattern lets
// them through; every later stage needs a real date.
void dates(const json& root, const json& v, std::vector<std::string>& tokens, const std::string& file,
           std::vector<Diagnostic>& out) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      tokens.push_back(it.key());
      dates(root, it.value(), tokens, file, out);
      tokens.pop_back();
    }
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) {
      tokens.push_back(std::to_string(i));
      dates(root, v[i], tokens, file, out);
      tokens.pop_back();
    }
  } else if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return;
    const int year = std::atoi(s.substr(0, 4).c_str());
    const bool real = locale::is_iso_date(s);
    if (real && year >= 1900 && year <= 2199) return;  // a good date, whatever the field
    const json* pattern = facet(root, schema_at(root, tokens), "pattern");
    if (!pattern || *pattern != kDatePattern) return;
    if (!real)
      out.push_back(error("trame.dossier.E303", file, pointer_of(tokens),
                          "La date « " + s + " » n’existe pas dans le calendrier (mois de 01 à 12, jour existant dans "
                          "le mois ; 29 février les seules années bissextiles)."));
    else if (year < 1900 || year > 2199)
      out.push_back(error("trame.dossier.E303", file, pointer_of(tokens),
                          "La date « " + s + " » est hors des années permises (1900 à 2199)."));
  }
}

void check_dates(const json& d, const std::string& file, std::vector<Diagnostic>& out) {
  std::vector<std::string> tokens;
  dates(schema_document(), d, tokens, file, out);
}


}  // namespace

std::vector<Diagnostic> check_rules(const json& dossier, const std::string& file_name) {
  return rules::check_all(dossier, file_name);
}


json load_text(std::string_view text, const std::string& file_name, std::vector<Diagnostic>* warnings) {
  ParseFindings found;
  json d = parse_json(text, file_name, &found);
  // The parser notices a member written twice or a number too big; the scans that
  // tell where run only then.
  const SourceMap scan(found.duplicates ? text : std::string_view(), SourceMap::Scope::Duplicates);
  std::vector<Diagnostic> problems;
  if (found.huge_numbers) check_numbers(d, file_name, problems);
  if (problems.empty()) problems = validate_schema(d, file_name);
  for (const auto& dup : scan.duplicates()) {
    std::string name = dup.pointer.substr(dup.pointer.rfind('/') + 1);
    problems.push_back(Diagnostic{Severity::Error, "trame.dossier.E002", file_name, dup.line, dup.column, dup.pointer,
                                  "champ « " + name + " » écrit deux fois dans le même objet (déjà ligne " +
                                      std::to_string(dup.first_line) + ") : seule la dernière valeur serait lue ; "
                                      "supprimer l’une des deux"});
  }
  if (problems.empty()) {
    // Impossible calendar dates, then the rules: both reported at once. A rule
    // that reads one of those dates may throw; the date errors then say why.
    check_dates(d, file_name, problems);
    std::vector<Diagnostic> rules;
    try {
      rules = check_rules(d, file_name);
    } catch (const std::exception&) {
      if (problems.empty()) throw;
    }
    for (auto& r : rules)
      if (std::none_of(problems.begin(), problems.end(),
                       [&](const Diagnostic& p) { return p.id == r.id && p.json_path == r.json_path; }))
        problems.push_back(std::move(r));
  }
  if (!problems.empty()) SourceMap(text).locate(problems);
  name_items(d, problems);
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
  return load_text(read_input(path), path.string(), warnings);
}

}  // namespace trame::dossier
