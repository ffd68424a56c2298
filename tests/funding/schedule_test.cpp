// The payment schedule, the JSON view, late starts, warnings, table files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "common/diagnostic.hpp"
#include "funding/funding.hpp"
#include "refusal.hpp"

using namespace trame::funding;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* const kAll[] = {"acces", "parcours", "prevention", "qualite", "accompagnement"};
const long long kPops[4] = {30000, 60200, 105452, 200000};

ContractInput contract(long long population, std::vector<std::string> missions, std::vector<std::string> volets,
                       const std::string& signature = "2025-03-01") {
  ContractInput in;
  in.table = &table_version("2019");
  in.signature = signature;
  in.population = population;
  for (const auto& m : missions) {
    MissionChoice mc{m, signature, {}, {}};
    if (m == "acces") mc.volets = volets;
    in.missions.push_back(mc);
  }
  return in;
}

ContractInput everything(long long population, bool snp = true) {
  return contract(population, {kAll, kAll + 5}, snp ? std::vector<std::string>{"mt", "snp"} : std::vector<std::string>{"mt"});
}

std::map<std::string, Cents> by_date(const Result& r) {
  std::map<std::string, Cents> out;
  for (const auto& p : r.schedule) out[p.date] += p.amount;
  return out;
}

const Payment* find(const Result& r, const std::string& line, const std::string& kind, int year) {
  for (const auto& p : r.schedule)
    if (p.line == line && p.kind == kind && p.year == year) return &p;
  return nullptr;
}

Cents line_year(const Result& r, const std::string& line, int year) {
  Cents c = 0;
  for (const auto& p : r.schedule)
    if (p.line == line && p.year == year) c += p.amount;
  return c;
}

const trame::Diagnostic& only_error(const ContractInput& in) {
  static trame::Diagnostic kept;
  kept = trame::test::only_diagnostic([&] { compute(in); });
  return kept;
}

}  // namespace

TEST_CASE("size_for_population on both sides of each threshold") {
  const Table& t = table_version("2019");
  const std::pair<long long, int> cases[] = {{1, 1},      {39999, 1},  {40000, 2},  {79999, 2},    {80000, 3},
                                             {174999, 3}, {175000, 4}, {60200, 2},  {105452, 3},   {5000000, 4}};
  for (auto [pop, size] : cases) {
    INFO(pop);
    CHECK(size_for_population(pop, t) == size);
  }
}

TEST_CASE("invariant at every size, with and without the SNP volet: 5 x the annual total, each year of each line exact") {
  for (int s = 0; s < 4; ++s)
    for (bool snp : {true, false}) {
      INFO("taille " << s + 1 << (snp ? " avec" : " sans") << " SNP");
      Result r = compute(everything(kPops[s], snp));
      CHECK(r.schedule_total == 5 * r.total_annual);
      for (Cents y : r.per_contract_year()) CHECK(y == r.total_annual);
      for (const auto& l : r.lines)
        for (int y = 1; y <= 5; ++y) {
          INFO(l.line << " année " << y);
          CHECK(line_year(r, l.line, y) == l.amount);
        }
      CHECK(r.warnings.empty());
    }
}

TEST_CASE("worked example of the guide: taille 2, signature 2025-03-01, socle missions and the MT volet") {
  Result r = compute(contract(60200, {"acces", "parcours", "prevention"}, {"mt"}));
  CHECK(r.size == 2);
  CHECK(r.total_annual == 20700000);
  CHECK(r.end_date == "2030-02-28");
  const std::map<std::string, Cents> expected = {
      {"2025-03-01", 11062500}, {"2026-03-01", 11250000}, {"2026-05-01", 7950000}, {"2027-03-01", 12750000},
      {"2027-05-01", 7950000},  {"2028-03-01", 12750000}, {"2028-05-01", 7950000}, {"2029-03-01", 12750000},
      {"2029-05-01", 7950000},  {"2030-03-01", 3187500},  {"2030-05-01", 7950000}};
  CHECK(by_date(r) == expected);
  CHECK(r.schedule_total == 103500000);
  auto cal = r.per_calendar_year();
  CHECK(cal[2025] == 11062500);
  CHECK(cal[2026] == 19200000);
  CHECK(cal[2030] == 11137500);
}

TEST_CASE("each kind of payment, dated") {
  Result r = compute(everything(60200));
  // Fonctionnement: 100 % of year 1 at signature; for years 2..5, 75 % at the anniversary opening the year, 25 % a year later.
  CHECK(find(r, "fonctionnement", "versement", 1)->date == "2025-03-01");
  CHECK_FALSE(find(r, "fonctionnement", "avance", 1));
  CHECK_FALSE(find(r, "fonctionnement", "solde", 1));
  CHECK(find(r, "fonctionnement", "avance", 5)->date == "2029-03-01");
  CHECK(find(r, "fonctionnement", "avance", 5)->amount == 4500000);
  CHECK(find(r, "fonctionnement", "solde", 5)->date == "2030-03-01");
  CHECK(find(r, "fonctionnement", "solde", 5)->amount == 1500000);
  // SNP volet: paid as a fixed part (advance 75 %, balance 25 %), whatever the achievement.
  CHECK(find(r, "acces.snp", "avance", 1)->date == "2025-03-01");
  CHECK(find(r, "acces.snp", "avance", 1)->amount == 3375000);
  CHECK(find(r, "acces.snp", "solde", 5)->date == "2030-03-01");
  CHECK(find(r, "acces.snp", "solde", 5)->amount == 1125000);
  // MT volet: paid as a variable part, after each year, with the access mission's rate.
  CHECK(find(r, "acces.mt", "variable", 1)->date == "2026-05-01");
  CHECK(find(r, "acces.mt", "variable", 1)->amount == 1200000);
  CHECK(find(r, "acces.mt", "variable", 1)->label.find("(prévisionnel)") != std::string::npos);
  // The last payments come after the end of the contract (2030-02-28).
  CHECK(r.schedule.back().date == "2030-05-01");
  CHECK(std::is_sorted(r.schedule.begin(), r.schedule.end(), [](const Payment& a, const Payment& b) { return a.date < b.date; }));
}

TEST_CASE("the MT volet follows the access mission rate, the SNP volet does not") {
  ContractInput in = everything(60200);
  in.rates["acces"] = {0.5, 0.5, 0.5, 0.5, 0.5};
  Result r = compute(in);
  CHECK(find(r, "acces.mt", "variable", 3)->amount == 600000);
  CHECK(find(r, "acces.variable", "variable", 3)->amount == 875000);
  CHECK(line_year(r, "acces.snp", 3) == 4500000);
  CHECK(r.schedule_total == 5 * r.total_annual - 5 * (600000 + 875000));
}

TEST_CASE("a direct rate overrides the indicators of its mission for that year only") {
  ContractInput in = everything(60200);
  Indicator ind{"x", "Indicateur", "parcours", true, 0, {}, {}, 1, false};
  ind.targets = {10, 10, 10, 10, 10};
  ind.achieved = {5, 5, std::nullopt, std::nullopt, std::nullopt};
  in.indicators = {ind};
  in.rates["parcours"][0] = 1.0;
  Result r = compute(in);
  CHECK(find(r, "parcours.variable", "variable", 1)->amount == 3500000);  // direct rate
  CHECK(find(r, "parcours.variable", "variable", 2)->amount == 1750000);  // indicator: 50 %
  CHECK(find(r, "parcours.variable", "variable", 3)->amount == 3500000);  // not measured: forecast
}

TEST_CASE("a mission starting on an anniversary is not prorated, its first year follows its start") {
  ContractInput in = everything(60200);
  in.missions[4].start = "2026-03-01";  // accompagnement, from year 2
  Result r = compute(in);
  CHECK(line_year(r, "accompagnement.fixe", 1) == 0);
  CHECK(line_year(r, "accompagnement.variable", 1) == 0);
  CHECK(find(r, "accompagnement.fixe", "avance", 2)->date == "2026-03-01");
  CHECK(line_year(r, "accompagnement.fixe", 2) == 750000);
  CHECK(r.prorata.at("accompagnement") == 1.0);
  CHECK(r.schedule_total == 5 * r.total_annual - 2 * 750000);
}

TEST_CASE("a late optional mission: first year prorated, dated from its start, later years whole") {
  ContractInput in = everything(60200);
  in.missions[3].start = "2026-09-01";  // qualité, year 2 runs 2026-03-01 .. 2027-02-28: 181 days of 365 left
  Result r = compute(in);
  const Cents first = (1000000LL * 181 * 2 + 365) / (2 * 365);  // 495 890 cents = 4 958,90 €
  CHECK(first == 495890);
  CHECK(line_year(r, "qualite.fixe", 2) == first);
  CHECK(find(r, "qualite.fixe", "avance", 2)->date == "2026-09-01");
  CHECK(find(r, "qualite.fixe", "avance", 2)->amount == 371918);
  CHECK(find(r, "qualite.fixe", "solde", 2)->date == "2027-03-01");
  CHECK(find(r, "qualite.fixe", "solde", 2)->amount == 123972);
  CHECK(find(r, "qualite.variable", "variable", 2)->amount == first);
  CHECK(find(r, "qualite.variable", "variable", 2)->date == "2027-05-01");
  CHECK(line_year(r, "qualite.fixe", 3) == 1000000);
  CHECK(r.schedule_total == 5 * r.total_annual - 2 * (1000000 + 1000000 - first));
  CHECK(r.warnings.empty());  // an optional mission has no calendar
}

TEST_CASE("a socle mission later than its deployment calendar but within 24 months: a warning, prorated") {
  ContractInput in = everything(60200);
  in.missions[0].start = "2025-11-01";  // accès: 8 months after signature, calendar says 6
  Result r = compute(in);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].severity == trame::Severity::Warning);
  CHECK(r.warnings[0].id == "trame.funding.W101");
  CHECK(r.warnings[0].json_path == "/missions/0/debut");
  CHECK(r.warnings[0].message.find("1er septembre 2025") != std::string::npos);
  CHECK(r.prorata.at("acces") == Approx(120.0 / 365.0));
  CHECK(find(r, "acces.fixe", "avance", 1)->date == "2025-11-01");
  auto j = r.to_json();
  REQUIRE(j["warnings"].size() == 1);
  CHECK(j["warnings"][0]["id"] == "trame.funding.W101");
}

TEST_CASE("refusals carry the caller's JSON pointer and French messages") {
  ContractInput in = everything(60200);
  in.pointer = "/contrat";
  in.file = "dossier.json";
  in.missions[0].negotiated["snp"] = 50000;
  const auto& d = only_error(in);
  CHECK(d.id == "trame.funding.E106");
  CHECK(d.file == "dossier.json");
  CHECK(d.json_path == "/contrat/missions/0/montants/snp");
  CHECK(d.message ==
        "Le montant négocié pour le volet soins non programmés (régulation) (50\u202F000\u00A0€) dépasse le maximum de "
        "l’accord pour une CPTS de taille 2 (45\u202F000\u00A0€).");

  in = everything(60200);
  in.fonctionnement_negotiated = 60000.01;
  CHECK(only_error(in).json_path == "/fonctionnement");
  in.fonctionnement_negotiated = 55000;
  CHECK(compute(in).total_annual == 28200000);

  in = everything(60200);
  in.missions[1].volets = {"snp"};
  const auto& v = only_error(in);
  CHECK(v.id == "trame.funding.E105");
  CHECK(v.json_path == "/missions/1/volets/0");
  CHECK(v.message.find("relève de la mission « Amélioration de l’accès aux soins »") != std::string::npos);

  in = everything(60200);
  in.missions.push_back({"crises", "2025-03-01", {}, {}});
  const auto& u = only_error(in);
  CHECK(u.id == "trame.funding.E101");
  CHECK(u.json_path == "/missions/5/id");
  CHECK(u.message.find("Mission inconnue « crises »") == 0);

  in = everything(60200);
  in.missions[2].start = "2027-03-02";
  const auto& late = only_error(in);
  CHECK(late.id == "trame.funding.E103");
  CHECK(late.message.find("doit démarrer au plus tard le 1er mars 2027") != std::string::npos);

  in = everything(0);
  CHECK(only_error(in).id == "trame.funding.E109");
  in = everything(60200);
  in.signature = "2025-02-30";
  CHECK(only_error(in).id == "trame.funding.E110");
  in = everything(60200);
  in.rates["acces"][1] = 1.5;
  CHECK(only_error(in).id == "trame.funding.E112");
}

TEST_CASE("several problems are reported at once") {
  ContractInput in = everything(60200);
  in.missions[1].negotiated["fixe"] = 99999;
  in.missions[2].start = "2028-01-01";
  in.missions.push_back({"inconnue", "2025-03-01", {}, {}});
  try {
    compute(in);
    FAIL("expected trame::Error");
  } catch (const trame::Error& e) {
    CHECK(e.kind() == trame::ErrorKind::InvalidInput);
    CHECK(e.diagnostics().size() == 3);
  }
}

TEST_CASE("grouped schedule: a line's balance and advance of the same date in one entry") {
  Result r = compute(everything(60200));
  auto g = r.grouped_schedule();
  Cents total = 0;
  for (const auto& p : g) total += p.amount;
  CHECK(total == r.schedule_total);
  const GroupedPayment* fixe = nullptr;
  const GroupedPayment* fonct = nullptr;
  for (const auto& p : g) {
    if (p.line == "parcours.fixe" && p.date == "2026-03-01") fixe = &p;
    if (p.line == "fonctionnement" && p.date == "2027-03-01") fonct = &p;
  }
  REQUIRE(fixe);
  CHECK(fixe->amount == 875000 + 2625000);
  CHECK(fixe->years == std::vector<int>{1, 2});
  CHECK(fixe->kind == "versement");
  CHECK(fixe->label ==
        "Organisation de parcours pluriprofessionnels autour du patient — part fixe : solde 25\u00A0% année 1 et avance 75\u00A0% année 2");
  REQUIRE(fonct);
  CHECK(fonct->label == "Fonctionnement de la CPTS : solde 25\u00A0% année 2 et avance 75\u00A0% année 3");
}

TEST_CASE("JSON view: shape and amounts in euros") {
  Result r = compute(everything(60200));
  json j = r.to_json();
  for (const char* k : {"table_version", "size", "annual_max", "schedule", "schedule_total", "per_year", "per_contract_year",
                        "schedule_grouped", "lines", "rates", "year_tables", "warnings", "signature", "end_date"})
    CHECK(j.contains(k));
  CHECK(j["table_version"] == "2019");
  CHECK(j["size"] == 2);
  CHECK(j["annual_max"]["total"].get<double>() == 287000.0);
  CHECK(j["annual_max"]["fonctionnement"].get<double>() == 60000.0);
  const json& acces = j["annual_max"]["missions"]["acces"];
  CHECK(acces == json{{"fixe", 17500.0}, {"variable", 17500.0}, {"mt", 12000.0}, {"snp", 45000.0}, {"total", 92000.0}});
  CHECK(j["annual_max"]["missions"]["prevention"]["total"].get<double>() == 30000.0);
  CHECK(j["schedule_total"].get<double>() == 5 * 287000.0);
  const json& first = j["schedule"][0];
  CHECK(first["date"] == "2025-03-01");
  CHECK(first["amount"].is_number());
  CHECK(first.contains("line"));
  CHECK(first.contains("kind"));
  CHECK(first.contains("year"));
  CHECK(first.contains("label"));
  double sum = 0;
  for (const auto& y : j["per_year"]) sum += y["amount"].get<double>();
  CHECK(sum == Approx(5 * 287000.0));
  REQUIRE(j["per_contract_year"].size() == 5);
  for (const auto& y : j["per_contract_year"]) CHECK(y["amount"].get<double>() == 287000.0);
  // A prorated amount keeps its cents.
  ContractInput in = everything(60200);
  in.missions[3].start = "2026-09-01";
  json late = compute(in).to_json();
  bool seen = false;
  for (const auto& p : late["schedule"])
    if (p["line"] == "qualite.fixe" && p["kind"] == "avance" && p["year"] == 2) {
      seen = true;
      CHECK(p["amount"].get<double>() == Approx(3719.18));
    }
  CHECK(seen);
}

// ---- Table files --------------------------------------------------------------

namespace {

unsigned& counter() {
  static unsigned n = 0;
  return n;
}

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) {
    std::string leaf = name;
    leaf += '-';
    // Unique across the test processes ctest runs at once (std::rand() is not).
    leaf += std::to_string(std::random_device{}());
    leaf += '-';
    leaf += std::to_string(++counter());
    path = fs::temp_directory_path() / leaf;
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

json read_json(const fs::path& p) {
  std::ifstream f(p);
  return json::parse(f);
}

void write_json(const fs::path& p, const json& j) { std::ofstream(p) << j.dump(2); }

}  // namespace

TEST_CASE("every table file, and the test fixture, is valid against models/aci/table.schema.json") {
  const fs::path root(TRAME_SOURCE_DIR);
  json schema_doc = read_json(root / "models/aci/table.schema.json");
  valijson::Schema schema;
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_doc);
  parser.populateSchema(schema_adapter, schema);
  std::vector<fs::path> files = {root / "tests/funding/fixtures/aci-essai/2028-essai.json"};
  for (const auto& e : fs::directory_iterator(root / "models/aci"))
    if (e.path().extension() == ".json" && e.path().filename().string().find("schema") == std::string::npos)
      files.push_back(e.path());
  REQUIRE(files.size() >= 2);
  for (const auto& f : files) {
    INFO(f);
    json doc = read_json(f);
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    bool ok = validator.validate(schema, adapter, &results);
    valijson::ValidationResults::Error err;
    std::string first;
    if (results.popError(err)) first = err.description;
    INFO(first);
    CHECK(ok);
    CHECK_NOTHROW(parse_table(f));
  }
  // The schema rejects what the loader rejects: three amounts instead of four.
  json bad = read_json(root / "models/aci/2019.json");
  bad["fonctionnement"] = {50000, 60000, 75000};
  valijson::Validator validator;
  valijson::adapters::NlohmannJsonAdapter adapter(bad);
  CHECK_FALSE(validator.validate(schema, adapter, nullptr));
}

TEST_CASE("a faulty table file is refused with its file name and JSON pointer") {
  const fs::path root(TRAME_SOURCE_DIR);
  TempDir dir("trame-aci");
  json t = read_json(root / "models/aci/2019.json");
  t["missions"][1]["fixe"][2] = -5;
  write_json(dir.path / "faux.json", t);
  const trame::Diagnostic d = trame::test::only_diagnostic([&] { parse_table(dir.path / "faux.json"); });
  CHECK(d.id == "trame.funding.E001");
  CHECK(d.json_path == "/missions/1/fixe/2");
  CHECK(d.file.find("faux.json") != std::string::npos);
  t = read_json(root / "models/aci/2019.json");
  t["tailles"][1]["population_max"] = 20000;  // not increasing
  write_json(dir.path / "faux.json", t);
  CHECK_THROWS_AS(parse_table(dir.path / "faux.json"), trame::Error);
  std::ofstream(dir.path / "faux.json") << "{ pas du JSON";
  CHECK_THROWS_AS(parse_table(dir.path / "faux.json"), trame::Error);
}

TEST_CASE("a directory of tables: selection by date and by version, duplicates refused, schema file skipped") {
  const fs::path root(TRAME_SOURCE_DIR);
  TempDir dir("trame-aci");
  fs::copy_file(root / "models/aci/2019.json", dir.path / "2019.json");
  fs::copy_file(root / "models/aci/table.schema.json", dir.path / "table.schema.json");
  fs::copy_file(root / "tests/funding/fixtures/aci-essai/2028-essai.json", dir.path / "2028-essai.json");
  auto tables = load_tables(dir.path);
  REQUIRE(tables.size() == 2);
  CHECK(tables[0].version == "2019");
  CHECK(table_for_date(tables, "2019-08-24") == nullptr);
  CHECK(table_for_date(tables, "2019-08-25")->version == "2019");
  CHECK(table_for_date(tables, "2027-12-31")->version == "2019");
  CHECK(table_for_date(tables, "2028-01-01")->version == "2028-ESSAI");
  CHECK(table_version(tables, "2028-ESSAI")->fonctionnement[1] == 66000);
  CHECK(table_version(tables, "2030") == nullptr);
  // A contract signed under the test table takes its amounts (size from its own thresholds).
  ContractInput in = everything(60200);
  in.signature = "2028-06-01";
  for (auto& m : in.missions) m.start = in.signature;
  in.table = table_for_date(tables, in.signature);
  in.tables = &tables;
  Result r = compute(in);
  CHECK(r.table->version == "2028-ESSAI");
  CHECK(r.total_annual == 28700000LL * 11 / 10);
  CHECK(r.schedule_total == 5 * r.total_annual);
  // Same effective date twice: refused.
  json dup = read_json(root / "models/aci/2019.json");
  dup["version"] = "2019-bis";
  write_json(dir.path / "2019-bis.json", dup);
  CHECK_THROWS_AS(load_tables(dir.path), trame::Error);
}

TEST_CASE("worked example of the guide: variable pay from weighted indicators") {
  ContractInput in = contract(60200, {"acces", "parcours", "prevention"}, {"mt"});
  auto ind = [](const char* id, double r, double c, double v, double w, bool dec, bool pays) {
    Indicator i{id, id, "acces", pays, r, {}, {}, w, dec};
    i.targets[0] = c;
    i.achieved[0] = v;
    return i;
  };
  in.indicators = {ind("mt", 100, 200, 150, 1, false, true), ind("urg", 62, 58, 60, 3, true, true),
                   ind("ad", 10, 20, 5, 1, false, false), ind("snp", 1000, 1500, 1800, 2, false, false)};
  CHECK(*achievement(in.indicators[3], 1) == 1.0);
  Result r = compute(in);
  CHECK(find(r, "acces.variable", "variable", 1)->amount == 875000);
  CHECK(find(r, "acces.mt", "variable", 1)->amount == 600000);
  CHECK(find(r, "acces.mt", "variable", 1)->date == "2026-05-01");
  in.indicators[3].pays = true;  // weight 2 at 100 %: (1 x 50 + 3 x 50 + 2 x 100) / 6
  r = compute(in);
  CHECK(find(r, "acces.variable", "variable", 1)->amount == 1166667);
  CHECK(r.rates[0].mission == "acces");
  CHECK(r.rates[0].rate == Approx(400.0 / 600.0));
  CHECK(r.rates[0].measured);
}
