// Issue 12, « the ODT keeps pace »: headings numbered by the outline style (and a list
// style for the contract's annexes), not typed in. Read as a user would: LibreOffice
// lays the ODT out and pdftotext gives back its headings, which must be the PDF's;
// then a heading added in the ODT, as a user adds one in LibreOffice, renumbers the
// articles after it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <sstream>

#include "e2e.hpp"

namespace fs = std::filesystem;
using namespace trame::test;

namespace {

// The numbered headings of `text` (not the table of contents' lines: dot leaders), each
// as its label and first word.
std::vector<std::string> numbered_lines(const std::string& text, const std::regex& re) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string line; std::getline(ss, line);) {
    line = normalize_spaces(line);
    while (!line.empty() && line.front() == ' ') line.erase(0, 1);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (!std::regex_search(line, re) || line.find("...") != std::string::npos || line.find(". .") != std::string::npos)
      continue;
    // The label and the title's first word: the two layouts wrap long titles at different places.
    std::smatch m;
    if (std::regex_search(line, m, std::regex("^\\S+( [0-9]+ —)? \\S+"))) out.push_back(m[0]);
  }
  return out;
}

std::string pdf_text(const fs::path& pdf) {
  auto r = run("pdftotext -enc UTF-8 " + quote(pdf.string()) + " -");
  REQUIRE(r.exit_code == 0);
  return r.out;
}

fs::path libreoffice_pdf(const fs::path& odt, const fs::path& dir) {
  auto lo = run("HOME=" + quote(dir.string()) + " timeout 240 soffice --headless --norestore --convert-to pdf --outdir " +
                quote((dir / "lo").string()) + " " + quote(odt.string()));
  INFO(lo.out << lo.err);
  fs::path pdf = dir / "lo" / (odt.stem().string() + ".pdf");
  REQUIRE(fs::exists(pdf));
  return pdf;
}

// The text of each <text:h> of content.xml without its cached label (<text:number>).
std::vector<std::string> heading_texts(const std::string& content) {
  std::vector<std::string> out;
  static const std::regex h("<text:h[^>]*>([\\s\\S]*?)</text:h>"), number("<text:number>[^<]*</text:number>"),
      tag("<[^>]*>");
  for (std::sregex_iterator it(content.begin(), content.end(), h), end; it != end; ++it)
    out.push_back(std::regex_replace(std::regex_replace((*it)[1].str(), number, ""), tag, ""));
  return out;
}

}  // namespace

TEST_CASE("issue12: ODT headings are numbered by the outline style, and LibreOffice prints the PDF's numbers",
          "[libreoffice]") {
  REQUIRE(run("command -v soffice && command -v pdftotext").exit_code == 0);
  TempDir tmp("trame_odt_numbering");
  auto r = run(isolated_cmd("batch " + quote(sample("sud-manche.json").string()) + " --avenants " +
                            quote(sample("avenants").string()) + " --out " + quote(tmp.path.string()) + " -j 1"));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const fs::path dir = tmp.path / "sud-manche";
  const std::regex article("^(Article|Annexe) [0-9]+ — "), section("^[0-9]\\.[0-9]? ");

  struct Case {
    const char* name;
    const std::regex* re;
    const char* outline_prefix;  // the outline style's label before the number
    std::vector<std::string> expected;  // headings the contract-type and the guide's models number
  };
  const std::vector<Case> cases = {
      {"contrat-aci", &article, "Article ",
       {"Article 1 — Objet du contrat", "Article 7 — Financement", "Article 11 — Résiliation",
        "Annexe 1 — Communes du territoire", "Annexe 4 — Échéancier prévisionnel des versements"}},
      {"avenant-001", &article, "Article ", {"Article 1 — Objet", "Article 2 — Modifications du contrat"}},
      {"statuts", &article, "Article ", {"Article 1 — Nom", "Article 2 — But et objet"}},
      {"projet-sante", &section, "",
       {"1. Diagnostic préalable", "1.2 La population", "2.1 Objectifs", "3. Cadrage financier",
        "3.2 Pérennité à moyen terme"}},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      const fs::path odt = dir / (std::string(c.name) + ".odt");
      const std::string content = zip_entry(odt, "content.xml"), styles = zip_entry(odt, "styles.xml");
      for (const auto* part : {&content, &styles}) CHECK(validate_odf_part(*part).empty());
      // No number typed in a heading: the outline (or list) style makes it.
      for (const auto& h : heading_texts(content)) {
        INFO(h);
        CHECK_FALSE(std::regex_search(h, *c.re));
      }
      CHECK(styles.find("<text:outline-level-style text:level=\"" + std::string(c.name == std::string("statuts") ? "2" : "1") +
                        "\" style:num-format=\"1\"") != std::string::npos);
      if (*c.outline_prefix) CHECK(styles.find("style:num-prefix=\"Article \"") != std::string::npos);

      // LibreOffice counts them and prints what the PDF prints, heading for heading.
      const auto ours = numbered_lines(pdf_text(dir / (std::string(c.name) + ".pdf")), *c.re);
      const std::string lo_text = pdf_text(libreoffice_pdf(odt, tmp.path));
      const auto theirs = numbered_lines(lo_text, *c.re);
      CHECK(theirs.size() >= c.expected.size());
      CHECK(theirs == ours);
      const std::string flat = normalize_spaces(lo_text);
      for (const auto& e : c.expected) {
        INFO(e);
        CHECK(flat.find(e + "\n") != std::string::npos);  // a heading's whole line, not a TOC line
      }
    }
  }
}

TEST_CASE("issue12: an article added to the contract's ODT renumbers the articles after it", "[libreoffice]") {
  REQUIRE(run("command -v soffice && command -v python3").exit_code == 0);
  TempDir tmp("trame_odt_renumber");
  auto r = run(isolated_cmd("render contrat-aci " + quote(sample("vallee-du-loir.json").string()) +
                            " --format odt --out " + quote(tmp.path.string())));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  // A new level-1 heading before « Financement », typed as a LibreOffice user's would be: no number.
  const fs::path odt = tmp.path / "contrat-aci.odt", edited = tmp.path / "edite.odt";
  const std::string script =
      "import sys,zipfile\n"
      "src=zipfile.ZipFile(sys.argv[1]);dst=zipfile.ZipFile(sys.argv[2],'w')\n"
      "for i in src.infolist():\n"
      "  b=src.read(i.filename)\n"
      "  if i.filename=='content.xml':\n"
      "    s=b.decode();k=s.index('Financement</text:h>')\n"
      "    k=s.rindex('<text:h ',0,k)\n"
      "    s=s[:k]+'<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">Clause nouvelle</text:h>'+s[k:]\n"
      "    b=s.encode()\n"
      "  dst.writestr(i,b)\n"
      "dst.close()\n";
  write_text(tmp.path / "edit.py", script);
  REQUIRE(run("python3 " + quote((tmp.path / "edit.py").string()) + " " + quote(odt.string()) + " " +
              quote(edited.string())).exit_code == 0);
  const std::string text = normalize_spaces(pdf_text(libreoffice_pdf(edited, tmp.path)));
  // Before: Article 7 — Financement. After the new article 7, Financement is 8, and the last is 12.
  CHECK(text.find("Article 6 — Engagements") != std::string::npos);
  CHECK(text.find("Article 7 — Clause nouvelle") != std::string::npos);
  CHECK(text.find("Article 8 — Financement") != std::string::npos);
  CHECK(text.find("Article 12 — Résiliation") != std::string::npos);
  CHECK(text.find("Annexe 1 — Communes du territoire") != std::string::npos);  // annexes keep their own count
}
