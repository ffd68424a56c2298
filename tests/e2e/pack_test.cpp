// The submission pack end to end: every document of every sample, read back by
// real readers, and the properties issue 4 asks for.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "common/files.hpp"
#include "e2e/e2e.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using trame::test::quote;
using trame::test::run;
using trame::test::sample_dossiers;
using trame::test::TempDir;

static std::string cmd(const std::string& args) { return quote(TRAME_BIN) + " " + args; }
static bool has(const std::string& h, const std::string& n) { return h.find(n) != std::string::npos; }

struct PackDir {
  TempDir dir{"trame_pack"};
  nlohmann::json manifest;
  explicit PackDir(const fs::path& sample) {
    auto r = run(cmd("pack " + quote(sample.string()) + " --out " + quote(dir.path.string())));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    manifest = nlohmann::json::parse(trame::read_file(dir.path / "manifest.json"));
  }
  std::string text(const std::string& file, int page = 0) const {
    std::string range = page ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    auto r = run("pdftotext -enc UTF-8" + range + " " + quote((dir.path / file).string()) + " -");
    return trame::test::normalize_spaces(r.out);
  }
  int pages(const std::string& file) const {
    auto r = run("pdfinfo " + quote((dir.path / file).string()));
    return std::stoi(r.out.substr(r.out.find("Pages:") + 6));
  }
};

TEST_CASE("pack: every document of the submission pack and the contract, both formats, with a true manifest") {
  for (const auto& sample : sample_dossiers()) {
    DYNAMIC_SECTION(sample.filename().string()) {
      PackDir pack(sample);
      std::set<std::string> documents;
      for (const auto& f : pack.manifest["files"]) documents.insert(f["document"].get<std::string>());
      for (const char* d : {"lettre-intention", "projet-sante", "budget-previsionnel", "statuts", "contrat-aci"})
        CHECK(documents.count(d) == 1);
      CHECK(pack.manifest["files"].size() == 2 * documents.size());
      CHECK(pack.manifest["aci_table_version"] == "2019");
      CHECK(pack.manifest["trame_version"] == "0.1.0");
      CHECK(pack.manifest["dossier_sha256"] == trame::sha256_hex(trame::read_file(sample)));
      std::vector<std::string> odts;
      for (const auto& f : pack.manifest["files"]) {
        std::string name = f["file"];
        INFO(name);
        std::string bytes = trame::read_file(pack.dir.path / name);
        CHECK(f["size"] == bytes.size());
        CHECK(f["sha256"] == trame::sha256_hex(bytes));
        if (f["format"] == "pdf") {
          CHECK(run("qpdf --check " + quote((pack.dir.path / name).string())).exit_code == 0);
          auto t = run("pdftotext -enc UTF-8 " + quote((pack.dir.path / name).string()) + " -");
          CHECK(t.err.empty());
          auto fonts = run("pdffonts " + quote((pack.dir.path / name).string()));
          std::istringstream lines(fonts.out);
          std::string line;
          int n = 0;
          while (std::getline(lines, line))
            if (++n > 2 && !line.empty()) CHECK(has(line, " yes "));
        } else {
          odts.push_back((pack.dir.path / name).string());
          CHECK(trame::test::zip_names(pack.dir.path / name).front() == "mimetype");
          for (const char* part : {"content.xml", "styles.xml", "meta.xml"}) {
            auto errors = trame::test::validate_odf_part(trame::test::zip_entry(pack.dir.path / name, part));
            INFO(part << ": " << (errors.empty() ? "" : errors.front()));
            CHECK(errors.empty());
          }
        }
      }
      // LibreOffice opens every ODT of the pack (one call for all).
      std::string all;
      for (const auto& o : odts) all += " " + quote(o);
      run("HOME=" + quote(pack.dir.path.string()) + " timeout 300 soffice --headless --norestore --convert-to pdf --outdir " +
          quote((pack.dir.path / "lo").string()) + all);
      for (const auto& o : odts) CHECK(fs::exists(pack.dir.path / "lo" / (fs::path(o).stem().string() + ".pdf")));
      // Determinism: a second pack is byte-identical.
      PackDir again(sample);
      for (const auto& f : pack.manifest["files"])
        CHECK(trame::read_file(pack.dir.path / f["file"].get<std::string>()) ==
              trame::read_file(again.dir.path / f["file"].get<std::string>()));
      CHECK(pack.manifest == again.manifest);
    }
  }
}

TEST_CASE("statutes: article numbering continuous with and without the optional articles") {
  std::map<std::string, int> expected = {{"sud-manche.json", 18}, {"vallee-du-loir.json", 16}};
  for (const auto& sample : sample_dossiers()) {
    DYNAMIC_SECTION(sample.filename().string()) {
      PackDir pack(sample);
      std::string t = pack.text("statuts.pdf");
      std::regex art("Article ([0-9]+) — ");
      std::vector<int> numbers;
      for (std::sregex_iterator it(t.begin(), t.end(), art), end; it != end; ++it) numbers.push_back(std::stoi((*it)[1]));
      REQUIRE(numbers.size() == static_cast<size_t>(expected[sample.filename().string()]));
      for (size_t i = 0; i < numbers.size(); ++i) CHECK(numbers[i] == static_cast<int>(i + 1));
      CHECK(has(t, "Affiliation") == (expected[sample.filename().string()] == 18));
      CHECK_FALSE(has(t, "Consigne du modèle"));  // guidance comments are never printed
    }
  }
}

TEST_CASE("projet de santé: the table of contents gives the page of each heading, long tables repeat their header") {
  PackDir pack(sample_dossiers().front());
  const std::string file = "projet-sante.pdf";
  int pages = pack.pages(file);
  REQUIRE(pages >= 5);
  auto layout = run("pdftotext -layout -f 1 -l 2 " + quote((pack.dir.path / file).string()) + " -");
  std::map<std::string, int> toc;
  std::regex entry("^\\s*(.+?)\\s*(?:\\. )+\\s*([0-9]+)\\s*$");
  std::istringstream lines(layout.out);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (std::regex_match(line, m, entry)) toc[m[1]] = std::stoi(m[2]);
  }
  for (const char* h : {"1. Diagnostic préalable", "2. Contenu du projet", "3. Cadrage financier", "Annexe : communes du territoire"}) {
    INFO(h);
    REQUIRE(toc.count(h) == 1);
    int page = toc[h];
    // The heading is on that page (and not on the table of contents' own page before it).
    CHECK(has(pack.text(file, page), h));
  }
  // The communes annex spans pages: every page holding commune rows repeats the header row.
  int annex = toc["Annexe : communes du territoire"];
  int with_rows = 0;
  for (int p = annex; p <= pages; ++p) {
    std::string t = pack.text(file, p);
    if (has(t, "Code INSEE") || has(t, "50")) {
      if (has(t, "Population")) ++with_rows;
      CHECK(has(t, "Code INSEE"));
    }
  }
  CHECK(with_rows >= 2);
}
