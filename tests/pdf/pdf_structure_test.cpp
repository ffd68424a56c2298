// Issue 13, item 2: the tagged PDF's structure tree, read back with poppler
// (`pdfinfo -struct-text`) and qpdf: element types from the document tree in reading
// order, TH with their scope, links in Link elements with their annotation, the
// running header and footer and repeated header rows as artifacts; and the PDF/A
// parts the writer adds (checked clause by clause by tests/pdf/pdfa_check.py).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include "document/theme.hpp"
#include "pdf/pdf_writer.hpp"
#include "pdf_test_support.hpp"
#include "support/sample_document.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using namespace trame;
using namespace trame::doc;
using test::has;
using test::quote;
using test::run;

namespace {

struct Tagged {
  test::TempDir dir{"trame_pdf_structure"};
  fs::path file;
  std::string structure;  // pdfinfo -struct-text
  explicit Tagged(const Document& d, const pdf::Options& o = {}) {
    file = dir.path / "balise.pdf";
    std::ofstream(file, std::ios::binary) << pdf::render(d, test::pdf_theme(), o);
    auto s = run("pdfinfo -struct-text " + quote(file.string()));
    REQUIRE(s.exit_code == 0);
    CHECK(s.err.empty());
    structure = s.out;
  }
  // Element names in tree order ("TH:" written as "TH").
  std::vector<std::string> elements() const {
    std::vector<std::string> out;
    static const std::regex element(R"(^\s*([A-Za-z0-9]+):?( \((block|inline)\))?\s*$)");
    std::istringstream lines(structure);
    for (std::string line; std::getline(lines, line);) {
      std::smatch m;
      if (std::regex_match(line, m, element)) out.push_back(m[1]);
    }
    return out;
  }
};

Document sample_document() {
  Document d = test::empty_document("Essai balisé", "CPTS de la Vire", "2025-06-20", "En-tête courant");
  d.blocks.push_back(TableOfContents{"Sommaire", 2});
  d.blocks.push_back(Heading{1, {Text{"Premier titre"}}});
  d.blocks.push_back(Paragraph{{Text{"Écrire à contact@cpts-vire.fr pour tout renseignement."}}});
  d.blocks.push_back(Heading{2, {Text{"Sous-titre"}}});
  d.blocks.push_back(List{false, {ListItem{{Text{"Premier point"}}, 0}, ListItem{{Text{"Point imbriqué"}}, 1},
                                  ListItem{{Text{"Second point"}}, 0}}});
  Table t;
  t.widths = {2, 1};
  t.caption = "Légende du tableau";
  t.rows.push_back(TableRow{{TableCell{{Text{"Commune"}}}, TableCell{{Text{"Population"}}}}, true});
  for (int i = 0; i < 80; ++i)
    t.rows.push_back(TableRow{{TableCell{{Text{"Commune " + std::to_string(i)}}}, TableCell{{Text{std::to_string(100 + i)}}}}});
  d.blocks.push_back(t);
  return d;
}

}  // namespace

TEST_CASE("issue13: the structure tree follows the document tree in reading order") {
  Tagged pdf(sample_document());
  const auto e = pdf.elements();
  REQUIRE(!e.empty());
  CHECK(e.front() == "Document");
  auto index = [&](const std::string& name, size_t from = 0) {
    auto it = std::find(e.begin() + static_cast<long>(from), e.end(), name);
    return it == e.end() ? std::string::npos : static_cast<size_t>(it - e.begin());
  };
  // Document order: H1 (Sommaire), TOC of TOCI/Link, H1, P with its Link, H2, L, Table.
  const size_t toc = index("TOC"), h1 = index("H1", toc), p = index("P", h1), h2 = index("H2", p), l = index("L", h2),
               table = index("Table", l);
  CHECK(index("H1") < toc);
  CHECK(toc < h1);
  CHECK(h1 < p);
  CHECK(p < h2);
  CHECK(h2 < l);
  CHECK(l < table);
  CHECK(table != std::string::npos);
  CHECK(index("TOCI", toc) == toc + 1);
  CHECK(index("Link", toc) == toc + 2);
  CHECK(index("Link", p) == p + 1);  // the e-mail address, inside its paragraph
  CHECK(index("LI", l) == l + 1);
  CHECK(index("Lbl", l) == l + 2);
  CHECK(index("LBody", l) == l + 3);
  CHECK(index("L", l + 1) < index("LI", index("LI", l) + 1) + 3);  // the nested list inside the first item
  CHECK(index("Caption", table) == table + 1);
  CHECK(index("TR", table) == table + 2);
  CHECK(index("TH", table) == table + 3);
  CHECK(std::count(e.begin(), e.end(), "TR") == 81);  // the header row once, though repeated on page 2
  CHECK(std::count(e.begin(), e.end(), "TD") == 160);
  CHECK(has(pdf.structure, "/Scope /Column"));
  // Artifacts: the running header and the footer are not in the structure.
  CHECK_FALSE(has(pdf.structure, "En-tête courant"));
  CHECK_FALSE(has(pdf.structure, "Page 1"));
  CHECK(has(pdf.structure, "\"Premier titre\""));
  CHECK(has(pdf.structure, "contact@cpts-vire.fr"));
  // Link annotations belong to their Link element (an object reference in the tree).
  CHECK(std::regex_search(pdf.structure, std::regex(R"(Link \(inline\)\n\s+"contact@cpts-vire.fr"\n\s+Object \d+ 0)")));
}

TEST_CASE("issue13: the catalog, pages and annotations of a tagged PDF/A file") {
  Tagged pdf(sample_document());
  auto catalog = run("qpdf --show-object=1 " + quote(pdf.file.string()));
  CHECK(has(catalog.out, "/MarkInfo << /Marked true >>"));
  CHECK(has(catalog.out, "/StructTreeRoot"));
  CHECK(has(catalog.out, "/Lang (fr-FR)"));
  CHECK(has(catalog.out, "/DisplayDocTitle true"));
  CHECK(has(catalog.out, "/OutputIntents"));
  CHECK(has(catalog.out, "/Metadata"));
  auto check = run("python3 " + quote(std::string(TRAME_SOURCE_DIR) + "/tests/pdf/pdfa_check.py") + " " +
                   quote(pdf.file.string()));
  INFO(check.out);
  CHECK(check.exit_code == 0);
  auto structure_check = run("python3 " + quote(std::string(TRAME_SOURCE_DIR) + "/tests/pdf/struct_text_check.py") +
                             " " + quote(pdf.file.string()));
  INFO(structure_check.out);
  CHECK(structure_check.exit_code == 0);
}

TEST_CASE("issue13: the checker finds a file that is not PDF/A") {
  // Without PDF/A and tags (a bench's comparison), the checker must say what is missing.
  pdf::Options plain;
  plain.pdf_a = plain.tagged = false;
  Tagged pdf(sample_document(), plain);
  auto check = run("python3 " + quote(std::string(TRAME_SOURCE_DIR) + "/tests/pdf/pdfa_check.py") + " " +
                   quote(pdf.file.string()));
  CHECK(check.exit_code == 1);
  CHECK(has(check.out, "[xmp] pdfaid:part"));
  CHECK(has(check.out, "[intent]"));
  CHECK(has(check.out, "[tagged]"));  // links without /StructParent
}
