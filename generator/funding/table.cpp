#include "funding/table.hpp"

#include <algorithm>
#include <mutex>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"
#include "common/files.hpp"

namespace trame::funding {
namespace fs = std::filesystem;
using nlohmann::json;

static Amounts amounts(const json& j) {
  Amounts a{};
  for (size_t i = 0; i < 4; ++i) a[i] = j.at(i).get<long long>();
  return a;
}

static Table parse_table(const fs::path& file) {
  try {
    json j = json::parse(read_file(file));
    Table t;
    t.version = j.at("version");
    t.title = j.at("titre");
    t.effective_from = j.at("effective_from");
    for (const auto& s : j.at("tailles")) {
      SizeBand b;
      b.size = s.at("taille");
      if (!s.at("population_max").is_null()) b.population_max = s["population_max"].get<long long>();
      b.label = s.at("libelle");
      t.sizes.push_back(b);
    }
    t.fonctionnement = amounts(j.at("fonctionnement"));
    for (const auto& m : j.at("missions")) {
      Mission mi;
      mi.id = m.at("id");
      mi.label = m.at("libelle");
      mi.socle = m.at("socle");
      if (!m.at("debut_max_mois").is_null()) mi.start_max_months = m["debut_max_mois"].get<int>();
      mi.fixed = amounts(m.at("fixe"));
      mi.variable = amounts(m.at("variable"));
      for (const auto& v : m.at("volets")) mi.volets.push_back({v.at("id"), v.at("libelle"), amounts(v.at("montants"))});
      t.missions.push_back(std::move(mi));
    }
    t.socle_deadline_months = j.value("delai_missions_socles_mois", 24);
    if (j.contains("indicateurs_nationaux"))
      for (const auto& i : j["indicateurs_nationaux"])
        t.national_indicators.push_back({i.at("id"), i.at("mission"), i.at("libelle"), i.at("sens") == "baisse"});
    return t;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(ErrorKind::InvalidInput, Diagnostic{Severity::Error, "trame.funding.E001", file.string(), 0, 0, "",
                                                    std::string("tableau ACI illisible : ") + e.what()});
  }
}

int Table::size_for(long long population) const {
  for (const auto& b : sizes)
    if (!b.population_max || population <= *b.population_max) return b.size;
  return sizes.back().size;
}

const SizeBand& Table::band(int size) const {
  for (const auto& b : sizes)
    if (b.size == size) return b;
  return sizes.back();
}

const Mission* Table::mission(const std::string& id) const {
  for (const auto& m : missions)
    if (m.id == id) return &m;
  return nullptr;
}

std::vector<Table> load_tables(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json" && e.path().filename().string().find("schema") == std::string::npos)
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Table> tables;
  for (const auto& f : files) tables.push_back(parse_table(f));
  std::sort(tables.begin(), tables.end(), [](const Table& a, const Table& b) { return a.effective_from < b.effective_from; });
  return tables;
}

const std::vector<Table>& all_tables() {
  static std::once_flag once;
  static std::vector<Table> tables;
  std::call_once(once, [] { tables = load_tables(data_dir() / "models" / "aci"); });
  return tables;
}

const Table& table_for_date(const std::string& iso_date) {
  const Table* found = nullptr;
  for (const auto& t : all_tables())
    if (t.effective_from <= iso_date) found = &t;
  if (!found)
    throw Error(ErrorKind::InvalidInput,
                Diagnostic{Severity::Error, "trame.funding.E002", "", 0, 0, "",
                           "aucun tableau de l’accord conventionnel n’est en vigueur le " + iso_date});
  return *found;
}

const Table& table_version(const std::string& version) {
  std::string known;
  for (const auto& t : all_tables()) {
    if (t.version == version) return t;
    known += (known.empty() ? "" : ", ") + t.version;
  }
  throw Error(ErrorKind::InvalidInput, Diagnostic{Severity::Error, "trame.funding.E003", "", 0, 0, "",
                                                  "version de tableau ACI inconnue « " + version +
                                                      " » (versions disponibles : " + known + ")"});
}

}  // namespace trame::funding
