// Avenant numbers (issue 15): 1, 2, 3… each an integer from 1 to 999, no repeat, no gap;
// anything else is a clear French error naming the file and /numero, never a wrapped number.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <utility>

#include <unistd.h>

#include "common/diagnostic.hpp"
#include "dossier/avenant.hpp"

namespace fs = std::filesystem;
using trame::Error;
using trame::ErrorKind;
namespace dossier = trame::dossier;

namespace {

// A scratch avenants folder DIR/d/ holding one file per (name, numero text).
struct Folder {
  fs::path dir = fs::temp_directory_path() / ("trame-avenant-number-" + std::to_string(::getpid()));
  Folder() {
    fs::remove_all(dir);
    fs::create_directories(dir / "d");
  }
  ~Folder() { fs::remove_all(dir); }
  void add(const std::string& name, const std::string& numero, const std::string& signature = "2027-05-01") {
    std::ofstream(dir / "d" / name) << R"({"numero": )" << numero << R"(, "date_signature": ")" << signature
                                    << R"(", "date_effet": ")" << signature
                                    << R"(", "objet": "Test", "modifications": []})";
  }
  // The one diagnostic of loading the folder ("" if it loads).
  trame::Diagnostic error() {
    try {
      dossier::avenants_for(dir, "d.json");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::InvalidInput);
      REQUIRE(e.diagnostics().size() == 1);
      return e.diagnostics()[0];
    }
    return {};
  }
};

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// The one diagnostic of loading a folder of these avenants (file name, numero
// text), checked to be the numbering error E408.
trame::Diagnostic numbering_error(std::initializer_list<std::pair<std::string, std::string>> avenants) {
  Folder f;
  for (const auto& [name, numero] : avenants) f.add(name, numero);
  auto d = f.error();
  CHECK(d.id == "trame.avenant.E408");
  return d;
}

}  // namespace

TEST_CASE("avenant numbers: out of bounds or not an integer, refused with the path and the bounds") {
  for (const char* numero : {"0", "-1", "1000", "2147483648", "18446744073709551615", "-9223372036854775808", "1.5",
                             "1e300", "\"1\"", "null", "true", "[1]"}) {
    INFO(numero);
    auto d = numbering_error({{"001.json", numero}});
    CHECK(d.json_path == "/numero");
    CHECK(has(d.file, "001.json"));
    CHECK(has(d.message, "le numéro d’un avenant est un nombre entier de 1 à 999"));
    CHECK_FALSE(has(d.message, "-2147483648"));
  }
  Folder f;
  f.add("001.json", "1.0");
  CHECK(has(f.error().message, "écrit sans virgule ni décimale (ici « 1.0 »)"));
}

TEST_CASE("avenant numbers: 1 to 999 in order load, sorted by number") {
  Folder f;
  f.add("b.json", "2", "2027-06-01");
  f.add("a.json", "1");
  CHECK(f.error().id.empty());
  auto list = dossier::avenants_for(f.dir, "d.json");
  REQUIRE(list.size() == 2);
  CHECK(list[0].number == 1);
  CHECK(list[1].number == 2);
}

TEST_CASE("avenant numbers: a repeat or a gap names the missing number") {
  SECTION("repeat") {
    auto d = numbering_error({{"001.json", "1"}, {"002.json", "1"}});
    CHECK(d.json_path == "/numero");
    CHECK(has(d.message, "deux avenants portent le numéro 1"));
  }
  SECTION("gap") {
    auto d = numbering_error({{"001.json", "1"}, {"003.json", "3"}});
    CHECK(has(d.file, "003.json"));
    CHECK(has(d.message, "il manque l’avenant n° 2"));
  }
  SECTION("not starting at 1") {
    Folder f;
    f.add("002.json", "2");
    CHECK(has(f.error().message, "il manque l’avenant n° 1"));
  }
}
