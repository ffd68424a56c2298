// Diagnostics about list items name the item as a person would (issue 15):
// « 7e professionnel (Sophie Marie) » beside the JSON path, which counts from 0.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"
#include "common/files.hpp"
#include "dossier/dossier.hpp"
#include "dossier/item_names.hpp"

using nlohmann::json;
using trame::Diagnostic;

namespace {

json sud_manche() { return json::parse(trame::read_file(std::string(TRAME_SOURCE_DIR) + "/samples/sud-manche.json")); }

// The diagnostics of loading `d` whose path is `pointer`.
std::vector<Diagnostic> at(const json& d, const std::string& pointer) {
  std::vector<Diagnostic> out;
  try {
    trame::dossier::load_text(d.dump(2), "d.json");
  } catch (const trame::Error& e) {
    for (const auto& x : e.diagnostics())
      if (x.json_path == pointer) out.push_back(x);
  }
  return out;
}

}  // namespace

TEST_CASE("item names: a schema error on a list item names the item, its path kept") {
  json d = sud_manche();
  d["collectif"]["professionnels"][6]["categorie"] = "";
  auto e = at(d, "/collectif/professionnels/6/categorie");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message.rfind("7e professionnel (Sophie Marie) : texte vide", 0) == 0);
  CHECK(e[0].line > 0);
  CHECK(e[0].format().find("(/collectif/professionnels/6/categorie) 7e professionnel (Sophie Marie) :") != std::string::npos);
}

TEST_CASE("item names: nested lists, budget lines, fiches actions, communes") {
  json d = sud_manche();
  d["copils"][0]["participants"][2]["fonction"] = "";
  d["budget_previsionnel"]["charges"][3]["libelle"] = std::string(6000, 'x');
  d["projet_sante"]["actions"][1]["finalite"] = "";
  d["territoire"]["communes"][0]["population"] = -1;
  auto copil = at(d, "/copils/0/participants/2/fonction");
  REQUIRE(copil.size() == 1);
  CHECK(copil[0].message.rfind("1er COPIL (20 mai 2027) › 3e participant (Hélène Vautier) : ", 0) == 0);
  auto line = at(d, "/budget_previsionnel/charges/3/libelle");
  REQUIRE(line.size() == 1);
  // A name longer than 60 characters is cut.
  CHECK(line[0].message.rfind("4e ligne de charges (" + std::string(60, 'x') + "…) : texte trop long", 0) == 0);
  auto action = at(d, "/projet_sante/actions/1/finalite");
  REQUIRE(action.size() == 1);
  CHECK(action[0].message.rfind("2e fiche action (Organisation territoriale des soins non programmés) : ", 0) == 0);
  auto commune = at(d, "/territoire/communes/0/population");
  REQUIRE(commune.size() == 1);
  CHECK(commune[0].message.rfind("1re commune (Granville) : ", 0) == 0);
}

TEST_CASE("item names: a business rule on an item, sentence case inside the message") {
  json d = sud_manche();
  d["calendrier"][2]["date"] = "2020-01-01";
  auto e = at(d, "/calendrier/2/date");
  REQUIRE(e.size() == 1);
  CHECK(e[0].id == "trame.dossier.E304");
  // The message quotes the step's name: the item is given by its rank alone, not named twice.
  CHECK(e[0].message.rfind("3e étape du calendrier : les étapes du calendrier ne sont pas dans l’ordre : « " +
                               d["calendrier"][2]["etape"].get<std::string>() + " »",
                           0) == 0);
}

TEST_CASE("item names: a rule that names both items is left as it is") {
  json d = sud_manche();
  d["territoire"]["communes"][5]["code_insee"] = d["territoire"]["communes"][0]["code_insee"];
  auto e = at(d, "/territoire/communes/5/code_insee");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "Le code INSEE 50218 figure deux fois : 1re commune (Granville) et 6e commune (Yquelon).");
}

TEST_CASE("item names: not a list item, or a list the model does not name: message unchanged") {
  json d = sud_manche();
  CHECK(trame::dossier::items_along(d, "/cpts/nom").empty());
  CHECK(trame::dossier::items_along(d, "/contrat/indicateurs/0/cibles/2") ==
        "1er indicateur (" + d["contrat"]["indicateurs"][0]["libelle"].get<std::string>() + ")");
  CHECK(trame::dossier::item_label(d, "/collectif/professionnels", 999).rfind("1000e professionnel", 0) == 0);
  CHECK(trame::dossier::items_along(d, "/collectif/professionnels/99999999999999999999").empty());
}
