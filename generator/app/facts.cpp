// Facts the context builders share, taken from the ACI table in force for the dossier.
#include "app/contexts.hpp"
#include "funding/table.hpp"

namespace trame::app {

// The table in force: an explicit contract table version, else the one in force
// at the contract signature, the letter's date, or the latest table.
static const funding::Table& table_of(const nlohmann::json& d) {
  if (d.contains("lettre_intention")) return funding::table_for_date(d["lettre_intention"]["date"].get<std::string>());
  if (d.contains("contrat")) {
    const auto& c = d["contrat"];
    if (c.contains("table_aci")) return funding::table_version(c["table_aci"].get<std::string>());
    if (c.contains("signature") && c["signature"].contains("date"))
      return funding::table_for_date(c["signature"]["date"].get<std::string>());
  }
  return funding::all_tables().back();
}

int size_of(long long population, const nlohmann::json& dossier) { return table_of(dossier).size_for(population); }

std::string size_label(int size, const nlohmann::json& dossier) { return table_of(dossier).band(size).label; }

std::vector<MissionInfo> mission_catalogue(const nlohmann::json& dossier) {
  std::vector<MissionInfo> out;
  for (const auto& m : table_of(dossier).missions) out.push_back({m.id, m.label, m.socle});
  // Missions added by later national avenants, not in this table, keep a label.
  if (std::none_of(out.begin(), out.end(), [](const MissionInfo& m) { return m.id == "crises"; }))
    out.push_back({"crises", "Réponse aux crises sanitaires graves", false});
  return out;
}

}  // namespace trame::app
