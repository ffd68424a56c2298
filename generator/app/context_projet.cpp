// Projet de santé: the lettre's facts (collective, size, diagnosis) plus the
// actions with their mission labels, the missions' implementation, the budget summary.
#include <map>

#include "app/contexts.hpp"
#include "locale/format.hpp"

namespace trame::app {
using nlohmann::json;

bool has_projet(const json& dossier) { return dossier.contains("projet_sante"); }

json projet_sante_context(const json& dossier) {
  json ctx = lettre_intention_context(dossier);
  json& calcul = ctx["calcul"];
  std::map<std::string, MissionInfo> missions;
  auto catalogue = mission_catalogue(dossier);
  for (const auto& m : catalogue) missions[m.id] = m;
  const json& p = dossier.at("projet_sante");
  std::string statut = dossier["cpts"]["statut_association"];
  calcul["association_creee"] = statut == "creee" ? "oui" : statut == "en_cours" ? "en cours" : "non";

  std::map<std::string, std::string> titles;
  for (const auto& a : p["actions"]) titles[a["id"]] = a["intitule"];
  json actions = json::array();
  for (const auto& a : p["actions"]) {
    json x = a;
    std::string labels;
    for (const auto& m : a["missions"]) {
      auto it = missions.find(m.get<std::string>());
      std::string l = it == missions.end() ? m.get<std::string>() : it->second.label;
      if (m == "acces" && a.contains("sous_missions"))
        for (const auto& sm : a["sous_missions"])
          l += sm == "medecin_traitant" ? " — médecin traitant" : " — soins non programmés";
      labels += (labels.empty() ? "" : " ; ") + l;
    }
    x["missions_libelle"] = labels;
    std::string liens;
    if (a.contains("liens"))
      for (const auto& l : a["liens"]) liens += (liens.empty() ? "" : " ; ") + l.get<std::string>() + " (" + titles[l] + ")";
    x["liens_libelle"] = liens;
    actions.push_back(x);
  }
  calcul["actions"] = actions;

  json mise = json::array();
  for (const auto& m : catalogue)
    if (p["mise_en_oeuvre"].contains(m.id))
      mise.push_back({{"libelle", m.label}, {"socle", m.socle}, {"paragraphes", p["mise_en_oeuvre"][m.id]}});
  calcul["mise_en_oeuvre"] = mise;
  // Part 2.2 of the model asks whether the missions complémentaires (qualité et pertinence,
  // accompagnement des professionnels: seed 002) are planned: a mission is planned when the
  // projet says how it is implemented or an action serves it.
  json planned = json::array(), not_planned = json::array();
  for (const auto& m : catalogue) {
    if (m.id != "qualite" && m.id != "accompagnement") continue;
    bool served = p["mise_en_oeuvre"].contains(m.id);
    for (const auto& a : p["actions"])
      for (const auto& id : a["missions"]) served = served || id == m.id;
    (served ? planned : not_planned).push_back(locale::lower_first(m.label));
  }
  auto phrase = [](const json& labels, const std::string& singular, const std::string& plural) {
    std::string out;
    for (size_t i = 0; i < labels.size(); ++i)
      out += (i == 0 ? "" : i + 1 == labels.size() ? " et " : ", ") + ("« " + labels[i].get<std::string>() + " »");
    return (labels.size() == 1 ? singular : plural) + " " + out;
  };
  calcul["missions_complementaires"] = {
      {"prevues", planned.size()}, {"non_prevues", not_planned.size()},
      {"prevues_texte", phrase(planned, "la mission complémentaire", "les missions complémentaires")},
      {"non_prevues_texte", phrase(not_planned, "la mission", "les missions")}};
  if (has_budget(dossier)) calcul["budget"] = budget_summary(dossier);
  return ctx;
}

}  // namespace trame::app
