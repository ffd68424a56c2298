// `trame batch` and the PDF's fonts: the character warnings of each dossier (as
// render and pack print them), and the fallback fonts in the inputs hash of
// incremental runs (a font change re-renders what it prints).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "e2e/e2e.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trame::test::e2e_names;

namespace {

// The sample dossier with the first professional's name replaced.
void dossier_named(const fs::path& file, const std::string& name) {
  json d = json::parse(trame::read_file(src("samples/sud-manche.json")));
  d["collectif"]["professionnels"][0]["nom"] = name;
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << d.dump(2);
}
int files_written(const std::string& out) {
  std::smatch m;
  REQUIRE(std::regex_search(out, m, std::regex(R"((\d+) fichier\(s\) écrit\(s\))")));
  return std::stoi(m[1]);
}

}  // namespace

TEST_CASE("batch prints each dossier's character warnings with its file and JSON path") {
  TempDir dir("trame_batch_chars");
  dossier_named(dir.path / "dossiers/hieroglyphe.json", "Lebas\xF0\x93\x80\x80");  // U+13000: in no font
  fs::copy_file(src("samples/vallee-du-loir.json"), dir.path / "dossiers/vallee-du-loir.json");
  auto r = run(isolated_cmd("batch " + quote((dir.path / "dossiers").string()) + " --format pdf --out " +
                   quote((dir.path / "out").string())));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.err, "trame.pdf.W001"));
  CHECK(contains(r.err, "hieroglyphe.json"));
  CHECK(contains(r.err, "/collectif/professionnels/0/nom"));
  CHECK(contains(r.err, "U+13000"));
  CHECK(contains(r.err, "absent(s) de toutes les polices installées"));
  CHECK_FALSE(contains(r.err, "vallee-du-loir.json"));  // a dossier without such characters: no warning
  // The ODT alone never warns: it keeps every character.
  auto odt = run(isolated_cmd("batch " + quote((dir.path / "dossiers").string()) + " --format odt --out " +
                     quote((dir.path / "out-odt").string())));
  CHECK_FALSE(contains(odt.err, "trame.pdf.W001"));
}

TEST_CASE("batch re-renders a document when a fallback font it prints with changes") {
  TempDir dir("trame_batch_fallback");
  const fs::path fonts = dir.path / "polices", overlay = dir.path / "modeles";
  fs::create_directories(fonts);
  for (const char* f : {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"})
    fs::copy_file(fs::path("/usr/share/fonts/truetype/dejavu") / f, fonts / f);
  json theme = json::parse(trame::read_file(src("templates/theme.json")));
  theme["fallbacks"][0]["dir"] = fonts.string();
  fs::create_directories(overlay);
  std::ofstream(overlay / "theme.json") << theme.dump(2);
  // An Armenian name: Liberation Sans has no Armenian, DejaVu Sans has.
  dossier_named(dir.path / "dossiers/sud-manche.json", "Աբրահամյան");
  const std::string batch = isolated_cmd("--modeles " + quote(overlay.string()) + " batch " + quote((dir.path / "dossiers").string()) +
                                " --format pdf --out " + quote((dir.path / "out").string()));
  auto first = run(batch);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(files_written(first.out) > 0);
  CHECK(files_written(run(batch).out) == 0);  // nothing changed: nothing rewritten
  const fs::path letter = dir.path / "out/sud-manche/lettre-intention.pdf";
  const std::string before = trame::read_file(letter);
  // The fallback's regular face upgraded (here: replaced by other outlines): the documents printing with it change.
  fs::copy_file(fonts / "DejaVuSans-Bold.ttf", fonts / "DejaVuSans.ttf", fs::copy_options::overwrite_existing);
  auto again = run(batch);
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(files_written(again.out) > 0);
  CHECK(trame::read_file(letter) != before);
  CHECK(contains(trame::test::pdf_line(letter), "ԱԲՐԱՀԱՄՅԱՆ"));  // the letter prints names in capitals
}
