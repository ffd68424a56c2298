// Business rules of a dossier, checked in C++ once the schema passes. Each rule
// gives a stable id, the JSON pointer concerned and a plain French message
// with the figures that let the user fix the data.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"

namespace trame::dossier::rules {

std::vector<Diagnostic> check_all(const nlohmann::json& dossier, const std::string& file);

// Luhn checksum of a SIRET (14 digits).
bool siret_checksum_ok(const std::string& siret);

}  // namespace trame::dossier::rules
