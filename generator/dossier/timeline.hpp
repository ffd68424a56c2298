// Dates that cannot be (E330–E333, W330): meetings outside the contract or
// reviewing a year not yet over, a contract signed before the association's
// creation or the projet de santé's validation, a document dated before the
// association it presents as created.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"

namespace trame::dossier {

std::vector<Diagnostic> check_timeline(const nlohmann::json& dossier, const std::string& file);

}  // namespace trame::dossier
