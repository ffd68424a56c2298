// Follow-up warnings from the seeds (W335–W337): national access indicators
// missing, no annual review planned within two months after an anniversary,
// fewer than two meetings in a contract year.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"

namespace trame::dossier {

std::vector<Diagnostic> check_follow_up(const nlohmann::json& dossier, const std::string& file);

}  // namespace trame::dossier
