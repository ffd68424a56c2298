// Values and sizes a dossier may not have (issue 15): every one refused at
// validation with a French message, its JSON path and exit code 1.
#include <catch2/catch.hpp>

#include <filesystem>

#include "common/files.hpp"
#include "dossier/dossier.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using trame::Diagnostic;

static json sud_manche() {
  return json::parse(trame::read_file(fs::path(TRAME_SOURCE_DIR) / "samples" / "sud-manche.json"));
}

// The errors of a dossier given as text (empty if valid); any other failure fails the test.
static std::vector<Diagnostic> errors_of_text(const std::string& text) {
  try {
    trame::dossier::load_text(text, "d.json");
  } catch (const trame::Error& e) {
    CHECK(e.kind() == trame::ErrorKind::InvalidInput);
    return e.diagnostics();
  }
  return {};
}
static std::vector<Diagnostic> errors_of(const json& d) { return errors_of_text(d.dump(2)); }

static bool has(const std::vector<Diagnostic>& ds, const std::string& pointer, const std::string& words) {
  for (const auto& d : ds)
    if (d.json_path == pointer && d.message.find(words) != std::string::npos && d.line > 0) return true;
  return false;
}

static std::string dump(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) s += d.format() + "\n";
  return s;
}

TEST_CASE("two COPIL meetings on one date are refused: the second would replace the first's minutes") {
  json d = sud_manche();
  REQUIRE(d["copils"].size() >= 1);
  json second = d["copils"][0];
  second["lieu"] = "Maison de santé de Coutances";
  d["copils"].push_back(second);
  auto errs = errors_of(d);
  INFO(dump(errs));
  CHECK(has(errs, "/copils/" + std::to_string(d["copils"].size() - 1) + "/date",
            "2e COPIL (20 mai 2027) : le 1er COPIL de la liste a lieu le même jour : un compte rendu par réunion"));
}

TEST_CASE("impossible calendar dates are refused at validation in every date field, with their path") {
  for (const char* bad : {"2025-02-30", "2025-13-01", "0000-01-01", "2025-00-10", "2023-02-29"}) {
    INFO(bad);
    // A date field the rules never looked at, and one they did.
    json d = sud_manche();
    d["copils"][0]["date"] = bad;
    d["lettre_intention"]["date"] = bad;
    auto errs = errors_of(d);
    INFO(dump(errs));
    CHECK(has(errs, "/copils/0/date", bad));
    CHECK(has(errs, "/lettre_intention/date", bad));
    for (const auto& e : errs) CHECK(e.id == "trame.dossier.E303");
  }
  json ok = sud_manche();
  ok["lettre_intention"]["date"] = "2024-02-29";  // a leap year
  CHECK(errors_of(ok).empty());
}

TEST_CASE("numbers beyond their bound are refused by the schema, and sums of them cannot overflow") {
  json d = sud_manche();
  for (size_t i = 0; i < 4; ++i) d["territoire"]["communes"][i]["population"] = 4611686018427387904LL;  // 2^62
  auto errs = errors_of(d);
  INFO(dump(errs));
  CHECK(has(errs, "/territoire/communes/0/population", "trop grande"));
  json s = sud_manche();
  s["statuts"]["assemblee"]["convocation_jours"] = 9223372036854775807LL;
  CHECK(!errors_of(s).empty());
}

TEST_CASE("huge numbers are named as too big, in French, at their place") {
  std::string text = sud_manche().dump(2);
  // 1e400 does not fit a double: a French syntax error at its line, never « number overflow ».
  std::string t1 = text;
  size_t at = t1.find("\"population\": ");
  REQUIRE(at != std::string::npos);
  t1.replace(t1.find_first_of("0123456789", at), 1, "1e400");
  auto e1 = errors_of_text(t1);
  REQUIRE(e1.size() == 1);
  CHECK(e1[0].message.find("trop grand") != std::string::npos);
  CHECK(e1[0].line > 1);
  // 18446744073709551615 is not « trop petite ».
  json d = sud_manche();
  d["territoire"]["communes"][0]["population"] = 18446744073709551615ULL;
  auto e2 = errors_of(d);
  INFO(dump(e2));
  CHECK(has(e2, "/territoire/communes/0/population", "trop grand"));
  for (const auto& e : e2) CHECK(e.message.find("trop petite") == std::string::npos);
  // 1e300 as an amount: too big, not « négatif ».
  json m = sud_manche();
  m["budget_amorcage"]["charges"][0]["montant"] = 1e300;
  auto e3 = errors_of(m);
  INFO(dump(e3));
  CHECK(has(e3, "/budget_amorcage/charges/0/montant", "trop grande"));
  for (const auto& e : e3) CHECK(e.message.find("négati") == std::string::npos);
}

TEST_CASE("a NUL byte is an error at its line, never the end of the file nor « fichier vide »") {
  std::string text = sud_manche().dump(2);
  std::string with_nul = text.substr(0, 40) + std::string(1, '\0') + text.substr(40);
  auto e = errors_of_text(with_nul);
  REQUIRE(e.size() == 1);
  CHECK(e[0].message.find("caractère nul") != std::string::npos);
  CHECK(e[0].line >= 1);
  auto e0 = errors_of_text(std::string(1, '\0') + text);
  REQUIRE(e0.size() == 1);
  CHECK(e0[0].message.find("vide") == std::string::npos);
}

TEST_CASE("deep nesting and wide objects are refused before parsing, quickly and in French") {
  std::string deep = std::string(40000, '[') + std::string(40000, ']');
  auto e = errors_of_text(deep);
  REQUIRE(e.size() == 1);
  CHECK(e[0].message.find("imbrication trop profonde") != std::string::npos);
  CHECK(e[0].column == 65);
  std::string wide = "{";
  for (int i = 0; i < 100000; ++i) wide += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  wide += "}";
  auto w = errors_of_text(wide);
  REQUIRE(w.size() == 1);
  CHECK(w[0].message.find("objet trop grand") != std::string::npos);
}

TEST_CASE("a name longer than the running heads allow is refused at validation") {
  json d = sud_manche();
  std::string words;
  for (int i = 0; i < 16000; ++i) words += "mot ";
  d["cpts"]["nom"] = words;
  auto errs = errors_of(d);
  INFO(dump(errs));
  CHECK(has(errs, "/cpts/nom", "texte trop long (au plus 200 caractères)"));
}

TEST_CASE("a number written with a space between the thousands gets the fix, not « pas de zéro en tête »") {
  auto e = errors_of_text("{\n  \"population\": 18 000\n}");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message.find("écrire les nombres sans espace : 18000") != std::string::npos);
  CHECK(e[0].line == 2);
  CHECK(e[0].column == 17);
}
