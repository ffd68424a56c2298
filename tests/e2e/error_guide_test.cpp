// The user guide's « Limites et messages d'erreur » lists every diagnostic id the
// code can emit, and only those (issue 15): a new message cannot ship undocumented.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "e2e/e2e.hpp"

namespace fs = std::filesystem;
using namespace trame::test;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every "trame.family.E123" / "W123" written in `text`.
std::set<std::string> ids_in(const std::string& text) {
  static const std::regex id(R"(trame\.[a-z]+\.[EW][0-9]{3})");
  std::set<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), id), end; it != end; ++it) out.insert(it->str());
  return out;
}

}  // namespace

TEST_CASE("error guide: every diagnostic id of the code is in docs/guide/limites-et-erreurs.md, and no other") {
  std::set<std::string> code;
  for (const auto& e : fs::recursive_directory_iterator(src("generator"))) {
    const auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".cpp" || ext == ".hpp"))
      for (const auto& id : ids_in(slurp(e.path()))) code.insert(id);
  }
  REQUIRE(code.size() > 100);  // the scan found the code's ids
  // The example in diagnostic.hpp's comment is an id too (trame.dossier.E201): it exists.
  const std::string guide = slurp(src("docs/guide/limites-et-erreurs.md"));
  const std::set<std::string> documented = ids_in(guide);
  for (const auto& id : code) {
    INFO("absent du guide : " << id);
    CHECK(documented.count(id) == 1);
  }
  for (const auto& id : documented) {
    INFO("dans le guide, mais le code ne l’émet plus : " << id);
    CHECK(code.count(id) == 1);
  }
  // Each id's line in the tables says what to do: a row « | `id` | message | que faire | ».
  std::istringstream lines(guide);
  std::set<std::string> rows;
  for (std::string line; std::getline(lines, line);) {
    static const std::regex row(R"(^\| `(trame\.[a-z]+\.[EW][0-9]{3})` \|[^|]+\|[^|]*[a-zé][^|]*\|\s*$)");
    std::smatch m;
    if (std::regex_match(line, m, row)) rows.insert(m[1]);
  }
  for (const auto& id : code) {
    INFO("pas de ligne « | `" << id << "` | message | que faire | » dans le guide");
    CHECK(rows.count(id) == 1);
  }
}
