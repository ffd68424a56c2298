#include <catch2/catch.hpp>

#include <filesystem>

#include "common/files.hpp"
#include "dossier/dossier.hpp"
#include "dossier/rules.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using trame::Diagnostic;

static fs::path sample(const std::string& name) { return fs::path(TRAME_SOURCE_DIR) / "samples" / name; }

static std::vector<Diagnostic> errors_of(const fs::path& p) {
  try {
    trame::dossier::load(p);
  } catch (const trame::Error& e) {
    CHECK(e.kind() == trame::ErrorKind::InvalidInput);
    return e.diagnostics();
  }
  return {};
}

static std::vector<Diagnostic> rules_of(const json& d) {
  std::vector<Diagnostic> out;
  for (auto& x : trame::dossier::rules::check_all(d, "d.json"))
    if (x.severity == trame::Severity::Error) out.push_back(x);
  return out;
}

static json sud_manche() { return json::parse(trame::read_file(sample("sud-manche.json"))); }

TEST_CASE("the bundled samples load without error") {
  for (const char* s : {"sud-manche.json", "vallee-du-loir.json"}) {
    INFO(s);
    std::vector<Diagnostic> warnings;
    json d = trame::dossier::load(sample(s), &warnings);
    CHECK(d.contains("cpts"));
    CHECK(warnings.empty());
  }
  json d = sud_manche();
  CHECK(d["territoire"]["communes"].size() == 60);
  CHECK(d["territoire"]["population"] == 60200);
  json l = json::parse(trame::read_file(sample("vallee-du-loir.json")));
  CHECK(l["territoire"]["communes"].size() == 73);
  CHECK(l["territoire"]["population"] == 105452);
}

TEST_CASE("malformed JSON: file, line, column and a French message") {
  auto e = errors_of(sample("invalides/json-mal-forme.json"));
  REQUIRE(e.size() == 1);
  CHECK(e[0].id == "trame.dossier.E001");
  CHECK(e[0].line == 5);
  CHECK(e[0].column == 5);
  CHECK(e[0].message ==
        "JSON mal formé : un texte inattendu, « } » attendu (virgule manquante à la fin de la ligne précédente ?)");
  CHECK(e[0].format().find("json-mal-forme.json:5:5: JSON mal formé") != std::string::npos);
}

TEST_CASE("schema violations: every one, with its JSON pointer and French wording") {
  auto e = errors_of(sample("invalides/schema-invalide.json"));
  std::map<std::string, std::string> by_path;
  for (const auto& d : e) by_path[d.json_path] = d.message;
  CHECK(by_path["/cpts/nom"] == "champ obligatoire manquant (Nom de la CPTS)");
  CHECK(by_path["/territoire/population"] == "type incorrect : un nombre entier attendu, un texte reçu");
  CHECK(by_path["/territoire/communes/3/code_insee"] ==
        "code INSEE à 5 caractères attendu (ex. 50218, 2A004), reçu « 5007 »");
  CHECK(by_path["/cpts/statut_association"] ==
        "valeur « dissoute » non autorisée (valeurs possibles : creee, en_cours, non_creee)");
  CHECK(by_path["/territoire/popul"] == "propriété inconnue « popul » (faute de frappe ?)");
  CHECK(e.size() == 5);  // no generic summaries
}

TEST_CASE("business rules: every violation with figures") {
  auto e = errors_of(sample("invalides/regles-invalides.json"));
  std::vector<std::string> ids;
  for (const auto& d : e) ids.push_back(d.id);
  CHECK(std::count(ids.begin(), ids.end(), "trame.dossier.E301") == 1);
  CHECK(std::count(ids.begin(), ids.end(), "trame.dossier.E304") == 1);
  CHECK(std::count(ids.begin(), ids.end(), "trame.dossier.E305") == 1);
  for (const auto& d : e) {
    if (d.id == "trame.dossier.E301") {
      CHECK(d.json_path == "/territoire/population");
      CHECK(d.message ==
            "La population déclarée (60\u202F000) ne correspond pas à la somme des communes (60\u202F200), écart de 200.");
    }
    if (d.id == "trame.dossier.E305")
      CHECK(d.message == "Le budget d’amorçage n’est pas équilibré : total des charges 25\u202F000\u00A0€, total des "
                         "produits 24\u202F500\u00A0€, différence 500\u00A0€.");
    if (d.id == "trame.dossier.E304") CHECK(d.json_path == "/calendrier/2/date");
  }
}

TEST_CASE("each rule fires on its own") {
  SECTION("duplicate INSEE code") {
    json d = sud_manche();
    d["territoire"]["communes"][5]["code_insee"] = d["territoire"]["communes"][0]["code_insee"];
    auto e = rules_of(d);
    REQUIRE(e.size() == 1);
    CHECK(e[0].id == "trame.dossier.E302");
    CHECK(e[0].json_path == "/territoire/communes/5/code_insee");
  }
  SECTION("impossible date") {
    json d = sud_manche();
    d["lettre_intention"]["date"] = "2025-02-30";
    auto e = rules_of(d);
    REQUIRE(e.size() == 1);
    CHECK(e[0].id == "trame.dossier.E303");
  }
  SECTION("no commitment on the socle missions") {
    json d = sud_manche();
    d["engagement_missions_socle"] = false;
    auto e = rules_of(d);
    REQUIRE(e.size() == 1);
    CHECK(e[0].id == "trame.dossier.E306");
  }
  SECTION("a socle mission without orientation") {
    json d = sud_manche();
    json kept = json::array();
    for (auto& o : d["orientations"])
      if (o["mission"] != "prevention") kept.push_back(o);
    d["orientations"] = kept;
    auto e = rules_of(d);
    REQUIRE(e.size() == 1);
    CHECK(e[0].id == "trame.dossier.E307");
    CHECK(e[0].message.find("la prévention") != std::string::npos);
  }
  SECTION("SIRET with a wrong check digit, or missing for a created association") {
    json d = sud_manche();
    d.erase("contrat");
    std::string s = d["cpts"]["siret"];
    s.back() = s.back() == '9' ? '0' : s.back() + 1;
    d["cpts"]["siret"] = s;
    auto e = rules_of(d);
    REQUIRE(e.size() == 1);
    CHECK(e[0].id == "trame.dossier.E308");
    d["cpts"].erase("siret");
    e = rules_of(d);
    REQUIRE(e.size() == 1);
    CHECK(e[0].message.find("SIRET est nécessaire") != std::string::npos);
  }
  SECTION("a contract requires the SIRET; contract errors carry /contrat pointers") {
    json d = sud_manche();
    d["cpts"].erase("siret");
    d["cpts"]["statut_association"] = "en_cours";
    auto e = rules_of(d);
    REQUIRE(e.size() == 1);
    CHECK(e[0].id == "trame.dossier.E308");
    d = sud_manche();
    d["contrat"]["missions"][1]["debut"] = "2029-01-01";
    e = rules_of(d);
    REQUIRE(e.size() == 1);
    CHECK(e[0].id == "trame.funding.E103");
    CHECK(e[0].json_path == "/contrat/missions/1/debut");
  }
  SECTION("small population is only a warning") {
    json d = sud_manche();
    d["territoire"]["communes"] = json::array({{{"nom", "X"}, {"code_insee", "50001"}, {"population", 9000}}});
    d["territoire"]["population"] = 9000;
    d["territoire"].erase("intercommunalites");
    auto all = trame::dossier::rules::check_all(d, "d.json");
    REQUIRE(all.size() == 1);
    CHECK(all[0].severity == trame::Severity::Warning);
    CHECK(all[0].id == "trame.dossier.W401");
  }
}

TEST_CASE("SIRET checksum") {
  CHECK(trame::dossier::rules::siret_checksum_ok("73282932000074"));
  CHECK_FALSE(trame::dossier::rules::siret_checksum_ok("73282932000075"));
}

// ---- Submission pack rules (issue 4) ------------------------------------------

static std::vector<Diagnostic> only(const json& d, const std::string& id) {
  std::vector<Diagnostic> out;
  for (auto& x : rules_of(d))
    if (x.id == id) out.push_back(x);
  return out;
}

TEST_CASE("budget prévisionnel: balanced each year, 86 = 87, one amount a year") {
  json d = sud_manche();
  REQUIRE(rules_of(d).empty());
  d["budget_previsionnel"]["charges"][0]["montants"][2] = 12000;  // +2 000 € of charges in 2028
  auto e = only(d, "trame.dossier.E312");
  REQUIRE(e.size() == 1);
  CHECK(e[0].json_path == "/budget_previsionnel");
  CHECK(e[0].message == "Le budget 2028 n’est pas équilibré : total des charges 251\u202F300\u00A0€, total des produits "
                        "249\u202F300\u00A0€, différence 2\u202F000\u00A0€.");
  d = sud_manche();
  d["budget_previsionnel"]["contributions"]["ressources"][1]["montants"][0] = 11000;
  e = only(d, "trame.dossier.E313");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message.find("2026") != std::string::npos);
  CHECK(only(d, "trame.dossier.E312").size() == 0);  // the in-kind contributions sit outside the main balance
  d = sud_manche();
  d["budget_previsionnel"]["produits"][3]["montants"] = json::array({4800, 3300});
  e = only(d, "trame.dossier.E311");
  REQUIRE(e.size() == 1);
  CHECK(e[0].json_path == "/budget_previsionnel/produits/3/montants");
}

TEST_CASE("statutes: open to every category, president is not treasurer, two signatories") {
  json d = sud_manche();
  d["statuts"]["admission"]["ouverte_toutes_categories"] = false;
  REQUIRE(only(d, "trame.dossier.E315").size() == 1);
  d = sud_manche();
  for (auto& m : d["statuts"]["bureau"])
    if (m["role"] == "tresorier") {
      m["prenom"] = "Yves";
      m["nom"] = "Lebas";
    }
  auto e = only(d, "trame.dossier.E317");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message.rfind("Yves Lebas ne peut pas être à la fois président et trésorier", 0) == 0);
  d = sud_manche();
  d["statuts"]["signataires"] = json::array({d["statuts"]["signataires"][0]});
  e = only(d, "trame.dossier.E318");
  REQUIRE(e.size() == 1);
  CHECK(e[0].json_path == "/statuts/signataires");
}

TEST_CASE("projet de santé: socle missions served, ids, links and calendars") {
  json d = sud_manche();
  // Remove the soins non programmés action: the access sub-mission is no longer served.
  json actions = json::array();
  for (auto& a : d["projet_sante"]["actions"])
    if (a["id"] != "A2") actions.push_back(a);
  d["projet_sante"]["actions"] = actions;
  d["projet_sante"]["actions"][0].erase("liens");
  auto e = only(d, "trame.dossier.E319");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message.find("soins non programmés") != std::string::npos);
  d = sud_manche();
  d["projet_sante"]["actions"][1]["id"] = "A1";
  CHECK(only(d, "trame.dossier.E321").size() == 1);
  d = sud_manche();
  d["projet_sante"]["actions"][0]["liens"] = json::array({"A9"});
  e = only(d, "trame.dossier.E322");
  REQUIRE(e.size() == 1);
  CHECK(e[0].json_path == "/projet_sante/actions/0/liens/0");
  d = sud_manche();
  d["projet_sante"]["actions"][0]["calendrier"]["fin"] = "2026-01-01";
  CHECK(only(d, "trame.dossier.E323").size() >= 1);
}

TEST_CASE("every action serves at least one mission (schema)") {
  json d = sud_manche();
  d["projet_sante"]["actions"][0]["missions"] = json::array();
  auto e = trame::dossier::validate_schema(d, "d.json");
  REQUIRE(e.size() == 1);
  CHECK(e[0].json_path == "/projet_sante/actions/0/missions");
  CHECK(e[0].id == "trame.dossier.E109");
}
