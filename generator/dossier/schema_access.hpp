// Inside the dossier stage: the compiled dossier schema and the facts read
// from it (sub-schema of a pointer, keyword through $ref and allOf, French
// titles), shared by validation, the calendar check and the wording of values.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"

namespace trame::dossier::detail {

// models/dossier.schema.json, read and parsed once a process (Error(Io) if missing).
const nlohmann::json& schema_document();
// The member names of every object of the schema in file order (json sorts them).
const std::map<const nlohmann::json*, std::vector<std::string>>& schema_key_order();

// The sub-schema that describes the value at `tokens` (follows properties,
// items, $ref and allOf); nullptr if the schema does not describe it.
const nlohmann::json* schema_at(const nlohmann::json& root, const std::vector<std::string>& tokens);
// A keyword of the sub-schema, looked up in its allOf parts and $ref too.
const nlohmann::json* facet(const nlohmann::json& root, const nlohmann::json* sub, const char* key);
// The French title of the property at `tokens`, looking through $ref and allOf.
std::string title_at(const nlohmann::json& root, const std::vector<std::string>& tokens);
// Refuses (Error(Template), trame.modeles.E002) a schema whose "$ref" form a loop,
// point outside the file or to a part that does not exist: before anything follows them.
void check_schema_refs(const nlohmann::json& document, const std::filesystem::path& file);
// "/a/0/b" from its tokens, RFC 6901 escaped.
std::string pointer_of(const std::vector<std::string>& tokens);

inline Diagnostic error(const std::string& id, const std::string& file, const std::string& pointer, const std::string& msg) {
  return Diagnostic{Severity::Error, id, file, 0, 0, pointer, msg};
}

}  // namespace trame::dossier::detail
