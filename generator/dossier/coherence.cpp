#include "dossier/coherence.hpp"

#include <cmath>
#include <map>

#include "dossier/contract.hpp"
#include "locale/format.hpp"
#include "locale/french.hpp"

namespace trame::dossier {
using nlohmann::json;

namespace {

// A college that receives salaried professionals: its name or composition says so.
bool salaried_college(const json& college) {
  for (const char* key : {"nom", "composition"}) {
    std::string text = locale::lower(college.value(key, ""));
    for (const char* word : {"salarié", "mode d’exercice", "mode d'exercice", "modes d’exercice", "modes d'exercice"})
      if (text.find(word) != std::string::npos) return true;
  }
  return false;
}

// The budget's product line that receives the ACI payments: marked "aci", else
// named after the accord.
bool aci_line(const json& line) {
  if (line.contains("aci")) return line["aci"].get<bool>();
  std::string label = locale::lower(line.value("libelle", ""));
  return label.find("accord conventionnel interprofessionnel") != std::string::npos;
}

// Whether the contract of `d`, or one of its versions, holds measured values (indicateurs[].realise).
bool has_measures(const json& d) {
  auto measured = [](const json& version) {
    if (!version.contains("contrat") || !version["contrat"].contains("indicateurs")) return false;
    for (const auto& i : version["contrat"]["indicateurs"])
      if (i.is_object() && i.contains("realise")) return true;
    return false;
  };
  if (measured(d)) return true;
  if (d.contains("_versions"))
    for (const auto& v : d["_versions"])
      if (measured(v)) return true;
  return false;
}

}  // namespace

std::vector<Diagnostic> check_coherence(const json& d, const std::string& file, const funding::Result* contract) {
  std::vector<Diagnostic> out;
  auto warn = [&](const char* id, const std::string& pointer, const std::string& msg) {
    out.push_back(Diagnostic{Severity::Warning, id, file, 0, 0, pointer, msg});
  };

  if (d.contains("statuts") && d["statuts"]["admission"].value("ouverte_toutes_categories", false)) {
    bool found = false;
    for (const auto& c : d["statuts"]["colleges"]) found = found || salaried_college(c);
    if (!found)
      warn("trame.dossier.W338", "/statuts/colleges",
           "L’article 6 ouvre l’association à tout professionnel de santé quel que soit son mode d’exercice, mais aucun "
           "collège de l’article 5 n’accueille les professionnels salariés : la note de cadrage demande que cette "
           "ouverture se lise dans les statuts (ajouter par exemple un « Collège des professionnels de santé salariés »).");
  }

  if (d.contains("territoire") && d["territoire"].contains("departement") &&
      !locale::find_departement(d["territoire"]["departement"].get<std::string>()))
    warn("trame.dossier.W340", "/territoire/departement",
         "« " + d["territoire"]["departement"].get<std::string>() +
             " » n’est pas un département de la liste officielle (nom ou code INSEE, par exemple « Manche » ou « 50 ») : "
             "les documents l’écriront tel quel, sans article.");

  if (d.contains("contrat") && d["contrat"].is_object()) {
    const json& c = d["contrat"];
    // Seed 001: only a projet de santé validated by the ARS opens the contract; the contract cites it.
    if (!c.contains("projet_sante_valide_le"))
      warn("trame.dossier.W341", "/contrat",
           "Le contrat ne donne pas la date de validation du projet de santé par l’ARS (« projet_sante_valide_le ») : "
           "seul un projet de santé validé ouvre le contrat, qui le cite (« Vu le projet de santé … validé le … »).");
    // An optional mission the contract engages is one the projet de santé plans (part 2.2, seed 002).
    if (d.contains("projet_sante") && c.contains("missions") && c["missions"].is_array()) {
      const json& p = d["projet_sante"];
      for (size_t i = 0; i < c["missions"].size(); ++i) {
        const std::string id = c["missions"][i].value("id", "");
        if (id != "qualite" && id != "accompagnement") continue;
        bool planned = p.contains("mise_en_oeuvre") && p["mise_en_oeuvre"].contains(id);
        for (const auto& a : p.value("actions", json::array()))
          for (const auto& m : a.value("missions", json::array())) planned = planned || m == id;
        if (!planned)
          warn("trame.dossier.W342", "/contrat/missions/" + std::to_string(i),
               std::string("Le contrat engage la mission complémentaire « ") +
                   (id == "qualite" ? "développement de la qualité et de la pertinence des soins"
                                    : "accompagnement des professionnels de santé sur le territoire") +
                   " », que le projet de santé ne prévoit pas (ni mise en œuvre décrite, ni action) : le projet de santé "
                   "dira qu’elle n’est pas retenue.");
      }
    }
  }

  if (d.contains("budget_previsionnel") && d.contains("contrat")) {
    std::map<int, funding::Cents> paid;
    try {
      // A budget is a forecast: it follows the forecast schedule (full achievement, annex 4 of
      // the contract), not the variable pay later measured (priced again only when measured).
      if (has_measures(d)) paid = contract_forecast(d, file).per_calendar_year();
      else paid = contract ? contract->per_calendar_year() : contract_funding(d, file).per_calendar_year();
    } catch (const Error&) {
      return out;  // a contract the engine refuses is reported by the contract rules
    }
    const json& b = d["budget_previsionnel"];
    const json& years = b["annees"];
    for (size_t i = 0; i < b["produits"].size(); ++i) {
      const json& line = b["produits"][i];
      if (!aci_line(line) || line["montants"].size() != years.size()) continue;
      for (size_t y = 0; y < years.size(); ++y) {
        int year = years[y].get<int>();
        double scheduled = paid.count(year) ? funding::euros(paid[year]) : 0.0;
        double planned = line["montants"][y].get<double>();
        if (std::fabs(scheduled - planned) > 0.5)
          warn("trame.dossier.W339",
               "/budget_previsionnel/produits/" + std::to_string(i) + "/montants/" + std::to_string(y),
               "Budget " + std::to_string(year) + " : la ligne « " + line["libelle"].get<std::string>() + " » prévoit " +
                   locale::money(planned) + " de l’accord conventionnel, alors que l’échéancier prévisionnel du contrat (annexe 4, atteinte complète des objectifs) verse " +
                   locale::money(scheduled) + " cette année-là (versements datés de l’année civile).");
      }
    }
  }
  return out;
}

}  // namespace trame::dossier
