// The dossier's "contrat" section as funding-engine input.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "funding/engine.hpp"

namespace trame::dossier {

// Maps /contrat (schema-valid) to the engine's input. The table is the one the
// contract names (table_aci) or the one in force at its signature.
// measured = false: the indicators' measured values ("realise") are left out, as if
// none had been measured yet (the forecast at full achievement).
funding::ContractInput contract_input(const nlohmann::json& dossier, const std::string& file, bool measured = true);

// contract_input + funding::compute; throws Error(InvalidInput) with pointers under /contrat.
// A dossier at a date with "_versions" (History::at) is priced version by version
// (funding::compute_versions).
funding::Result contract_funding(const nlohmann::json& dossier, const std::string& file = "");
// The same without the measured values: the contract's forecast schedule at full
// achievement, as annex 4 prints it.
funding::Result contract_forecast(const nlohmann::json& dossier, const std::string& file = "");

}  // namespace trame::dossier
