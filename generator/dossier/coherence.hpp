// Warnings where two parts of a dossier disagree with each other or with the
// seeds (never blocking): the statutes open membership to every mode d'exercice
// but no college receives salaried professionals (W338, seed 001); the budget's
// ACI income for a year differs from the contract's schedule for that year (W339);
// a department that is not one of the 101 of the INSEE list (W340).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"
#include "funding/funding.hpp"

namespace trame::dossier {

// `contract`: the contract's funding if the caller has already computed it (computed
// here otherwise).
std::vector<Diagnostic> check_coherence(const nlohmann::json& dossier, const std::string& file,
                                        const funding::Result* contract = nullptr);

}  // namespace trame::dossier
