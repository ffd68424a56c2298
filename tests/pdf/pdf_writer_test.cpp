#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "document/theme.hpp"
#include "pdf/page_content.hpp"
#include "pdf/pdf_writer.hpp"
#include "support/sample_document.hpp"
#include "pdf_test_support.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using namespace trame;
using test::quote;
using test::run;

static const doc::Theme& theme() { return test::pdf_theme(); }

struct Rendered {
  test::TempDir dir{"trame_pdf"};
  fs::path file;
  std::string bytes;
  Rendered() {
    bytes = pdf::render(test::sample_document(), theme());
    file = dir.path / "essai.pdf";
    std::ofstream(file, std::ios::binary) << bytes;
  }
  std::string text(int first = 0, int last = 0) const {
    std::string range = first ? " -f " + std::to_string(first) + " -l " + std::to_string(last) : "";
    auto r = run("pdftotext -enc UTF-8" + range + " " + quote(file.string()) + " -");
    INFO(r.err);
    CHECK(r.err.empty());
    // Lines joined: a paragraph may break (or hyphenate) anywhere.
    std::string out = r.out;
    std::replace(out.begin(), out.end(), '\n', ' ');
    return test::normalize_spaces(out);
  }
};

using test::has;

TEST_CASE("qpdf finds the PDF structurally sound") {
  Rendered r;
  auto q = run("qpdf --check " + quote(r.file.string()));
  INFO(q.out << q.err);
  CHECK(q.exit_code == 0);
  CHECK(r.bytes.compare(0, 5, "%PDF-") == 0);
}

TEST_CASE("pdftotext gives back the French text without any warning") {
  Rendered r;
  std::string t = r.text();
  CHECK(has(t, "Présentation générale"));
  CHECK(has(t, "17 500 €"));
  CHECK(has(t, "« l’accès aux soins »"));
  CHECK(has(t, "l’équipe œuvre"));
  CHECK(has(t, "c’est essentiel…"));
  CHECK(has(t, "Wiśniewski"));  // outside CP1252: a fallback encoding of the same font
  CHECK(has(t, "Dvořák"));
  CHECK(has(t, "Fait à Granville, le 7 avril 2025"));
  CHECK(has(t, "Pour l’ARS Normandie"));
}

TEST_CASE("a long table breaks across pages and repeats its header row") {
  Rendered r;
  auto info = run("pdfinfo " + quote(r.file.string()));
  REQUIRE(has(info.out, "Pages:"));
  std::string p2 = r.text(2, 2), p3 = r.text(3, 3);
  CHECK(has(p2, "Commune n°"));
  CHECK(has(p2, "Code INSEE"));  // header row again on the continuation page
  CHECK(has(p3, "Code INSEE"));
}

TEST_CASE("running header and footer with the page count") {
  Rendered r;
  auto info = run("pdfinfo " + quote(r.file.string()));
  int pages = 0;
  auto pos = info.out.find("Pages:");
  REQUIRE(pos != std::string::npos);
  pages = std::stoi(info.out.substr(pos + 6));
  CHECK(pages >= 3);
  std::string first = r.text(1, 1), last = r.text(pages, pages);
  CHECK(has(first, "Page 1 / " + std::to_string(pages)));
  CHECK(has(last, "Page " + std::to_string(pages) + " / " + std::to_string(pages)));
  CHECK(has(first, "CPTS Sud Manche"));
}

TEST_CASE("every font is embedded") {
  Rendered r;
  const auto rows = test::pdffonts_rows(r.file);
  for (const auto& line : rows) {
    INFO(line);
    CHECK(has(line, " yes yes yes "));
  }
  CHECK(rows.size() >= 2);
}

TEST_CASE("metadata and outline") {
  Rendered r;
  auto info = run("pdfinfo " + quote(r.file.string()));
  CHECK(has(info.out, "Lettre d’intention — CPTS Sud Manche"));
  CHECK(has(info.out, "CPTS Sud Manche"));
  CHECK(has(info.out, "Author:"));
  auto outline = run("qpdf --json --json-key=outlines " + quote(r.file.string()));
  CHECK(has(outline.out, "Présentation générale"));
  CHECK(has(outline.out, "Orientations"));
}

TEST_CASE("the table of contents gives the page where each heading lands") {
  Rendered r;
  std::string p1 = r.text(1, 1);
  CHECK(has(p1, "Sommaire"));
  // "Engagements" follows a page break after the long table: find its page, then its TOC entry.
  auto info = run("pdfinfo " + quote(r.file.string()));
  int pages = std::stoi(info.out.substr(info.out.find("Pages:") + 6));
  int found = 0;
  for (int p = 2; p <= pages && !found; ++p)
    if (has(r.text(p, p), "Nous vous prions")) found = p;
  REQUIRE(found > 0);
  auto layout = run("pdftotext -layout -f 1 -l 1 " + quote(r.file.string()) + " -");
  std::istringstream lines(layout.out);
  std::string line, entry;
  while (std::getline(lines, line))
    if (has(line, "Engagements")) entry = line;
  REQUIRE_FALSE(entry.empty());
  CHECK(has(entry, " " + std::to_string(found)));
}

TEST_CASE("two renders are byte-identical") {
  auto d = test::sample_document();
  CHECK(pdf::render(d, theme()) == pdf::render(d, theme()));
}

TEST_CASE("a word is a link when it is an address: http(s)://, www., or an e-mail address, its punctuation left out") {
  using trame::pdf::link_target;
  const std::pair<const char*, const char*> links[] = {
      {"https://www.ameli.fr/", "https://www.ameli.fr/"},
      {"(http://cpts.fr).", "http://cpts.fr"},
      {"www.cpts-sud-manche.fr,", "https://www.cpts-sud-manche.fr"},
      {"«contact@cpts.fr»", "mailto:contact@cpts.fr"},
      {"coordination@cpts-sud-manche.fr;", "mailto:coordination@cpts-sud-manche.fr"}};
  for (const auto& [word, target] : links) CHECK(link_target(word) == target);
  for (const char* word : {"contrat", "wwwx", "ww.cpts.fr", "www.", "a:b", "Article :", "nom@", "@cpts", "a@b@c.fr",
                           "ftp://x", "w", "", "1 000 €", "mot-clé"})
    CHECK(link_target(word).empty());
}
