#include <catch2/catch.hpp>

#include "common/diagnostic.hpp"
#include "funding/table.hpp"

using namespace trame::funding;

TEST_CASE("the 2019 table: size thresholds on both sides") {
  const Table& t = table_version("2019");
  CHECK(t.size_for(39999) == 1);
  CHECK(t.size_for(40000) == 2);
  CHECK(t.size_for(79999) == 2);
  CHECK(t.size_for(80000) == 3);
  CHECK(t.size_for(174999) == 3);
  CHECK(t.size_for(175000) == 4);
  CHECK(t.size_for(60200) == 2);
  CHECK(t.size_for(105452) == 3);
}

TEST_CASE("the 2019 table reproduces the seed totals for each size") {
  const Table& t = table_version("2019");
  const long long everything[4] = {220000, 287000, 370000, 450000};
  const long long without_snp[4] = {185000, 242000, 315000, 380000};
  const long long access[4] = {75000, 92000, 120000, 150000};
  for (int s = 0; s < 4; ++s) {
    long long total = t.fonctionnement[s], snp = 0, acc = 0;
    for (const auto& m : t.missions) {
      total += m.fixed[s] + m.variable[s];
      for (const auto& v : m.volets) {
        total += v.amounts[s];
        if (v.id == "snp") snp = v.amounts[s];
      }
      if (m.id == "acces") {
        acc = m.fixed[s] + m.variable[s];
        for (const auto& v : m.volets) acc += v.amounts[s];
      }
    }
    INFO("taille " << s + 1);
    CHECK(total == everything[s]);
    CHECK(total - snp == without_snp[s]);
    CHECK(acc == access[s]);
  }
}

TEST_CASE("table selection by date and by version") {
  CHECK(table_for_date("2025-01-01").version == "2019");
  CHECK_THROWS_AS(table_for_date("2018-01-01"), trame::Error);
  CHECK_THROWS_AS(table_version("1999"), trame::Error);
  const Table& t = table_version("2019");
  REQUIRE(t.mission("acces") != nullptr);
  CHECK(t.mission("acces")->socle);
  CHECK_FALSE(t.mission("qualite")->socle);
  CHECK(t.mission("crises") == nullptr);
  CHECK(t.band(2).label == "de 40 000 à 79 999 habitants");
}

TEST_CASE("the table lists the national indicators of the access mission") {
  const Table& t = table_version("2019");
  REQUIRE(t.national_indicators.size() == 7);
  int decreasing = 0;
  for (const auto& i : t.national_indicators) {
    CHECK(i.mission == "acces");
    if (i.decreasing) ++decreasing;
  }
  CHECK(decreasing == 4);  // ALD, 70+, CSS without a médecin traitant; emergency visits without hospitalisation
}

TEST_CASE("the 2019 table: dates, deployment calendar, socle deadline") {
  const Table& t = table_version("2019");
  CHECK(t.effective_from == "2019-08-25");  // arrêté of 21 August 2019, JO of 24 August: in force the next day
  CHECK(t.socle_deadline_months == 24);
  CHECK(*t.mission("acces")->start_max_months == 6);
  CHECK(*t.mission("acces")->deploy_max_months == 18);
  CHECK(*t.mission("parcours")->start_max_months == 12);
  CHECK(*t.mission("prevention")->deploy_max_months == 24);
  CHECK_FALSE(t.mission("qualite")->start_max_months);
  CHECK_FALSE(t.mission("accompagnement")->socle);
  CHECK(t.mission("acces")->volets.size() == 2);
  CHECK(t.mission("acces")->volets[0].id == "mt");
  CHECK(t.mission("acces")->volets[0].amounts == Amounts{10000, 12000, 15000, 20000});
  CHECK(t.mission("acces")->volets[1].id == "snp");
  CHECK(t.mission("acces")->volets[1].amounts == Amounts{35000, 45000, 55000, 70000});
  CHECK(t.fonctionnement == Amounts{50000, 60000, 75000, 90000});
  CHECK(size_for_population(60200, t) == 2);
}
