// LibreOffice opens the ODT: headless conversion to PDF, then pdftotext gives
// back the French text, the repeated table header and the table of contents
// with the page numbers LibreOffice computed. One test case: it takes seconds.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "document/theme.hpp"
#include "odt/odt_writer.hpp"
#include "support/sample_document.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using namespace trame;

namespace {

size_t count_of(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("LibreOffice converts the ODT to PDF and the French text comes back", "[libreoffice]") {
  REQUIRE(test::run("command -v soffice && command -v pdftotext").exit_code == 0);
  const doc::Theme theme = doc::Theme::load(fs::path(TRAME_SOURCE_DIR) / "templates/theme.json");
  const doc::Document d = test::sample_document(60);

  test::TempDir dir("trame_odt_lo");
  fs::path odt = dir.path / "lettre.odt", home = dir.path / "home", out = dir.path / "out";
  fs::create_directories(home);
  std::ofstream(odt, std::ios::binary) << odt::render(d, theme);
  auto conversion = test::run("HOME=" + test::quote(home.string()) + " timeout 240 soffice --headless --norestore " +
                              "--convert-to pdf --outdir " + test::quote(out.string()) + " " + test::quote(odt.string()));
  INFO("soffice: " << conversion.out << conversion.err);
  REQUIRE(conversion.exit_code == 0);
  fs::path pdf = out / "lettre.pdf";
  REQUIRE(fs::exists(pdf));

  auto text_run = test::run("pdftotext -layout -enc UTF-8 " + test::quote(pdf.string()) + " -");
  REQUIRE(text_run.exit_code == 0);
  CHECK(text_run.err.empty());
  const std::string text = test::normalize_spaces(text_run.out);
  for (const char* s : {"Projet de CPTS « Sud Manche »", "Présentation générale", "Le budget s’élève à 17 500 €",
                        "l’équipe", "œuvre pour « l’accès aux soins » — c’est essentiel…", "Wiśniewski", "Dvořák",
                        "12 rue du Port", "50400 Granville", "Soins non programmés", "Communes et population",
                        "Commune n° 60", "60 200", "Fait à Granville, le 7 avril 2025", "Pour l’ARS Normandie",
                        "Mme Claire Duval", "Directeur général", "CPTS Sud Manche",
                        "Lettre d’intention — CPTS Sud Manche"}) {
    INFO(s);
    CHECK(text.find(s) != std::string::npos);
  }

  // Pages: form feeds separate them. The 60-row table runs over several pages and its
  // header row is repeated on each; the footer counts pages.
  std::vector<std::string> pages;
  std::stringstream ss(text);
  for (std::string page; std::getline(ss, page, '\f');)
    if (!page.empty()) pages.push_back(page);
  REQUIRE(pages.size() >= 3);
  const std::string last = "Page " + std::to_string(pages.size()) + " / " + std::to_string(pages.size());
  CHECK(pages.back().find(last) != std::string::npos);
  CHECK(count_of(text, "Code INSEE") >= 2);

  // The table of contents shows the page where "Engagements" landed (after the page break).
  size_t engagements_page = 0;
  for (size_t i = 0; i < pages.size(); ++i)
    if (pages[i].find("Nous vous prions d’agréer") != std::string::npos) engagements_page = i + 1;
  REQUIRE(engagements_page > 1);
  std::smatch m;
  REQUIRE(std::regex_search(pages[0], m, std::regex("Engagements ?\\.{3,} ?(\\d+)")));
  CHECK(std::stoul(m[1]) == engagements_page);
  REQUIRE(std::regex_search(pages[0], m, std::regex("Présentation générale ?\\.{3,} ?(\\d+)")));
  CHECK(m[1] == "1");
}
