#include <catch2/catch.hpp>

#include "common/diagnostic.hpp"
#include "funding/engine.hpp"
#include "refusal.hpp"

#include <algorithm>
#include <filesystem>

using namespace trame::funding;

static ContractInput everything(long long population, bool snp = true, const std::string& signature = "2025-03-01") {
  ContractInput in;
  in.table = &table_version("2019");
  in.signature = signature;
  in.population = population;
  for (const char* m : {"acces", "parcours", "prevention", "qualite", "accompagnement"}) {
    MissionChoice mc{m, signature, {}, {}};
    if (std::string(m) == "acces") mc.volets = snp ? std::vector<std::string>{"mt", "snp"} : std::vector<std::string>{"mt"};
    in.missions.push_back(mc);
  }
  return in;
}

static Cents line_total(const Result& r, const std::string& part) {
  Cents c = 0;
  for (const auto& l : r.lines)
    if (l.part == part) c += l.amount;
  return c;
}

TEST_CASE("seed totals for each size, from one engine") {
  const long long pops[4] = {30000, 60200, 105452, 200000};
  const long long all[4] = {220000, 287000, 370000, 450000};
  const long long no_snp[4] = {185000, 242000, 315000, 380000};
  const long long access[4] = {75000, 92000, 120000, 150000};
  const long long fixed[4] = {62500, 85000, 112500, 135000};       // seed 004 grouping
  const long long variable[4] = {72500, 97000, 127500, 155000};    // with the médecin traitant volet
  for (int s = 0; s < 4; ++s) {
    INFO("taille " << s + 1);
    Result r = compute(everything(pops[s]));
    CHECK(r.size == s + 1);
    CHECK(r.total_annual == all[s] * 100);
    CHECK(compute(everything(pops[s], false)).total_annual == no_snp[s] * 100);
    auto j = r.to_json();
    CHECK(j["annual_max"]["missions"]["acces"]["total"].get<double>() == access[s]);
    CHECK(line_total(r, "fixe") == fixed[s] * 100);
    CHECK(line_total(r, "variable") + line_total(r, "mt") == variable[s] * 100);
  }
}

TEST_CASE("size thresholds on both sides") {
  CHECK(compute(everything(39999)).size == 1);
  CHECK(compute(everything(40000)).size == 2);
  CHECK(compute(everything(79999)).size == 2);
  CHECK(compute(everything(80000)).size == 3);
  CHECK(compute(everything(174999)).size == 3);
  CHECK(compute(everything(175000)).size == 4);
}

TEST_CASE("invariant: everything from the signature at full achievement pays 5 x the annual total") {
  for (long long pop : {30000LL, 60200LL, 105452LL, 200000LL}) {
    Result r = compute(everything(pop));
    CHECK(r.schedule_total == 5 * r.total_annual);
  }
}

TEST_CASE("the schedule follows the payment rules, dated") {
  Result r = compute(everything(60200, false));
  auto find = [&](const std::string& line, const std::string& kind, int year) -> const Payment* {
    for (const auto& p : r.schedule)
      if (p.line == line && p.kind == kind && p.year == year) return &p;
    return nullptr;
  };
  // Fonctionnement: 100 % of year 1 at signature, 75 % advance at each anniversary, 25 % a year later.
  REQUIRE(find("fonctionnement", "versement", 1));
  CHECK(find("fonctionnement", "versement", 1)->date == "2025-03-01");
  CHECK(find("fonctionnement", "versement", 1)->amount == 6000000);
  CHECK(find("fonctionnement", "avance", 2)->date == "2026-03-01");
  CHECK(find("fonctionnement", "avance", 2)->amount == 4500000);
  CHECK(find("fonctionnement", "solde", 2)->date == "2027-03-01");
  CHECK(find("fonctionnement", "solde", 2)->amount == 1500000);
  CHECK(find("fonctionnement", "solde", 5)->date == "2030-03-01");  // after the contract: still in the schedule
  // Fixed part: 75 % at the start, balance 25 % and next advance at each anniversary.
  CHECK(find("parcours.fixe", "avance", 1)->date == "2025-03-01");
  CHECK(find("parcours.fixe", "avance", 1)->amount == 2625000);
  CHECK(find("parcours.fixe", "solde", 1)->date == "2026-03-01");
  CHECK(find("parcours.fixe", "solde", 1)->amount == 875000);
  CHECK(find("parcours.fixe", "avance", 2)->date == "2026-03-01");
  // Variable part: after each year, once the annual review is held (anniversary + 2 months).
  CHECK(find("parcours.variable", "variable", 1)->date == "2026-05-01");
  CHECK(find("parcours.variable", "variable", 5)->date == "2030-05-01");
  // Each year's payments of a line add up to its annual amount.
  for (const auto& l : r.lines)
    for (int y = 1; y <= 5; ++y) {
      Cents sum = 0;
      for (const auto& p : r.schedule)
        if (p.line == l.line && p.year == y) sum += p.amount;
      INFO(l.line << " year " << y);
      CHECK(sum == l.amount);
    }
  CHECK(std::is_sorted(r.schedule.begin(), r.schedule.end(),
                       [](const Payment& a, const Payment& b) { return a.date < b.date; }));
}

TEST_CASE("variable pay from indicators: 0 %, partial, full, above target, decreasing, weights") {
  Indicator inc{"mt", "Patients avec médecin traitant", "acces", true, 100, {}, {}, 1, false};
  inc.targets = {200, 200, 200, 200, 200};
  inc.achieved[0] = 100;  // no progress
  inc.achieved[1] = 150;  // half-way
  inc.achieved[2] = 200;  // reached
  inc.achieved[3] = 260;  // above target: capped
  CHECK(*achievement(inc, 1) == Approx(0));
  CHECK(*achievement(inc, 2) == Approx(0.5));
  CHECK(*achievement(inc, 3) == Approx(1));
  CHECK(*achievement(inc, 4) == Approx(1));
  CHECK_FALSE(achievement(inc, 5));  // not measured
  Indicator dec{"urg", "Passages aux urgences non suivis d’hospitalisation", "acces", true, 62, {}, {}, 3, true};
  dec.targets[0] = 58;
  dec.achieved[0] = 60;  // half of the way down
  CHECK(*achievement(dec, 1) == Approx(0.5));
  dec.achieved[0] = 65;  // worse than the baseline: 0, never negative
  CHECK(*achievement(dec, 1) == Approx(0));
  dec.achieved[0] = 60;

  ContractInput in = everything(60200, false);
  inc.achieved[0] = 150;  // 50 %
  in.indicators = {inc, dec};
  Indicator follow{"suivi", "Indicateur de suivi", "acces", false, 0, {}, {}, 10, false};
  follow.targets[0] = 10;
  follow.achieved[0] = 0;  // follow-up only: ignored
  in.indicators.push_back(follow);
  Result r = compute(in);
  // Weighted: (1 x 0.5 + 3 x 0.5) / 4 = 50 % of the access variable part (17 500 €) and of the MT volet (12 000 €).
  for (const auto& p : r.schedule) {
    if (p.year != 1 || p.kind != "variable") continue;
    if (p.line == "acces.variable") CHECK(p.amount == 875000);
    if (p.line == "acces.mt") CHECK(p.amount == 600000);
    if (p.line == "parcours.variable") CHECK(p.amount == 3500000);  // no indicator measured: forecast at 100 %
  }
  // Year 2 is also at 50 % (the increasing indicator alone, half-way); years 3 and 4 reached, year 5 forecast.
  CHECK(r.schedule_total == 5 * r.total_annual - 2 * (875000 + 600000));
}

TEST_CASE("a direct rate per mission (simulator)") {
  ContractInput in = everything(60200, false);
  in.rates["prevention"][0] = 0.0;
  Result r = compute(in);
  for (const auto& p : r.schedule)
    if (p.line == "prevention.variable" && p.year == 1) FAIL("nothing is paid at 0 %");
  CHECK(r.schedule_total == 5 * r.total_annual - 1500000);
}

TEST_CASE("negotiated amounts: lower accepted, higher refused with both amounts") {
  ContractInput in = everything(60200, false);
  in.missions[1].negotiated["fixe"] = 30000;
  Result r = compute(in);
  CHECK(r.total_annual == (242000 - 5000) * 100LL);
  in.missions[1].negotiated["fixe"] = 40000;
  const trame::Diagnostic d = trame::test::only_diagnostic([&] { compute(in); }, "expected a refusal");
  CHECK(d.id == "trame.funding.E106");
  CHECK(d.json_path == "/missions/1/montants/fixe");
  CHECK(d.message.find("40\u202F000\u00A0€") != std::string::npos);
  CHECK(d.message.find("35\u202F000\u00A0€") != std::string::npos);
}

TEST_CASE("a socle mission starting too late, or missing, is refused") {
  ContractInput in = everything(60200, false);
  in.missions[2].start = "2027-03-02";  // prévention, 24 months + 1 day
  const trame::Diagnostic d = trame::test::only_diagnostic([&] { compute(in); }, "expected a refusal");
  CHECK(d.id == "trame.funding.E103");
  CHECK(d.json_path == "/missions/2/debut");
  in.missions[2].start = "2027-03-01";  // exactly 24 months: accepted
  CHECK_NOTHROW(compute(in));
  in.missions.erase(in.missions.begin() + 1);  // no parcours
  CHECK_THROWS_AS(compute(in), trame::Error);
}

TEST_CASE("volets belong to the access mission, unknown missions are refused") {
  ContractInput in = everything(60200, false);
  in.missions[1].volets = {"snp"};
  CHECK_THROWS_AS(compute(in), trame::Error);
  in = everything(60200, false);
  in.missions.push_back({"telesante", "2025-03-01", {}, {}});
  CHECK_THROWS_AS(compute(in), trame::Error);
}

TEST_CASE("an optional mission starting late: prorata temporis of its first year") {
  ContractInput in = everything(60200, false);
  in.missions[3].start = "2026-09-01";  // qualité, in contract year 2 (2026-03-01 .. 2027-02-28)
  Result r = compute(in);
  // 181 days left (2026-09-01 .. 2027-03-01) of a 365-day contract year: 10 000 € x 181 / 365.
  Cents expected_first = (1000000LL * 181 * 2 + 365) / (2 * 365);
  Cents fixed_y2 = 0;
  for (const auto& p : r.schedule)
    if (p.line == "qualite.fixe" && p.year == 2) fixed_y2 += p.amount;
  CHECK(fixed_y2 == expected_first);
  bool first_advance_at_start = false;
  for (const auto& p : r.schedule)
    if (p.line == "qualite.fixe" && p.kind == "avance" && p.year == 2) first_advance_at_start = p.date == "2026-09-01";
  CHECK(first_advance_at_start);
  for (const auto& p : r.schedule) CHECK_FALSE((p.line.rfind("qualite", 0) == 0 && p.year == 1));
  CHECK(r.prorata.at("qualite") == Approx(181.0 / 365.0));
}

TEST_CASE("date arithmetic") {
  CHECK(add_months("2024-01-31", 1) == "2024-02-29");
  CHECK(add_months("2025-03-01", 60) == "2030-03-01");
  CHECK(add_days("2030-03-01", -1) == "2030-02-28");
  CHECK(days_between("2026-03-01", "2027-03-01") == 365);
  CHECK(days_between("2027-03-01", "2028-03-01") == 366);
}

// ---- National table versions (issue 5) -------------------------------------------

static std::vector<Table> tables_with_test_version() {
  auto tables = load_tables(std::filesystem::path(TRAME_SOURCE_DIR) / "models/aci");
  for (auto& t : load_tables(std::filesystem::path(TRAME_SOURCE_DIR) / "tests/funding/fixtures/aci-essai")) tables.push_back(t);
  std::sort(tables.begin(), tables.end(), [](const Table& a, const Table& b) { return a.effective_from < b.effective_from; });
  return tables;
}

TEST_CASE("a later national table changes the amounts from the contract year it is in force") {
  static const auto tables = tables_with_test_version();
  ContractInput in = everything(60200, false, "2026-04-15");
  in.tables = &tables;
  Result r = compute(in);
  // Years start 2026-04-15, 2027-04-15, 2028-04-15…: the test table (from 2028-01-01) applies from year 3.
  CHECK(r.year_tables[0] == "2019");
  CHECK(r.year_tables[1] == "2019");
  CHECK(r.year_tables[2] == "2028-ESSAI");
  const AnnualLine* f = nullptr;
  for (const auto& l : r.lines)
    if (l.part == "fonctionnement") f = &l;
  REQUIRE(f);
  CHECK(f->per_year[1] == 6000000);
  CHECK(f->per_year[2] == 6600000);
  bool found = false;
  for (const auto& p : r.schedule)
    if (p.line == "fonctionnement" && p.kind == "avance" && p.year == 3) {
      found = true;
      CHECK(p.date == "2028-04-15");
      CHECK(p.amount == 4950000);  // 75 % of 66 000 €
    }
  CHECK(found);
  CHECK(r.schedule_total == 2 * r.total_annual + 3 * (r.total_annual * 11 / 10));
  // A contract that names its table keeps it for five years.
  in.follow_national_versions = false;
  Result pinned = compute(in);
  CHECK(pinned.year_tables[4] == "2019");
  CHECK(pinned.schedule_total == 5 * pinned.total_annual);
}
