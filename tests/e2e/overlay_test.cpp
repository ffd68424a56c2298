// The user's own templates (--modeles, TRAME_MODELES, config file): only the
// files present replace Trame's; the ACI tables and the schemas stay Trame's;
// theme errors (colour, font) are template errors (exit 3) in French.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/files.hpp"
#include "e2e/e2e.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using namespace trame::test::e2e_names;

namespace {

std::string pdf_text(const fs::path& pdf) {
  return trame::test::normalize_spaces(run("pdftotext " + quote(pdf.string()) + " -").out);
}
const std::string sample = quote(src("samples/sud-manche.json").string());

// The bundled lettre d'intention with one more paragraph, which includes a partial
// only the overlay has.
void own_lettre(const fs::path& dir) {
  std::string t = trame::read_file(src("templates/lettre-intention.xml"));
  const std::string anchor = "<p>{{ lettre_intention.destinataire.titre }},</p>";
  REQUIRE(contains(t, anchor));
  t.replace(t.find(anchor), anchor.size(), anchor + "<include partial=\"notre-mot\"/>");
  write_text(dir / "lettre-intention.xml", t);
  write_text(dir / "partials/notre-mot.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<partial xmlns=\"urn:trame:template:1\">"
       "<p>Paragraphe propre à notre communauté, écrit par sa coordinatrice.</p></partial>\n");
}

}  // namespace

TEST_CASE("the overlay (--modeles): its template and new partial are used, every other document is Trame's own") {
  TempDir overlay("trame_overlay"), mine("trame_overlay_out"), theirs("trame_overlay_ref");
  own_lettre(overlay.path);
  auto r = run(isolated_cmd("--modeles " + quote(overlay.path.string()) + " pack " + sample + " --out " + quote(mine.path.string())));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(run(isolated_cmd("pack " + sample + " --out " + quote(theirs.path.string()))).exit_code == 0);
  CHECK(contains(pdf_text(mine.path / "lettre-intention.pdf"), "Paragraphe propre à notre communauté"));
  CHECK_FALSE(contains(pdf_text(theirs.path / "lettre-intention.pdf"), "Paragraphe propre"));
  for (const char* f : {"projet-sante.pdf", "statuts.pdf", "contrat-aci.pdf", "budget-previsionnel.odt", "contrat-aci.odt"}) {
    INFO(f);
    CHECK(trame::read_file(mine.path / f) == trame::read_file(theirs.path / f));
  }
}

TEST_CASE("the overlay from TRAME_MODELES, from the configuration file (relative to it), and --modeles after the command") {
  TempDir home("trame_overlay_cfg"), out("trame_overlay_cfg_out");
  own_lettre(home.path / "trame" / "mes-modeles");
  const std::string render = "render lettre-intention " + sample + " --format pdf --out " + quote(out.path.string());
  const std::string base = "env -u TRAME_MODELES -u TRAME_DATA_DIR ";
  SECTION("variable") {
    auto r = run(base + "XDG_CONFIG_HOME=/nonexistent TRAME_MODELES=" + quote((home.path / "trame/mes-modeles").string()) +
                 " " + quote(TRAME_BIN) + " " + render);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  SECTION("configuration file") {
    write_text(home.path / "trame" / "config.json", "{\"modeles\": \"mes-modeles\"}\n");
    auto r = run(base + "XDG_CONFIG_HOME=" + quote(home.path.string()) + " " + quote(TRAME_BIN) + " " + render);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  SECTION("option after the command") {
    auto r = run(isolated_cmd(render + " --modeles " + quote((home.path / "trame/mes-modeles").string())));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  CHECK(contains(pdf_text(out.path / "lettre-intention.pdf"), "Paragraphe propre à notre communauté"));
}

TEST_CASE("an overlay never replaces the ACI tables or the dossier schema") {
  TempDir overlay("trame_overlay_models"), out("trame_overlay_models_out");
  write_text(overlay.path / "dossier.schema.json", "{ pas du JSON");
  write_text(overlay.path / "models" / "dossier.schema.json", "{ pas du JSON");
  write_text(overlay.path / "models" / "aci" / "2019.json", "{ pas du JSON");
  write_text(overlay.path / "aci" / "2019.json", "{ pas du JSON");
  const std::string m = "--modeles " + quote(overlay.path.string()) + " ";
  auto v = run(isolated_cmd(m + "validate " + sample));
  INFO(v.err);
  CHECK(v.exit_code == 0);
  auto f = run(isolated_cmd(m + "funding " + sample + " --json"));
  CHECK(f.exit_code == 0);
  CHECK(f.out == run(isolated_cmd("funding " + sample + " --json")).out);
}

TEST_CASE("overlay and configuration mistakes are usage errors in French") {
  TempDir home("trame_overlay_bad");
  auto r = run(isolated_cmd("--modeles " + quote((home.path / "absent").string()) + " validate " + sample));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "dossier de modèles introuvable"));
  CHECK(contains(r.err, (home.path / "absent").string()));
  write_text(home.path / "trame" / "config.json", "{\"modele\": \"x\"}");
  r = run("env -u TRAME_MODELES XDG_CONFIG_HOME=" + quote(home.path.string()) + " " + quote(TRAME_BIN) + " validate " + sample);
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "clé inconnue « modele » (clé possible : modeles)"));
}

TEST_CASE("the overlay's theme: a wrong colour says the expected format, a missing font is a template error") {
  TempDir overlay("trame_overlay_theme"), out("trame_overlay_theme_out");
  std::string theme = trame::read_file(src("templates/theme.json"));
  const std::string m = "--modeles " + quote(overlay.path.string()) + " render statuts " + sample + " --out " +
                        quote(out.path.string());
  // The bundled theme with `from` replaced by `to`: a template error naming the theme file.
  auto broken = [&](const std::string& from, const std::string& to) {
    REQUIRE(contains(theme, from));
    theme.replace(theme.find(from), from.size(), to);
    write_text(overlay.path / "theme.json", theme);
    auto r = run(isolated_cmd(m));
    CHECK(r.exit_code == 3);
    CHECK(contains(r.err, (overlay.path / "theme.json").string()));
    return r.err;
  };
  SECTION("colour") {
    const std::string err = broken("\"#004387\"", "\"bleu\"");
    CHECK(contains(err, "couleur invalide « bleu » pour colours.heading"));
    CHECK(contains(err, "#rrggbb"));
  }
  SECTION("font") {
    const std::string err = broken("LiberationSans-Bold.ttf", "PoliceAbsente-Gras.ttf");
    CHECK(contains(err, "police introuvable pour font.bold"));
    CHECK(contains(err, "PoliceAbsente-Gras.ttf"));
  }
  SECTION("fonts beside the theme, found relative to it, and its colour used") {
    fs::create_directories(overlay.path / "polices");
    for (const char* f : {"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
                          "LiberationSerif-BoldItalic.ttf"})
      fs::copy_file(fs::path("/usr/share/fonts/truetype/liberation2") / f, overlay.path / "polices" / f);
    auto j = trame::read_file(src("templates/theme.json"));
    write_text(overlay.path / "theme.json",
         "{\"font\": {\"name\": \"Liberation Serif\", \"dir\": \"polices\", \"regular\": \"LiberationSerif-Regular.ttf\","
         " \"bold\": \"LiberationSerif-Bold.ttf\", \"italic\": \"LiberationSerif-Italic.ttf\","
         " \"bold_italic\": \"LiberationSerif-BoldItalic.ttf\"}" +
             j.substr(j.find(",\n  \"sizes\"")));
    auto r = run(isolated_cmd(m));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto fonts = run("pdffonts " + quote((out.path / "statuts.pdf").string())).out;
    CHECK(contains(fonts, "LiberationSerif"));
    CHECK_FALSE(contains(fonts, "LiberationSans"));
  }
}

TEST_CASE("an error in the overlay's template names the user's file") {
  TempDir overlay("trame_overlay_error"), out("trame_overlay_error_out");
  write_text(overlay.path / "statuts.xml", "<?xml version=\"1.0\"?>\n<document xmlns=\"urn:trame:template:1\">\n<p>ouvert\n</document>\n");
  auto r = run(isolated_cmd("--modeles " + quote(overlay.path.string()) + " render statuts " + sample + " --out " +
                   quote(out.path.string())));
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, (overlay.path / "statuts.xml").string()));
  CHECK_FALSE(fs::exists(out.path / "statuts.pdf"));
}

TEST_CASE("a mistyped filter in the user's template gets the closest filter's name") {
  TempDir overlay("trame_overlay_filter"), out("trame_overlay_filter_out");
  std::string t = trame::read_file(src("templates/statuts.xml"));
  const std::string filter = "| money }}";
  REQUIRE(contains(t, filter));
  t.replace(t.find(filter), filter.size(), "| mony }}");
  write_text(overlay.path / "statuts.xml", t);
  auto r = run(isolated_cmd("--modeles " + quote(overlay.path.string()) + " render statuts " + sample + " --out " +
                   quote(out.path.string())));
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "[trame.template.E104]"));
  CHECK(contains(r.err, "filtre inconnu « mony » (vouliez-vous dire « money » ?)"));
}
