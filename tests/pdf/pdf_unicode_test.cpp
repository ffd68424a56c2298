// PDF text in any script: CID-keyed fonts with a fallback chain (Liberation,
// DejaVu, Noto CJK) and a ToUnicode CMap, read back with poppler; warnings for
// characters no font has and for right-to-left text.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "document/theme.hpp"
#include "pdf/coverage.hpp"
#include "pdf/pdf_writer.hpp"
#include "pdf_test_support.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using namespace trame;
using namespace trame::doc;
using namespace trame::test;

namespace {

// Real-world names: Vietnamese (stacked diacritics), Chinese, Greek capitals and
// lower case, Cyrillic, Central European, Turkish, Nordic (all in Liberation Sans),
// Armenian and Georgian (DejaVu Sans).
const std::vector<std::string> kNames = {
    "Nguyễn Thị Hương", "Trần Văn Đức", "王伟", "李娜", "ΔΗΜΗΤΡΙΟΣ ΠΑΠΑΔΌΠΟΥΛΟΣ", "Σωκράτης Δημητρίου",
    "Анна Кузнецова", "ЮРИЙ ГАГАРИН", "Paweł Łukasiewicz", "Antonín Dvořák", "Şükrü Öztürk", "Ægir Ørsted",
    "Արամ Խաչատրյան", "გიორგი ბერიძე",
};

struct Pdf {
  test::TempDir dir{"trame_pdf_unicode"};
  fs::path file;
  explicit Pdf(const Document& d) {
    file = dir.path / "noms.pdf";
    std::ofstream(file, std::ios::binary) << pdf::render(d, pdf_theme());
  }
};

Document names_document() {
  Document d;
  d.meta.title = "Signataires";
  d.meta.header = "CPTS Nguyễn";
  d.meta.date = "2025-01-15";
  for (const auto& n : kNames) d.blocks.push_back(Paragraph{{Text{n}}, "address", Align::Left});
  for (const auto& n : kNames) d.blocks.push_back(Paragraph{{Text{n, true}}, "address", Align::Left});
  Table t;
  t.widths = {1, 1};
  for (const auto& n : kNames) t.rows.push_back(TableRow{{{{Text{n}}}, {{Text{n, false, true}}}}});
  d.blocks.push_back(std::move(t));
  SignatureBlock s;
  s.place_date = "Fait à Hà Nội, le 15 janvier 2025";
  s.signatories = {{"la CPTS", "Nguyễn Thị Hương", "Présidente", "CPTS"}, {"l’ARS", "王伟", "Directeur", "ARS"}};
  d.blocks.push_back(std::move(s));
  return d;
}

}  // namespace

TEST_CASE("names in Latin, Vietnamese, Greek, Cyrillic and Chinese come back exactly through pdftotext") {
  Pdf pdf(names_document());
  auto r = run("pdftotext -enc UTF-8 -layout " + quote(pdf.file.string()) + " -");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  std::vector<std::string> lines;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    line = test::normalize_spaces(line);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    while (!line.empty() && line.front() == ' ') line.erase(0, 1);
    lines.push_back(line);
  }
  for (const auto& name : kNames) {
    INFO(name);
    // Regular and bold paragraphs: a whole line each.
    CHECK(std::count(lines.begin(), lines.end(), name) >= 2);
    // Table rows: the name twice on one line (regular and italic cells).
    CHECK(std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
      return l.find(name) != std::string::npos && l.find(name, l.find(name) + name.size()) != std::string::npos;
    }));
  }
  CHECK(has(r.out, "Fait à Hà Nội, le 15 janvier 2025"));
  CHECK(has(r.out, "CPTS Nguyễn"));
}

TEST_CASE("every font is embedded, subset, with a ToUnicode map, and fallbacks are used only when needed") {
  Pdf pdf(names_document());
  const auto rows = test::pdffonts_rows(pdf.file);
  std::string all;
  for (const auto& line : rows) {
    INFO(line);
    CHECK(has(line, "Identity-H"));
    CHECK(has(line, " yes yes yes "));  // embedded, subset, ToUnicode
    all += line + "\n";
  }
  CHECK(has(all, "LiberationSans"));
  CHECK(has(all, "DejaVuSans"));    // Armenian and Georgian, which Liberation lacks
  CHECK(has(all, "NotoSansCJK"));   // 王伟 and 李娜: Liberation and DejaVu have no Han characters
  CHECK(rows.size() >= 4);
  // French text alone needs only the theme's font.
  Document d;
  d.meta.title = "Essai";
  d.blocks.push_back(Paragraph{{Text{"Élodie Lefèvre, « œuvre » à 12\u202F500\u00A0€ – coût"}}});
  Pdf french(d);
  auto g = run("pdffonts " + quote(french.file.string()));
  CHECK(has(g.out, "+LiberationSans "));
  CHECK_FALSE(has(g.out, "DejaVu"));
  CHECK_FALSE(has(g.out, "Noto"));
  auto t = run("pdftotext -enc UTF-8 " + quote(french.file.string()) + " -");
  CHECK(has(t.out, "Élodie Lefèvre, « œuvre » à 12"));
  CHECK(has(t.out, "€ – coût"));
}

TEST_CASE("the pages show the glyphs: no empty box where the names are") {
  Document d;
  d.meta.title = "Essai";
  d.blocks.push_back(Paragraph{{Text{"王伟"}}, "title", Align::Left});
  Pdf pdf(d);
  auto r = run("pdftoppm -r 40 -png " + quote(pdf.file.string()) + " " + quote((pdf.dir.path / "p").string()));
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  auto q = run("qpdf --check " + quote(pdf.file.string()));
  INFO(q.out << q.err);
  CHECK(q.exit_code == 0);
}

TEST_CASE("a character no font has and right-to-left text are warned about, with their JSON path") {
  auto dossier = nlohmann::json::parse(R"({"collectif": {"professionnels": [
      {"nom": "Nguyễn Thị Hương"}, {"nom": "X\ud80c\udc00"}, {"nom": "דוד כהן"}]}, "a/b": "王伟"})");
  auto w = pdf::character_warnings(dossier, pdf_theme(), "dossier.json");
  REQUIRE(w.size() == 2);
  CHECK(w[0].json_path == "/collectif/professionnels/1/nom");
  CHECK(w[0].severity == Severity::Warning);
  CHECK(has(w[0].message, "U+13000"));
  CHECK(has(w[0].message, "\xF0\x93\x80\x80"));
  CHECK(has(w[0].message, "carré"));
  CHECK(w[1].json_path == "/collectif/professionnels/2/nom");
  CHECK(has(w[1].message, "droite à gauche"));
  CHECK(has(w[1].message, "U+05D3"));
}
