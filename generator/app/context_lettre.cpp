// Render context of the lettre d'intention: the dossier plus "calcul", every
// value the template shows but must not compute (counts, size, budget rows).
#include <algorithm>
#include <map>

#include "app/contexts.hpp"
#include "locale/format.hpp"
#include "locale/french.hpp"

namespace trame::app {
using nlohmann::json;

static const char* statut_libelle(const std::string& s) {
  if (s == "creee") return "créée";
  if (s == "en_cours") return "en cours de création";
  return "pas encore créée";
}
static const char* statut_phrase(const std::string& s) {
  if (s == "creee") return "est déjà constituée";
  if (s == "en_cours") return "est en cours de constitution";
  return "n’est pas encore constituée";
}

static json redaction(const std::string& r) {
  if (r == "prestataire")
    return {{"libelle", "Prestataire extérieur"},
            {"phrase", "La rédaction du projet de santé sera confiée à un prestataire extérieur, "
                       "sous le pilotage du bureau de l’association."}};
  if (r == "groupe_professionnels")
    return {{"libelle", "Groupe de professionnels de santé"},
            {"phrase", "Le projet de santé sera rédigé au sein de la CPTS par un groupe de professionnels de santé ; "
                       "leur indemnisation sera fixée par le règlement intérieur."}};
  return {{"libelle", "Coordonnateur de la CPTS"},
          {"phrase", "La rédaction du projet de santé sera assurée par le futur coordonnateur de la CPTS, "
                     "recruté pendant la phase d’amorçage, avec l’appui du bureau."}};
}

json lettre_intention_context(const json& dossier) {
  json ctx = json::object();  // the dossier itself is the template's root (contexts.hpp)
  json calcul;
  const auto& terr = dossier.at("territoire");
  long long population = terr.at("population").get<long long>();
  calcul["nb_communes"] = terr.at("communes").size();
  calcul["taille"] = size_of(population, dossier);
  calcul["taille_libelle"] = size_label(calcul["taille"].get<int>(), dossier);

  const auto& col = dossier.at("collectif");
  const auto& pros = col.at("professionnels");
  int incertains = 0, gouvernance = 0;
  std::vector<std::pair<std::string, int>> categories;  // in order of first appearance
  for (const auto& p : pros) {
    if (p.value("participation_incertaine", false)) ++incertains;
    if (p.value("gouvernance", false)) ++gouvernance;
    std::string cat = p.at("categorie").get<std::string>();
    auto it = std::find_if(categories.begin(), categories.end(), [&](auto& c) { return c.first == cat; });
    if (it == categories.end()) categories.emplace_back(cat, 1);
    else ++it->second;
  }
  calcul["nb_professionnels"] = pros.size();
  calcul["nb_incertains"] = incertains;
  calcul["nb_gouvernance"] = gouvernance;
  // One profession a line: « Infirmière » counts with « Infirmier » when both are listed
  // (the masculine names the category, as the model's lists do).
  for (auto it = categories.begin(); it != categories.end();) {
    auto masc = std::find_if(categories.begin(), categories.end(), [&](auto& c) {
      return c.first != it->first && locale::lower(locale::agree(c.first, true)) == locale::lower(it->first);
    });
    if (masc == categories.end()) { ++it; continue; }
    masc->second += it->second;
    it = categories.erase(it);
  }
  calcul["categories"] = json::array();
  for (auto& [cat, n] : categories) calcul["categories"].push_back({{"categorie", cat}, {"nombre", n}});
  calcul["nb_etablissements"] = col.contains("etablissements") ? col["etablissements"].size() : 0;

  const std::string statut = dossier.at("cpts").at("statut_association").get<std::string>();
  calcul["statut_association_libelle"] = statut_libelle(statut);
  calcul["statut_association_phrase"] = statut_phrase(statut);
  json red = redaction(dossier.value("redaction_projet", "coordonnateur"));
  calcul["redaction_projet_libelle"] = red["libelle"];
  calcul["redaction_projet_phrase"] = red["phrase"];

  // Diagnosis, one section a theme, in the order of the pré-projet form (seed 002, annex 3).
  static const std::vector<std::pair<const char*, const char*>> themes = {
      {"medecin_traitant", "L’accès à un médecin traitant"},
      {"soins_non_programmes", "La fréquentation des urgences et l’organisation des soins non programmés"},
      {"parcours", "Les points de rupture dans les parcours de santé"},
      {"prevention", "Les actions de prévention"},
      {"qualite", "La qualité et la pertinence des soins"},
      {"accompagnement", "L’accompagnement des professionnels de santé"},
      {"autres", "Autres thématiques"}};
  calcul["diagnostic"] = json::array();
  const auto& diag = dossier.at("diagnostic");
  for (auto& [key, label] : themes)
    if (diag.contains(key) && !diag[key].empty())
      calcul["diagnostic"].push_back({{"libelle", label}, {"paragraphes", diag[key]}});

  // Orientations grouped by mission, in the catalogue's order.
  calcul["orientations"] = json::array();
  for (const auto& m : mission_catalogue(dossier)) {
    json items = json::array();
    for (const auto& o : dossier.at("orientations"))
      if (o.at("mission") == m.id) items.push_back(o);
    if (!items.empty())
      calcul["orientations"].push_back({{"mission", m.id}, {"libelle", m.label}, {"socle", m.socle}, {"items", items}});
  }

  // Amorçage budget: charges and produits side by side, as in the pré-projet form.
  const auto& b = dossier.at("budget_amorcage");
  const auto& ch = b.at("charges");
  const auto& pr = b.at("produits");
  json rows = json::array();
  double total_charges = 0, total_produits = 0;
  for (size_t i = 0; i < std::max(ch.size(), pr.size()); ++i) {
    json r = {{"charge", ""}, {"charge_montant", nullptr}, {"produit", ""}, {"produit_montant", nullptr}};
    if (i < ch.size()) {
      r["charge"] = ch[i].at("libelle");
      r["charge_montant"] = ch[i].at("montant");
      total_charges += ch[i].at("montant").get<double>();
    }
    if (i < pr.size()) {
      std::string label = pr[i].at("libelle").get<std::string>();
      // « Subvention (Communauté de communes …) »; a label already ending in a parenthesis takes
      // a dash instead: « Subvention d’amorçage (FIR) — ARS Normandie », never « (FIR) (ARS …) ».
      if (pr[i].contains("financeur")) {
        const std::string who = pr[i]["financeur"].get<std::string>();
        label += !label.empty() && label.back() == ')' ? " — " + who : " (" + who + ")";
      }
      r["produit"] = label;
      r["produit_montant"] = pr[i].at("montant");
      total_produits += pr[i].at("montant").get<double>();
    }
    rows.push_back(r);
  }
  calcul["budget"] = {{"lignes", rows}, {"total_charges", total_charges}, {"total_produits", total_produits}};

  ctx["calcul"] = std::move(calcul);
  return ctx;
}

bool has_lettre_intention(const json& dossier) { return dossier.contains("lettre_intention"); }

}  // namespace trame::app
