// Installation files a user can change (TRAME_DATA_DIR, --modeles) loaded with
// limits (issue 15): a $ref loop in the dossier schema, a template or theme that
// is a FIFO, each a clear error in French with the file, never a hang or a crash.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "e2e/e2e.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trame::test;

namespace {

// A copy of the installation's data (templates/, models/) whose schema `edit` changes.
fs::path data_copy(const TempDir& t, void (*edit)(json&)) {
  fs::path data = t.path / "data";
  fs::create_directories(data);
  fs::copy(src("templates"), data / "templates", fs::copy_options::recursive);
  fs::copy(src("models"), data / "models", fs::copy_options::recursive);
  json schema = json::parse(std::ifstream(data / "models" / "dossier.schema.json"));
  edit(schema);
  std::ofstream(data / "models" / "dossier.schema.json") << schema.dump(1);
  return data;
}

RunResult validate_with(const fs::path& data) {
  return run("env -u TRAME_MODELES XDG_CONFIG_HOME=/nonexistent TRAME_DATA_DIR=" + quote(data.string()) + " timeout 60 " +
             cmd("validate " + quote(sample("sud-manche.json").string())));
}

}  // namespace

TEST_CASE("installation: a $ref loop in the dossier schema is a template error naming the loop, not a stack overflow") {
  TempDir t("trame_refloop");
  auto r = validate_with(data_copy(t, [](json& s) {
    s["definitions"]["boucle_a"] = {{"$ref", "#/definitions/boucle_b"}};
    s["definitions"]["boucle_b"] = {{"$ref", "#/definitions/boucle_a"}};
    s["properties"]["cpts"] = {{"$ref", "#/definitions/boucle_a"}};
  }));
  INFO(r.err);
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "[trame.modeles.E002]"));
  CHECK(contains(r.err, "dossier.schema.json"));
  CHECK(contains(r.err, "boucle de références « $ref » dans le modèle de dossier : #/definitions/boucle_a → "
                        "#/definitions/boucle_b → #/definitions/boucle_a"));
}

TEST_CASE("installation: a definition that refers to itself, an external or a missing $ref are refused the same way") {
  TempDir self("trame_refself"), external("trame_refext"), missing("trame_refmissing");
  auto r1 = validate_with(data_copy(self, [](json& s) {
    s["definitions"]["personne"]["properties"]["conjoint"] = {{"$ref", "#/definitions/personne"}};
  }));
  CHECK(r1.exit_code == 3);
  CHECK(contains(r1.err, "#/definitions/personne → #/definitions/personne"));
  auto r2 = validate_with(data_copy(external, [](json& s) { s["properties"]["cpts"] = {{"$ref", "file:///etc/passwd"}}; }));
  CHECK(r2.exit_code == 3);
  CHECK(contains(r2.err, "« file:///etc/passwd » désigne un autre fichier"));
  CHECK_FALSE(contains(r2.err, "root:"));
  auto r3 = validate_with(data_copy(missing, [](json& s) { s["properties"]["cpts"] = {{"$ref", "#/definitions/absente"}}; }));
  CHECK(r3.exit_code == 3);
  CHECK(contains(r3.err, "référence « $ref » introuvable : « #/definitions/absente »"));
}

TEST_CASE("installation: a template or a theme that is a FIFO is refused at once, never waited on") {
  // A template is a template error (3), theme.json a file that cannot be read (4).
  for (auto [name, code] : {std::pair{"lettre-intention.xml", 3}, std::pair{"theme.json", 4}}) {
    INFO(name);
    TempDir t("trame_fifo_template");
    fs::path mine = t.path / "modeles";
    fs::create_directories(mine);
    REQUIRE(run("mkfifo " + quote((mine / name).string())).exit_code == 0);
    auto r = run("env -u TRAME_DATA_DIR XDG_CONFIG_HOME=/nonexistent timeout 60 " +
                 cmd("render lettre-intention " + quote(sample("sud-manche.json").string()) + " --modeles " +
                     quote(mine.string()) + " --out " + quote((t.path / "out").string())));
    INFO(r.err);
    CHECK(r.exit_code == code);
    CHECK(contains(r.err, name));
    CHECK(contains(r.err, "n’est pas un fichier ordinaire (tube, périphérique"));
  }
}
