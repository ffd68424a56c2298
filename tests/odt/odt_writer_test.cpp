#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "document/theme.hpp"
#include "odt/odt_writer.hpp"
#include "support/sample_document.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using namespace trame;

static const doc::Theme& theme() {
  static doc::Theme t = doc::Theme::load(fs::path(TRAME_SOURCE_DIR) / "templates/theme.json");
  return t;
}

static fs::path write_odt(const test::TempDir& dir, const std::string& bytes) {
  fs::path p = dir.path / "essai.odt";
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

TEST_CASE("every ODT part validates against the OASIS ODF 1.3 schemas") {
  auto d = test::sample_document();
  for (const auto& [name, xml] : {std::pair{"content.xml", odt::content_xml(d, theme())},
                                  std::pair{"styles.xml", odt::styles_xml(d, theme())},
                                  std::pair{"meta.xml", odt::meta_xml(d)}}) {
    auto errors = test::validate_odf_part(xml);
    INFO(name << ": " << (errors.empty() ? "" : errors.front()));
    CHECK(errors.empty());
  }
  CHECK(test::validate_odf_part(odt::manifest_xml(), true).empty());
}

TEST_CASE("the package: mimetype first and stored, parts present, byte-identical renders") {
  auto d = test::sample_document();
  std::string a = odt::render(d, theme()), b = odt::render(d, theme());
  CHECK(a == b);
  test::TempDir dir("trame_odt");
  fs::path p = write_odt(dir, a);
  auto names = test::zip_names(p);
  REQUIRE(names.size() == 5);
  CHECK(names[0] == "mimetype");
  CHECK(test::zip_method(p, "mimetype") == 0);
  CHECK(test::zip_method(p, "content.xml") == 8);
  // The stored mimetype must be readable at offset 38 (what file(1) and ODF readers check).
  CHECK(a.substr(30, 8) == "mimetype");
  CHECK(a.substr(38, 39) == "application/vnd.oasis.opendocument.text");
}

TEST_CASE("content uses named styles that exist, header rows and real fields") {
  auto d = test::sample_document();
  std::string content = odt::content_xml(d, theme()), styles = odt::styles_xml(d, theme());
  CHECK(content.find("<table:table-header-rows>") != std::string::npos);
  CHECK(content.find("text:outline-level=\"1\"") != std::string::npos);
  CHECK(content.find("<text:table-of-content") != std::string::npos);
  CHECK(content.find("Présentation générale") != std::string::npos);
  CHECK(content.find("Wiśniewski") != std::string::npos);
  CHECK(styles.find("<text:page-number") != std::string::npos);
  CHECK(styles.find("<text:page-count") != std::string::npos);
  // Every style referenced in content.xml is defined in content's automatic styles or in styles.xml.
  std::set<std::string> defined;
  std::regex def("style:name=\"([^\"]+)\"");
  for (auto* xml : {&content, &styles})
    for (std::sregex_iterator it(xml->begin(), xml->end(), def), end; it != end; ++it) defined.insert((*it)[1]);
  std::regex use("(?:text|table):style-name=\"([^\"]+)\"");
  for (std::sregex_iterator it(content.begin(), content.end(), use), end; it != end; ++it) {
    INFO((*it)[1]);
    CHECK(defined.count((*it)[1]) == 1);
  }
  for (const char* named : {"Heading_20_1", "Text_20_body", "Title", "Table_20_Heading", "Adresse"})
    CHECK(defined.count(named) == 1);
}

TEST_CASE("meta.xml carries the dossier's date, title and author") {
  auto d = test::sample_document();
  std::string meta = odt::meta_xml(d);
  CHECK(meta.find("<dc:title>Lettre d’intention — CPTS Sud Manche</dc:title>") != std::string::npos);
  CHECK(meta.find("<meta:creation-date>2025-04-07T00:00:00</meta:creation-date>") != std::string::npos);
  CHECK(meta.find("<meta:initial-creator>CPTS Sud Manche</meta:initial-creator>") != std::string::npos);
}
