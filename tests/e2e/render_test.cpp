// End to end: the trame binary on every sample dossier, outputs read back by
// real readers (qpdf, pdftotext, pdffonts, the ODF 1.3 schemas, LibreOffice).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "e2e/e2e.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using trame::test::quote;
using trame::test::run;
using trame::test::sample_dossiers;
using trame::test::TempDir;

static std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

static std::string trame_cmd(const std::string& args) { return quote(TRAME_BIN) + " " + args; }

static bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// Renders `document` of `sample` into `dir` (`options`, each with a leading space,
// before --out), requiring success.
static void render_ok(const std::string& document, const fs::path& sample, const std::string& options, const fs::path& dir) {
  auto r = run(trame_cmd("render " + document + " " + quote(sample.string()) + options + " --out " + quote(dir.string())));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// Renders the lettre d'intention of `sample` as `format` into `dir`; returns the
// file, required to be there.
static fs::path render_lettre(const fs::path& sample, const std::string& format, const fs::path& dir) {
  render_ok("lettre-intention", sample, " --format " + format, dir);
  fs::path file = dir / ("lettre-intention." + format);
  REQUIRE(fs::exists(file));
  return file;
}

TEST_CASE("the bundled samples are present") { REQUIRE(sample_dossiers().size() >= 2); }

TEST_CASE("lettre d'intention: PDF read back by qpdf, pdftotext and pdffonts") {
  for (const auto& sample : sample_dossiers()) {
    DYNAMIC_SECTION(sample.filename().string()) {
      TempDir tmp("trame_e2e_pdf");
      fs::path pdf = render_lettre(sample, "pdf", tmp.path);
      CHECK_FALSE(fs::exists(tmp.path / "lettre-intention.odt"));

      auto check = run("qpdf --check " + quote(pdf.string()));
      INFO(check.out << check.err);
      CHECK(check.exit_code == 0);

      auto text = run("pdftotext -enc UTF-8 " + quote(pdf.string()) + " -");
      CHECK(text.exit_code == 0);
      CHECK(text.err.empty());  // poppler prints nothing: fonts and encodings are clean
      std::string t = trame::test::normalize_spaces(text.out);
      auto dossier = nlohmann::json::parse(slurp(sample));
      CHECK(contains(t, dossier["cpts"]["nom"].get<std::string>()));
      CHECK(contains(t, "Fiche signalétique"));
      CHECK(contains(t, "Budget prévisionnel de la phase d’amorçage"));
      CHECK(contains(t, "€"));
      CHECK(contains(t, "« "));
      CHECK(contains(t, "Page 1 / "));
      // Every commune of the territory is listed in the annex.
      for (const auto& c : dossier["territoire"]["communes"]) CHECK(contains(t, c["code_insee"].get<std::string>()));

      auto fonts = run("pdffonts " + quote(pdf.string()));
      REQUIRE(fonts.exit_code == 0);
      std::istringstream lines(fonts.out);
      std::string line;
      int font_rows = 0;
      std::getline(lines, line);  // header
      std::getline(lines, line);  // rule
      while (std::getline(lines, line)) {
        if (line.empty()) continue;
        ++font_rows;
        INFO(line);
        CHECK(contains(line, " yes "));  // emb column
      }
      CHECK(font_rows > 0);

      auto info = run("pdfinfo " + quote(pdf.string()));
      CHECK(contains(info.out, "Lettre d’intention — " + dossier["cpts"]["nom"].get<std::string>()));
      CHECK(contains(info.out, "Pages:"));
    }
  }
}

TEST_CASE("lettre d'intention: ODT parts valid against ODF 1.3, package well formed") {
  for (const auto& sample : sample_dossiers()) {
    DYNAMIC_SECTION(sample.filename().string()) {
      TempDir tmp("trame_e2e_odt");
      fs::path odt = render_lettre(sample, "odt", tmp.path);
      auto names = trame::test::zip_names(odt);
      REQUIRE_FALSE(names.empty());
      CHECK(names.front() == "mimetype");
      CHECK(trame::test::zip_method(odt, "mimetype") == 0);
      CHECK(trame::test::zip_entry(odt, "mimetype") == "application/vnd.oasis.opendocument.text");
      for (const char* part : {"content.xml", "styles.xml", "meta.xml"}) {
        auto errors = trame::test::validate_odf_part(trame::test::zip_entry(odt, part));
        INFO(part << ": " << (errors.empty() ? "" : errors.front()));
        CHECK(errors.empty());
      }
      CHECK(trame::test::validate_odf_part(trame::test::zip_entry(odt, "META-INF/manifest.xml"), true).empty());
      auto dossier = nlohmann::json::parse(slurp(sample));
      std::string content = trame::test::zip_entry(odt, "content.xml");
      CHECK(contains(content, dossier["cpts"]["nom"].get<std::string>()));
      CHECK(contains(content, "table:table-header-rows"));
      CHECK(contains(trame::test::zip_entry(odt, "styles.xml"), "text:page-number"));
    }
  }
}

TEST_CASE("lettre d'intention: LibreOffice opens the ODT of every sample") {
  for (const auto& sample : sample_dossiers()) {
    DYNAMIC_SECTION(sample.filename().string()) {
      TempDir tmp("trame_e2e_lo");
      render_ok("lettre-intention", sample, " --format odt", tmp.path);
      auto lo = run("HOME=" + quote(tmp.path.string()) +
                    " timeout 180 soffice --headless --norestore --convert-to pdf --outdir " +
                    quote((tmp.path / "lo").string()) + " " + quote((tmp.path / "lettre-intention.odt").string()));
      INFO(lo.out << lo.err);
      REQUIRE(fs::exists(tmp.path / "lo" / "lettre-intention.pdf"));
      auto text = run("pdftotext -enc UTF-8 " + quote((tmp.path / "lo" / "lettre-intention.pdf").string()) + " -");
      auto dossier = nlohmann::json::parse(slurp(sample));
      std::string t = trame::test::normalize_spaces(text.out);
      CHECK(contains(t, "Fiche signalétique"));
      CHECK(contains(t, dossier["cpts"]["nom"].get<std::string>()));
      CHECK(contains(t, "Page 1 / "));  // the footer's page fields are live in LibreOffice
    }
  }
}

TEST_CASE("two runs give byte-identical files, for every sample") {
  for (const auto& sample : sample_dossiers()) {
    DYNAMIC_SECTION(sample.filename().string()) {
      TempDir a("trame_e2e_det_a"), b("trame_e2e_det_b");
      for (auto* d : {&a, &b}) render_ok("lettre-intention", sample, "", d->path);
      for (const char* f : {"lettre-intention.pdf", "lettre-intention.odt"}) {
        INFO(f);
        CHECK(slurp(a.path / f) == slurp(b.path / f));
      }
    }
  }
}

// ---- Contract (issue 3) ------------------------------------------------------

static nlohmann::json funding_json(const fs::path& sample) {
  auto r = run(trame_cmd("funding " + quote(sample.string()) + " --json"));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

static std::string french_money(double euros) {
  // Whole euros with narrow no-break spaces, normalised to plain spaces as in normalize_spaces().
  long long v = static_cast<long long>(euros);
  std::string d = std::to_string(v), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out += ' ';
    out += d[i];
  }
  return out + " €";
}

TEST_CASE("contrat ACI: PDF and ODT read back, amounts equal to the engine's") {
  for (const auto& sample : sample_dossiers()) {
    DYNAMIC_SECTION(sample.filename().string()) {
      TempDir tmp("trame_e2e_contrat");
      render_ok("contrat-aci", sample, "", tmp.path);
      fs::path pdf = tmp.path / "contrat-aci.pdf", odt = tmp.path / "contrat-aci.odt";
      auto check = run("qpdf --check " + quote(pdf.string()));
      CHECK(check.exit_code == 0);
      auto text = run("pdftotext -enc UTF-8 " + quote(pdf.string()) + " -");
      CHECK(text.err.empty());
      std::string t = trame::test::normalize_spaces(text.out);
      auto f = funding_json(sample);
      auto dossier = nlohmann::json::parse(slurp(sample));
      CHECK(contains(t, "Contrat tripartite"));
      CHECK(contains(t, "taille " + std::to_string(f["size"].get<int>())));
      CHECK(contains(t, french_money(f["annual_max"]["total"].get<double>())));
      CHECK(contains(t, "Annexe 4 — Échéancier prévisionnel des versements"));
      CHECK(contains(t, dossier["contrat"]["cpam"]["nom"].get<std::string>()));
      for (const char* part : {"content.xml", "styles.xml", "meta.xml"}) {
        auto errors = trame::test::validate_odf_part(trame::test::zip_entry(odt, part));
        INFO(part << ": " << (errors.empty() ? "" : errors.front()));
        CHECK(errors.empty());
      }
      auto lo = run("HOME=" + quote(tmp.path.string()) + " timeout 180 soffice --headless --norestore --convert-to pdf --outdir " +
                    quote((tmp.path / "lo").string()) + " " + quote(odt.string()));
      CHECK(fs::exists(tmp.path / "lo" / "contrat-aci.pdf"));
      TempDir again("trame_e2e_contrat2");
      render_ok("contrat-aci", sample, "", again.path);
      CHECK(slurp(pdf) == slurp(again.path / "contrat-aci.pdf"));
      CHECK(slurp(odt) == slurp(again.path / "contrat-aci.odt"));
    }
  }
}

TEST_CASE("trame simulate: seed totals and JSON shape") {
  auto sim = [](const std::string& args) {
    auto r = run(trame_cmd("simulate " + args + " --signature 2025-03-01 --json"));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
  };
  const char* all = "--missions acces,parcours,prevention,qualite,accompagnement";
  auto j = sim(std::string("--population 60200 ") + all + " --volets mt,snp");
  CHECK(j["size"] == 2);
  CHECK(j["annual_max"]["total"] == 287000.0);
  CHECK(j["annual_max"]["fonctionnement"] == 60000.0);
  CHECK(j["annual_max"]["missions"]["acces"]["total"] == 92000.0);
  CHECK(j["schedule_total"] == 5 * 287000.0);
  REQUIRE(j["schedule"].size() > 0);
  CHECK(j["schedule"][0]["date"] == "2025-03-01");
  CHECK(sim(std::string("--population 175000 ") + all + " --volets mt")["annual_max"]["total"] == 380000.0);
  CHECK(sim("--population 39999")["size"] == 1);
  auto partial = sim("--population 60200 --achievement parcours=50%");
  CHECK(partial["schedule_total"] == 5 * (60000.0 + 35000 + 70000 + 30000) - 5 * 17500.0);
  auto text = run(trame_cmd("simulate --population 60200 --signature 2025-03-01"));
  CHECK(text.exit_code == 0);
  CHECK(contains(text.out, "Taille de la CPTS : 2"));
  CHECK(contains(trame::test::normalize_spaces(text.out), "Total annuel"));
  auto late = run(trame_cmd("simulate --population 60200 --signature 2025-03-01 --start prevention=2027-06-01"));
  CHECK(late.exit_code == 1);
  CHECK(contains(late.err, "doit démarrer au plus tard le 1er mars 2027"));
  CHECK(run(trame_cmd("simulate --population 60200 --achievement parcours=abc")).exit_code == 2);
}

TEST_CASE("trame simulate and trame funding: funding warnings on stderr, in the JSON, exit code 0") {
  // Accès starting 8 months after the signature: the deployment calendar says 6 (W101).
  const std::string sim = "simulate --population 60200 --signature 2025-03-01 --start acces=2025-11-01";
  for (const std::string& extra : {std::string(), std::string(" --json")}) {
    auto r = run(trame_cmd(sim + extra));
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.err, "[trame.funding.W101] (/missions/0/debut) avertissement : La mission « Amélioration de "
                          "l’accès aux soins » démarre le 1er novembre 2025, après la date prévue par le calendrier "
                          "de déploiement (6 mois après la signature : le 1er septembre 2025)."));
    CHECK_FALSE(contains(r.out, "avertissement"));
    if (extra.empty()) CHECK(contains(r.out, "Échéancier des versements"));
    else {
      auto j = nlohmann::json::parse(r.out);
      REQUIRE(j["warnings"].size() == 1);
      CHECK(j["warnings"][0]["id"] == "trame.funding.W101");
    }
  }
  auto quiet = run(trame_cmd("simulate --population 60200 --signature 2025-03-01"));
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.err.empty());

  auto d = nlohmann::json::parse(slurp(fs::path(TRAME_SOURCE_DIR) / "samples" / "sud-manche.json"));
  d["contrat"]["missions"][0]["debut"] = "2026-12-01";  // signed 2026-04-15: 6 months is 2026-10-15
  TempDir tmp("trame_e2e_w101");
  fs::path f = tmp.path / "tardif.json";
  std::ofstream(f) << d.dump(2);
  for (const std::string& extra : {std::string(), std::string(" --json")}) {
    auto r = run(trame_cmd("funding " + quote(f.string()) + extra));
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.err, "[trame.funding.W101] " + f.string() + ": (/contrat/missions/0/debut) avertissement : "
                          "La mission « Amélioration de l’accès aux soins » démarre le 1er décembre 2026"));
    CHECK(contains(r.err, "(6 mois après la signature : le 15 octobre 2026)."));
    if (extra.empty()) CHECK(contains(r.out, "Total annuel"));
    else CHECK(nlohmann::json::parse(r.out)["warnings"][0]["json_path"] == "/contrat/missions/0/debut");
  }
}

TEST_CASE("a contract above the accord's maximum is refused before anything is written") {
  auto d = nlohmann::json::parse(slurp(sample_dossiers().front()));
  d["contrat"]["missions"][0]["montants"] = {{"fixe", 99999}};
  TempDir tmp("trame_e2e_neg");
  fs::path f = tmp.path / "trop.json";
  std::ofstream(f) << d.dump();
  auto r = run(trame_cmd("render contrat-aci " + quote(f.string()) + " --out " + quote((tmp.path / "out").string())));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "(/contrat/missions/0/montants/fixe)"));
  CHECK(contains(r.err, "dépasse le maximum de l’accord"));
  CHECK_FALSE(fs::exists(tmp.path / "out"));
}

TEST_CASE("invalid dossiers exit non-zero, name JSON paths and leave no file") {
  fs::path dir = fs::path(TRAME_SOURCE_DIR) / "samples" / "invalides";
  REQUIRE(fs::exists(dir));
  int count = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".json") continue;
    ++count;
    DYNAMIC_SECTION(e.path().filename().string()) {
      TempDir tmp("trame_e2e_bad");
      fs::path out = tmp.path / "out";
      auto r = run(trame_cmd("render lettre-intention " + quote(e.path().string()) + " --out " + quote(out.string())));
      CHECK(r.exit_code == 1);
      CHECK(contains(r.err, e.path().filename().string()));
      CHECK_FALSE(fs::exists(out));  // nothing written, not even the directory
      auto v = run(trame_cmd("validate " + quote(e.path().string())));
      CHECK(v.exit_code == 1);
      CHECK(contains(v.err, "dossier invalide"));
    }
  }
  CHECK(count >= 3);
}

TEST_CASE("schema violations are reported with their JSON pointer") {
  fs::path f = fs::path(TRAME_SOURCE_DIR) / "samples" / "invalides" / "schema-invalide.json";
  auto r = run(trame_cmd("validate " + quote(f.string())));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "(/"));  // at least one "(/json/pointer)"
}

TEST_CASE("malformed JSON is reported with line and column") {
  fs::path f = fs::path(TRAME_SOURCE_DIR) / "samples" / "invalides" / "json-mal-forme.json";
  auto r = run(trame_cmd("validate " + quote(f.string())));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "json-mal-forme.json:"));
}

TEST_CASE("command line usage errors") {
  CHECK(run(trame_cmd("--version")).out == "trame 0.1.0\n");
  auto help = run(trame_cmd("--help"));
  CHECK(help.exit_code == 0);
  CHECK(contains(help.out, "render"));
  CHECK(contains(help.out, "Codes de sortie"));
  auto unknown = run(trame_cmd("render inconnu " + quote((fs::path(TRAME_SOURCE_DIR) / "samples").string() + "/../README.md")));
  CHECK(unknown.exit_code == 2);
  CHECK(contains(unknown.err, "document inconnu « inconnu »"));
  auto fmt = run(trame_cmd("render lettre-intention " + quote(sample_dossiers().front().string()) + " --format docx"));
  CHECK(fmt.exit_code == 2);
  CHECK(contains(fmt.err, "format inconnu « docx »"));
  CHECK(run(trame_cmd("")).exit_code == 2);
}
