// Loading a dossier: JSON parsing with line/column, JSON Schema validation
// (models/dossier.schema.json, valijson) and business rules in C++.
// Every problem is reported at once, in French, with its JSON Pointer.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"

namespace trame::dossier {

// Parses JSON text. Malformed JSON throws Error(InvalidInput) whose diagnostic has
// file, line and column and a French message; so do the limits of input_limits.hpp.
// *findings, if given, tells what the parser noticed on the way, for the checks
// that say where to run only then.
struct ParseFindings {
  bool duplicates = false;    // some object has a member written twice
  bool huge_numbers = false;  // some integer is above 2^63 - 1
};
nlohmann::json parse_json(std::string_view text, const std::string& file_name, ParseFindings* findings = nullptr);

// Validates against models/dossier.schema.json (compiled once, thread-safe).
std::vector<Diagnostic> validate_schema(const nlohmann::json& dossier, const std::string& file_name);

// Business rules (population = sum of the communes, dates in order, totals...).
std::vector<Diagnostic> check_rules(const nlohmann::json& dossier, const std::string& file_name);

// read + parse + schema + rules. Throws Error(InvalidInput) with every diagnostic
// (rules are checked only when the schema passes). Warnings are appended to *warnings if given.
// Every diagnostic carries the line and column of its JSON pointer in the file
// (for a missing field, those of the object that lacks it), and they come in file order.
// A member written twice in one object is an error (trame.dossier.E002).
nlohmann::json load(const std::filesystem::path& path, std::vector<Diagnostic>* warnings = nullptr);

// load() on text already in memory (file_name is only used in the diagnostics).
nlohmann::json load_text(std::string_view text, const std::string& file_name,
                         std::vector<Diagnostic>* warnings = nullptr);

// A JSON pointer of the dossier in words, from the schema's French titles and
// the items' own names: "/contrat/indicateurs/9/cibles" ->
// "Contrat ACI › Objectifs et indicateurs › « Couverture vaccinale… » › Objectifs par année…".
std::string describe_pointer(const nlohmann::json& dossier, const std::string& pointer);

// The value at `pointer` of the dossier in words, as a contract states it, one
// line per element: a scalar or a list of scalars on one line ("oui", "17 500 €",
// "15 avril 2027", "— ; 4 ; 4", an enumerated value by the label its schema
// description gives); an object one field a line in schema order, named by its
// schema title ("Conditionne la rémunération : oui"); the fields of a nested
// object, or the items of a list of objects under their own names, on lines of
// their own, indented and dashed. Null is "—".
std::vector<std::string> describe_value(const nlohmann::json& value, const std::string& pointer);

}  // namespace trame::dossier
