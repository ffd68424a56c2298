// Issue 13, item 5: `--projet` marks every page of both formats « PROJET »; the final
// document has no mark. The PDF's mark is an artifact: drawn on every page (pdftotext
// sees it, as a reader's eye does) but outside the structure tree (pdfinfo -struct-text).
// The ODT's mark is a shape in the master page's header (styles.xml), valid ODF 1.3,
// that LibreOffice prints on every page.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <regex>

#include "e2e/e2e.hpp"

namespace fs = std::filesystem;
using namespace trame::test;

namespace {

// Occurrences of `what` in `text` with all whitespace taken out: pdftotext -raw writes
// the diagonal mark one letter a line.
int count_of(std::string text, const std::string& what) {
  text.erase(std::remove_if(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); }), text.end());
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

int page_count(const fs::path& pdf) {
  auto info = run("pdfinfo " + quote(pdf.string()));
  REQUIRE(info.exit_code == 0);
  std::smatch m;
  REQUIRE(std::regex_search(info.out, m, std::regex(R"(Pages:\s+(\d+))")));
  return std::stoi(m[1]);
}

}  // namespace

TEST_CASE("issue13: --projet marks every page of the PDF and the ODT, the final document has none", "[e2e][draft]") {
  TempDir dir("trame_draft");
  const fs::path draft = dir.path / "projet", final_dir = dir.path / "final";
  REQUIRE(run(cmd("render contrat-aci " + quote(sample("sud-manche.json").string()) + " --projet -o " +
                  quote(draft.string()))).exit_code == 0);
  REQUIRE(run(cmd("render contrat-aci " + quote(sample("sud-manche.json").string()) + " -o " +
                  quote(final_dir.string()))).exit_code == 0);

  // PDF: « PROJET » once on each page, not in the structure; none in the final document.
  const fs::path pdf = draft / "contrat-aci.pdf";
  const int pages = page_count(pdf);
  REQUIRE(pages > 5);
  for (int p = 1; p <= pages; ++p) {
    auto text = run("pdftotext -raw -f " + std::to_string(p) + " -l " + std::to_string(p) + " " + quote(pdf.string()) + " -");
    INFO("page " << p);
    CHECK(count_of(text.out, "PROJET") == 1);
  }
  auto structure = run("pdfinfo -struct-text " + quote(pdf.string()));
  REQUIRE(structure.exit_code == 0);
  CHECK(contains(structure.out, "Article 1"));
  CHECK_FALSE(contains(structure.out, "PROJET"));
  CHECK(count_of(run("pdftotext -raw " + quote((final_dir / "contrat-aci.pdf").string()) + " -").out, "PROJET") == 0);
  CHECK(page_count(final_dir / "contrat-aci.pdf") == pages);  // the mark moves nothing

  // ODT: the shape in the header of the master page, valid ODF 1.3; nothing in the final one.
  const std::string styles = zip_entry(draft / "contrat-aci.odt", "styles.xml");
  auto errors = validate_odf_part(styles);
  INFO((errors.empty() ? "" : errors.front()));
  CHECK(errors.empty());
  CHECK(std::regex_search(styles, std::regex(R"(<style:header><text:p[^>]*><draw:custom-shape[^>]*>.*PROJET</text:p>)")));
  CHECK_FALSE(contains(zip_entry(final_dir / "contrat-aci.odt", "styles.xml"), "PROJET"));
  CHECK(zip_entry(draft / "contrat-aci.odt", "content.xml") == zip_entry(final_dir / "contrat-aci.odt", "content.xml"));

  // LibreOffice prints the mark on every page of the ODT.
  auto lo = run("cd " + quote(draft.string()) + " && timeout 300 soffice --headless --convert-to pdf --outdir lo contrat-aci.odt");
  REQUIRE(lo.exit_code == 0);
  const fs::path lo_pdf = draft / "lo" / "contrat-aci.pdf";
  const int lo_pages = page_count(lo_pdf);
  for (int p = 1; p <= lo_pages; ++p) {
    auto text = run("pdftotext -raw -f " + std::to_string(p) + " -l " + std::to_string(p) + " " + quote(lo_pdf.string()) + " -");
    INFO("LibreOffice, page " << p);
    CHECK(count_of(text.out, "PROJET") == 1);
  }
}

TEST_CASE("issue13: a pack of drafts and the final pack do not stand for each other", "[e2e][draft]") {
  TempDir dir("trame_draft_pack");
  const std::string out = quote((dir.path / "out").string());
  const std::string dossier = quote(sample("vallee-du-loir.json").string());
  REQUIRE(run(cmd("pack " + dossier + " -f pdf --projet -o " + out)).exit_code == 0);
  const std::string letter = quote((dir.path / "out" / "lettre-intention.pdf").string());
  CHECK(count_of(run("pdftotext -raw " + letter + " -").out, "PROJET") >= 1);
  // The same dossier without --projet: every document is written again, without the mark.
  auto final_run = run(cmd("pack " + dossier + " -f pdf -o " + out));
  REQUIRE(final_run.exit_code == 0);
  CHECK(contains(final_run.out, "lettre-intention.pdf"));
  CHECK(count_of(run("pdftotext -raw " + letter + " -").out, "PROJET") == 0);
}
