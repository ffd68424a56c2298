// Every word of every PDF stays inside its table cell and the page margins: on
// each sample and on a stress dossier built from a sample (60 professionals,
// 25 actions, 40 budget lines over 5 years, a 150-character association name).
// Word boxes come from `pdftotext -bbox`; the cells' borders from the page
// content, uncompressed by `qpdf --qdf`.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/support.hpp"

namespace fs = std::filesystem;
using trame::test::quote;
using trame::test::run;
using trame::test::TempDir;

namespace {

constexpr double kPageWidth = 595.276, kPageHeight = 841.89;
constexpr double kLeft = 22 * 72 / 25.4, kRight = kPageWidth - 22 * 72 / 25.4;  // templates/theme.json

struct Segment {
  double x, y0, y1;  // a vertical rule, PDF coordinates
};

// Vertical segments drawn on each page (1-based), from the page contents ("x y m x y l").
std::map<int, std::vector<Segment>> vertical_rules(const fs::path& pdf, const fs::path& work) {
  const fs::path qdf = work / "qdf.pdf";
  auto q = run("qpdf --qdf --object-streams=disable " + quote(pdf.string()) + " " + quote(qdf.string()));
  REQUIRE(q.exit_code == 0);
  std::ifstream in(qdf, std::ios::binary);
  std::map<int, std::vector<Segment>> out;
  int page = 0;
  double mx = 0, my = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("%% Contents for page ", 0) == 0) page = std::stoi(line.substr(21));
    std::istringstream s(line);
    double a = 0, b = 0;
    std::string op;
    if (!(s >> a >> b >> op)) continue;
    if (op == "m") mx = a, my = b;
    else if (op == "l" && std::abs(a - mx) < 0.01) out[page].push_back({a, std::min(b, my), std::max(b, my)});
  }
  return out;
}

// Problems of one PDF: words outside the margins or across a vertical rule.
std::vector<std::string> misplaced_words(const fs::path& pdf, const fs::path& work) {
  const auto rules = vertical_rules(pdf, work);
  auto bbox = run("pdftotext -bbox " + quote(pdf.string()) + " -");
  REQUIRE(bbox.exit_code == 0);
  std::vector<std::string> bad;
  static const std::regex word(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
  int page = 0;
  std::istringstream in(bbox.out);
  for (std::string line; std::getline(in, line);) {
    if (line.find("<page ") != std::string::npos) ++page;
    std::smatch m;
    if (!std::regex_search(line, m, word)) continue;
    const double x0 = std::stod(m[1]), top = std::stod(m[2]), x1 = std::stod(m[3]), bottom = std::stod(m[4]);
    const std::string where = pdf.filename().string() + " p" + std::to_string(page) + " « " + m[5].str() + " »";
    if (x0 < kLeft - 0.5 || x1 > kRight + 0.5) bad.push_back(where + " hors des marges");
    const double y0 = kPageHeight - bottom, y1 = kPageHeight - top;  // PDF coordinates
    auto it = rules.find(page);
    if (it == rules.end()) continue;
    for (const auto& r : it->second)
      if (r.x > x0 + 0.5 && r.x < x1 - 0.5 && r.y0 < y1 - 1 && r.y1 > y0 + 1) {
        bad.push_back(where + " traverse un filet de tableau");
        break;
      }
  }
  return bad;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void check_pack(const fs::path& dossier, const fs::path& work) {
  const fs::path out = work / "out";
  auto r = run(quote(TRAME_BIN) + " pack -f pdf -o " + quote(out.string()) + " " + quote(dossier.string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  int pdfs = 0;
  for (const auto& e : fs::directory_iterator(out)) {
    if (e.path().extension() != ".pdf") continue;
    ++pdfs;
    const auto bad = misplaced_words(e.path(), work);
    std::string list;
    for (size_t i = 0; i < bad.size() && i < 12; ++i) list += bad[i] + "\n";
    INFO(list);
    CHECK(bad.empty());
  }
  CHECK(pdfs >= 5);
}

}  // namespace

TEST_CASE("every word of every sample's PDFs lies inside its cell and the margins") {
  for (const auto& e : fs::directory_iterator(fs::path(TRAME_SOURCE_DIR) / "samples")) {
    if (e.path().extension() != ".json") continue;
    TempDir work("trame_cells");
    INFO(e.path().filename().string());
    check_pack(e.path(), work.path);
  }
}

TEST_CASE("a stress dossier: long lists, a 5-year budget and a 150-character name stay inside cells and margins") {
  auto d = nlohmann::json::parse(slurp(fs::path(TRAME_SOURCE_DIR) / "samples/sud-manche.json"));
  std::string name = "Communauté professionnelle territoriale de santé des Pays de Granville, de Villedieu-les-Poêles, "
                     "d’Avranches et du Mont-Saint-Michel réunis";
  while (name.size() < 150) name += " bis";
  d["cpts"]["nom"] = name;
  auto& pros = d["collectif"]["professionnels"];
  for (size_t i = 0; pros.size() < 60; ++i) {
    auto p = pros[i % 16];
    p["nom"] = p["nom"].get<std::string>() + "-Lefèvre-Dubois" + std::to_string(i);
    pros.push_back(p);
  }
  auto& actions = d["projet_sante"]["actions"];
  for (size_t i = 0; actions.size() < 25; ++i) {
    auto a = actions[i % 5];
    a["id"] = "B" + std::to_string(i + 1);
    a["intitule"] = a["intitule"].get<std::string>() + " (volet " + std::to_string(i + 2) + ")";
    actions.push_back(a);
  }
  auto& b = d["budget_previsionnel"];
  b["annees"] = {2026, 2027, 2028, 2029, 2030};
  auto five = [](nlohmann::json& lines) {
    for (auto& l : lines) {
      auto m = l["montants"];
      while (m.size() < 5) m.push_back(m.back());
      l["montants"] = m;
    }
  };
  auto& charges = b["charges"];
  for (size_t i = 0; charges.size() < 40; ++i) {
    auto c = charges[i % 11];
    c["libelle"] = c["libelle"].get<std::string>() + " — poste complémentaire n° " + std::to_string(i + 1);
    charges.push_back(c);
  }
  five(charges);
  five(b["charges_indirectes"]);
  five(b["produits"]);
  five(b["contributions"]["emplois"]);
  five(b["contributions"]["ressources"]);
  // Products balance the charges (direct and indirect), year by year, in cents: the difference
  // goes to the first product.
  auto cents = [](const nlohmann::json& v) { return std::llround(v.get<double>() * 100); };
  for (size_t y = 0; y < 5; ++y) {
    long long c = 0, p = 0;
    for (const auto& l : charges) c += cents(l["montants"][y]);
    for (const auto& l : b["charges_indirectes"]) c += cents(l["montants"][y]);
    for (const auto& l : b["produits"]) p += cents(l["montants"][y]);
    b["produits"][0]["montants"][y] = static_cast<double>(cents(b["produits"][0]["montants"][y]) + (c - p)) / 100;
  }
  TempDir work("trame_cells_stress");
  const fs::path file = work.path / "stress.json";
  std::ofstream(file) << d.dump(2);
  check_pack(file, work.path);
}
