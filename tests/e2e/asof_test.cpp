// Every document as it stood on its own date (issue 10), read back as a reader
// would: `trame funding --json`, pdftotext on the rendered documents.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "e2e/e2e.hpp"

namespace fs = std::filesystem;
using namespace trame::test;
using nlohmann::json;

namespace {


// The sample dossier with avenant 1 (qualité) and avenant 2 (population 85 000 from 15 April 2028).
const fs::path kTaille = src("tests/fixtures/avenants-taille");

// French money as the documents print it, from cents: "18 794,52 €" (spaces normalised).
std::string euros(long long cents) {
  std::string units = std::to_string(cents / 100), grouped;
  for (size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && (units.size() - i) % 3 == 0) grouped += ' ';
    grouped += units[i];
  }
  char decimals[8];
  std::snprintf(decimals, sizeof decimals, ",%02lld", cents % 100);
  return grouped + (cents % 100 ? decimals : "") + " €";
}

}  // namespace

TEST_CASE("as-of: a size change takes effect from its date d'effet, years before it keep their amounts") {
  auto r = run(cmd("funding " + quote(src("samples/sud-manche.json").string()) + " --avenants " + quote(kTaille.string()) +
                   " --json"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json f = json::parse(r.out);
  // Years 2 and 3-5 at the size-2 and size-3 totals of the 2019 table (every mission, both volets).
  REQUIRE(f["per_contract_year"].size() == 5);
  CHECK(f["per_contract_year"][1]["amount"] == 287000.0);
  for (int y = 2; y < 5; ++y) CHECK(f["per_contract_year"][y]["amount"] == 370000.0);
  // Year 1 as the issue states it (prorated late starts, rates reviewed at the COPIL of 20 May 2027).
  CHECK(f["per_contract_year"][0]["amount"] == 197012.31);
  CHECK(std::abs(f["schedule_total"].get<double>() - 1594012.31) < 0.001);
  // The year-2 balances paid on 15 April 2028 are 25 % of the size-2 amounts.
  std::map<std::string, double> on_effect;
  for (const auto& p : f["schedule"])
    if (p["date"] == "2028-04-15" && p["kind"] == "solde" && p["year"] == 2) on_effect[p["line"]] = p["amount"];
  CHECK(on_effect["fonctionnement"] == 15000.0);
  CHECK(on_effect["acces.fixe"] == 4375.0);
  // Each line says the version it comes from.
  bool from_avenant_2 = false;
  for (const auto& p : f["schedule"])
    if (p["date"] == "2028-04-15" && p["kind"] == "avance" && p["line"] == "fonctionnement")
      from_avenant_2 = p["version"] == 2 && p["version_label"] == "avenant n° 2";
  CHECK(from_avenant_2);
  // --date: the contract as known before avenant 2 was signed.
  auto before = run(cmd("funding " + quote(src("samples/sud-manche.json").string()) + " --avenants " +
                        quote(kTaille.string()) + " --date 2028-03-19 --json"));
  REQUIRE(before.exit_code == 0);
  CHECK(json::parse(before.out)["per_contract_year"][2]["amount"] == 287000.0);
}

TEST_CASE("as-of: each document of the pack is true at its own date") {
  TempDir out("trame_asof");
  auto r = run(cmd("pack " + quote(src("samples/sud-manche.json").string()) + " --avenants " + quote(kTaille.string()) +
                   " --out " + quote(out.path.string())));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // The lettre d'intention (7 April 2025) knows nothing of avenant 2.
  const std::string lettre = trame::test::pdf_line(out.path / "lettre-intention.pdf");
  CHECK(contains(lettre, "60 200 habitants"));
  CHECK_FALSE(contains(lettre, "85 000"));
  // The signed contract: no avenant, no measured rate, the schedule at full achievement.
  const std::string signed_contract = trame::test::pdf_line(out.path / "contrat-aci.pdf");
  CHECK_FALSE(contains(signed_contract, "Groupes de pairs"));
  CHECK_FALSE(contains(signed_contract, "consolidée"));
  CHECK(contains(signed_contract, "taux d’atteinte de 100 % (prévisionnel)"));
  for (const char* measured : {"72,5 %", "77,78 %", "91,67 %"}) CHECK_FALSE(contains(signed_contract, measured));
  CHECK(contains(signed_contract, "Fait à Saint-Lô, le 15 avril 2026"));
  // Avenant n° 1, signed 30 March 2027, before the year-1 review of 20 May 2027: no measured rate.
  const std::string avenant1 = trame::test::pdf_line(out.path / "avenant-001.pdf");
  CHECK(contains(avenant1, "(prévisionnel)"));
  CHECK_FALSE(contains(avenant1, "72,5 %"));
  // Avenant n° 2 gives the schedule from its date d'effet at size 3.
  const std::string avenant2 = trame::test::pdf_line(out.path / "avenant-002.pdf");
  CHECK(contains(avenant2, "passe de 287 000 € à 370 000 €"));
  // The consolidated contract at the latest date d'effet integrates both avenants.
  const std::string consolidated = trame::test::pdf_line(out.path / "contrat-aci-consolide.pdf");
  CHECK(contains(consolidated, "Version consolidée au 15 avril 2028, intégrant les avenants n° 1 et 2"));
  CHECK(contains(consolidated, "taille 3"));
  CHECK(contains(consolidated, "85 000 habitants"));
  CHECK(contains(consolidated, "Groupes de pairs"));
  CHECK(contains(consolidated, "Article 3 — Territoire d’intervention l’avenant n° 2"));
  CHECK_FALSE(contains(consolidated, "Fait à Saint-Lô"));  // not a signed document
  CHECK(run("qpdf --check " + quote((out.path / "contrat-aci-consolide.pdf").string())).exit_code == 0);
  for (const char* part : {"content.xml", "styles.xml", "meta.xml"})
    CHECK(trame::test::validate_odf_part(trame::test::zip_entry(out.path / "contrat-aci-consolide.odt", part)).empty());
  CHECK(contains(trame::test::zip_entry(out.path / "contrat-aci-consolide.odt", "content.xml"),
                 "intégrant les avenants n° 1 et 2"));
}

TEST_CASE("as-of: COPIL minutes review only the missions of the year, against the year's prorated maxima") {
  TempDir out("trame_asof_copil");
  REQUIRE(run(cmd("render copil " + quote(src("samples/sud-manche.json").string()) + " --avenants " +
                  quote(src("samples/avenants").string()) + " --format pdf --out " + quote(out.path.string())))
              .exit_code == 0);
  const std::string t = trame::test::pdf_line(out.path / "copil-2027-05-20.pdf");
  // Parcours starts on 1 October 2026: 196 of the 365 days of year 1, so its variable part of
  // 35 000 € a year (size 2) has a year-1 maximum of 35 000 x 196 / 365.
  const long long parcours = (35000LL * 100 * 196 * 2 + 365) / (2 * 365);
  CHECK(contains(t, "sur un maximum de " + euros(parcours)));
  CHECK_FALSE(contains(t, "sur un maximum de 35 000 €"));
  // The qualité mission (avenant n° 1) starts with year 2: it is not reviewed for year 1.
  CHECK_FALSE(contains(t, "Développement de la qualité et de la pertinence des soins Indicateur"));
  CHECK_FALSE(contains(t, "de l’année : 0 € sur un maximum"));
}

TEST_CASE("as-of: the consolidated contract at a later date shows each reviewed year's variable pay beside the planned") {
  TempDir out("trame_asof_conso");
  auto r = run(cmd("render contrat-aci-consolide " + quote(src("samples/sud-manche.json").string()) + " --avenants " +
                   quote(src("samples/avenants").string()) + " --date 2027-06-01 --format pdf --out " +
                   quote(out.path.string())));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string t = trame::test::pdf_line(out.path / "contrat-aci-consolide.pdf");
  CHECK(contains(t, "Version consolidée au 1er juin 2027, intégrant l’avenant n° 1"));
  CHECK(contains(t, "Annexe 5 — Versements au vu des taux d’atteinte constatés"));
  // Year 1 was reviewed on 20 May 2027 (accès 72,5 %): its retained amount is below the planned one.
  CHECK(contains(t, "au taux d’atteinte de 72,5 %"));
  // The planned year-1 total (full achievement) and the retained one differ; year 2 is not reviewed yet.
  auto f = json::parse(run(cmd("funding " + quote(src("samples/sud-manche.json").string()) + " --avenants " +
                               quote(src("samples/avenants").string()) + " --date 2027-06-01 --json")).out);
  auto planned = json::parse(run(cmd("funding " + quote(src("samples/sud-manche.json").string()) + " --avenants " +
                                     quote(src("samples/avenants").string()) + " --date 2027-03-30 --json")).out);
  const double retained_1 = f["per_contract_year"][0]["amount"], planned_1 = planned["per_contract_year"][0]["amount"];
  CHECK(retained_1 < planned_1);
  CHECK(contains(t, "Année 1 " + euros(std::llround(planned_1 * 100)) + " " + euros(std::llround(retained_1 * 100))));
}

TEST_CASE("as-of: an avenant dated before the contract is refused and nothing is written") {
  TempDir work("trame_asof_bad");
  fs::create_directories(work.path / "avenants" / "sud-manche");
  fs::copy_file(src("samples/sud-manche.json"), work.path / "sud-manche.json");
  std::ofstream(work.path / "avenants" / "sud-manche" / "001.json") << R"({
    "numero": 1, "date_signature": "2026-01-10", "date_effet": "2026-02-01", "objet": "Avenant antidaté",
    "modifications": [{"op": "add", "path": "/contrat/reunions/-", "value": {"date": "2027-11-15", "objet": "ok"}}]})";
  auto r = run(cmd("batch " + quote((work.path / "sud-manche.json").string()) + " --avenants " +
                   quote((work.path / "avenants").string()) + " --out " + quote((work.path / "out").string())));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "[trame.avenant.E403]"));
  CHECK(contains(r.err, "(/date_signature)"));
  CHECK(contains(r.err, "avant le contrat qu’il modifie (signé le 15 avril 2026)"));
  CHECK_FALSE(fs::exists(work.path / "out" / "sud-manche"));
}
