#include "funding/table.hpp"

#include <algorithm>
#include <mutex>
#include <set>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"
#include "common/files.hpp"

namespace trame::funding {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A faulty field of a table file: reported with the file and its JSON pointer.
struct TableError {
  std::string pointer;
  std::string message;
};

bool valid_iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= (m == 2 && leap ? 29 : days[m - 1]);
}

const json& field(const json& obj, const std::string& key, const std::string& at) {
  if (!obj.is_object() || !obj.contains(key)) throw TableError{at + "/" + key, "champ obligatoire absent"};
  return obj[key];
}
std::string text_field(const json& obj, const std::string& key, const std::string& at) {
  const json& v = field(obj, key, at);
  if (!v.is_string() || v.get<std::string>().empty()) throw TableError{at + "/" + key, "texte non vide attendu"};
  return v.get<std::string>();
}
std::optional<int> months_field(const json& obj, const std::string& key, const std::string& at) {
  if (!obj.contains(key) || obj[key].is_null()) return std::nullopt;
  if (!obj[key].is_number_integer() || obj[key].get<int>() < 0)
    throw TableError{at + "/" + key, "nombre de mois entier positif ou null attendu"};
  return obj[key].get<int>();
}
Amounts amounts(const json& obj, const std::string& key, const std::string& at) {
  const json& j = field(obj, key, at);
  if (!j.is_array() || j.size() != 4) throw TableError{at + "/" + key, "quatre montants attendus (tailles 1 à 4)"};
  Amounts a{};
  for (size_t i = 0; i < 4; ++i) {
    if (!j[i].is_number_integer() || j[i].get<long long>() < 0)
      throw TableError{at + "/" + key + "/" + std::to_string(i), "montant entier positif en euros attendu"};
    a[i] = j[i].get<long long>();
  }
  return a;
}

Table parse_json(const json& j) {
  Table t;
  t.version = text_field(j, "version", "");
  // "titre" (the French key the files use); "title" accepted as well.
  t.title = j.contains("titre") ? text_field(j, "titre", "") : text_field(j, "title", "");
  t.effective_from = text_field(j, "effective_from", "");
  if (!valid_iso_date(t.effective_from)) throw TableError{"/effective_from", "date AAAA-MM-JJ attendue"};

  const json& sizes = field(j, "tailles", "");
  if (!sizes.is_array() || sizes.size() != 4) throw TableError{"/tailles", "quatre tailles attendues"};
  long long previous = -1;
  for (size_t i = 0; i < sizes.size(); ++i) {
    std::string at = "/tailles/" + std::to_string(i);
    SizeBand b;
    const json& size = field(sizes[i], "taille", at);
    if (!size.is_number_integer() || size.get<int>() != static_cast<int>(i) + 1)
      throw TableError{at + "/taille", "taille " + std::to_string(i + 1) + " attendue à cette position"};
    b.size = size.get<int>();
    const json& max = field(sizes[i], "population_max", at);
    bool last = i + 1 == sizes.size();
    if (last != max.is_null())
      throw TableError{at + "/population_max", last ? "la dernière taille n’a pas de maximum (null)"
                                                    : "population maximale (incluse) attendue"};
    if (!last) {
      if (!max.is_number_integer() || max.get<long long>() <= previous)
        throw TableError{at + "/population_max", "population maximale croissante attendue"};
      b.population_max = previous = max.get<long long>();
    }
    b.label = text_field(sizes[i], "libelle", at);
    t.sizes.push_back(b);
  }
  t.fonctionnement = amounts(j, "fonctionnement", "");

  const json& missions = field(j, "missions", "");
  if (!missions.is_array() || missions.empty()) throw TableError{"/missions", "liste de missions attendue"};
  std::set<std::string> ids;
  for (size_t i = 0; i < missions.size(); ++i) {
    std::string at = "/missions/" + std::to_string(i);
    const json& m = missions[i];
    Mission mi;
    mi.id = text_field(m, "id", at);
    if (!ids.insert(mi.id).second) throw TableError{at + "/id", "mission « " + mi.id + " » en double"};
    mi.label = text_field(m, "libelle", at);
    const json& socle = field(m, "socle", at);
    if (!socle.is_boolean()) throw TableError{at + "/socle", "true ou false attendu"};
    mi.socle = socle.get<bool>();
    mi.start_max_months = months_field(m, "debut_max_mois", at);
    mi.deploy_max_months = months_field(m, "deploiement_max_mois", at);
    mi.fixed = amounts(m, "fixe", at);
    mi.variable = amounts(m, "variable", at);
    if (m.contains("volets")) {
      if (!m["volets"].is_array()) throw TableError{at + "/volets", "liste attendue"};
      std::set<std::string> vids;
      for (size_t v = 0; v < m["volets"].size(); ++v) {
        std::string vat = at + "/volets/" + std::to_string(v);
        const json& vj = m["volets"][v];
        Volet vo{text_field(vj, "id", vat), text_field(vj, "libelle", vat), amounts(vj, "montants", vat)};
        if (vo.id == "fixe" || vo.id == "variable" || !vids.insert(vo.id).second)
          throw TableError{vat + "/id", "identifiant de volet « " + vo.id + " » en double ou réservé"};
        mi.volets.push_back(std::move(vo));
      }
    }
    t.missions.push_back(std::move(mi));
  }
  if (j.contains("delai_missions_socles_mois")) {
    auto d = months_field(j, "delai_missions_socles_mois", "");
    if (!d) throw TableError{"/delai_missions_socles_mois", "nombre de mois attendu"};
    t.socle_deadline_months = *d;
  }
  if (j.contains("indicateurs_nationaux")) {
    const json& list = j["indicateurs_nationaux"];
    if (!list.is_array()) throw TableError{"/indicateurs_nationaux", "liste attendue"};
    for (size_t i = 0; i < list.size(); ++i) {
      std::string at = "/indicateurs_nationaux/" + std::to_string(i);
      NationalIndicator n{text_field(list[i], "id", at), text_field(list[i], "mission", at),
                          text_field(list[i], "libelle", at), false};
      std::string sens = text_field(list[i], "sens", at);
      if (sens != "hausse" && sens != "baisse") throw TableError{at + "/sens", "« hausse » ou « baisse » attendu"};
      n.decreasing = sens == "baisse";
      if (!ids.count(n.mission)) throw TableError{at + "/mission", "mission « " + n.mission + " » absente du tableau"};
      t.national_indicators.push_back(std::move(n));
    }
  }
  return t;
}

Error table_error(const fs::path& file, const std::string& pointer, const std::string& message) {
  return Error(ErrorKind::InvalidInput, Diagnostic{Severity::Error, "trame.funding.E001", file.string(), 0, 0, pointer,
                                                   "tableau ACI invalide : " + message});
}

}  // namespace

Table parse_table(const fs::path& file) {
  json j;
  try {
    j = json::parse(read_file(file));
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw table_error(file, "", std::string("JSON illisible (") + e.what() + ")");
  }
  try {
    Table t = parse_json(j);
    t.file = file.string();
    return t;
  } catch (const TableError& e) {
    throw table_error(file, e.pointer, e.message);
  }
}

int size_for_population(long long population, const Table& table) {
  for (const auto& b : table.sizes)
    if (!b.population_max || population <= *b.population_max) return b.size;
  return table.sizes.back().size;
}

int Table::size_for(long long population) const { return size_for_population(population, *this); }

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
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".json" && e.path().filename().string().find("schema") == std::string::npos)
      files.push_back(e.path());
  if (ec)
    throw Error(ErrorKind::Io, Diagnostic{Severity::Error, "trame.funding.E004", dir.string(), 0, 0, "",
                                          "dossier des tableaux ACI illisible : " + ec.message()});
  std::sort(files.begin(), files.end());
  std::vector<Table> tables;
  for (const auto& f : files) tables.push_back(parse_table(f));
  std::sort(tables.begin(), tables.end(), [](const Table& a, const Table& b) { return a.effective_from < b.effective_from; });
  for (size_t i = 1; i < tables.size(); ++i)
    for (size_t k = 0; k < i; ++k)
      if (tables[i].version == tables[k].version || tables[i].effective_from == tables[k].effective_from)
        throw table_error(tables[i].file, "",
                          "même version ou même date d’effet que " + fs::path(tables[k].file).filename().string() +
                              " (version " + tables[k].version + ", en vigueur le " + tables[k].effective_from + ")");
  return tables;
}

const std::vector<Table>& all_tables() {
  static std::once_flag once;
  static std::vector<Table> tables;
  std::call_once(once, [] { tables = load_tables(data_dir() / "models" / "aci"); });
  return tables;
}

const Table* table_for_date(const std::vector<Table>& tables, const std::string& iso_date) {
  const Table* found = nullptr;
  for (const auto& t : tables)
    if (t.effective_from <= iso_date) found = &t;
  return found;
}

const Table* table_version(const std::vector<Table>& tables, const std::string& version) {
  for (const auto& t : tables)
    if (t.version == version) return &t;
  return nullptr;
}

const Table& table_for_date(const std::string& iso_date) {
  if (const Table* t = table_for_date(all_tables(), iso_date)) return *t;
  std::string first = all_tables().empty() ? "" : " (le plus ancien s’applique à partir du " + all_tables().front().effective_from + ")";
  throw Error(ErrorKind::InvalidInput, Diagnostic{Severity::Error, "trame.funding.E002", "", 0, 0, "",
                                                  "aucun tableau de l’accord conventionnel n’est en vigueur le " + iso_date + first});
}

const Table& table_version(const std::string& version) {
  if (const Table* t = table_version(all_tables(), version)) return *t;
  std::string known;
  for (const auto& t : all_tables()) known += (known.empty() ? "" : ", ") + t.version;
  throw Error(ErrorKind::InvalidInput, Diagnostic{Severity::Error, "trame.funding.E003", "", 0, 0, "",
                                                  "version de tableau ACI inconnue « " + version +
                                                      " » (versions disponibles : " + known + ")"});
}

}  // namespace trame::funding
