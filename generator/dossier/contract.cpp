#include "dossier/contract.hpp"

namespace trame::dossier {
using nlohmann::json;

static std::array<std::optional<double>, funding::kContractYears> five(const json& arr) {
  std::array<std::optional<double>, funding::kContractYears> out;
  for (size_t i = 0; i < arr.size() && i < out.size(); ++i)
    if (arr[i].is_number()) out[i] = arr[i].get<double>();
  return out;
}

funding::ContractInput contract_input(const json& d, const std::string& file, bool measured) {
  const json& c = d.at("contrat");
  funding::ContractInput in;
  in.signature = c.at("signature").at("date");
  in.table = c.contains("table_aci") ? &funding::table_version(c["table_aci"]) : &funding::table_for_date(in.signature);
  in.follow_national_versions = !c.contains("table_aci");  // a pinned version is kept for the whole contract
  in.population = d.at("territoire").at("population");
  if (c.contains("fonctionnement")) in.fonctionnement_negotiated = c["fonctionnement"]["montant"].get<double>();
  for (const auto& m : c.at("missions")) {
    funding::MissionChoice mc;
    mc.id = m.at("id");
    mc.start = m.at("debut");
    if (m.contains("volets")) mc.volets = m["volets"].get<std::vector<std::string>>();
    if (m.contains("montants"))
      for (auto& [k, v] : m["montants"].items()) mc.negotiated[k] = v.get<double>();
    in.missions.push_back(std::move(mc));
  }
  if (c.contains("indicateurs"))
    for (const auto& i : c["indicateurs"]) {
      funding::Indicator ind;
      ind.id = i.at("id");
      ind.label = i.at("libelle");
      ind.mission = i.at("mission");
      ind.pays = i.at("conditionne_remuneration");
      ind.baseline = i.at("valeur_reference");
      ind.targets = five(i.at("cibles"));
      if (measured && i.contains("realise")) ind.achieved = five(i["realise"]);
      ind.weight = i.at("poids");
      ind.decreasing = i.at("sens") == "baisse";
      in.indicators.push_back(std::move(ind));
    }
  in.pointer = "/contrat";
  in.file = file;
  return in;
}

static funding::Result funding_of(const json& dossier, const std::string& file, bool measured) {
  if (!dossier.contains("_versions")) return funding::compute(contract_input(dossier, file, measured));
  // The contract as signed and as each avenant changing it left it (History::at).
  std::vector<funding::ContractVersion> versions;
  for (const auto& v : dossier["_versions"])
    versions.push_back({v["numero"].get<int>(), v["date_effet"].get<std::string>(), contract_input(v, file, measured)});
  return funding::compute_versions(versions);
}

funding::Result contract_funding(const json& dossier, const std::string& file) { return funding_of(dossier, file, true); }

funding::Result contract_forecast(const json& dossier, const std::string& file) { return funding_of(dossier, file, false); }

}  // namespace trame::dossier
