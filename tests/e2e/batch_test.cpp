// Batch regeneration and avenants, end to end (issue 5, first part).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using trame::test::quote;
using trame::test::run;
using trame::test::TempDir;

static std::string cmd(const std::string& args) { return quote(TRAME_BIN) + " " + args; }
static fs::path src(const std::string& p) { return fs::path(TRAME_SOURCE_DIR) / p; }

// A working copy: dossiers and avenants the test may modify.
struct Workspace {
  TempDir dir{"trame_batch"};
  fs::path dossiers = dir.path / "dossiers", avenants = dir.path / "avenants", out = dir.path / "out";
  Workspace() {
    fs::create_directories(dossiers);
    for (const char* s : {"sud-manche.json", "vallee-du-loir.json"}) fs::copy_file(src("samples") / s, dossiers / s);
    fs::copy(src("samples/avenants"), avenants, fs::copy_options::recursive);
  }
  trame::test::RunResult batch(const std::string& extra = "") const {
    return run(cmd("batch " + quote(dossiers.string()) + " --avenants " + quote(avenants.string()) + " --out " +
                   quote(out.string()) + " " + extra));
  }
  std::map<std::string, std::string> files() const {
    std::map<std::string, std::string> m;
    for (const auto& e : fs::recursive_directory_iterator(out))
      if (e.is_regular_file()) m[fs::relative(e.path(), out).string()] = trame::read_file(e.path());
    return m;
  }
  json batch_manifest() const { return json::parse(trame::read_file(out / "batch-manifest.json")); }
};

static std::vector<std::string> written(const json& manifest, const std::string& name) {
  for (const auto& d : manifest["dossiers"])
    if (d["sortie"] == name) return d["fichiers_ecrits"].get<std::vector<std::string>>();
  return {};
}

TEST_CASE("batch: incremental, an avenant rewrites exactly the files whose content changes, every other file untouched") {
  Workspace w;
  auto first = w.batch("--jobs 2");
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  // 5 documents, the consolidated contract, 1 COPIL, 1 avenant; PDF and ODT
  CHECK(written(w.batch_manifest(), "sud-manche").size() == 16);
  auto second = w.batch("--jobs 2");
  REQUIRE(second.exit_code == 0);
  CHECK(written(w.batch_manifest(), "sud-manche").empty());
  CHECK(w.batch_manifest()["totaux"]["fichiers_ecrits"] == 0);
  // A second avenant that changes only the contract (a follow-up meeting).
  std::ofstream(w.avenants / "sud-manche" / "002-reunion.json") << R"({
    "numero": 2, "date_signature": "2027-06-01", "date_effet": "2027-06-01", "objet": "Réunion de suivi supplémentaire",
    "modifications": [{"op": "add", "path": "/contrat/reunions/-", "value": {"date": "2027-11-15", "objet": "COPIL d’automne"}}]})";
  const auto before = w.files();
  auto third = w.batch("--jobs 2");
  REQUIRE(third.exit_code == 0);
  auto rewritten = written(w.batch_manifest(), "sud-manche");
  std::sort(rewritten.begin(), rewritten.end());
  // Only documents dated on or after the new avenant's signature (1 June 2027) can change:
  // its own document is new and the consolidated contract integrates it. The signed
  // contract, the earlier avenant and COPIL minutes and the submission pack keep their bytes.
  CHECK(rewritten == std::vector<std::string>{"avenant-002.odt", "avenant-002.pdf", "contrat-aci-consolide.odt",
                                              "contrat-aci-consolide.pdf"});
  const auto after = w.files();
  for (const char* kept : {"sud-manche/contrat-aci.pdf", "sud-manche/contrat-aci.odt", "sud-manche/avenant-001.pdf",
                           "sud-manche/copil-2027-05-20.pdf", "sud-manche/statuts.pdf", "sud-manche/lettre-intention.pdf",
                           "sud-manche/projet-sante.pdf", "sud-manche/budget-previsionnel.pdf", "vallee-du-loir/contrat-aci.pdf"}) {
    INFO(kept);
    REQUIRE(before.count(kept));
    CHECK(after.at(kept) == before.at(kept));
  }
  CHECK(after.at("sud-manche/contrat-aci-consolide.pdf") != before.at("sud-manche/contrat-aci-consolide.pdf"));
  // Documents dated before the avenant keep their inputs hash: they were not even rendered again.
  const json manifest = json::parse(after.at("sud-manche/manifest.json"));
  const json old_manifest = json::parse(before.at("sud-manche/manifest.json"));
  auto entry = [](const json& m, const std::string& file) {
    for (const auto& f : m["files"])
      if (f["file"] == file) return f;
    return json();
  };
  for (const char* file : {"copil-2027-05-20.pdf", "contrat-aci.pdf", "avenant-001.pdf"}) {
    INFO(file);
    CHECK(entry(manifest, file)["inputs_sha256"] == entry(old_manifest, file)["inputs_sha256"]);
    CHECK(entry(manifest, file)["sha256"] == trame::sha256_hex(after.at(std::string("sud-manche/") + file)));
  }
  CHECK(written(w.batch_manifest(), "vallee-du-loir").empty());
  auto text = [&](const char* file) {
    return trame::test::normalize_spaces(run("pdftotext " + quote((w.out / "sud-manche" / file).string()) + " -").out);
  };
  CHECK(text("contrat-aci-consolide.pdf").find("COPIL d’automne") != std::string::npos);
  CHECK(text("contrat-aci-consolide.pdf").find("intégrant les avenants n° 1 et 2") != std::string::npos);
  CHECK(text("contrat-aci.pdf").find("COPIL d’automne") == std::string::npos);
  // --force rewrites everything.
  REQUIRE(w.batch("--force").exit_code == 0);
  CHECK(w.batch_manifest()["totaux"]["fichiers_ecrits"] == 28);  // sud-manche 9 documents, vallee-du-loir 5; PDF and ODT
}

TEST_CASE("batch: a patch that does not apply names the avenant, the operation and the path, nothing is touched") {
  Workspace w;
  REQUIRE(w.batch().exit_code == 0);
  auto before = w.files();
  std::ofstream(w.avenants / "sud-manche" / "002-mauvais.json") << R"({
    "numero": 2, "date_signature": "2027-06-01", "date_effet": "2027-06-01", "objet": "Avenant erroné",
    "modifications": [{"op": "add", "path": "/contrat/reunions/-", "value": {"date": "2027-11-15", "objet": "ok"}},
                      {"op": "replace", "path": "/contrat/missions/9/debut", "value": "2027-01-01"}]})";
  auto r = w.batch();
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("002-mauvais.json") != std::string::npos);
  CHECK(r.err.find("(/contrat/missions/9/debut)") != std::string::npos);
  CHECK(r.err.find("l’opération n° 2 (« replace », remplacement)") != std::string::npos);
  auto after = w.files();
  for (const auto& [name, bytes] : before)
    if (name != "batch-manifest.json") CHECK(after[name] == bytes);  // the failed dossier's files are untouched
  // The other dossier was processed normally.
  auto m = w.batch_manifest();
  CHECK(m["totaux"]["dossiers_en_echec"] == 1);
  for (const auto& d : m["dossiers"])
    CHECK(d["statut"] == (d["sortie"] == "sud-manche" ? "echec" : "inchange"));
}

TEST_CASE("batch: an avenant leaving an invalid dossier is refused with its number") {
  Workspace w;
  std::ofstream(w.avenants / "sud-manche" / "002-trop.json") << R"({
    "numero": 2, "date_signature": "2027-06-01", "date_effet": "2027-06-01", "objet": "Montant trop élevé",
    "modifications": [{"op": "add", "path": "/contrat/missions/1/montants", "value": {"fixe": 99000}}]})";
  auto r = w.batch();
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("après l’avenant n° 2") != std::string::npos);
  CHECK(r.err.find("(/contrat/missions/1/montants/fixe)") != std::string::npos);
  CHECK_FALSE(fs::exists(w.out / "sud-manche"));
  CHECK(fs::exists(w.out / "vallee-du-loir" / "manifest.json"));
}

TEST_CASE("batch --date: the pack as it stood on a date, avenants counted from their signature") {
  Workspace w;
  auto text = [&](const char* file) { return run("pdftotext " + quote((w.out / "sud-manche" / file).string()) + " -").out; };
  REQUIRE(w.batch("--date 2027-03-29").exit_code == 0);  // the day before avenant 1 is signed
  CHECK_FALSE(fs::exists(w.out / "sud-manche" / "avenant-001.pdf"));
  CHECK_FALSE(fs::exists(w.out / "sud-manche" / "contrat-aci-consolide.pdf"));
  CHECK_FALSE(fs::exists(w.out / "sud-manche" / "copil-2027-05-20.pdf"));  // not held yet
  const std::string signed_contract = trame::read_file(w.out / "sud-manche" / "contrat-aci.pdf");
  CHECK(text("contrat-aci.pdf").find("Groupes de pairs") == std::string::npos);
  REQUIRE(w.batch("--date 2027-03-30").exit_code == 0);  // its signature
  CHECK(fs::exists(w.out / "sud-manche" / "avenant-001.pdf"));
  CHECK(text("contrat-aci-consolide.pdf").find("Groupes de pairs") != std::string::npos);
  // The signed contract never changes.
  CHECK(trame::read_file(w.out / "sud-manche" / "contrat-aci.pdf") == signed_contract);
  CHECK(text("contrat-aci.pdf").find("Groupes de pairs") == std::string::npos);
}

TEST_CASE("batch: output is byte-identical whatever --jobs is") {
  Workspace a, b;
  REQUIRE(a.batch("--jobs 1").exit_code == 0);
  REQUIRE(b.batch("--jobs 4").exit_code == 0);
  auto fa = a.files(), fb = b.files();
  REQUIRE(fa.size() == fb.size());
  for (const auto& [name, bytes] : fa) {
    INFO(name);
    if (name == "batch-manifest.json") continue;  // names the temporary input paths
    CHECK(fb[name] == bytes);
  }
  auto ma = a.batch_manifest(), mb = b.batch_manifest();
  CHECK(ma["totaux"] == mb["totaux"]);
}

TEST_CASE("batch: bad dossiers among good ones are reported and skipped, the good ones come out in full and intact") {
  Workspace good, mixed;
  for (const char* bad : {"json-mal-forme.json", "schema-invalide.json", "regles-invalides.json"})
    fs::copy_file(src("samples/invalides") / bad, mixed.dossiers / bad);
  REQUIRE(good.batch("--jobs 2").exit_code == 0);
  auto r = mixed.batch("--jobs 2");
  CHECK(r.exit_code == 1);
  // Each failure in plain French, with its place: line:column, or the JSON path.
  CHECK(r.err.find("json-mal-forme.json:") != std::string::npos);
  CHECK(r.err.find("[trame.dossier.E001]") != std::string::npos);
  CHECK(r.err.find("schema-invalide.json") != std::string::npos);
  CHECK(r.err.find("regles-invalides.json") != std::string::npos);
  auto m = mixed.batch_manifest();
  CHECK(m["totaux"]["dossiers_en_echec"] == 3);
  for (const auto& d : m["dossiers"]) {
    INFO(d.dump());
    const bool bad = d["dossier"].get<std::string>().find("invalide") != std::string::npos ||
                     d["dossier"].get<std::string>().find("mal-forme") != std::string::npos;
    CHECK(d["statut"] == (bad ? "echec" : "ecrit"));
    if (bad) {
      CHECK(d["fichiers_ecrits"].empty());
      CHECK(!d["erreurs"].empty());
      CHECK(!fs::exists(mixed.out / d["sortie"].get<std::string>()));
    }
  }
  // The good dossiers' files are exactly those of a batch without the bad ones.
  auto fg = good.files(), fm = mixed.files();
  fg.erase("batch-manifest.json");
  fm.erase("batch-manifest.json");
  REQUIRE(fm.size() == fg.size());
  for (const auto& [name, bytes] : fg) {
    INFO(name);
    CHECK(fm[name] == bytes);
  }
}

TEST_CASE("batch: a document has the same bytes as when rendered alone in a fresh process") {
  // The PDF writer keeps font widths and font files for the whole process: what a
  // batch rendered before must never show in a document (vallée du Loir has no avenant).
  Workspace w;
  REQUIRE(w.batch("--jobs 2").exit_code == 0);
  auto batch = w.files();
  TempDir alone("trame_alone");
  for (const char* doc : {"lettre-intention", "projet-sante", "budget-previsionnel", "statuts", "contrat-aci"}) {
    INFO(doc);
    auto r = run(cmd(std::string("render ") + doc + " " + quote((w.dossiers / "vallee-du-loir.json").string()) +
                     " --format pdf --out " + quote(alone.path.string())));
    REQUIRE(r.exit_code == 0);
    std::string name = std::string(doc) + ".pdf";
    REQUIRE(batch.count("vallee-du-loir/" + name) == 1);
    CHECK(trame::read_file(alone.path / name) == batch["vallee-du-loir/" + name]);
  }
}

TEST_CASE("COPIL minutes: one document a meeting, variable pay equal to the engine's figure") {
  TempDir tmp("trame_copil");
  fs::path sample = src("samples/sud-manche.json");
  auto r = run(cmd("render copil " + quote(sample.string()) + " --out " + quote(tmp.path.string())));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  fs::path pdf = tmp.path / "copil-2027-05-20.pdf";
  REQUIRE(fs::exists(pdf));
  REQUIRE(fs::exists(tmp.path / "copil-2027-05-20.odt"));
  CHECK(run("qpdf --check " + quote(pdf.string())).exit_code == 0);
  auto text = run("pdftotext -enc UTF-8 " + quote(pdf.string()) + " -");
  CHECK(text.err.empty());
  std::string joined = text.out;
  std::replace(joined.begin(), joined.end(), '\n', ' ');  // table cells and paragraphs wrap
  std::string t = trame::test::normalize_spaces(joined);
  for (const char* s : {"Échelon local du service médical", "Mutualité sociale agricole", "Agence régionale de santé",
                        "Revue des indicateurs de l’année 1", "Engagement d’une nouvelle mission", "18 novembre 2027"})
    CHECK(t.find(s) != std::string::npos);
  auto f = json::parse(run(cmd("funding " + quote(sample.string()) + " --json")).out);
  double total = 0;
  for (const auto& p : f["schedule"])
    if (p["year"] == 1 && p["kind"] == "variable") total += p["amount"].get<double>();
  long long cents = std::llround(total * 100);
  std::string euros = std::to_string(cents / 100), grouped;
  for (size_t i = 0; i < euros.size(); ++i) {
    if (i && (euros.size() - i) % 3 == 0) grouped += ' ';
    grouped += euros[i];
  }
  char dec[8];
  std::snprintf(dec, sizeof dec, ",%02lld", cents % 100);
  std::string expected = "Total de la rémunération variable de l’année 1 : " + grouped + dec + " €";
  INFO(expected);
  CHECK(t.find(expected) != std::string::npos);
  for (const char* part : {"content.xml", "styles.xml", "meta.xml"})
    CHECK(trame::test::validate_odf_part(trame::test::zip_entry(tmp.path / "copil-2027-05-20.odt", part)).empty());
}

TEST_CASE("a new national table file changes the contract's schedule from its date, without code") {
  TempDir data("trame_data");
  fs::copy(src("templates"), data.path / "templates", fs::copy_options::recursive);
  fs::copy(src("models"), data.path / "models", fs::copy_options::recursive);
  fs::copy_file(src("tests/funding/fixtures/aci-essai/2028-essai.json"), data.path / "models/aci/2028-essai.json");
  std::string env = "TRAME_DATA_DIR=" + quote(data.path.string()) + " ";
  fs::path sample = src("samples/sud-manche.json");
  auto f = run(env + cmd("funding " + quote(sample.string()) + " --json"));
  INFO(f.err);
  REQUIRE(f.exit_code == 0);
  auto j = json::parse(f.out);
  CHECK(j["year_tables"][1] == "2019");
  CHECK(j["year_tables"][2] == "2028-ESSAI");  // contract years start on 15 April: year 3 from 2028-04-15
  auto base = json::parse(run(cmd("funding " + quote(sample.string()) + " --json")).out);
  CHECK(j["schedule_total"].get<double>() > base["schedule_total"].get<double>());
  TempDir out("trame_data_out");
  auto r = run(env + cmd("render contrat-aci " + quote(sample.string()) + " --out " + quote(out.path.string())));
  REQUIRE(r.exit_code == 0);
  std::string t = run("pdftotext -layout " + quote((out.path / "contrat-aci.pdf").string()) + " -").out;
  t = trame::test::normalize_spaces(t);
  // Fonctionnement, advance of year 3 on 15/04/2028: 75 % of 66 000 € (test table) instead of 45 000 €.
  bool found = false;
  std::istringstream lines(t);
  std::string line;
  while (std::getline(lines, line))
    if (line.find("15/04/2028") != std::string::npos && line.find("49 500 €") != std::string::npos) found = true;
  CHECK(found);
}

TEST_CASE("the articles and annexes an avenant cites are headings of the contract it amends") {
  const json table = json::parse(trame::read_file(src("templates/contrat-aci.articles.json")));
  TempDir out("trame_articles");
  for (const char* sample : {"sud-manche.json", "vallee-du-loir.json"}) {
    auto r = run(cmd("render contrat-aci " + quote(src("samples").string() + "/" + sample) + " --format pdf --out " +
                     quote(out.path.string())));
    REQUIRE(r.exit_code == 0);
    // One line a heading (pdftotext without layout); the table of contents lists them too.
    std::string t = run("pdftotext -enc UTF-8 " + quote((out.path / "contrat-aci.pdf").string()) + " -").out;
    std::replace(t.begin(), t.end(), '\n', ' ');
    t = trame::test::normalize_spaces(t);
    std::vector<std::string> titles;
    for (const auto& a : table["articles"]) titles.push_back(a["titre"]);
    for (const auto& f : table["financement"]) titles.push_back(f);
    for (const auto& title : titles) {
      if (title == "Formule de signature") continue;  // the signature block has no heading
      INFO(sample << " : " << title);
      CHECK(t.find(title) != std::string::npos);
    }
  }
}

TEST_CASE("avenant document: parties, changes with old and new values, new funding, signatures, effective dossier") {
  Workspace w;
  REQUIRE(w.batch().exit_code == 0);
  fs::path pdf = w.out / "sud-manche" / "avenant-001.pdf";
  REQUIRE(fs::exists(pdf));
  CHECK(run("qpdf --check " + quote(pdf.string())).exit_code == 0);
  auto text = run("pdftotext -enc UTF-8 " + quote(pdf.string()) + " -");
  CHECK(text.err.empty());
  std::string joined = text.out;
  std::replace(joined.begin(), joined.end(), '\n', ' ');
  std::string t = trame::test::normalize_spaces(joined);
  for (const char* s : {"Avenant n° 1", "Vu le contrat tripartite signé le 15 avril 2026", "Article 2 — Modifications du contrat",
                        "passe de 267 000 € à 287 000 €", "prend effet le 15 avril 2027",
                        "Pour la Caisse primaire d’assurance maladie de la Manche",
                        "Fait à Saint-Lô, le 30 mars 2027, en 3 exemplaires originaux",
                        "La CPTS Sud Manche, représentée par le Pr Yves Lebas, président,",
                        // each change is a sentence of the contract, citing its article or annex
                        "Article 4 — Missions mises en œuvre et calendrier de déploiement : la mission « développement de "
                        "la qualité et de la pertinence des soins » est ajoutée au contrat à compter du 15 avril 2027",
                        "Annexe 3 — Objectifs et indicateurs : un indicateur est ajouté à la mission « développement de la "
                        "qualité et de la pertinence des soins » : « Séances de groupes de pairs pluriprofessionnels », "
                        "indicateur de moyens qui conditionne la rémunération, à faire évoluer à la hausse",
                        // no target in year 1 (the mission starts in year 2); values with their unit
                        "objectifs des années 2 à 5 : 4 séances ; 4 séances ; 4 séances ; 4 séances",
                        "les objectifs des années 1 à 5 de l’indicateur « Couverture vaccinale antigrippale des 65 ans et "
                        "plus » passent de 57 % ; 60 % ; 62 % ; 64 % ; 65 % à 57 % ; 61 % ; 64 % ; 66 % ; 68 %",
                        // the articles and annexes of the contract it changes
                        "Le présent avenant modifie les stipulations suivantes du contrat : Article 4 — Missions mises en "
                        "œuvre et calendrier de déploiement ; Article 7 — Financement ;"}) {
    INFO(s);
    CHECK(t.find(s) != std::string::npos);
  }
  // Labels, never identifiers, JSON paths or data words.
  for (const char* raw : {"conditionne_remuneration", "valeur_reference", "mode_calcul", "debut :", "true", "groupes_pairs",
                          "Identifiant", "›", "nouvel élément", "Nature : moyens", "Sens de l’amélioration", ".."}) {
    INFO(raw);
    CHECK(t.find(raw) == std::string::npos);
  }
  for (const char* part : {"content.xml", "styles.xml", "meta.xml"})
    CHECK(trame::test::validate_odf_part(trame::test::zip_entry(w.out / "sud-manche" / "avenant-001.odt", part)).empty());
  // The dossier at a date: an avenant counts from its signature (its mission starts at its date d'effet).
  auto before = run(cmd("effective " + quote((w.dossiers / "sud-manche.json").string()) + " --avenants " +
                        quote(w.avenants.string()) + " --date 2027-03-29"));
  auto after = run(cmd("effective " + quote((w.dossiers / "sud-manche.json").string()) + " --avenants " +
                       quote(w.avenants.string()) + " --date 2027-03-30"));
  REQUIRE(before.exit_code == 0);
  REQUIRE(after.exit_code == 0);
  CHECK(json::parse(before.out)["contrat"]["missions"].size() == 4);
  CHECK(json::parse(after.out)["contrat"]["missions"].size() == 5);
}

TEST_CASE("batch: a pack already up to date is left alone, and a deleted file, a format asked for later, an own template bring back exactly what they change") {
  Workspace w;
  REQUIRE(w.batch("--format pdf").exit_code == 0);
  CHECK_FALSE(fs::exists(w.out / "sud-manche" / "statuts.odt"));
  // Nothing changed: nothing written, every file counted as unchanged.
  REQUIRE(w.batch("--format pdf").exit_code == 0);
  CHECK(w.batch_manifest()["totaux"]["fichiers_ecrits"] == 0);
  int pdfs = 0;
  for (const auto& [name, bytes] : w.files()) pdfs += fs::path(name).extension() == ".pdf";
  CHECK(pdfs >= 10);
  CHECK(w.batch_manifest()["totaux"]["fichiers_inchanges"] == pdfs);
  // A file deleted by hand comes back, and only it.
  fs::remove(w.out / "sud-manche" / "statuts.pdf");
  REQUIRE(w.batch("--format pdf").exit_code == 0);
  CHECK(written(w.batch_manifest(), "sud-manche") == std::vector<std::string>{"statuts.pdf"});
  CHECK(written(w.batch_manifest(), "vallee-du-loir").empty());
  // The ODT asked for later: every ODT is written, no PDF.
  REQUIRE(w.batch("--format pdf,odt").exit_code == 0);
  for (const auto& f : written(w.batch_manifest(), "sud-manche")) CHECK(fs::path(f).extension() == ".odt");
  int sud_pdfs = 0;
  for (const auto& e : fs::directory_iterator(w.out / "sud-manche")) sud_pdfs += e.path().extension() == ".pdf";
  CHECK(written(w.batch_manifest(), "sud-manche").size() == static_cast<size_t>(sud_pdfs));
  // An own lettre template (--modeles): the lettres only are rendered again.
  TempDir overlay("trame_batch_overlay");
  std::string lettre = trame::read_file(src("templates/lettre-intention.xml"));
  const std::string anchor = "<p>{{ lettre_intention.destinataire.titre }},</p>";
  REQUIRE(lettre.find(anchor) != std::string::npos);
  lettre.insert(lettre.find(anchor) + anchor.size(), "<p>Paragraphe propre à notre communauté.</p>");
  std::ofstream(overlay.path / "lettre-intention.xml", std::ios::binary) << lettre;
  REQUIRE(w.batch("--modeles " + quote(overlay.path.string())).exit_code == 0);
  auto rewritten = written(w.batch_manifest(), "vallee-du-loir");
  std::sort(rewritten.begin(), rewritten.end());
  CHECK(rewritten == std::vector<std::string>{"lettre-intention.odt", "lettre-intention.pdf"});
  CHECK(run("pdftotext " + quote((w.out / "vallee-du-loir" / "lettre-intention.pdf").string()) + " -")
            .out.find("Paragraphe propre à notre communauté.") != std::string::npos);
}
