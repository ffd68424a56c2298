// The command line facing data it cannot use (issue 15): a clear French
// error of the right kind, never « erreur interne », never a silent success.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "e2e/e2e.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trame::test;

// Runs trame with `args`: it fails with `exit_code` and its stderr says `words`.
// Returns the run, for further checks.
static RunResult fails_saying(const std::string& args, int exit_code, const std::string& words) {
  INFO(args);
  auto r = run(cmd(args));
  CHECK(r.exit_code == exit_code);
  CHECK(r.err.find(words) != std::string::npos);
  return r;
}

TEST_CASE("render: a document whose section the dossier lacks is a clear data error, never an internal one") {
  TempDir t("trame_missing");
  json d = json::parse(trame::read_file(sample("sud-manche.json")));
  for (const char* section : {"projet_sante", "budget_previsionnel", "statuts", "contrat", "copils"}) d.erase(section);
  fs::path f = t.path / "lettre-seule.json";
  std::ofstream(f) << d.dump(2);
  REQUIRE(run(cmd("validate " + quote(f.string()))).exit_code == 0);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"contrat-aci", "section « contrat »"},       {"projet-sante", "section « projet_sante »"},
      {"budget-previsionnel", "section « budget_previsionnel »"}, {"statuts", "section « statuts »"},
      {"copil", "section « contrat »"},             {"avenant", "section « contrat »"}};
  for (const auto& [document, words] : cases) {
    INFO(document);
    auto r = run(cmd("render " + document + " " + quote(f.string()) + " --out " + quote((t.path / "out").string())));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(words) != std::string::npos);
    CHECK(r.err.find("interne") == std::string::npos);
  }
  CHECK(!fs::exists(t.path / "out"));
  // With a contract but no meeting, and no avenant file: said plainly too.
  json c = json::parse(trame::read_file(sample("sud-manche.json")));
  c.erase("copils");
  std::ofstream(t.path / "sans-copil.json") << c.dump(2);
  fails_saying("render copil " + quote((t.path / "sans-copil.json").string()) + " --out " + quote((t.path / "out").string()), 1,
               "aucun compte rendu de COPIL");
  fails_saying("render avenant " + quote(sample("sud-manche.json").string()) + " --out " + quote((t.path / "out").string()), 1,
               "--avenants");
}

TEST_CASE("validate: /dev/zero, a FIFO and a folder are refused at once, in French, as I/O errors") {
  TempDir t("trame_special");
  fs::path fifo = t.path / "tube.json";
  REQUIRE(run("mkfifo " + quote(fifo.string())).exit_code == 0);
  for (const std::string& f : {std::string("/dev/zero"), fifo.string()}) {
    INFO(f);
    auto r = run("timeout 20 " + cmd("validate " + quote(f)));
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("pas un fichier ordinaire") != std::string::npos);
    CHECK(r.err.find("dossier illisible") != std::string::npos);
  }
  fs::create_directories(t.path / "dossier.json");
  fails_saying("validate " + quote((t.path / "dossier.json").string()), 2, "est un dossier : un fichier est attendu");
}

TEST_CASE("validate: a file too big is refused before it is read") {
  TempDir t("trame_big");
  fs::path f = t.path / "gros.json";
  REQUIRE(run("truncate -s 50M " + quote(f.string())).exit_code == 0);
  fails_saying("validate " + quote(f.string()), 1, "fichier trop gros (50 Mo ; au plus 10 Mo");
}

TEST_CASE("command line: unknown commands, missing files and usage errors are said in French with the closest command") {
  fails_saying("valider x.json", 2, "commande inconnue « valider » (vouliez-vous dire « validate » ?)");
  auto rendr = run(cmd("rendr contrat-aci x.json"));
  CHECK(rendr.err.find("vouliez-vous dire « render » ?") != std::string::npos);
  auto help = fails_saying("help", 2, "commande inconnue « help »");
  CHECK(help.err.find("trame --help") != std::string::npos);
  auto missing = fails_saying("validate absent.json", 2, "fichier introuvable : absent.json");
  CHECK(missing.err.find("File does not exist") == std::string::npos);
  fails_saying("simulate", 2, "argument obligatoire manquant : --population");
  for (const char* sub : {"", "batch ", "simulate ", "validate "}) {
    auto h = run(cmd(std::string(sub) + "--help"));
    INFO(sub);
    CHECK(h.exit_code == 0);
    for (const char* english : {"Subcommands", " TEXT ", "TEXT:", "FILE", "PATH(existing)", "POSITIVE", ":DIR"})
      CHECK(h.out.find(english) == std::string::npos);
  }
  CHECK(run(cmd("--help")).out.find("Commandes:") != std::string::npos);
}

TEST_CASE("simulate: a population written with spaces between the thousands is read as the number") {
  auto spaced = run(cmd("simulate --population \"120 000\" --signature 2025-03-01"));
  auto plain = run(cmd("simulate --population 120000 --signature 2025-03-01"));
  INFO(spaced.err);
  CHECK(spaced.exit_code == 0);
  CHECK(spaced.out == plain.out);
  fails_saying("simulate --population 12k --signature 2025-03-01", 2, "n’est pas un nombre entier");
}

TEST_CASE("validate: --json gives every problem with its place, --quiet prints nothing for a valid dossier") {
  TempDir t("trame_validate_json");
  json d = json::parse(trame::read_file(sample("sud-manche.json")));
  d["territoire"]["population"] = 12;
  std::ofstream(t.path / "faux.json") << d.dump(2);
  auto r = run(cmd("validate --json " + quote(sample("vallee-du-loir.json").string()) + " " +
                   quote((t.path / "faux.json").string())));
  CHECK(r.exit_code == 1);
  json report = json::parse(r.out);
  REQUIRE(report.size() == 2);
  CHECK(report[0]["valide"] == true);
  CHECK(report[1]["valide"] == false);
  bool found = false;
  for (const auto& e : report[1]["erreurs"])
    if (e.value("chemin", "") == "/territoire/population") {
      found = true;
      CHECK(e["ligne"].get<int>() > 1);
      CHECK(e["colonne"].get<int>() > 1);
      CHECK(e["id"] == "trame.dossier.E301");
    }
  CHECK(found);
  auto quiet = run(cmd("validate --quiet " + quote(sample("vallee-du-loir.json").string())));
  CHECK(quiet.exit_code == 0);
  CHECK(quiet.out.empty());
  auto verbose = run(cmd("validate --verbose " + quote(sample("sud-manche.json").string())));
  CHECK(verbose.out.find("documents possibles : lettre-intention, projet-sante") != std::string::npos);
}
