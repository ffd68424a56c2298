// COPIL minutes: participants by institution, the indicator review of the
// contract year, and the variable pay as the funding engine computes it.
#include <map>

#include "app/contexts.hpp"
#include "dossier/contract.hpp"
#include "locale/format.hpp"

namespace trame::app {
using nlohmann::json;

bool has_copils(const json& dossier) { return dossier.contains("copils") && !dossier["copils"].empty() && dossier.contains("contrat"); }

std::vector<std::string> copil_dates(const json& dossier) {
  std::vector<std::string> out;
  if (dossier.contains("copils"))
    for (const auto& c : dossier["copils"]) out.push_back(c["date"]);
  return out;
}

static std::string person(const json& p) {
  return (p.contains("civilite") ? p["civilite"].get<std::string>() + " " : std::string()) + p["prenom"].get<std::string>() +
         " " + p["nom"].get<std::string>();
}

json copil_context(const json& dossier, const std::string& date) {
  json ctx = json::object();  // the dossier itself is the template's root (contexts.hpp)
  const json* meeting = nullptr;
  for (const auto& c : dossier["copils"])
    if (c["date"] == date) meeting = &c;
  json k;
  k["reunion"] = *meeting;
  // Participants grouped by institution, in the seed's order.
  static const std::vector<std::pair<const char*, const char*>> institutions = {
      {"CPTS", "CPTS"}, {"ARS", "Agence régionale de santé"}, {"CPAM", "Caisse primaire d’assurance maladie"},
      {"ELSM", "Échelon local du service médical"}, {"MSA", "Mutualité sociale agricole"}, {"autre", "Autres participants"}};
  json groups = json::array();
  for (const auto& [id, label] : institutions) {
    json people = json::array();
    for (const auto& p : (*meeting)["participants"])
      if (p["institution"] == id) people.push_back({{"nom", person(p)}, {"fonction", p["fonction"]}});
    if (!people.empty()) groups.push_back({{"institution", label}, {"personnes", people}});
  }
  k["participants"] = groups;

  // Indicator review and variable pay of the contract year under review, as the
  // contract in force during that year set them (its last version: History::at).
  int year = meeting->value("annee_revue", 0);
  k["annee_revue"] = year;
  if (year > 0) {
    funding::Result r = dossier::contract_funding(dossier);
    const std::string year_end = funding::add_days(funding::add_months(r.signature, 12 * year), -1);
    const json* version = &dossier;
    if (dossier.contains("_versions"))
      for (const auto& v : dossier["_versions"])
        if (v["date_effet"].get<std::string>() <= year_end) version = &v;
    funding::ContractInput in = dossier::contract_input(*version, "");
    std::map<std::string, std::string> labels;
    for (const auto& m : r.table->missions) labels[m.id] = m.label;
    json review = json::array();
    for (const auto& mc : in.missions) {
      // The year's maximum as the schedule prorates it; a mission not in force that year is not reviewed.
      funding::Cents due = 0, maximum = 0;
      for (const auto& l : r.lines)
        if (l.mission == mc.id && (l.part == "variable" || l.part == "mt")) maximum += l.due[year - 1];
      if (maximum == 0) continue;
      for (const auto& p : r.schedule)
        if (p.year == year && p.kind == "variable" && p.line.rfind(mc.id + ".", 0) == 0) due += p.amount;
      json rows = json::array();
      for (const auto& ind : in.indicators) {
        if (ind.mission != mc.id) continue;
        auto a = funding::achievement(ind, year);
        const auto& t = ind.targets[year - 1];
        const auto& v = ind.achieved[year - 1];
        std::string unit;  // a rate keeps its « % » (as annex 3 prints it); counts stay bare in the narrow columns
        for (const auto& di : (*version)["contrat"].value("indicateurs", json::array()))
          if (di.value("id", "") == ind.id && di.value("unite", "") == "%") unit = "%";
        rows.push_back({{"libelle", ind.label},
                        {"role", ind.pays ? "Rémunération" : "Suivi"},
                        {"reference", locale::quantity(ind.baseline, unit)},
                        {"cible", t ? locale::quantity(*t, unit) : "—"},
                        {"realise", v ? locale::quantity(*v, unit) : "non mesuré"},
                        {"atteinte", a ? locale::percent(*a) : "—"},
                        {"atteinte_valeur", a ? json(*a) : json(nullptr)},
                        {"poids", locale::number(ind.weight)}});
      }
      double rate = 1;
      bool measured = false;
      for (const auto& mr : r.rates)
        if (mr.mission == mc.id && mr.year == year) {
          rate = mr.rate;
          measured = mr.measured;
        }
      review.push_back({{"mission", labels[mc.id]}, {"indicateurs", rows}, {"taux", locale::percent(rate)},
                        {"mesure", measured}, {"montant", funding::euros(due)}, {"maximum_annuel", funding::euros(maximum)}});
    }
    funding::Cents total = 0;
    for (const auto& p : r.schedule)
      if (p.year == year && p.kind == "variable") total += p.amount;
    k["revue"] = review;
    k["total_variable"] = funding::euros(total);
    k["date_versement"] = funding::add_months(funding::add_months(r.signature, 12 * year), 2);
  }
  static const std::map<std::string, std::string> decision_labels = {
      {"nouvelle_mission", "Engagement d’une nouvelle mission"}, {"versement_variable", "Rémunération variable"},
      {"avenant", "Avenant"}, {"arbitrage_cotech", "Arbitrage du COTECH"}, {"autre", "Autre décision"}};
  json decisions = json::array();
  if (meeting->contains("decisions"))
    for (const auto& d : (*meeting)["decisions"])
      decisions.push_back({{"nature", decision_labels.at(d["type"])}, {"texte", d["texte"]}});
  k["decisions"] = decisions;
  ctx["calcul"]["copil"] = std::move(k);
  return ctx;
}

}  // namespace trame::app
