// The dossier's "contrat" section as funding-engine input.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "funding/engine.hpp"

namespace trame::dossier {

// Maps /contrat (schema-valid) to the engine's input. The table is the one the
// contract names (table_aci) or the one in force at its signature.
funding::ContractInput contract_input(const nlohmann::json& dossier, const std::string& file);

// contract_input + funding::compute; throws Error(InvalidInput) with pointers under /contrat.
// A dossier at a date with "_versions" (History::at) is priced version by version
// (funding::compute_versions).
funding::Result contract_funding(const nlohmann::json& dossier, const std::string& file = "");

}  // namespace trame::dossier
