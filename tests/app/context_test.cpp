// The lettre d'intention context: values computed in C++, not in the template.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "app/contexts.hpp"
#include "app/pipeline.hpp"
#include "dossier/avenant.hpp"
#include "dossier/history.hpp"
#include "dossier/dossier.hpp"
#include "locale/format.hpp"

using nlohmann::json;
using Lines = std::vector<std::string>;

static json minimal_dossier() {
  return json::parse(R"({
    "cpts": {"nom": "CPTS Test", "statut_association": "en_cours"},
    "collectif": {
      "professionnels": [
        {"categorie": "Médecin généraliste", "nom": "A", "prenom": "a", "gouvernance": true, "participation_incertaine": false},
        {"categorie": "Infirmier", "nom": "B", "prenom": "b", "gouvernance": false, "participation_incertaine": true},
        {"categorie": "Médecin généraliste", "nom": "C", "prenom": "c", "gouvernance": true, "participation_incertaine": true}
      ],
      "etablissements": [{"service": "EHPAD", "nom": "Les Tilleuls"}]
    },
    "territoire": {"population": 60200, "communes": [{"nom": "X", "code_insee": "50001", "population": 60200}]},
    "diagnostic": {"prevention": ["p1"], "medecin_traitant": ["m1", "m2"], "autres": []},
    "orientations": [
      {"mission": "prevention", "intitule": "Vaccination", "description": "d"},
      {"mission": "acces", "intitule": "Médecin traitant", "description": "d"},
      {"mission": "acces", "intitule": "SNP", "description": "d"}
    ],
    "redaction_projet": "prestataire",
    "budget_amorcage": {
      "charges": [{"libelle": "Communication", "montant": 2000}, {"libelle": "Réunions", "montant": 3000},
                  {"libelle": "Coordination", "montant": 10000}],
      "produits": [{"libelle": "Subvention FIR", "financeur": "ARS", "montant": 15000}]
    }
  })");
}

TEST_CASE("lettre d'intention context: counts, size, grouping and budget rows") {
  json ctx = trame::app::lettre_intention_context(minimal_dossier());
  const json& c = ctx["calcul"];
  CHECK(c["nb_communes"] == 1);
  CHECK(c["taille"] == 2);
  CHECK(c["nb_professionnels"] == 3);
  CHECK(c["nb_incertains"] == 2);
  CHECK(c["nb_gouvernance"] == 2);
  CHECK(c["nb_etablissements"] == 1);
  REQUIRE(c["categories"].size() == 2);
  CHECK(c["categories"][0]["categorie"] == "Médecin généraliste");
  CHECK(c["categories"][0]["nombre"] == 2);
  CHECK(c["statut_association_libelle"] == "en cours de création");
  CHECK(c["redaction_projet_libelle"] == "Prestataire extérieur");

  // Diagnosis in the form's order, empty themes left out.
  REQUIRE(c["diagnostic"].size() == 2);
  CHECK(c["diagnostic"][0]["libelle"] == "L’accès à un médecin traitant");
  CHECK(c["diagnostic"][1]["libelle"] == "Les actions de prévention");

  // Orientations grouped by mission in the catalogue's order (accès before prévention).
  REQUIRE(c["orientations"].size() == 2);
  CHECK(c["orientations"][0]["mission"] == "acces");
  CHECK(c["orientations"][0]["items"].size() == 2);
  CHECK(c["orientations"][0]["socle"] == true);
  CHECK(c["orientations"][1]["mission"] == "prevention");

  // Charges and produits side by side; the shorter column padded with nulls.
  REQUIRE(c["budget"]["lignes"].size() == 3);
  CHECK(c["budget"]["lignes"][0]["produit"] == "Subvention FIR (ARS)");
  CHECK(c["budget"]["lignes"][2]["produit_montant"].is_null());
  CHECK(c["budget"]["total_charges"] == 15000.0);
  CHECK(c["budget"]["total_produits"] == 15000.0);
  // Only the computed part: templates read the dossier itself (not copied) as their root.
  CHECK(ctx.size() == 1);
  CHECK_FALSE(ctx.contains("cpts"));
}

TEST_CASE("size thresholds come from the ACI table") {
  json d = minimal_dossier();
  CHECK(trame::app::size_of(39999, d) == 1);
  CHECK(trame::app::size_of(40000, d) == 2);
  CHECK(trame::app::size_of(174999, d) == 3);
  CHECK(trame::app::size_of(175000, d) == 4);
}

TEST_CASE("formats parse from a comma list and refuse unknown ones") {
  CHECK(trame::app::parse_formats("pdf") == trame::app::kPdf);
  CHECK(trame::app::parse_formats("ODT, pdf") == trame::app::kAllFormats);
  CHECK_THROWS(trame::app::parse_formats("docx"));
  CHECK_THROWS(trame::app::parse_formats(""));
}

TEST_CASE("the catalogue knows the lettre d'intention") {
  const auto* spec = trame::app::find_document("lettre-intention");
  REQUIRE(spec != nullptr);
  CHECK(spec->available(minimal_dossier()) == false);  // no lettre_intention section
  CHECK(trame::app::find_document("inconnu") == nullptr);
}

// ---- Avenant -------------------------------------------------------------------

static json sud_manche_with_avenant() {
  const std::string root = TRAME_SOURCE_DIR;
  json d = trame::dossier::load(root + "/samples/sud-manche.json");
  auto avenant = trame::dossier::load_avenant(root + "/samples/avenants/sud-manche/001-mission-qualite.json");
  trame::dossier::History history(d, {avenant});
  return trame::app::avenant_context(history.at(avenant.signature), "001");
}

TEST_CASE("avenant context: an added object is worded field by field with the schema's titles, in schema order") {
  json ctx = sud_manche_with_avenant();
  const json& changes = ctx["calcul"]["avenant"]["avenant"]["changements"];
  REQUIRE(changes.size() == 3);  // the test operation is not a change

  // The new mission.
  CHECK(changes[0]["chemin"] == "Contrat ACI › Missions retenues › nouvel élément");
  CHECK(changes[0]["avant"] == Lines{"—"});
  CHECK(changes[0]["apres"] ==
        Lines{"Mission : qualité et pertinence des soins", "Date de début : 15 avril 2027",
              "Modalités de mise en œuvre : Groupes de pairs pluriprofessionnels sur la pertinence des prescriptions "
              "d’antibiotiques."});

  // The new indicator: every field under its French title, values in French.
  const Lines indicator = changes[1]["apres"].get<Lines>();
  CHECK(indicator == Lines{"Identifiant : groupes_pairs", "Mission ACI : qualité et pertinence des soins",
                           "Libellé : Séances de groupes de pairs pluriprofessionnels", "Nature : moyens",
                           "Conditionne la rémunération : oui", "Source des données : CPTS",
                           "Mode de calcul : Nombre de séances tenues dans l’année",
                           "Unité (facultatif) : séances", "Valeur de référence (situation de départ) : 0",
                           "Objectifs par année du contrat : — ; 4 ; 4 ; 4 ; 4",
                           "Poids dans le taux d’atteinte de la mission : 1", "Sens de l’amélioration : hausse"});
  std::string all = changes.dump();
  for (const char* raw : {"conditionne_remuneration", "valeur_reference", "mode_calcul", "\"cibles", "poids :", "true"})
    CHECK(all.find(raw) == std::string::npos);

  // A replaced list of numbers stays on one line.
  CHECK(changes[2]["avant"] == Lines{"57 ; 60 ; 62 ; 64 ; 65"});
  CHECK(changes[2]["apres"] == Lines{"57 ; 61 ; 64 ; 66 ; 68"});
}

TEST_CASE("describe_value: amounts, enumeration labels, dates, nested objects and lists of objects") {
  using trame::dossier::describe_value;
  CHECK(describe_value(17500, "/contrat/fonctionnement/montant") == Lines{trame::locale::money(17500)});
  CHECK(describe_value(false, "/contrat/msa/signataire") == Lines{"non"});
  CHECK(describe_value("en_cours", "/cpts/statut_association") == Lines{"en cours de création"});
  CHECK(describe_value("acces", "/contrat/missions/0/id") == Lines{"accès aux soins"});
  CHECK(describe_value("Mme", "/contrat/president/civilite") == Lines{"Mme"});  // no label in the description
  CHECK(describe_value(nullptr, "/contrat/nb_exemplaires") == Lines{"—"});
  const std::string dash = "–\u00A0", deeper = "\u00A0\u00A0\u00A0–\u00A0";
  json mission = {{"montants", {{"variable", 5000}, {"fixe", 10000}}}, {"debut", "2027-04-01"}, {"id", "parcours"}};
  CHECK(describe_value(mission, "/contrat/missions/-") ==
        Lines{"Mission : parcours pluriprofessionnels autour du patient", "Date de début : 1er avril 2027",
              "Montants négociés (inférieurs aux maximums de l’accord) :", dash + "Part fixe : " + trame::locale::money(10000),
              dash + "Part variable : " + trame::locale::money(5000)});
  Lines lines = describe_value(json{{"missions", json::array({{{"id", "qualite"}, {"debut", "2027-04-15"}}})}},
                               "/contrat");
  CHECK(lines == Lines{"Missions retenues :", dash + "« qualite » :", deeper + "Mission : qualité et pertinence des soins",
                       deeper + "Date de début : 15 avril 2027"});
}

TEST_CASE("avenant context: each change cites the contract article or annex that presents it, listed in contract order") {
  using trame::app::contract_article;
  CHECK(contract_article("/contrat/missions/-") == "Article 4 — Missions mises en œuvre et calendrier de déploiement");
  CHECK(contract_article("/contrat/indicateurs/9/cibles") == "Annexe 3 — Objectifs et indicateurs");
  CHECK(contract_article("/contrat/reunions/-") == "Article 9 — Suivi du contrat");
  CHECK(contract_article("/territoire/population") == "Article 3 — Territoire d’intervention");
  CHECK(contract_article("/territoire/communes/3") == "Annexe 1 — Communes du territoire");  // the longer prefix wins
  CHECK(contract_article("/contrat/signature/date") == "Article 2 — Durée du contrat");
  CHECK(contract_article("/contrat/signature/lieu") == "Formule de signature");
  CHECK(contract_article("/contrat/cpam/directeur/nom") == "Entre les parties");
  CHECK(contract_article("/contrat/missionsX") == "");  // a prefix matches whole tokens only
  CHECK(contract_article("/statuts/articles") == "");

  json ctx = sud_manche_with_avenant();
  const json& k = ctx["calcul"]["avenant"];
  const json& changes = k["avenant"]["changements"];
  INFO(changes.dump());
  REQUIRE(changes.size() == 3);
  CHECK(changes[0]["article"] == "Article 4 — Missions mises en œuvre et calendrier de déploiement");
  CHECK(changes[1]["article"] == "Annexe 3 — Objectifs et indicateurs");
  CHECK(changes[2]["article"] == "Annexe 3 — Objectifs et indicateurs");
  // The amounts change: the financing article and annexes are cited too, in contract order.
  CHECK(k["articles_modifies"] == Lines{"Article 4 — Missions mises en œuvre et calendrier de déploiement",
                                        "Article 7 — Financement", "Annexe 2 — Tableaux de financement",
                                        "Annexe 3 — Objectifs et indicateurs",
                                        "Annexe 4 — Échéancier prévisionnel des versements"});
}
