#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <tuple>

#include "common/files.hpp"
#include "dossier/dossier.hpp"
#include "dossier/rules.hpp"
#include "dossier/source_map.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using trame::Diagnostic;

static fs::path sample(const std::string& name) { return fs::path(TRAME_SOURCE_DIR) / "samples" / name; }

static std::vector<Diagnostic> errors_of(const fs::path& p) {
  try {
    trame::dossier::load(p);
  } catch (const trame::Error& e) {
    CHECK(e.kind() == trame::ErrorKind::InvalidInput);
    return e.diagnostics();
  }
  return {};
}

static std::vector<Diagnostic> rules_of(const json& d) {
  std::vector<Diagnostic> out;
  for (auto& x : trame::dossier::rules::check_all(d, "d.json"))
    if (x.severity == trame::Severity::Error) out.push_back(x);
  return out;
}

// Checks that the business rules find exactly one error on `d`: `id`, at `path`
// unless empty, worded `message` unless empty.
static void check_only_error(const json& d, const std::string& id, const std::string& path = "",
                             const std::string& message = "") {
  auto e = rules_of(d);
  REQUIRE(e.size() == 1);
  CHECK(e[0].id == id);
  if (!path.empty()) CHECK(e[0].json_path == path);
  if (!message.empty()) CHECK(e[0].message == message);
}

static json sud_manche() { return json::parse(trame::read_file(sample("sud-manche.json"))); }

// Sud Manche without its orientations on `mission`.
static json without_orientations_on(const std::string& mission) {
  json d = sud_manche();
  json kept = json::array();
  for (auto& o : d["orientations"])
    if (o["mission"] != mission) kept.push_back(o);
  d["orientations"] = kept;
  return d;
}

// Sud Manche as one commune of 9,000 inhabitants: too small a territory (a warning).
static json small_territory() {
  json d = sud_manche();
  d["territoire"]["communes"] = json::array({{{"nom", "X"}, {"code_insee", "50001"}, {"population", 9000}}});
  d["territoire"]["population"] = 9000;
  d["territoire"].erase("intercommunalites");
  d.erase("budget_previsionnel");  // sized 1, the contract's schedule no longer pays what the budget plans (W339)
  return d;
}

static json loir() { return json::parse(trame::read_file(sample("vallee-du-loir.json"))); }

// The full pipeline on an in-memory dossier: errors (thrown) and warnings.
struct Outcome {
  std::vector<Diagnostic> errors, warnings;
};
static Outcome load_json(const json& d) {
  Outcome o;
  try {
    trame::dossier::load_text(d.dump(2), "d.json", &o.warnings);
  } catch (const trame::Error& e) {
    CHECK(e.kind() == trame::ErrorKind::InvalidInput);
    o.errors = e.diagnostics();
  }
  return o;
}

// The diagnostics load_text() throws for `text` (none if it loads).
static std::vector<Diagnostic> load_text_errors(const std::string& text) {
  try {
    trame::dossier::load_text(text, "d.json");
  } catch (const trame::Error& e) {
    return e.diagnostics();
  }
  return {};
}

// The one diagnostic a malformed text gives.
static Diagnostic syntax(const std::string& text) {
  try {
    trame::dossier::parse_json(text, "x.json");
  } catch (const trame::Error& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].id == "trame.dossier.E001");
    return e.diagnostics()[0];
  }
  FAIL("parsed without error: " << text);
  return {};
}

TEST_CASE("the bundled samples load without error, and with no warning but the one their dates call for") {
  for (const char* s : {"sud-manche.json", "vallee-du-loir.json"}) {
    INFO(s);
    std::vector<Diagnostic> warnings;
    json d = trame::dossier::load(sample(s), &warnings);
    CHECK(d.contains("cpts"));
    for (const auto& w : warnings) INFO(w.format());
    if (std::string(s) == "sud-manche.json") {
      CHECK(warnings.empty());
    } else {
      // Its lettre d'intention (2 March 2026) precedes the association's creation (20 April 2026).
      REQUIRE(warnings.size() == 1);
      CHECK(warnings[0].id == "trame.dossier.W330");
      CHECK(warnings[0].json_path == "/cpts/date_creation");
    }
  }
  json d = sud_manche();
  CHECK(d["territoire"]["communes"].size() == 60);
  CHECK(d["territoire"]["population"] == 60200);
  long long gtm = 0, vi = 0;
  for (size_t i = 0; i < 60; ++i) (i < 33 ? gtm : vi) += d["territoire"]["communes"][i]["population"].get<long long>();
  CHECK(gtm == 44464);  // CC Granville Terre et Mer, seed 004
  CHECK(vi == 15736);   // Villedieu Intercom
  json l = loir();
  CHECK(l["territoire"]["communes"].size() == 73);
  CHECK(l["territoire"]["population"] == 105452);
  for (const json* x : {&d, &l}) {
    std::set<std::string> missions;
    for (const auto& o : (*x)["orientations"]) missions.insert(o["mission"]);
    for (const char* m : {"acces", "parcours", "prevention", "crises"}) CHECK(missions.count(m) == 1);
  }
}

TEST_CASE("malformed JSON: file, line, column and a French message") {
  auto e = errors_of(sample("invalides/json-mal-forme.json"));
  REQUIRE(e.size() == 1);
  CHECK(e[0].id == "trame.dossier.E001");
  // The comma is missing after "CPTS Sud Manche" on line 4: point just after it.
  CHECK(e[0].line == 4);
  CHECK(e[0].column == 29);
  CHECK(e[0].json_path.empty());
  CHECK(e[0].message == "JSON mal formé : virgule manquante entre deux champs (ou accolade fermante « } » oubliée)");
  CHECK(e[0].format().find("json-mal-forme.json:4:29: JSON mal formé") != std::string::npos);
}

TEST_CASE("malformed JSON: each usual hand-editing mistake is named, where it is") {
  struct Case {
    const char* text;
    int line, column;
    const char* message_start;
  };
  const Case cases[] = {
      {"{\n  \"a\": 1\n  \"b\": 2\n}", 2, 9, "JSON mal formé : virgule manquante entre deux champs"},
      {"{\n  \"a\": [1, 2\n   3]\n}", 2, 13, "JSON mal formé : virgule manquante entre deux éléments de la liste"},
      {"{\n  \"a\": 1,\n}", 2, 9, "JSON mal formé : virgule en trop avant « } »"},
      {"{\"a\": [1, 2,]}", 1, 12, "JSON mal formé : virgule en trop avant « ] »"},
      {"{\n  \"taux\": 8,1\n}", 2, 12, "JSON mal formé : nombre écrit avec une virgule : le séparateur décimal est le point"},
      {"{\n  // note\n  \"a\": 1\n}", 2, 3, "JSON mal formé : les commentaires"},
      {"{'a': 1}", 1, 2, "JSON mal formé : guillemets simples"},
      {"{a: 1}", 1, 2, "JSON mal formé : nom de champ sans guillemets"},
      {"{\"a\": 'x'}", 1, 7, "JSON mal formé : guillemets simples"},
      {"{\"a\": \xE2\x80\x9Cx\xE2\x80\x9D}", 1, 7, "JSON mal formé : guillemets typographiques"},
      {"{\"a\": oui}", 1, 7, "JSON mal formé : valeur invalide : un texte s’écrit entre guillemets droits"},
      {"{\"a\": True}", 1, 7, "JSON mal formé : valeur invalide"},
      {"{\"a\": \"ligne\nsuite\"}", 1, 13, "JSON mal formé : retour à la ligne dans un texte"},
      {"{\"a\": \"\xE9t\xE9\"}", 1, 8, "JSON mal formé : caractère illisible : le fichier doit être enregistré en UTF-8"},
      {"{\n  \"a\": {\n    \"b\": 1\n  }\n", 4, 4, "JSON mal formé : le fichier s’arrête alors qu’une accolade « { » ouverte ligne 1, colonne 1 n’est pas refermée"},
      {"{\"a\": [1, 2}", 1, 12, "JSON mal formé : « } » inattendu : le crochet « [ » ouvert ligne 1, colonne 7"},
      {"{\"a\": 1}}", 1, 9, "JSON mal formé : texte en trop après la fin du dossier"},
      {"", 1, 1, "JSON mal formé : le fichier est vide"},
      {"{\"a\" 1}", 1, 6, "JSON mal formé : deux-points « : » attendu"},
      {"{\"a\": 07}", 1, 7, "JSON mal formé : nombre mal écrit : pas de zéro en tête"},
      {"{\"a\": 1.}", 1, 7, "JSON mal formé : nombre mal écrit"},
      {"{\"a\": \"C:\\x\"}", 1, 10, "JSON mal formé : barre oblique inverse"},
      {"\xEF\xBB\xBF{\"a\": 1,}", 1, 8, "JSON mal formé : virgule en trop"},  // the byte order mark is not a column
  };
  for (const auto& c : cases) {
    INFO(c.text);
    Diagnostic d = syntax(c.text);
    CHECK(d.line == c.line);
    CHECK(d.column == c.column);
    CHECK(d.message.rfind(c.message_start, 0) == 0);
    CHECK(d.message.find("unexpected") == std::string::npos);  // nothing left in English
    CHECK(d.message.find("expected") == std::string::npos);
  }
}

TEST_CASE("columns count characters, not bytes") {
  Diagnostic d = syntax("{\"ville\": \"Évreux\" \"b\": 1}");
  CHECK(d.line == 1);
  CHECK(d.column == 19);  // just after "Évreux": É is one column although two bytes
}

TEST_CASE("schema violations: every one, with its JSON pointer, line, column and French wording") {
  auto e = errors_of(sample("invalides/schema-invalide.json"));
  REQUIRE(e.size() == 5);  // no generic summaries
  struct Expected {
    const char* id;
    const char* path;
    int line, column;
    const char* message;
  };
  // In file order; a missing field is located at the object that lacks it.
  const Expected expected[] = {
      {"trame.dossier.E102", "/cpts/nom", 3, 3, "champ obligatoire « nom » manquant (Nom de la CPTS)"},
      {"trame.dossier.E105", "/cpts/statut_association", 6, 5,
       "valeur « dissoute » non autorisée (valeurs possibles : creee, en_cours, non_creee)"},
      {"trame.dossier.E106", "/territoire/communes/3/code_insee", 277, 9,
       "4e commune (Bréhal) : code INSEE à 5 caractères attendu (ex. 50218, 2A004), reçu « 5007 »"},
      {"trame.dossier.E104", "/territoire/population", 561, 5,
       "type incorrect (attendu : un nombre entier ; trouvé : un texte) : écrire le nombre sans guillemets ni espaces (60200)"},
      {"trame.dossier.E103", "/territoire/popul", 562, 5, "propriété inconnue « popul » (vouliez-vous écrire « population » ?)"},
  };
  for (size_t i = 0; i < 5; ++i) {
    INFO(e[i].format());
    CHECK(e[i].id == expected[i].id);
    CHECK(e[i].json_path == expected[i].path);
    CHECK(e[i].line == expected[i].line);
    CHECK(e[i].column == expected[i].column);
    CHECK(e[i].message == expected[i].message);
  }
  CHECK(e[3].format() ==
        "[trame.dossier.E104] " + sample("invalides/schema-invalide.json").string() +
            ":561:5: (/territoire/population) type incorrect (attendu : un nombre entier ; trouvé : un texte) : écrire le "
            "nombre sans guillemets ni espaces (60200)");
}

TEST_CASE("schema: every unknown property of an object, not only the first") {
  json d = sud_manche();
  d["cpts"]["nmo"] = "x";
  d["cpts"]["telephone_portable"] = "06";
  auto e = trame::dossier::validate_schema(d, "d.json");
  REQUIRE(e.size() == 2);
  CHECK(e[0].json_path == "/cpts/nmo");
  CHECK(e[0].message == "propriété inconnue « nmo » (vouliez-vous écrire « nom » ?)");
  CHECK(e[1].json_path == "/cpts/telephone_portable");
  CHECK(e[1].message == "propriété inconnue « telephone_portable » (vouliez-vous écrire « telephone » ?)");
  d = sud_manche();
  d["territoire"]["zzz"] = 1;
  e = trame::dossier::validate_schema(d, "d.json");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "propriété inconnue « zzz » : ce champ n’existe pas à cet endroit du dossier (faute de frappe ?)");
}

TEST_CASE("schema: the other kinds of violation, in French") {
  auto one = [](const json& d) {
    auto e = trame::dossier::validate_schema(d, "d.json");
    REQUIRE(e.size() == 1);
    return e[0];
  };
  json d = sud_manche();
  d["engagement_missions_socle"] = "oui";
  auto e = one(d);
  CHECK(e.id == "trame.dossier.E104");
  CHECK(e.message == "type incorrect (attendu : true ou false ; trouvé : un texte) : écrire true ou false, sans guillemets");
  d = sud_manche();
  d["territoire"]["communes"][0]["code_insee"] = 50218;
  CHECK(one(d).message ==
        "type incorrect (attendu : un texte ; trouvé : un nombre entier) : un code ou un numéro s’écrit entre guillemets (\"50218\")");
  d = sud_manche();
  d["contrat"]["indicateurs"][0]["cibles"][1] = "52000";  // type ["number", "null"]
  e = one(d);
  CHECK(e.json_path == "/contrat/indicateurs/0/cibles/1");
  CHECK(e.message.rfind("type incorrect (attendu : un nombre ou null ; trouvé : un texte)", 0) == 0);
  d = sud_manche();
  d["contrat"]["indicateurs"][0]["cibles"].push_back(1);
  d["contrat"]["indicateurs"][0]["cibles"].push_back(2);
  e = one(d);
  CHECK(e.id == "trame.dossier.E109");
  CHECK(e.message == "liste trop longue : 7 éléments, au plus 5 permis");
  d = sud_manche();
  d["contrat"]["indicateurs"][0]["poids"] = 0;
  CHECK(one(d).message == "valeur 0 non permise : un nombre strictement positif est attendu");
  d = sud_manche();
  d["budget_previsionnel"]["annees"][0] = 2300;
  e = one(d);
  CHECK(e.id == "trame.dossier.E110");
  CHECK(e.message == "valeur 2300 trop grande (maximum : 2100)");
  d = sud_manche();
  d["budget_amorcage"]["charges"][0]["montant"] = -5;
  CHECK(one(d).message == "valeur -5 trop petite (minimum : 0)");
  d = sud_manche();
  d["cpts"]["nom"] = "";
  CHECK(one(d).message == "texte vide : le remplir ou retirer le champ s’il est facultatif");
  d = sud_manche();
  d["calendrier"][0]["date"] = "07/04/2025";
  e = one(d);
  CHECK(e.id == "trame.dossier.E106");
  CHECK(e.message == "date au format AAAA-MM-JJ attendue (ex. 2025-03-01), reçu « 07/04/2025 »");
  d = sud_manche();
  d["cpts"].erase("contact");
  CHECK(one(d).message == "champ obligatoire « contact » manquant (Personne à contacter)");
}

TEST_CASE("every diagnostic of load() carries the line and column of its pointer, in file order") {
  json d = sud_manche();
  d["territoire"]["population"] = 60000;
  d["territoire"]["intercommunalites"][0]["population"] = 44264;
  d["budget_amorcage"]["produits"][2]["montant"] = 3500;
  std::string text = d.dump(2);
  std::vector<Diagnostic> problems = load_text_errors(text);
  REQUIRE(problems.size() == 2);
  for (size_t i = 1; i < problems.size(); ++i)
    CHECK(std::pair(problems[i - 1].line, problems[i - 1].column) <= std::pair(problems[i].line, problems[i].column));
  for (const auto& p : problems) {
    INFO(p.format());
    REQUIRE(p.line > 0);
    // The line named is the one holding the member the pointer names.
    std::string key = "\"" + p.json_path.substr(p.json_path.rfind('/') + 1) + "\"";
    size_t start = 0;
    for (int l = 1; l < p.line; ++l) start = text.find('\n', start) + 1;
    CHECK(text.compare(start + p.column - 1, key.size(), key) == 0);
  }
}

TEST_CASE("a field written twice in one object is an error, not a silent overwrite") {
  std::string text = trame::read_file(sample("sud-manche.json"));
  size_t at = text.find("\"population\": 60200");
  REQUIRE(at != std::string::npos);
  text.insert(at, "\"population\": 61000,\n    ");
  std::vector<Diagnostic> errors = load_text_errors(text);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].id == "trame.dossier.E002");
  CHECK(errors[0].json_path == "/territoire/population");
  CHECK(errors[0].message.rfind("champ « population » écrit deux fois dans le même objet (déjà ligne ", 0) == 0);
}

TEST_CASE("the source map follows every member and element, escapes included") {
  std::string text = "{\n  \"a\": [\n    {\"b~c/d\": 1},\n    [true, \"x\\\"]\"]\n  ],\n  \"\\u00e9t\\u00e9\": {}\n}";
  trame::dossier::SourceMap map(text);
  CHECK(map.position("") == std::pair(1, 1));
  CHECK(map.position("/a") == std::pair(2, 3));
  CHECK(map.position("/a/0") == std::pair(3, 5));
  CHECK(map.position("/a/0/b~0c~1d") == std::pair(3, 6));
  CHECK(map.position("/a/1/1") == std::pair(4, 12));
  CHECK(map.position("/\xC3\xA9t\xC3\xA9") == std::pair(6, 3));
  CHECK(map.position("/a/0/missing") == std::pair(3, 5));  // nearest existing parent
  CHECK(map.duplicates().empty());
}

TEST_CASE("the quick duplicates scan finds what the full source map finds") {
  using trame::dossier::SourceMap;
  const std::vector<std::string> texts = {
      "{\"a\": 1, \"b\": 2, \"a\": 3}",
      "\xEF\xBB\xBF{\n  \"x\": {\"y\": [1, {\"z\": 1, \"z\": 2}], \"y\": null},\n  \"x\": true\n}",
      "[{\"k\": 1}, {\"k\": 2, \"k\": 3, \"k\": 4}, [[{\"a~b/c\": 0, \"a~b/c\": 1}]]]",
      "{\"\\u00e9t\\u00e9\": 1, \"\xC3\xA9t\xC3\xA9\": 2, \"q\\\"\": 3, \"q\\\"\": 4, \"r\": \"\\\\\", \"r\": \"}\"}",
      "{\"l\u00e9gende\": \"a\", \"s\": \"{\\\"no\\\": 1, \\\"no\\\": 2}\", \"\": 1, \"\": 2}",
      "{\"a\": {}, \"b\": [], \"c\": [{}], \"a\": {\"a\": 1}}",
      "42",
  };
  for (const auto& text : texts) {
    INFO(text);
    REQUIRE_NOTHROW(json::parse(text));
    SourceMap full(text), quick(text, SourceMap::Scope::Duplicates);
    REQUIRE(quick.duplicates().size() == full.duplicates().size());
    for (size_t k = 0; k < full.duplicates().size(); ++k) {
      const auto &a = full.duplicates()[k], &b = quick.duplicates()[k];
      CHECK(a.pointer == b.pointer);
      CHECK(std::tie(a.first_line, a.first_column, a.line, a.column) ==
            std::tie(b.first_line, b.first_column, b.line, b.column));
    }
  }
  // A real dossier with one field written twice, deep inside.
  std::string text = trame::read_file(sample("sud-manche.json"));
  size_t at = text.find("\"population\": 60200");
  REQUIRE(at != std::string::npos);
  text.insert(at, "\"population\": 61000,\n    ");
  SourceMap quick(text, SourceMap::Scope::Duplicates);
  REQUIRE(quick.duplicates().size() == 1);
  CHECK(quick.duplicates()[0].pointer == "/territoire/population");
  CHECK(quick.duplicates()[0].line == SourceMap(text).duplicates()[0].line);
}

TEST_CASE("the parser builds what json::parse builds and notices what the scans find") {
  using trame::dossier::SourceMap;
  // Each text: does it have a member written twice, an integer above 2^63 - 1?
  const std::vector<std::tuple<std::string, bool, bool>> texts = {
      {"{\"a\": 1, \"b\": 2, \"a\": 3}", true, false},
      {"\xEF\xBB\xBF{\n  \"x\": {\"y\": [1, {\"z\": 1, \"z\": 2}], \"y\": null},\n  \"x\": true\n}", true, false},
      {"[{\"k\": 1}, {\"k\": 2}, [[{\"a~b/c\": 0, \"b\": [18446744073709551615]}]]]", false, true},
      {"{\"\\u00e9t\\u00e9\": 1, \"\xC3\xA9t\xC3\xA9\": 2}", true, false},
      {"{\"n\": 9223372036854775807, \"m\": -9223372036854775808, \"f\": 1e300, \"s\": \"\\u0000\"}", false, false},
      {"{\"a\": {}, \"b\": [], \"c\": [{}, [], \"\"], \"d\": {\"a\": 1}}", false, false},
      {"42", false, false},
      {"[]", false, false},
  };
  for (const auto& [text, duplicates, huge] : texts) {
    INFO(text);
    trame::dossier::ParseFindings found;
    const json built = trame::dossier::parse_json(text, "d.json", &found);
    CHECK(built == json::parse(text));  // the last of two members wins, as there
    CHECK(found.duplicates == duplicates);
    CHECK(found.duplicates == !SourceMap(text).duplicates().empty());
    CHECK(found.huge_numbers == huge);
  }
}

TEST_CASE("a limit passed is reported even after a syntax error, as when the whole text was scanned first") {
  const std::string deep = "{\"a\": 1 \"b\": " + std::string(100, '[') + std::string(100, ']') + "}";
  try {
    trame::dossier::parse_json(deep, "d.json");
    FAIL("accepted");
  } catch (const trame::Error& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].id == "trame.dossier.E003");
    CHECK(e.diagnostics()[0].message.find("imbrication trop profonde") != std::string::npos);
    // The 64th bracket, the 65th container opened with the brace (columns count from 1).
    CHECK(e.diagnostics()[0].column == static_cast<int>(deep.find('[')) + 64);
  }
  // Without a limit passed, the syntax error itself (the missing comma).
  try {
    trame::dossier::parse_json("{\"a\": 1 \"b\": [[]]}", "d.json");
    FAIL("accepted");
  } catch (const trame::Error& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].id == "trame.dossier.E001");
    CHECK(e.diagnostics()[0].message.find("virgule manquante") != std::string::npos);
  }
}

TEST_CASE("business rules: every violation with figures") {
  auto e = errors_of(sample("invalides/regles-invalides.json"));
  std::vector<std::string> ids;
  for (const auto& d : e) ids.push_back(d.id);
  CHECK(ids == std::vector<std::string>{"trame.dossier.E301", "trame.dossier.E304", "trame.dossier.E305",
                                        "trame.dossier.E312"});
  for (const auto& d : e) {
    CHECK(d.line > 0);
    if (d.id == "trame.dossier.E301") {
      CHECK(d.json_path == "/territoire/population");
      CHECK(d.message ==
            "La population déclarée (60\u202F000) ne correspond pas à la somme des communes (60\u202F200), écart de 200.");
    }
    if (d.id == "trame.dossier.E305") {
      CHECK(d.json_path == "/budget_amorcage");
      CHECK(d.message == "Le budget d’amorçage n’est pas équilibré : total des charges 25\u202F000\u00A0€, total des "
                         "produits 24\u202F500\u00A0€, différence 500\u00A0€.");
    }
    if (d.id == "trame.dossier.E304") {
      CHECK(d.json_path == "/calendrier/2/date");
      // The step is quoted by name in the message: the item is named by its rank only.
      CHECK(d.message == "3e étape du calendrier : les étapes du calendrier ne sont pas dans l’ordre : « Ateliers de "
                         "diagnostic partagé » (1er mai 2025) vient avant l’étape précédente (2 juin 2025).");
    }
  }
}

TEST_CASE("each rule fires on its own") {
  SECTION("population is not the sum of the communes") {
    json d = sud_manche();
    d["territoire"]["communes"][1]["population"] = d["territoire"]["communes"][1]["population"].get<int>() + 200;
    d["territoire"]["intercommunalites"][0]["population"] = 44664;
    d["territoire"]["population"] = 60400;
    d["territoire"]["communes"][1]["population"] = d["territoire"]["communes"][1]["population"].get<int>() - 200;
    check_only_error(d, "trame.dossier.E301", "",
                     "La population déclarée (60\u202F400) ne correspond pas à la somme des communes (60\u202F200), écart de 200.");
  }
  SECTION("intercommunalities that do not add up") {
    json d = sud_manche();
    d["territoire"]["intercommunalites"][1]["communes"] = 26;
    check_only_error(d, "trame.dossier.E309", "",
                     "Les intercommunalités comptent 59 communes, la liste des communes en compte 60.");
  }
  SECTION("duplicate INSEE code") {
    json d = sud_manche();
    d["territoire"]["communes"][5]["code_insee"] = d["territoire"]["communes"][0]["code_insee"];
    check_only_error(d, "trame.dossier.E302", "/territoire/communes/5/code_insee",
                     "Le code INSEE 50218 figure deux fois : 1re commune (Granville) et 6e commune (Yquelon).");
  }
  SECTION("impossible date in the letter") {
    json d = sud_manche();
    d["lettre_intention"]["date"] = "2025-02-30";
    check_only_error(d, "trame.dossier.E303", "/lettre_intention/date",
                     "La date « 2025-02-30 » n’existe pas dans le calendrier.");
  }
  SECTION("29 February only in leap years") {
    json d = sud_manche();
    d["lettre_intention"]["date"] = "2024-02-29";
    CHECK(rules_of(d).empty());
    d["lettre_intention"]["date"] = "2025-02-29";
    CHECK(rules_of(d).size() == 1);
  }
  SECTION("impossible date in the calendar") {
    json d = sud_manche();
    d["calendrier"][1]["date"] = "2025-06-31";
    check_only_error(d, "trame.dossier.E303", "/calendrier/1/date");
  }
  SECTION("calendar out of order") {
    json d = sud_manche();
    std::swap(d["calendrier"][3], d["calendrier"][4]);
    check_only_error(d, "trame.dossier.E304", "/calendrier/4/date");
  }
  SECTION("unbalanced budget d’amorçage") {
    json d = sud_manche();
    d["budget_amorcage"]["charges"].push_back({{"libelle", "Site internet"}, {"montant", 1200.5}});
    check_only_error(d, "trame.dossier.E305", "",
                     "Le budget d’amorçage n’est pas équilibré : total des charges 26\u202F200,50\u00A0€, total des "
                     "produits 25\u202F000\u00A0€, différence 1\u202F200,50\u00A0€.");
  }
  SECTION("no commitment on the socle missions") {
    json d = sud_manche();
    d["engagement_missions_socle"] = false;
    check_only_error(d, "trame.dossier.E306", "/engagement_missions_socle");
  }
  SECTION("a socle mission without orientation") {
    json d = without_orientations_on("prevention");
    check_only_error(d, "trame.dossier.E307", "",
                     "Aucune orientation ne porte sur la prévention (mission socle « prevention ») : chaque "
                     "mission socle doit figurer dans le projet.");
  }
  SECTION("no orientation on health crises is a warning") {
    json d = without_orientations_on("crises");
    CHECK(rules_of(d).empty());
    auto all = trame::dossier::rules::check_all(d, "d.json");
    REQUIRE(all.size() == 1);
    CHECK(all[0].severity == trame::Severity::Warning);
    CHECK(all[0].id == "trame.dossier.W402");
  }
  SECTION("SIRET with a wrong check digit, or missing for a created association") {
    json d = sud_manche();
    d.erase("contrat");
    std::string s = d["cpts"]["siret"];
    s.back() = s.back() == '9' ? '0' : s.back() + 1;
    d["cpts"]["siret"] = s;
    auto e = rules_of(d);
    REQUIRE(e.size() == 1);
    CHECK(e[0].id == "trame.dossier.E308");
    CHECK(e[0].message.find("clé de contrôle fausse") != std::string::npos);
    d["cpts"].erase("siret");
    e = rules_of(d);
    REQUIRE(e.size() == 1);
    CHECK(e[0].message.find("SIRET est nécessaire") != std::string::npos);
    d["cpts"]["statut_association"] = "en_cours";  // no SIRET yet: fine for a lettre d'intention
    CHECK(rules_of(d).empty());
  }
  SECTION("a SIRET that is not 14 digits is a schema error") {
    json d = sud_manche();
    d["cpts"]["siret"] = "912 345 678 00011";
    auto e = trame::dossier::validate_schema(d, "d.json");
    REQUIRE(e.size() == 1);
    CHECK(e[0].id == "trame.dossier.E106");
    CHECK(e[0].json_path == "/cpts/siret");
  }
  SECTION("a contract requires the SIRET; contract errors carry /contrat pointers") {
    json d = sud_manche();
    d["cpts"].erase("siret");
    d["cpts"]["statut_association"] = "en_cours";
    check_only_error(d, "trame.dossier.E308");
    d = sud_manche();
    d["contrat"]["missions"][1]["debut"] = "2029-01-01";
    check_only_error(d, "trame.funding.E103", "/contrat/missions/1/debut");
  }
  SECTION("small population is only a warning") {
    json d = small_territory();
    auto all = trame::dossier::rules::check_all(d, "d.json");
    REQUIRE(all.size() == 1);
    CHECK(all[0].severity == trame::Severity::Warning);
    CHECK(all[0].id == "trame.dossier.W401");
    CHECK(all[0].message == "Population de 9\u202F000 habitants : l’ARS attend en général un territoire de plus de "
                            "15\u202F000 habitants.");
  }
}

TEST_CASE("warnings do not stop loading, errors all come at once") {
  json d = small_territory();
  Outcome o = load_json(d);
  CHECK(o.errors.empty());
  REQUIRE(o.warnings.size() == 1);
  CHECK(o.warnings[0].id == "trame.dossier.W401");
  CHECK(o.warnings[0].line > 0);

  d = sud_manche();
  d["territoire"]["population"] = 1;
  d["territoire"].erase("intercommunalites");
  d["engagement_missions_socle"] = false;
  d["lettre_intention"]["date"] = "2025-13-01";
  d["budget_amorcage"]["produits"][0]["montant"] = 14000;
  d.erase("budget_previsionnel");  // sized 1, the schedule would no longer pay what the budget plans (W339)
  o = load_json(d);
  std::set<std::string> ids;
  for (const auto& e : o.errors) ids.insert(e.id);
  CHECK(ids == std::set<std::string>{"trame.dossier.E301", "trame.dossier.E303", "trame.dossier.E305",
                                     "trame.dossier.E306"});
  CHECK(o.warnings.size() == 1);  // the population of 1 is also under 15 000

  // Schema errors stop before the rules (which need a well-formed dossier).
  d["cpts"].erase("nom");
  o = load_json(d);
  REQUIRE(o.errors.size() == 1);
  CHECK(o.errors[0].id == "trame.dossier.E102");
}

TEST_CASE("SIRET checksum") {
  CHECK(trame::dossier::rules::siret_checksum_ok("73282932000074"));
  CHECK_FALSE(trame::dossier::rules::siret_checksum_ok("73282932000075"));
}

// ---- Submission pack rules (issue 4) ------------------------------------------

static std::vector<Diagnostic> only(const json& d, const std::string& id) {
  std::vector<Diagnostic> out;
  for (auto& x : rules_of(d))
    if (x.id == id) out.push_back(x);
  return out;
}

TEST_CASE("budget prévisionnel: balanced each year, 86 = 87, one amount a year") {
  json d = sud_manche();
  REQUIRE(rules_of(d).empty());
  d["budget_previsionnel"]["charges"][0]["montants"][2] = 12000;  // +2 000 € of charges in 2028
  auto e = only(d, "trame.dossier.E312");
  REQUIRE(e.size() == 1);
  CHECK(e[0].json_path == "/budget_previsionnel");
  // 2028 in the sample: direct charges 281 100 € and indirect 3 200 € (+ 2 000 €), products 284 300 €.
  CHECK(e[0].message == "Le budget 2028 n’est pas équilibré : total des charges 286\u202F300\u00A0€, total des produits "
                        "284\u202F300\u00A0€, différence 2\u202F000\u00A0€.");
  // Indirect charges count in the total of charges (seed 002's model budget).
  d = sud_manche();
  d["budget_previsionnel"]["charges_indirectes"][0]["montants"][2] = 5000;  // +2 000 € in 2028
  e = only(d, "trame.dossier.E312");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "Le budget 2028 n’est pas équilibré : total des charges 286\u202F300\u00A0€, total des produits "
                        "284\u202F300\u00A0€, différence 2\u202F000\u00A0€.");
  d = sud_manche();
  d["budget_previsionnel"]["contributions"]["ressources"][1]["montants"][0] = 11000;
  e = only(d, "trame.dossier.E313");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message.find("2026") != std::string::npos);
  CHECK(only(d, "trame.dossier.E312").size() == 0);  // the in-kind contributions sit outside the main balance
  d = sud_manche();
  d["budget_previsionnel"]["produits"][3]["montants"] = json::array({4800, 3300});
  e = only(d, "trame.dossier.E311");
  REQUIRE(e.size() == 1);
  CHECK(e[0].json_path == "/budget_previsionnel/produits/3/montants");
}

TEST_CASE("statutes: open to every category, president is not treasurer, two signatories") {
  json d = sud_manche();
  d["statuts"]["admission"]["ouverte_toutes_categories"] = false;
  REQUIRE(only(d, "trame.dossier.E315").size() == 1);
  d = sud_manche();
  for (auto& m : d["statuts"]["bureau"])
    if (m["role"] == "tresorier") {
      m["prenom"] = "Yves";
      m["nom"] = "Lebas";
    }
  auto e = only(d, "trame.dossier.E317");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message.rfind("Yves Lebas ne peut pas être à la fois président et trésorier", 0) == 0);
  d = sud_manche();
  d["statuts"]["signataires"] = json::array({d["statuts"]["signataires"][0]});
  e = only(d, "trame.dossier.E318");
  REQUIRE(e.size() == 1);
  CHECK(e[0].json_path == "/statuts/signataires");
}

TEST_CASE("projet de santé: socle missions served, ids, links and calendars") {
  json d = sud_manche();
  // Remove the soins non programmés action: the access sub-mission is no longer served.
  json actions = json::array();
  for (auto& a : d["projet_sante"]["actions"])
    if (a["id"] != "A2") actions.push_back(a);
  d["projet_sante"]["actions"] = actions;
  d["projet_sante"]["actions"][0].erase("liens");
  auto e = only(d, "trame.dossier.E319");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message.find("soins non programmés") != std::string::npos);
  d = sud_manche();
  d["projet_sante"]["actions"][1]["id"] = "A1";
  CHECK(only(d, "trame.dossier.E321").size() == 1);
  d = sud_manche();
  d["projet_sante"]["actions"][0]["liens"] = json::array({"A9"});
  e = only(d, "trame.dossier.E322");
  REQUIRE(e.size() == 1);
  CHECK(e[0].json_path == "/projet_sante/actions/0/liens/0");
  d = sud_manche();
  d["projet_sante"]["actions"][0]["calendrier"]["fin"] = "2026-01-01";
  CHECK(only(d, "trame.dossier.E323").size() >= 1);
}

TEST_CASE("every action serves at least one mission (schema)") {
  json d = sud_manche();
  d["projet_sante"]["actions"][0]["missions"] = json::array();
  auto e = trame::dossier::validate_schema(d, "d.json");
  REQUIRE(e.size() == 1);
  CHECK(e[0].json_path == "/projet_sante/actions/0/missions");
  CHECK(e[0].id == "trame.dossier.E109");
}
