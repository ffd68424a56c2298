// Render context of the individualised ACI contract: every amount and date
// comes from the funding engine (calcul.contrat), never from the template.
#include <algorithm>
#include <map>
#include <mutex>

#include "app/contexts.hpp"
#include "common/diagnostic.hpp"
#include "common/files.hpp"
#include "common/overlay.hpp"
#include "dossier/contract.hpp"
#include "locale/format.hpp"

namespace trame::app {
using nlohmann::json;

static std::string person(const json& p) {
  std::string s;
  if (p.contains("civilite")) s += p["civilite"].get<std::string>() + " ";
  return s + p.at("prenom").get<std::string>() + " " + p.at("nom").get<std::string>();
}

static std::string with_unit(double v, const json& ind) { return locale::quantity(v, ind.value("unite", "")); }

bool has_contrat(const json& dossier) { return dossier.contains("contrat"); }

json contract_signatories(const json& dossier) {
  const json& c = dossier.at("contrat");
  const json& pres = c.contains("president") ? c["president"] : dossier.at("cpts").at("representant_legal");
  bool msa = c.contains("msa") && c["msa"].value("signataire", false);
  json sig = json::array();
  // "champ": the name of the party's signature field in the PDF (trame signer --champ).
  sig.push_back({{"organisation", "la " + dossier.at("cpts").at("nom").get<std::string>()}, {"nom", person(pres)},
                 {"fonction", pres.at("fonction")}, {"champ", "CPTS"}});
  sig.push_back({{"organisation", "la " + c["cpam"]["nom"].get<std::string>()}, {"nom", person(c["cpam"]["directeur"])},
                 {"fonction", c["cpam"]["directeur"]["fonction"]}, {"champ", "CPAM"}});
  sig.push_back({{"organisation", "l’" + c["ars"]["nom"].get<std::string>()},
                 {"nom", person(c["ars"]["directeur_general"])}, {"fonction", c["ars"]["directeur_general"]["fonction"]},
                 {"champ", "ARS"}});
  if (msa)
    sig.push_back({{"organisation", "la " + c["msa"]["nom"].get<std::string>()}, {"nom", person(c["msa"]["directeur"])},
                   {"fonction", c["msa"]["directeur"]["fonction"]}, {"champ", "MSA"}});
  return sig;
}

bool has_avenants(const json& dossier) { return dossier.contains("_avenants") && dossier.contains("contrat"); }

std::vector<std::string> avenant_numbers(const json& dossier) {
  std::vector<std::string> out;
  if (dossier.contains("_avenants"))
    for (const auto& a : dossier["_avenants"]) out.push_back(a["numero_texte"]);
  return out;
}

// Where the contract presents each part of the dossier (templates/contrat-aci.articles.json),
// read once a process.
static const json& contract_articles() {
  static std::once_flag once;
  static json articles;
  std::call_once(once, [] {
    const auto path = template_file(data_dir() / "templates", "contrat-aci.articles.json");
    std::string text = read_file(path);  // Error(Io) in French if missing
    try {
      articles = json::parse(text);
      for (const auto& a : articles.at("articles")) {
        a.at("titre").get<std::string>();
        for (const auto& p : a.at("chemins")) p.get<std::string>();
      }
      for (const auto& t : articles.at("financement")) t.get<std::string>();
    } catch (const json::exception& e) {
      throw Error(ErrorKind::Internal, Diagnostic{Severity::Error, "trame.app.E010", path.string(), 0, 0, "",
                                                  std::string("table des articles du contrat illisible : ") + e.what()});
    }
  });
  return articles;
}

// The contract article or annex that presents the dossier value at `pointer` (the
// longest matching path prefix wins); "" if none does.
std::string contract_article(const std::string& pointer) {
  std::string best;
  size_t best_length = 0;
  for (const auto& a : contract_articles()["articles"])
    for (const auto& p : a["chemins"]) {
      const std::string& prefix = p.get_ref<const std::string&>();
      const bool matches = pointer.compare(0, prefix.size(), prefix) == 0 &&
                           (pointer.size() == prefix.size() || pointer[prefix.size()] == '/');
      if (matches && prefix.size() > best_length) {
        best = a["titre"].get<std::string>();
        best_length = prefix.size();
      }
    }
  return best;
}

// Contract order of a title: the parties, articles by number, the signature, annexes.
int contract_order(const std::string& title) {
  auto number = [&](const char* word) {
    const size_t n = std::string(word).size();
    return title.rfind(word, 0) == 0 ? std::atoi(title.c_str() + n) : -1;
  };
  if (int a = number("Article "); a >= 0) return a;
  if (title == "Formule de signature") return 500;
  if (int x = number("Annexe "); x >= 0) return 1000 + x;
  return 0;
}

json avenant_context(const json& dossier, const std::string& number) {
  json ctx = json::object();  // the dossier itself is the template's root (contexts.hpp)
  json k;
  for (const auto& a : dossier["_avenants"])
    if (a["numero_texte"] == number) k["avenant"] = a;
  // The articles and annexes of the contract that the avenant changes, in contract order.
  std::vector<std::string> changed;
  auto note = [&](const std::string& title) {
    if (!title.empty() && std::find(changed.begin(), changed.end(), title) == changed.end()) changed.push_back(title);
  };
  if (k.contains("avenant")) {
    for (auto& c : k["avenant"]["changements"]) {
      c["article"] = contract_article(c.value("pointeur", ""));
      // After « Article 4 — … : » the sentence goes on in lower case.
      if (!c["article"].get<std::string>().empty()) c["phrase"] = locale::lower_first(c.value("phrase", ""));
      note(c["article"]);
    }
    if (k["avenant"].value("montants_modifies", false))
      for (const auto& t : contract_articles()["financement"]) note(t);
  }
  std::stable_sort(changed.begin(), changed.end(),
                   [](const std::string& a, const std::string& b) { return contract_order(a) < contract_order(b); });
  k["articles_modifies"] = changed;
  k["signataires"] = contract_signatories(dossier);
  k["nb_exemplaires"] = k["signataires"].size();
  const json& c = dossier["contrat"];
  const json& pres = c.contains("president") ? c["president"] : dossier["cpts"]["representant_legal"];
  k["president"] = person(pres);
  k["president_fonction"] = pres.value("fonction", "");
  k["msa_signe"] = c.contains("msa") && c["msa"].value("signataire", false);
  k["msa_associee"] = c.contains("msa") && !k["msa_signe"].get<bool>();
  // The contract's own title: a signatory MSA makes it quadripartite.
  k["contrat_nature"] = k["msa_signe"].get<bool>() ? "quadripartite" : "tripartite";
  ctx["calcul"]["avenant"] = std::move(k);
  return ctx;
}

json contrat_aci_context(const json& dossier) {
  json ctx = json::object();  // the dossier itself is the template's root (contexts.hpp)
  const json& c = dossier.at("contrat");
  funding::Result r = dossier::contract_funding(dossier);
  json k;
  const json& pres = c.contains("president") ? c["president"] : dossier.at("cpts").at("representant_legal");
  k["president"] = person(pres);
  k["president_fonction"] = pres.at("fonction");
  bool msa = c.contains("msa") && c["msa"].value("signataire", false);
  k["msa_signe"] = msa;
  k["msa_associee"] = c.contains("msa") && !msa;
  k["titre"] = msa ? "Contrat quadripartite" : "Contrat tripartite";
  k["date_fin"] = r.end_date;
  k["nb_communes"] = dossier.at("territoire").at("communes").size();
  k["taille"] = r.size;
  k["taille_libelle"] = r.table->band(r.size).label;
  k["table_titre"] = r.table->title;
  k["consolide"] = false;
  k["titre_document"] = "Contrat ACI";

  // Annual amounts per mission, in the table's order.
  std::map<std::string, std::map<std::string, double>> parts;
  double fonctionnement = 0;
  json lignes = json::array();
  for (const auto& l : r.lines) {
    if (!l.in_force) continue;  // removed by an avenant: its earlier payments stay in the schedule
    lignes.push_back({{"libelle", l.label}, {"montant", funding::euros(l.amount)}});
    if (l.part == "fonctionnement") fonctionnement = funding::euros(l.amount);
    else parts[l.mission][l.part] += funding::euros(l.amount);
  }
  k["lignes"] = std::move(lignes);
  k["fonctionnement"] = fonctionnement;
  // Grouped as the accord groups them (seed 004): fonctionnement apart; the fixed parts;
  // the variable parts with the médecin traitant volet; the soins non programmés volet apart.
  json missions = json::array(), negotiated = json::array();
  double tf = 0, tv = 0, tmt = 0, tsnp = 0;
  for (const auto& m : r.table->missions) {
    auto it = parts.find(m.id);
    if (it == parts.end()) continue;
    const json* dm = nullptr;
    for (const auto& x : c.at("missions"))
      if (x.at("id") == m.id) dm = &x;
    if (!dm) continue;
    double fixe = it->second["fixe"], variable = it->second["variable"] + it->second["mt"];
    std::string volets;
    if (dm->contains("volets"))
      for (const auto& v : (*dm)["volets"]) {
        for (const auto& vv : m.volets)
          if (vv.id == v.get<std::string>()) volets += (volets.empty() ? "" : " ; ") + vv.label;
      }
    json mj = {{"id", m.id}, {"libelle", m.label}, {"socle", m.socle}, {"debut", (*dm)["debut"]},
               {"fixe", fixe}, {"variable", variable}, {"mt", it->second["mt"]}, {"total", fixe + variable},
               {"volets_libelle", volets}};
    if (dm->contains("description")) mj["description"] = (*dm)["description"];
    if (dm->contains("montants")) negotiated.push_back(locale::lower_first(m.label));
    missions.push_back(std::move(mj));
    tf += fixe;
    tv += variable;
    tmt += it->second["mt"];
    tsnp += it->second["snp"];
  }
  k["missions"] = std::move(missions);
  // Missions whose amounts the parties set below the accord's table: « la mission « … » », « les missions « … » et « … » ».
  std::string nego;
  for (size_t i = 0; i < negotiated.size(); ++i)
    nego += (i == 0 ? "" : i + 1 == negotiated.size() ? " et " : ", ") + ("« " + negotiated[i].get<std::string>() + " »");
  k["missions_negociees"] = negotiated.empty() ? "" : (negotiated.size() == 1 ? "la mission " : "les missions ") + nego;
  k["total_fixe"] = tf;
  k["total_variable"] = tv;
  k["total_mt"] = tmt;
  k["total_missions"] = tf + tv;
  k["total_hors_snp"] = fonctionnement + tf + tv;
  k["snp"] = tsnp;
  k["total_annuel"] = funding::euros(r.total_annual);
  k["total_contrat"] = funding::euros(r.schedule_total);
  // Missions starting after the signature: their first year is prorated (annex 4).
  json prorata = json::array();
  for (const auto& m : r.table->missions)
    if (auto it = r.prorata.find(m.id); it != r.prorata.end() && it->second < 1.0) {
      prorata.push_back(locale::lower_first(m.label));
    }
  k["missions_prorata"] = std::move(prorata);

  json ech = json::array();
  std::map<std::string, double> per_year;
  for (const auto& p : r.schedule) {
    std::string label = p.label + (p.version > 0 ? " (avenant n° " + std::to_string(p.version) + ")" : "");
    ech.push_back({{"date", p.date}, {"libelle", label}, {"montant", funding::euros(p.amount)}, {"annee", p.year}});
    per_year[p.date.substr(0, 4)] += funding::euros(p.amount);
  }
  k["echeancier"] = std::move(ech);
  k["echeancier_total"] = funding::euros(r.schedule_total);
  json vpa = json::array();
  double cumul = 0;
  for (const auto& [y, a] : per_year) {
    cumul += a;
    vpa.push_back({{"annee", y}, {"montant", a}, {"cumul", cumul}});
  }
  k["versements_par_annee"] = std::move(vpa);

  json groups = json::array();
  if (c.contains("indicateurs"))
    for (const auto& m : r.table->missions) {
      json list = json::array();
      for (const auto& i : c["indicateurs"]) {
        if (i.at("mission") != m.id) continue;
        std::string cibles;
        for (const auto& v : i.at("cibles"))
          cibles += (cibles.empty() ? "" : " / ") + (v.is_number() ? with_unit(v.get<double>(), i) : std::string("—"));
        list.push_back({{"libelle", i["libelle"]}, {"sens", i["sens"]},
                        {"nature", i["nature"] == "moyens" ? "Moyens" : "Résultats"},
                        {"role", i["conditionne_remuneration"].get<bool>() ? "Rémunération" : "Suivi"},
                        {"source", i["source"]}, {"mode_calcul", i["mode_calcul"]},
                        {"reference", with_unit(i["valeur_reference"].get<double>(), i)}, {"cibles", cibles},
                        {"poids", locale::number(i["poids"].get<double>())}});
      }
      if (!list.empty()) groups.push_back({{"libelle", m.label}, {"indicateurs", std::move(list)}});
    }
  k["indicateurs_par_mission"] = std::move(groups);
  k["reunions"] = c.value("reunions", json::array());

  json sig = contract_signatories(dossier);
  k["nb_exemplaires"] = static_cast<int>(sig.size());  // one original a signatory
  k["signataires"] = std::move(sig);

  ctx["calcul"]["contrat"] = std::move(k);
  return ctx;
}

}  // namespace trame::app
