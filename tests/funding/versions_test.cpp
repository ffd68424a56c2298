// The contract over its versions (issue 10): an avenant takes effect from its
// date d'effet, payments due before it never change, a contract year is split
// by days. Every expected figure comes from the 2019 table (seed 002) and the
// payment rules of docs/guide/financement.md, never from the program's output.
#include <catch2/catch.hpp>

#include <map>

#include "funding/funding.hpp"

using namespace trame::funding;

namespace {

const std::string kSignature = "2026-04-15";  // contract years start on 15 April

// acces (with the mt and snp volets), parcours, prevention from the signature.
ContractInput base(long long population = 60200) {
  ContractInput in;
  in.table = &table_version("2019");
  in.signature = kSignature;
  in.population = population;
  in.missions = {{"acces", kSignature, {"mt", "snp"}, {}}, {"parcours", kSignature, {}, {}}, {"prevention", kSignature, {}, {}}};
  return in;
}

// Size 2 annual: fonctionnement 60 000; accès 17 500 + 17 500 + 12 000 + 45 000; parcours 35 000 + 35 000;
// prévention 15 000 + 15 000. Size 3: 75 000; 25 000 + 25 000 + 15 000 + 55 000; 45 000 + 45 000; 17 500 + 17 500.
constexpr Cents kSize2 = (60000 + 92000 + 70000 + 30000) * 100LL;
constexpr Cents kSize3 = (75000 + 120000 + 90000 + 35000) * 100LL;

std::array<Cents, kContractYears> per_year(const Result& r) { return r.per_contract_year(); }

const Payment* find(const Result& r, const std::string& line, const std::string& kind, int year) {
  for (const auto& p : r.schedule)
    if (p.line == line && p.kind == kind && p.year == year) return &p;
  return nullptr;
}

// The payment (line, kind, contract year) exists with that amount, and that date and
// version when given.
void expect_payment(const Result& r, const std::string& line, const std::string& kind, int year, Cents amount,
                    const std::string& date = "", int version = -1) {
  INFO(line << " " << kind << " year " << year);
  const Payment* p = find(r, line, kind, year);
  REQUIRE(p);
  CHECK(p->amount == amount);
  if (!date.empty()) CHECK(p->date == date);
  if (version >= 0) CHECK(p->version == version);
}

// Every payment dated before `date` is the same in both schedules.
void same_before(const Result& a, const Result& b, const std::string& date) {
  std::multimap<std::string, std::pair<std::string, Cents>> x, y;
  for (const auto& p : a.schedule)
    if (p.date < date) x.insert({p.date, {p.line + p.kind + std::to_string(p.year), p.amount}});
  for (const auto& p : b.schedule)
    if (p.date < date) y.insert({p.date, {p.line + p.kind + std::to_string(p.year), p.amount}});
  CHECK(x == y);
}

}  // namespace

TEST_CASE("versions: a size change at the start of year 3 prices years 1-2 at size 2 and years 3-5 at size 3") {
  ContractInput v2 = base(85000);
  Result r = compute_versions({{0, kSignature, base()}, {2, "2028-04-15", v2}});
  CHECK(r.size == 3);
  CHECK(per_year(r) == std::array<Cents, kContractYears>{kSize2, kSize2, kSize3, kSize3, kSize3});
  CHECK(r.schedule_total == 2 * kSize2 + 3 * kSize3);
  // The year-2 balances paid on the date d'effet are 25 % of the size-2 amounts.
  expect_payment(r, "fonctionnement", "solde", 2, 15000 * 100, "2028-04-15", 0);  // 25 % of 60 000
  expect_payment(r, "acces.fixe", "solde", 2, 4375 * 100);                         // 25 % of 17 500
  // The year-3 advances are 75 % of the size-3 amounts, and come from avenant 2.
  expect_payment(r, "fonctionnement", "avance", 3, 56250 * 100, "", 2);  // 75 % of 75 000
  same_before(r, compute(base()), "2028-04-15");
  REQUIRE(r.versions.size() == 2);
  CHECK(r.versions[0].size == 2);
  CHECK(r.versions[1].size == 3);
}

TEST_CASE("versions: a mission added in the middle of year 2 is prorated by days from its start") {
  ContractInput v1 = base();
  v1.missions.push_back({"qualite", "2027-10-15", {}, {}});
  Result r = compute_versions({{0, kSignature, base()}, {1, "2027-10-15", v1}});
  // Year 2 runs from 15 April 2027 to 14 April 2028: 366 days (29 February 2028); 183 are left on 15 October.
  // Qualité at size 2: 10 000 fixed + 10 000 variable a year, so 5 000 + 5 000 in year 2.
  CHECK(per_year(r) == std::array<Cents, kContractYears>{kSize2, kSize2 + 10000 * 100, kSize2 + 20000 * 100,
                                                         kSize2 + 20000 * 100, kSize2 + 20000 * 100});
  expect_payment(r, "qualite.fixe", "avance", 2, 3750 * 100, "2027-10-15", 1);  // 75 % of 5 000
  expect_payment(r, "qualite.fixe", "solde", 2, 1250 * 100, "2028-04-15");
  same_before(r, compute(base()), "2027-10-15");
}

TEST_CASE("versions: a mission removed from year 4 keeps its earlier payments and gets none after") {
  ContractInput v0 = base();
  v0.missions.push_back({"accompagnement", kSignature, {}, {}});
  Result r = compute_versions({{0, kSignature, v0}, {3, "2029-04-15", base()}});
  const Cents acc = (7500 + 7500) * 100LL;  // accompagnement at size 2
  CHECK(per_year(r) == std::array<Cents, kContractYears>{kSize2 + acc, kSize2 + acc, kSize2 + acc, kSize2, kSize2});
  CHECK(find(r, "accompagnement.fixe", "avance", 4) == nullptr);
  // 25 % of 7 500, paid on the day the removal takes effect
  expect_payment(r, "accompagnement.fixe", "solde", 3, 1875 * 100, "2029-04-15");
  bool listed = false;
  for (const auto& l : r.lines)
    if (l.line == "accompagnement.fixe") listed = !l.in_force;
  CHECK(listed);
}

TEST_CASE("versions: a negotiated amount lowered from year 3") {
  ContractInput v1 = base();
  v1.missions[1].negotiated["fixe"] = 20000;  // parcours fixed part: 35 000 -> 20 000
  Result r = compute_versions({{0, kSignature, base()}, {1, "2028-04-15", v1}});
  const Cents lower = (35000 - 20000) * 100LL;
  CHECK(per_year(r) == std::array<Cents, kContractYears>{kSize2, kSize2, kSize2 - lower, kSize2 - lower, kSize2 - lower});
  expect_payment(r, "parcours.fixe", "solde", 2, 8750 * 100);    // 25 % of 35 000
  expect_payment(r, "parcours.fixe", "avance", 3, 15000 * 100);  // 75 % of 20 000
}

TEST_CASE("versions: a removal early in a year leaves a repayment at the year's end, the advance unchanged") {
  ContractInput v0 = base();
  v0.missions.push_back({"accompagnement", kSignature, {}, {}});
  // Year 3 runs from 15 April 2028 to 14 April 2029 (365 days); the mission stops on 15 May 2028, 30 days in.
  Result r = compute_versions({{0, kSignature, v0}, {1, "2028-05-15", base()}});
  // 75 % of 7 500, paid on 15 April 2028 before the avenant took effect
  expect_payment(r, "accompagnement.fixe", "avance", 3, 5625 * 100, "2028-04-15");
  const Cents year3 = (7500 * 100LL * 30 * 2 + 365) / (2 * 365);  // 616,44 €
  CHECK(year3 == 61644);
  expect_payment(r, "accompagnement.fixe", "regularisation", 3, year3 - 5625 * 100, "2029-04-15");
  CHECK(find(r, "accompagnement.fixe", "regularisation", 3)->label.find("trop-perçu") != std::string::npos);
  same_before(r, compute(v0), "2028-05-15");
}

TEST_CASE("versions: one version gives exactly the single contract's schedule") {
  ContractInput in = base();
  in.missions.push_back({"qualite", "2026-10-01", {}, {}});
  Result one = compute(in);
  Result same = compute_versions({{0, kSignature, in}});
  CHECK(one.schedule_total == same.schedule_total);
  REQUIRE(one.schedule.size() == same.schedule.size());
  // And two identical versions split nothing.
  Result twice = compute_versions({{0, kSignature, in}, {1, "2027-01-20", in}});
  CHECK(twice.per_contract_year() == one.per_contract_year());
  CHECK(twice.schedule_total == one.schedule_total);
}

TEST_CASE("schedule labels: a percent sign is always glued to its number by a no-break space") {
  ContractInput v0 = base();
  v0.missions.push_back({"accompagnement", kSignature, {}, {}});
  Result r = compute_versions({{0, kSignature, v0}, {1, "2028-05-15", base()}});
  size_t percents = 0;
  for (const auto& p : r.schedule) {
    INFO(p.label);
    CHECK(p.label.find(" %") == std::string::npos);  // a breaking space would let "%" start a line
    if (p.label.find("\u00A0%") != std::string::npos) ++percents;
  }
  for (const auto& g : r.grouped_schedule()) {
    INFO(g.label);
    CHECK(g.label.find(" %") == std::string::npos);
  }
  CHECK(percents > 20);
}
