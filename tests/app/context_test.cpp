// The lettre d'intention context: values computed in C++, not in the template.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "app/contexts.hpp"
#include "app/pipeline.hpp"

using nlohmann::json;

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
  // The dossier itself is kept under its own keys.
  CHECK(ctx["cpts"]["nom"] == "CPTS Test");
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
