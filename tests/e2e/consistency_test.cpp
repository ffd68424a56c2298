// The contract agrees with itself and with the accord (issue 11, contract part),
// read back with pdftotext. Expected figures come from the 2019 table (seed 002)
// and seed 004's grouping, never from the program's output.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <cmath>
#include <set>
#include <sstream>
#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "e2e/e2e.hpp"

namespace fs = std::filesystem;
using namespace trame::test;
using nlohmann::json;

namespace {


// Every amount in euros of a text, in cents ("1 277 972,60 €" -> 127797260).
std::vector<long long> amounts(const std::string& text) {
  std::vector<long long> out;
  static const std::regex money(R"((\d{1,3}(?: \d{3})*)(?:,(\d{2}))? €)");
  for (std::sregex_iterator it(text.begin(), text.end(), money), end; it != end; ++it) {
    std::string units = (*it)[1];
    units.erase(std::remove(units.begin(), units.end(), ' '), units.end());
    out.push_back(std::stoll(units) * 100 + ((*it)[2].matched ? std::stoll((*it)[2]) : 0));
  }
  return out;
}

std::set<std::string> percentages(const std::string& text) {
  std::set<std::string> out;
  static const std::regex pct(R"((\d+(?:,\d+)?) %)");
  for (std::sregex_iterator it(text.begin(), text.end(), pct), end; it != end; ++it) out.insert((*it)[1]);
  return out;
}

struct Rendered {
  TempDir dir{"trame_consistency"};
  std::string text;
  Rendered(const fs::path& dossier, const std::string& document = "contrat-aci", const std::string& extra = "") {
    auto r = run(cmd("render " + document + " " + quote(dossier.string()) + " --format pdf --out " + quote(dir.path.string()) +
                     " " + extra));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    text = trame::test::pdf_line(dir.path / (document + ".pdf"));
  }
};

}  // namespace

TEST_CASE("consistency: the contract is tripartite, the MSA associated unless it signs, one original a signatory") {
  Rendered signed_contract(src("samples/sud-manche.json"));
  const std::string& t = signed_contract.text;
  CHECK(contains(t, "Contrat tripartite"));
  CHECK(contains(t, "En présence de la Caisse de MSA Côtes Normandes"));
  CHECK(contains(t, "dont elle n’est pas signataire"));
  CHECK(contains(t, "en 3 exemplaires originaux"));
  CHECK_FALSE(contains(t, "Pour la Caisse de MSA"));
  // A dossier where the MSA signs: a fourth party, the title and the copies follow.
  TempDir work("trame_msa");
  json d = json::parse(trame::read_file(src("samples/sud-manche.json")));
  d["contrat"]["msa"]["signataire"] = true;
  std::ofstream(work.path / "msa.json") << d.dump(2);
  Rendered four(work.path / "msa.json");
  CHECK(contains(four.text, "Contrat quadripartite"));
  CHECK(contains(four.text, "en 4 exemplaires originaux"));
  CHECK(contains(four.text, "Pour la Caisse de MSA Côtes Normandes"));
  CHECK_FALSE(contains(four.text, "Contrat tripartite"));
}

TEST_CASE("consistency: article 7 groups the amounts as the accord does") {
  // The signed Sud Manche contract, size 2: accès (with both volets), parcours, prévention, accompagnement.
  // 2019 table, size 2: fixed parts 17 500 + 35 000 + 15 000 + 7 500 = 75 000; variable parts with the
  // médecin traitant volet 17 500 + 12 000 + 35 000 + 15 000 + 7 500 = 87 000; fonctionnement 60 000 apart;
  // soins non programmés volet 45 000 apart.
  Rendered signed_contract(src("samples/sud-manche.json"));
  CHECK(contains(signed_contract.text,
                 "entre le fonctionnement de la CPTS (60 000 €), les parts fixes des missions (75 000 €) et leurs parts "
                 "variables, volet médecin traitant compris (87 000 €), soit 222 000 €, auxquels s’ajoute le volet soins non "
                 "programmés (45 000 €)"));
  CHECK_FALSE(contains(signed_contract.text, "Supplémentaire"));
  // With every mission (the consolidated contract after avenant n° 1): seed 004's size-2 row,
  // 60 000 / 85 000 / 97 000 / 242 000, plus the soins non programmés volet.
  Rendered all(src("samples/sud-manche.json"), "contrat-aci-consolide", "--avenants " + quote(src("samples/avenants").string()));
  CHECK(contains(all.text, "(60 000 €), les parts fixes des missions (85 000 €) et leurs parts variables, volet médecin "
                           "traitant compris (97 000 €), soit 242 000 €"));
}

TEST_CASE("consistency: every amount and percentage of the articles is found in, or derived from, the annexes") {
  for (const char* sample : {"sud-manche.json", "vallee-du-loir.json"}) {
    INFO(sample);
    Rendered contract(src("samples") / sample);
    const std::string& t = contract.text;
    // The articles: from the parties to the first annex heading after the table of contents.
    const size_t body = t.find("Entre les parties", t.find("Annexe 4 — Échéancier"));
    const size_t annexes = t.find("Annexe 1 — Communes du territoire", body);
    REQUIRE(body != std::string::npos);
    REQUIRE(annexes != std::string::npos);
    const std::string articles = t.substr(body, annexes - body), annex = t.substr(annexes);
    const size_t a2 = annex.find("Annexe 2"), a3 = annex.find("Annexe 3"), a4 = annex.find("Annexe 4");
    REQUIRE(a2 != std::string::npos);
    REQUIRE(a4 != std::string::npos);
    // Annex 2's annual amount of each line (up to its total), and every amount the annexes print.
    const std::string lines_table = annex.substr(a2, annex.find("Total annuel maximal", a2) - a2);
    std::vector<long long> lines = amounts(lines_table);
    REQUIRE(lines.size() >= 8);
    REQUIRE(lines.size() <= 16);
    std::set<long long> derivable;
    for (long long x : amounts(annex)) derivable.insert(x);
    for (size_t mask = 1; mask < (size_t(1) << lines.size()); ++mask) {  // every sum of annual lines
      long long sum = 0;
      for (size_t i = 0; i < lines.size(); ++i)
        if (mask & (size_t(1) << i)) sum += lines[i];
      derivable.insert(sum);
    }
    const std::vector<long long> cited = amounts(articles);
    CHECK(cited.size() >= 10);
    for (long long c : cited) {
      INFO("montant de l’article : " << c / 100 << "," << c % 100 << " €");
      CHECK(derivable.count(c) == 1);
    }
    // Every percentage of the articles is one the schedule (annex 4) applies.
    const std::set<std::string> schedule = percentages(annex.substr(a4));
    for (const auto& p : percentages(articles)) {
      INFO("pourcentage de l’article : " << p << " %");
      CHECK(schedule.count(p) == 1);
    }
    (void)a3;
  }
}

TEST_CASE("consistency: the articles state every rule the schedule applies") {
  Rendered contract(src("samples/sud-manche.json"));
  const std::string& t = contract.text;
  // The soins non programmés volet is paid as a fixed part (annex 4: advance of 75 % whatever the achievement).
  CHECK(contains(t, "Le volet soins non programmés finance l’organisation de la régulation : il est versé comme une part "
                    "fixe, quel que soit le taux d’atteinte."));
  CHECK(contains(t, "Volet soins non programmés (régulation) : avance de 75 % de l’année 1"));
  CHECK_FALSE(contains(t, "versés dans les mêmes conditions"));
  // The prorata of a mission starting late is stated, and annex 4 applies it: parcours starts on
  // 1 October 2026, 196 days before the first anniversary (15 April 2027) of a 365-day year:
  // 35 000 x 196 / 365 = 18 794,52 €, advance 75 % = 14 095,89 €.
  CHECK(contains(t, "(prorata temporis) ; l’avance de 75 % et le solde de 25 % portent sur ce montant"));
  CHECK(contains(t, "01/10/2026 Organisation de parcours pluriprofessionnels autour du patient — part fixe : avance de 75 % "
                    "de l’année 1 14 095,89 €"));
  // The total is explained.
  CHECK(contains(t, "c’est la somme des versements de l’échéancier de l’annexe 4"));
}

TEST_CASE("consistency: the projet de santé's budget summary counts every product account") {
  TempDir out("trame_projet_budget");
  REQUIRE(run(cmd("render projet-sante " + quote(src("samples/sud-manche.json").string()) + " --format pdf --out " +
                  quote(out.path.string())))
              .exit_code == 0);
  std::string layout = run("pdftotext -layout " + quote((out.path / "projet-sante.pdf").string()) + " -").out;
  layout = trame::test::normalize_spaces(layout);
  const size_t from = layout.find("Total des charges"), to = layout.find("Total des produits", from);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  // The product rows, one amount a year each, summed per year.
  std::vector<long long> rows_sum(3, 0);
  std::istringstream rows(layout.substr(layout.find('\n', from) + 1, to - layout.find('\n', from) - 1));
  for (std::string line; std::getline(rows, line);) {
    auto a = amounts(line);
    if (a.size() != 3) continue;
    for (size_t y = 0; y < 3; ++y) rows_sum[y] += a[y];
  }
  const auto printed_total = amounts(layout.substr(to, layout.find('\n', to) - to));
  REQUIRE(printed_total.size() == 3);
  // What the dossier's product lines add up to, every account (74 and 75 in the sample).
  json d = json::parse(trame::read_file(src("samples/sud-manche.json")));
  std::vector<long long> expected(3, 0);
  for (const auto& l : d["budget_previsionnel"]["produits"])
    for (size_t y = 0; y < 3; ++y) expected[y] += std::llround(l["montants"][y].get<double>() * 100);
  CHECK(rows_sum == expected);
  CHECK(printed_total == expected);
  CHECK(contains(layout, "Autres produits de gestion courante"));
}

TEST_CASE("consistency: the budget is dated where it is signed, and speaks of accounts 86 and 87 only when it has them") {
  Rendered with(src("samples/sud-manche.json"), "budget-previsionnel");
  CHECK(contains(with.text, "Fait à Granville, le 30 janvier 2026"));
  CHECK(contains(with.text, "(comptes 86) sont égaux aux contributions (comptes 87)"));
  TempDir work("trame_budget_86");
  json d = json::parse(trame::read_file(src("samples/sud-manche.json")));
  d["budget_previsionnel"].erase("contributions");
  std::ofstream(work.path / "sans.json") << d.dump(2);
  Rendered without(work.path / "sans.json", "budget-previsionnel");
  CHECK(contains(without.text, "Le total des charges est égal au total des produits pour chaque année."));
  CHECK_FALSE(contains(without.text, "comptes 86"));
}
