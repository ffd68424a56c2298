// Context builders, one a document, and the facts they share.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace trame::app {

struct MissionInfo {
  std::string id;     // "acces"
  std::string label;  // "Accès aux soins"
  bool socle = false;
};

// ACI size (1..4) of a population, from the amount table in force for the dossier.
int size_of(long long population, const nlohmann::json& dossier);
// "de 40 000 à 79 999 habitants"
std::string size_label(int size, const nlohmann::json& dossier);
// The mission catalogue of the table in force for the dossier, in its order.
std::vector<MissionInfo> mission_catalogue(const nlohmann::json& dossier);

// A context holds what Trame computes for a document, under "calcul"; the template reads
// it over the dossier itself, which is not copied (Engine::render with a root).
nlohmann::json lettre_intention_context(const nlohmann::json& dossier);
bool has_lettre_intention(const nlohmann::json& dossier);

nlohmann::json contrat_aci_context(const nlohmann::json& dossier);
// The consolidated contract: the contract context of the dossier at the consolidation
// date plus "calcul.consolidation" (the avenants, the articles each changed, the schedule
// with each year's variable pay as reviewed beside what was planned).
nlohmann::json contrat_consolide_context(const nlohmann::json& dossier);

// The budget prévisionnel grouped by account class (also used by the projet de santé).
nlohmann::json budget_summary(const nlohmann::json& dossier);
nlohmann::json budget_context(const nlohmann::json& dossier);
bool has_budget(const nlohmann::json& dossier);

nlohmann::json projet_sante_context(const nlohmann::json& dossier);
bool has_projet(const nlohmann::json& dossier);

// The contract's signatories (CPTS, CPAM, ARS, and the MSA when it signs).
nlohmann::json contract_signatories(const nlohmann::json& dossier);
// Avenant documents, one an avenant (instances: "001", "002"…), from "_avenants".
bool has_avenants(const nlohmann::json& dossier);
std::vector<std::string> avenant_numbers(const nlohmann::json& dossier);
nlohmann::json avenant_context(const nlohmann::json& dossier, const std::string& number);
// The contract article or annex that presents the dossier value at a JSON pointer
// (templates/contrat-aci.articles.json, longest prefix); "" if none does.
std::string contract_article(const std::string& pointer);
// Rank of a contract title in the contract: the parties, articles by number, the signature, annexes.
int contract_order(const std::string& title);

// COPIL minutes, one document a meeting (instances are the meeting dates).
bool has_copils(const nlohmann::json& dossier);
std::vector<std::string> copil_dates(const nlohmann::json& dossier);
nlohmann::json copil_context(const nlohmann::json& dossier, const std::string& date);

nlohmann::json statuts_context(const nlohmann::json& dossier);
bool has_statuts(const nlohmann::json& dossier);
bool has_contrat(const nlohmann::json& dossier);

}  // namespace trame::app
