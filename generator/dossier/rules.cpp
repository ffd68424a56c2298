#include "dossier/rules.hpp"

#include <cmath>
#include <map>
#include <optional>

#include "dossier/contract.hpp"
#include "dossier/coherence.hpp"
#include "dossier/follow_up.hpp"
#include "dossier/item_names.hpp"
#include "dossier/timeline.hpp"
#include "locale/format.hpp"

namespace trame::dossier::rules {
using nlohmann::json;

namespace {

struct Checker {
  const std::string& file;
  std::vector<Diagnostic> out;
  std::optional<funding::Result> funding;  // the contract's, once computed without error

  void error(const char* id, const std::string& pointer, const std::string& msg) {
    out.push_back(Diagnostic{Severity::Error, id, file, 0, 0, pointer, msg});
  }
  void warning(const char* id, const std::string& pointer, const std::string& msg) {
    out.push_back(Diagnostic{Severity::Warning, id, file, 0, 0, pointer, msg});
  }
};

std::string n(double v) { return locale::number(v); }
std::string eur(double v) { return locale::money(v); }

void population(const json& d, Checker& c) {
  const json& t = d["territoire"];
  long long sum = 0;
  for (const auto& com : t["communes"]) sum += com["population"].get<long long>();
  long long declared = t["population"].get<long long>();
  if (sum != declared)
    c.error("trame.dossier.E301", "/territoire/population",
            "La population déclarée (" + n(declared) + ") ne correspond pas à la somme des communes (" + n(sum) +
                "), écart de " + n(std::llabs(declared - sum)) + ".");
  if (declared < 15000)
    c.warning("trame.dossier.W401", "/territoire/population",
              "Population de " + n(declared) + " habitants : l’ARS attend en général un territoire de plus de " +
                  n(15000) + " habitants.");
  if (t.contains("intercommunalites") && !t["intercommunalites"].empty()) {
    long long pop = 0, communes = 0;
    for (const auto& i : t["intercommunalites"]) {
      pop += i["population"].get<long long>();
      communes += i["communes"].get<long long>();
    }
    if (pop != declared)
      c.error("trame.dossier.E309", "/territoire/intercommunalites",
              "La population des intercommunalités (" + n(pop) + ") ne correspond pas à celle du territoire (" +
                  n(declared) + ").");
    if (communes != static_cast<long long>(t["communes"].size()))
      c.error("trame.dossier.E309", "/territoire/intercommunalites",
              "Les intercommunalités comptent " + n(communes) + " communes, la liste des communes en compte " +
                  n(t["communes"].size()) + ".");
  }
}

void insee_unique(const json& d, Checker& c) {
  std::map<std::string, size_t> seen;
  const json& communes = d["territoire"]["communes"];
  for (size_t i = 0; i < communes.size(); ++i) {
    std::string code = communes[i]["code_insee"];
    auto [it, fresh] = seen.emplace(code, i);
    if (!fresh)
      c.error("trame.dossier.E302", "/territoire/communes/" + std::to_string(i) + "/code_insee",
              "Le code INSEE " + code + " figure deux fois : " + item_label(d, "/territoire/communes", it->second) + " et " +
                  item_label(d, "/territoire/communes", i) + ".");
  }
}

// One set of minutes a meeting: two COPIL on one date would make two files of one name.
void copils_distinct(const json& d, Checker& c) {
  if (!d.contains("copils")) return;
  std::map<std::string, size_t> seen;
  const json& copils = d["copils"];
  for (size_t i = 0; i < copils.size(); ++i) {
    std::string date = copils[i]["date"];
    auto [it, fresh] = seen.emplace(date, i);
    if (!fresh)
      c.error("trame.dossier.E324", "/copils/" + std::to_string(i) + "/date",
              "Le " + std::to_string(it->second + 1) + (it->second == 0 ? "er" : "e") +
                  " COPIL de la liste a lieu le même jour : un compte rendu par réunion ; réunir les deux comptes rendus "
                  "en un seul, ou corriger la date.");
  }
}

bool valid_date(const json& v) { return v.is_string() && locale::is_iso_date(v.get<std::string>()); }

void date_field(const json& d, const std::string& pointer, Checker& c) {
  json::json_pointer p(pointer);
  if (!d.contains(p)) return;
  if (!valid_date(d[p]))
    c.error("trame.dossier.E303", pointer, "La date « " + d[p].get<std::string>() + " » n’existe pas dans le calendrier.");
}

void calendar(const json& d, Checker& c) {
  const json& cal = d["calendrier"];
  std::string prev;
  for (size_t i = 0; i < cal.size(); ++i) {
    std::string p = "/calendrier/" + std::to_string(i) + "/date";
    std::string date = cal[i]["date"];
    if (!locale::is_iso_date(date)) {
      c.error("trame.dossier.E303", p, "La date « " + date + " » n’existe pas dans le calendrier.");
      continue;
    }
    if (!prev.empty() && date < prev)
      c.error("trame.dossier.E304", p,
              "Les étapes du calendrier ne sont pas dans l’ordre : « " + cal[i]["etape"].get<std::string>() + " » (" +
                  locale::date_long(date) + ") vient avant l’étape précédente (" + locale::date_long(prev) + ").");
    else
      prev = date;
  }
}

void budget(const json& d, Checker& c) {
  const json& b = d["budget_amorcage"];
  double charges = 0, produits = 0;
  for (const auto& l : b["charges"]) charges += l["montant"].get<double>();
  for (const auto& l : b["produits"]) produits += l["montant"].get<double>();
  if (std::fabs(charges - produits) > 0.005)
    c.error("trame.dossier.E305", "/budget_amorcage",
            "Le budget d’amorçage n’est pas équilibré : total des charges " + eur(charges) + ", total des produits " +
                eur(produits) + ", différence " + eur(std::fabs(charges - produits)) + ".");
}

void socle(const json& d, Checker& c) {
  if (!d["engagement_missions_socle"].get<bool>())
    c.error("trame.dossier.E306", "/engagement_missions_socle",
            "L’accord conventionnel exige un engagement explicite à travailler sur les missions socles dès la phase "
            "d’amorçage : ce champ doit valoir true.");
  std::map<std::string, bool> present;
  for (const auto& o : d["orientations"]) present[o["mission"].get<std::string>()] = true;
  static const std::vector<std::pair<const char*, const char*>> required = {
      {"acces", "l’accès aux soins"}, {"parcours", "les parcours pluriprofessionnels"}, {"prevention", "la prévention"}};
  for (const auto& [id, label] : required)
    if (!present[id])
      c.error("trame.dossier.E307", "/orientations",
              std::string("Aucune orientation ne porte sur ") + label + " (mission socle « " + id +
                  " ») : chaque mission socle doit figurer dans le projet.");
  // The fourth socle mission (avenant 2 to the ACI, signed 20 December 2021):
  // a warning only, as the 2019 accord the funding tables follow has three.
  if (!present["crises"])
    c.warning("trame.dossier.W402", "/orientations",
              "Aucune orientation ne porte sur la réponse aux crises sanitaires graves (mission « crises ») : "
              "c’est une mission socle depuis l’avenant 2 de l’accord conventionnel (décembre 2021).");
}

void siret(const json& d, Checker& c) {
  const json& cpts = d["cpts"];
  if (cpts.contains("siret")) {
    if (!siret_checksum_ok(cpts["siret"]))
      c.error("trame.dossier.E308", "/cpts/siret",
              "Le numéro SIRET " + cpts["siret"].get<std::string>() +
                  " est invalide (clé de contrôle fausse) : vérifiez-le sur l’avis de situation INSEE.");
  } else if (cpts["statut_association"] == "creee") {
    c.error("trame.dossier.E308", "/cpts/siret",
            "L’association est déclarée créée : son numéro SIRET est nécessaire (versement des financements).");
  }
}

// Budget prévisionnel: one amount per year on every line; each year balanced
// (charges = produits) and the contributions in kind balanced (86 = 87).
void budget_previsionnel(const json& d, Checker& c) {
  if (!d.contains("budget_previsionnel")) return;
  const json& b = d["budget_previsionnel"];
  const json& years = b["annees"];
  for (size_t i = 1; i < years.size(); ++i)
    if (years[i].get<int>() <= years[i - 1].get<int>())
      c.error("trame.dossier.E314", "/budget_previsionnel/annees/" + std::to_string(i),
              "Les années du budget doivent être croissantes et distinctes.");
  size_t n = years.size();
  auto totals = [&](const json& lines, const std::string& pointer, std::vector<double>& out) {
    out.assign(n, 0.0);
    for (size_t i = 0; i < lines.size(); ++i) {
      const json& m = lines[i]["montants"];
      if (m.size() != n) {
        c.error("trame.dossier.E311", pointer + "/" + std::to_string(i) + "/montants",
                "« " + lines[i].value("libelle", "ligne " + std::to_string(i + 1)) + " » : " + std::to_string(m.size()) + " montant(s) pour " +
                    std::to_string(n) + " année(s) ; un montant par année est attendu (0 si rien).");
        continue;
      }
      for (size_t y = 0; y < n; ++y) out[y] += m[y].get<double>();
    }
  };
  std::vector<double> charges, produits, emplois, ressources;
  totals(b["charges"], "/budget_previsionnel/charges", charges);
  totals(b["produits"], "/budget_previsionnel/produits", produits);
  if (b.contains("charges_indirectes")) {  // part of the total of charges (seed 002's model)
    std::vector<double> indirect;
    totals(b["charges_indirectes"], "/budget_previsionnel/charges_indirectes", indirect);
    for (size_t y = 0; y < n; ++y) charges[y] += indirect[y];
  }
  if (b.contains("contributions")) {
    totals(b["contributions"]["emplois"], "/budget_previsionnel/contributions/emplois", emplois);
    totals(b["contributions"]["ressources"], "/budget_previsionnel/contributions/ressources", ressources);
  } else {
    emplois.assign(n, 0.0);
    ressources.assign(n, 0.0);
  }
  for (size_t y = 0; y < n; ++y) {
    std::string year = std::to_string(years[y].get<int>());
    if (std::fabs(charges[y] - produits[y]) > 0.005)
      c.error("trame.dossier.E312", "/budget_previsionnel",
              "Le budget " + year + " n’est pas équilibré : total des charges " + eur(charges[y]) + ", total des produits " +
                  eur(produits[y]) + ", différence " + eur(std::fabs(charges[y] - produits[y])) + ".");
    if (std::fabs(emplois[y] - ressources[y]) > 0.005)
      c.error("trame.dossier.E313", "/budget_previsionnel/contributions",
              "Contributions volontaires " + year + " : les emplois (86) totalisent " + eur(emplois[y]) +
                  " et les contributions (87) " + eur(ressources[y]) + " ; les deux doivent être égaux.");
  }
}

// Statutes: open to every category of health professional; president and
// treasurer different persons; at least two signatories.
void statuts(const json& d, Checker& c) {
  if (!d.contains("statuts")) return;
  const json& st = d["statuts"];
  if (!st["admission"]["ouverte_toutes_categories"].get<bool>())
    c.error("trame.dossier.E315", "/statuts/admission/ouverte_toutes_categories",
            "Les statuts d’une CPTS doivent garder l’association ouverte à tout professionnel de santé du territoire, "
            "quel que soit son mode d’exercice (ce champ doit valoir true).");
  const json* president = nullptr;
  const json* tresorier = nullptr;
  for (const auto& m : st["bureau"]) {
    if (m["role"] == "president") president = &m;
    if (m["role"] == "tresorier") tresorier = &m;
  }
  if (!president) c.error("trame.dossier.E316", "/statuts/bureau", "Le bureau doit compter un président ou une présidente.");
  if (!tresorier) c.error("trame.dossier.E316", "/statuts/bureau", "Le bureau doit compter un trésorier ou une trésorière.");
  if (president && tresorier && (*president)["prenom"] == (*tresorier)["prenom"] && (*president)["nom"] == (*tresorier)["nom"])
    c.error("trame.dossier.E317", "/statuts/bureau",
            (*president)["prenom"].get<std::string>() + " " + (*president)["nom"].get<std::string>() +
                " ne peut pas être à la fois président et trésorier : le modèle de statuts recommande deux personnes distinctes.");
  if (st["signataires"].size() < 2)
    c.error("trame.dossier.E318", "/statuts/signataires",
            "Les statuts doivent être signés par au moins deux représentants de l’association (nom, prénom, fonction).");
}

// Projet de santé: every socle mission (and both access sub-missions) served
// by an action; unique ids; links to existing actions; calendars in order.
void projet_sante(const json& d, Checker& c) {
  if (!d.contains("projet_sante")) return;
  const json& actions = d["projet_sante"]["actions"];
  std::map<std::string, bool> served;
  std::map<std::string, size_t> ids;
  for (size_t i = 0; i < actions.size(); ++i) {
    const json& a = actions[i];
    std::string p = "/projet_sante/actions/" + std::to_string(i);
    for (const auto& m : a["missions"]) served[m.get<std::string>()] = true;
    if (a.contains("sous_missions"))
      for (const auto& m : a["sous_missions"]) served["acces/" + m.get<std::string>()] = true;
    auto [it, fresh] = ids.emplace(a["id"].get<std::string>(), i);
    if (!fresh)
      c.error("trame.dossier.E321", p + "/id",
              "L’identifiant d’action « " + a["id"].get<std::string>() + " » est déjà celui de la " +
                  item_label(d, "/projet_sante/actions", it->second) + ".");
    const json& cal = a["calendrier"];
    std::string debut = cal["debut"], fin = cal["fin"];
    if (locale::is_iso_date(debut) && locale::is_iso_date(fin) && fin < debut)
      c.error("trame.dossier.E323", p + "/calendrier/fin",
              "L’action « " + a["intitule"].get<std::string>() + " » finit (" + locale::date_long(fin) + ") avant de commencer (" +
                  locale::date_long(debut) + ").");
    if (cal.contains("etapes"))
      for (size_t k = 0; k < cal["etapes"].size(); ++k) {
        std::string e = cal["etapes"][k]["date"];
        if (locale::is_iso_date(e) && (e < debut || e > fin))
          c.error("trame.dossier.E323", p + "/calendrier/etapes/" + std::to_string(k) + "/date",
                  "L’étape « " + cal["etapes"][k]["etape"].get<std::string>() + " » (" + locale::date_long(e) +
                      ") est en dehors du calendrier de l’action (" + locale::date_long(debut) + " – " + locale::date_long(fin) + ").");
      }
  }
  for (size_t i = 0; i < actions.size(); ++i)
    if (actions[i].contains("liens"))
      for (size_t k = 0; k < actions[i]["liens"].size(); ++k) {
        std::string target = actions[i]["liens"][k];
        if (!ids.count(target) || target == actions[i]["id"])
          c.error("trame.dossier.E322", "/projet_sante/actions/" + std::to_string(i) + "/liens/" + std::to_string(k),
                  "Lien vers l’action « " + target + " », qui n’existe pas dans le projet (ou désigne l’action elle-même).");
      }
  static const std::vector<std::pair<const char*, const char*>> required = {
      {"acces/medecin_traitant", "l’accès à un médecin traitant (mission accès aux soins)"},
      {"acces/soins_non_programmes", "les soins non programmés (mission accès aux soins)"},
      {"parcours", "les parcours pluriprofessionnels"},
      {"prevention", "la prévention"}};
  for (const auto& [key, label] : required)
    if (!served[key] || (std::string(key).rfind("acces/", 0) == 0 && !served["acces"]))
      c.error("trame.dossier.E319", "/projet_sante/actions",
              std::string("Aucune action ne porte sur ") + label +
                  " : chaque mission socle doit figurer dans le projet de santé pour qu’il relève de l’ACI.");
}

void contract(const json& d, Checker& c) {
  if (!d.contains("contrat")) return;
  if (!d["cpts"].contains("siret"))
    c.error("trame.dossier.E308", "/cpts/siret",
            "Le contrat ACI est signé par une association déclarée : son numéro SIRET est nécessaire.");
  const json& k = d["contrat"];
  std::string sig = k["signature"]["date"];
  if (!locale::is_iso_date(sig)) {
    c.error("trame.dossier.E303", "/contrat/signature/date", "La date « " + sig + " » n’existe pas dans le calendrier.");
    return;
  }
  for (size_t i = 0; i < k["missions"].size(); ++i) {
    std::string start = k["missions"][i]["debut"];
    if (!locale::is_iso_date(start)) {
      c.error("trame.dossier.E303", "/contrat/missions/" + std::to_string(i) + "/debut",
              "La date « " + start + " » n’existe pas dans le calendrier.");
      return;
    }
  }
  if (k.contains("indicateurs"))
    for (size_t i = 0; i < k["indicateurs"].size(); ++i)
      if (k["indicateurs"][i]["cibles"].size() != 5)
        c.error("trame.dossier.E310", "/contrat/indicateurs/" + std::to_string(i) + "/cibles",
                "Un objectif est attendu pour chacune des 5 années du contrat (null pour une année sans objectif).");
  try {
    c.funding = contract_funding(d, c.file);
  } catch (const Error& e) {
    for (const auto& diag : e.diagnostics()) c.out.push_back(diag);
  }
}

}  // namespace

bool siret_checksum_ok(const std::string& siret) {
  if (siret.size() != 14) return false;
  int sum = 0;
  for (int i = 0; i < 14; ++i) {
    if (siret[i] < '0' || siret[i] > '9') return false;
    int digit = siret[i] - '0';
    if (i % 2 == 0) {  // from the left, every other digit starting with the first is doubled
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 == 0;
}

std::vector<Diagnostic> check_all(const json& d, const std::string& file) {
  Checker c{file, {}, {}};
  population(d, c);
  insee_unique(d, c);
  copils_distinct(d, c);
  calendar(d, c);
  budget(d, c);
  socle(d, c);
  siret(d, c);
  date_field(d, "/cpts/date_creation", c);
  date_field(d, "/lettre_intention/date", c);
  date_field(d, "/contrat/projet_sante_valide_le", c);
  budget_previsionnel(d, c);
  statuts(d, c);
  projet_sante(d, c);
  date_field(d, "/projet_sante/date", c);
  date_field(d, "/statuts/fait_le", c);
  contract(d, c);
  for (auto& problem : check_timeline(d, file)) c.out.push_back(std::move(problem));
  for (auto& warning : check_follow_up(d, file)) c.out.push_back(std::move(warning));
  for (auto& warning : check_coherence(d, file, c.funding ? &*c.funding : nullptr)) c.out.push_back(std::move(warning));
  return std::move(c.out);
}

}  // namespace trame::dossier::rules
