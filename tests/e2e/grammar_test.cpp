// Issue 11, French grammar and the statutes, projet de santé and budget read
// back as a reader would (pdftotext, the ODT's content.xml, pdfinfo). Expected
// wording from French usage, the INSEE list of departments and the seeds'
// models (seed 002: statuts, fiche action, budget), never from the program.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "e2e/e2e.hpp"
#include "support/checks.hpp"

namespace fs = std::filesystem;
using namespace trame::test;
using nlohmann::json;

namespace {

json sample_json(const std::string& name) { return json::parse(trame::read_file(src("samples/" + name))); }

// A document rendered from a dossier (a sample or an edited copy), in both formats.
struct Doc {
  TempDir dir{"trame_grammar"};
  std::string text;     // pdftotext, one line, spaces normalised
  std::string raw;      // pdftotext as it is (no-break spaces kept)
  std::string content;  // the ODT's content.xml
  std::string name;
  // `output`: the files' name when it is not the document's (« avenant-001 », « copil-2027-05-20 »).
  Doc(const json& dossier, const std::string& document, const std::string& extra = "", const std::string& output = "")
      : name(output.empty() ? document : output) {
    std::ofstream(dir.path / "d.json") << dossier.dump(2);
    auto r = run(cmd("render " + document + " " + quote((dir.path / "d.json").string()) + " --out " +
                     quote(dir.path.string()) + " " + extra));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    text = pdf_line(pdf());
    raw = run("pdftotext -enc UTF-8 " + quote(pdf().string()) + " -").out;
    content = zip_entry(dir.path / (name + ".odt"), "content.xml");
  }
  fs::path pdf() const { return dir.path / (name + ".pdf"); }
  std::string info() const { return run("pdfinfo -enc UTF-8 " + quote(pdf().string())).out; }
};

// The warnings of `trame validate --json` as (id, JSON path) pairs.
std::vector<std::pair<std::string, std::string>> warnings(const json& dossier) {
  TempDir dir("trame_grammar_validate");
  std::ofstream(dir.path / "d.json") << dossier.dump(2);
  auto r = run(cmd("validate --json " + quote((dir.path / "d.json").string())));
  std::vector<std::pair<std::string, std::string>> out;
  const json report = json::parse(r.out);  // kept alive: the loop reads inside it
  for (const auto& w : report.at(0).at("avertissements"))
    out.emplace_back(w.at("id").get<std::string>(), w.value("chemin", std::string()));
  return out;
}
// The page of a rendered PDF (pdftotext's form feeds) that holds `needle`, normalised to one line.
std::string page_with(const Doc& doc, const std::string& needle) {
  std::istringstream pages(doc.raw);
  for (std::string page; std::getline(pages, page, '\f');) {
    std::replace(page.begin(), page.end(), '\n', ' ');
    page = normalize_spaces(page);
    if (contains(page, needle)) return page;
  }
  return "";
}
bool warned(const json& dossier, const std::string& id, const std::string& path) {
  for (const auto& [i, p] : warnings(dossier))
    if (i == id && p == path) return true;
  return false;
}

}  // namespace

TEST_CASE("grammar: the statutes build the quorum sentences of articles 11 and 12 from data") {
  json d = sample_json("sud-manche.json");
  {
    Doc st(d, "statuts");
    check_contains_all(st.text,
                       {"L’assemblée ne délibère valablement que si le quart au moins de ses membres sont présents ou "
                        "représentés ; les décisions sont prises à la majorité des voix des membres présents ou représentés.",
                        "L’assemblée ne délibère valablement que si la moitié au moins de ses membres sont présents ou "
                        "représentés ; les décisions sont prises à la majorité des deux tiers des voix des membres présents "
                        "ou représentés.",
                        // Article 17 keeps the model's prohibition (seed 002, modèle de statuts).
                        "L’actif net ne peut être dévolu à un membre de l’association", "Fait à Granville, le"});
    CHECK_FALSE(contains(st.text, "à les "));
  }
  // Every other combination still reads as French.
  d["statuts"]["ag_ordinaire"]["quorum"] = {{"fraction", "aucun"}, {"representes", false}};
  d["statuts"]["ag_ordinaire"]["majorite"] = {{"type", "trois_quarts"}, {"base", "suffrages_exprimes"}};
  d["statuts"]["ag_extraordinaire"]["quorum"] = {{"fraction", "deux_tiers"}, {"representes", false}};
  d["statuts"]["ag_extraordinaire"]["majorite"] = {{"type", "deux_tiers"}, {"base", "presents"}};
  Doc st(d, "statuts");
  CHECK(contains(st.text, "L’assemblée délibère valablement quel que soit le nombre des membres présents ; les décisions "
                          "sont prises à la majorité des trois quarts des suffrages exprimés."));
  CHECK(contains(st.text, "L’assemblée ne délibère valablement que si les deux tiers au moins de ses membres sont présents ; "
                          "les décisions sont prises à la majorité des deux tiers des voix des membres présents."));
  // A quorum written as a sentence (the old form) is refused with its path.
  json old = sample_json("sud-manche.json");
  old["statuts"]["ag_ordinaire"]["quorum"] = "le quart des membres présents ou représentés";
  TempDir dir("trame_grammar_old");
  std::ofstream(dir.path / "d.json") << old.dump(2);
  auto r = run(cmd("validate " + quote((dir.path / "d.json").string())));
  CHECK(r.exit_code != 0);
  CHECK(contains(r.err, "/statuts/ag_ordinaire/quorum"));
}

TEST_CASE("grammar: open to every mode d’exercice, the statutes need a college for salaried professionals (seed 001)") {
  json d = sample_json("sud-manche.json");
  CHECK_FALSE(warned(d, "trame.dossier.W338", "/statuts/colleges"));
  json& colleges = d["statuts"]["colleges"];
  for (size_t i = 0; i < colleges.size(); ++i)
    if (colleges[i]["nom"].get<std::string>().find("salariés") != std::string::npos) colleges.erase(i--);
  CHECK(warned(d, "trame.dossier.W338", "/statuts/colleges"));
}

TEST_CASE("grammar: places, departments, titles and functions take their articles") {
  json loir = sample_json("vallee-du-loir.json");
  json manche = sample_json("sud-manche.json");
  {
    Doc lettre(manche, "lettre-intention");
    CHECK(contains(lettre.text, "du département de la Manche"));
    CHECK(contains(lettre.text, "Il est porté par le Pr Yves Lebas, président"));
    CHECK_FALSE(contains(lettre.text, " dont 1 dont "));
    CHECK_FALSE(std::regex_search(lettre.text, std::regex(R"(dont \d+ dont)")));
  }
  {
    Doc lettre(loir, "lettre-intention");
    CHECK(contains(lettre.text, "du département de la Sarthe"));
    CHECK(contains(lettre.text, "Sa représentante légale est"));
    CHECK(contains(lettre.text, "Fait à La Flèche"));
  }
  {
    Doc projet(loir, "projet-sante");
    CHECK(contains(projet.text, "Présidente, représentante légale"));
    CHECK_FALSE(contains(projet.text, "Présidente, représentant légal"));
  }
  {
    Doc contrat(loir, "contrat-aci");
    CHECK(contains(contrat.text, "Fait au Mans, le"));
    CHECK_FALSE(contains(contrat.text, "à Le Mans"));
    CHECK(std::regex_search(contrat.info(), std::regex("Subject: +Contrat tripartite relatif aux communautés professionnelles")));
  }
  {
    Doc budget(manche, "budget-previsionnel");
    CHECK(contains(budget.info(), "Budget prévisionnel du projet de santé de la CPTS Sud Manche"));
  }
  // Another department: the article follows the INSEE list.
  loir["territoire"]["departement"] = "61";
  Doc orne(loir, "lettre-intention");
  CHECK(contains(orne.text, "du département de l’Orne"));
  loir["territoire"]["departement"] = "Calvados";
  Doc calvados(loir, "lettre-intention");
  CHECK(contains(calvados.text, "du département du Calvados"));
  loir["territoire"]["departement"] = "Sarth";
  CHECK(warned(loir, "trame.dossier.W340", "/territoire/departement"));
}

TEST_CASE("grammar: both formats carry the same French spaces, and a percent sign never starts a line") {
  // The spaces are decided once in the document tree: the ODT carries them as characters
  // (LibreOffice then never leaves « at a line end), the PDF lays its lines out with them.
  Doc contrat(sample_json("sud-manche.json"), "contrat-aci");
  const std::string nbsp = "\xC2\xA0", narrow = "\xE2\x80\xAF";
  for (const std::string& mark : {nbsp + ":", narrow + "%", narrow + ";", "«" + nbsp, nbsp + "»"}) {
    INFO(mark);
    CHECK(contains(contrat.content, mark));
  }
  // No breaking space is left before : ; % » or after « in the ODT's text.
  std::string odt_text = std::regex_replace(contrat.content, std::regex("<[^>]*>"), "");
  CHECK_FALSE(std::regex_search(odt_text, std::regex("( [:;%]| »|« )")));
  // « solde de 25 % » (built by the funding engine) keeps its percent sign with the number.
  CHECK(contains(contrat.content, "25" + narrow + "%"));
  // The PDF (pdftotext prints every space as U+0020): no line begins with : ; % or », none ends with «.
  std::istringstream lines(contrat.raw);
  int n = 0;
  for (std::string line; std::getline(lines, line); ++n) {
    INFO(line);
    CHECK_FALSE(std::regex_search(line, std::regex("^ *([:;%!?]|»)")));
    CHECK_FALSE(std::regex_search(line, std::regex("« *$")));
  }
  CHECK(n > 300);
}

TEST_CASE("grammar: the projet de santé names its contact, answers 2.2 and keeps every field of the fiche action") {
  json d = sample_json("sud-manche.json");
  json& a = d["projet_sante"]["actions"][0];
  for (const char* k : {"objectifs_prs", "diagnostic", "liens"}) a.erase(k);
  a["calendrier"].erase("etapes");
  Doc projet(d, "projet-sante");
  const json& c = d["cpts"]["contact"];
  CHECK(contains(projet.text, c["prenom"].get<std::string>() + " " + c["nom"].get<std::string>()));
  CHECK(contains(projet.text, "Profession : " + c["profession"].get<std::string>()));
  CHECK(contains(projet.text, c["telephone"].get<std::string>()));
  CHECK(contains(projet.text, c["courriel"].get<std::string>()));
  CHECK(contains(projet.text, "Missions complémentaires"));
  CHECK(std::regex_search(projet.text, std::regex("Le projet (ne )?prévoit (pas, à ce stade, de mission complémentaire|la mission complémentaire|les missions complémentaires)")));
  // The first fiche lost four fields: they are printed, marked as not filled in.
  const std::string fiche = projet.text.substr(projet.text.rfind("Fiche action " + a["id"].get<std::string>() + " —"));  // the body, not the table of contents
  const std::string first = fiche.substr(0, fiche.find("Fiche action", 5));
  for (const char* field : {"Objectifs du PRS Non renseigné", "Éléments du diagnostic Non renseigné", "Étapes clés Non renseigné",
                            "Liens avec d’autres actions Non renseigné"}) {
    INFO(field);
    CHECK(contains(first, field));
  }
}

TEST_CASE("grammar: the budget has the model's charges indirectes and its ACI income follows the contract's schedule") {
  json d = sample_json("sud-manche.json");
  REQUIRE(d["budget_previsionnel"].contains("charges_indirectes"));
  CHECK_FALSE(warned(d, "trame.dossier.W339", "/budget_previsionnel/produits/0/montants/1"));
  Doc budget(d, "budget-previsionnel");
  CHECK(contains(budget.text, "Charges indirectes"));
  CHECK(contains(budget.text, "Charges fixes de fonctionnement"));
  CHECK(contains(budget.text, "Total des charges"));
  // An ACI income that differs from the schedule for a year is pointed at.
  d["budget_previsionnel"]["produits"][0]["montants"][1] = d["budget_previsionnel"]["produits"][0]["montants"][1].get<double>() + 1000;
  d["budget_previsionnel"]["charges"][0]["montants"][1] = d["budget_previsionnel"]["charges"][0]["montants"][1].get<double>() + 1000;
  CHECK(warned(d, "trame.dossier.W339", "/budget_previsionnel/produits/0/montants/1"));
}

// ---- Acceptance review of issue 11 (as a CPAM agent and a coordinator read the pack) ----

namespace {

// The sample's avenant n° 1 rendered from `dossier` (Doc saves it as d.json: the avenants
// folder holds the sample's avenants under that name).
struct Avenant {
  TempDir avenants{"trame_grammar_avenants"};
  std::unique_ptr<Doc> doc;
  explicit Avenant(const json& dossier) {
    fs::create_directories(avenants.path / "d");
    for (const auto& f : fs::directory_iterator(src("samples/avenants/sud-manche")))
      fs::copy_file(f.path(), avenants.path / "d" / f.path().filename());
    doc = std::make_unique<Doc>(dossier, "avenant", "--avenants " + quote(avenants.path.string()), "avenant-001");
  }
};

}  // namespace

TEST_CASE("acceptance: the lettre names its porteur with an article and counts each profession once") {
  json manche = sample_json("sud-manche.json");
  Doc lettre(manche, "lettre-intention");
  CHECK(contains(lettre.text, "Le projet est porté par la communauté professionnelle territoriale de santé « CPTS Sud Manche » ; "
                              "son association support (association loi 1901) est déjà constituée."));
  CHECK_FALSE(contains(lettre.text, "dont l’association support"));
  // « Infirmière » and « Infirmier » are one profession: counted together under the masculine.
  int nurses = 0;
  for (const auto& p : manche["collectif"]["professionnels"]) {
    const std::string c = p["categorie"];
    nurses += c == "Infirmier" || c == "Infirmière";
  }
  REQUIRE(nurses == 2);
  CHECK(contains(lettre.text, "infirmier (2)"));
  CHECK_FALSE(std::regex_search(lettre.text, std::regex("[:,] infirmière \\(")));
  // A funder after a label that ends in a parenthesis: one pair of parentheses, not two.
  CHECK(contains(lettre.text, "Subvention d’amorçage (FIR) — ARS Normandie"));
  CHECK_FALSE(contains(lettre.text, ") ("));
  Doc loir(sample_json("vallee-du-loir.json"), "lettre-intention");
  CHECK(contains(loir.text, "« CPTS Vallée du Loir et de la Sarthe » ; son association support (association loi 1901) est en "
                            "cours de constitution."));
}

TEST_CASE("acceptance: the contract states only the volets it pays, its negotiated amounts and the projet it cites") {
  json loir = sample_json("vallee-du-loir.json");
  {
    Doc contrat(loir, "contrat-aci");
    // No soins non programmés volet in this contract: no sentence about it (articles 7 and 8).
    CHECK_FALSE(contains(contrat.text, "volet soins non programmés"));
    CHECK(contains(contrat.text, "La part variable et le volet médecin traitant sont versés au regard du taux d’atteinte"));
    // The prévention fixed part is negotiated (15 000 €), below the accord's 17 500 € for a taille 3 (seed 002).
    REQUIRE(loir["contrat"]["missions"][2]["montants"]["fixe"] == 15000);
    CHECK(contains(contrat.text, "pour la mission « développement des actions territoriales de prévention », les montants sont "
                                 "ceux que les parties ont négociés dans la limite de ce tableau."));
    // Seed 001: the projet de santé validated by the ARS is cited.
    CHECK(contains(contrat.text, "Vu le projet de santé de la CPTS transmis à l’agence régionale de santé et validé le 11 janvier 2027 ;"));
    CHECK(contains(contrat.text, "Fait au Mans, le 18 janvier 2027, en 3 exemplaires originaux."));
  }
  CHECK_FALSE(warned(loir, "trame.dossier.W341", "/contrat"));
  loir["contrat"].erase("projet_sante_valide_le");
  CHECK(warned(loir, "trame.dossier.W341", "/contrat"));

  Doc manche(sample_json("sud-manche.json"), "contrat-aci");
  CHECK(contains(manche.text, "Le volet soins non programmés finance l’organisation de la régulation"));
  CHECK(contains(manche.text, "Part fixe de chaque mission et volet soins non programmés :"));
  // Annex 3: a count agrees with its number (« 1 protocole », « 0 consultation »), a rate keeps « % ».
  // (read in the ODT's cells: pdftotext interleaves the narrow columns)
  CHECK(contains(manche.content, "1 protocole / 2 protocoles"));
  CHECK(contains(manche.content, ">0 consultation<"));
  CHECK_FALSE(contains(manche.content, "1 protocoles"));
}

TEST_CASE("acceptance: the projet de santé plans the optional missions the contract engages (seed 002, 2.2)") {
  json d = sample_json("sud-manche.json");
  size_t k = 0;
  while (d["contrat"]["missions"][k]["id"] != "accompagnement") ++k;
  Doc projet(d, "projet-sante");
  CHECK(contains(projet.text, "Le projet prévoit la mission complémentaire « accompagnement des professionnels de santé sur le "
                              "territoire »"));
  CHECK(contains(projet.text, "Validation du projet de santé par l’ARS 20 mars 2026"));
  CHECK_FALSE(warned(d, "trame.dossier.W342", "/contrat/missions/" + std::to_string(k)));
  d["projet_sante"]["mise_en_oeuvre"].erase("accompagnement");
  CHECK(warned(d, "trame.dossier.W342", "/contrat/missions/" + std::to_string(k)));
  // The Vallée du Loir's projet speaks of its own territory, not of the Manche.
  Doc loir(sample_json("vallee-du-loir.json"), "projet-sante");
  for (const char* other : {"Manche", "Granville", "littoral", "estivants"}) {
    INFO(other);
    CHECK_FALSE(contains(loir.text, other));
  }
  CHECK(contains(loir.text, "SAS de la Sarthe"));
}

TEST_CASE("acceptance: budget and statutes end their sentences and lists as French does") {
  Doc loir(sample_json("vallee-du-loir.json"), "budget-previsionnel");
  REQUIRE_FALSE(sample_json("vallee-du-loir.json")["budget_previsionnel"].contains("contributions"));
  CHECK_FALSE(contains(loir.text, "contributions en nature)"));
  CHECK(contains(loir.text, "Total des produits"));
  Doc manche(sample_json("sud-manche.json"), "budget-previsionnel");
  CHECK(contains(manche.text, "Total des charges (y compris contributions en nature)"));
  // « Fait à … » never stands alone on the last page: the closing paragraph goes with it.
  CHECK(contains(page_with(manche, "Fait à Granville"), "Le total des charges est égal au total des produits"));
  Doc statuts(sample_json("sud-manche.json"), "statuts");
  CHECK(contains(statuts.text, "toute autre ressource autorisée par la loi."));
  CHECK_FALSE(contains(statuts.text, "autorisée par la loi ;"));
}

TEST_CASE("acceptance: the avenant names the associated MSA's representative and writes targets with their units") {
  json d = sample_json("sud-manche.json");
  Avenant a(d);
  const Doc& av = *a.doc;
  const json& msa = d["contrat"]["msa"]["directeur"];
  CHECK(contains(av.text, "En présence de la Caisse de MSA Côtes Normandes, représentée par " + msa["civilite"].get<std::string>() +
                              " " + msa["prenom"].get<std::string>() + " " + msa["nom"].get<std::string>() + ", directeur général,"));
  check_contains_all(av.text, {// Seed values of the avenant file: 57/60/62/64/65 % become 57/61/64/66/68 %.
                               "passent de 57 % ; 60 % ; 62 % ; 64 % ; 65 % à 57 % ; 61 % ; 64 % ; 66 % ; 68 %.",
                               // The new indicator has no target in year 1 (the mission starts in year 2).
                               "objectifs des années 2 à 5 : 4 séances ; 4 séances ; 4 séances ; 4 séances",
                               "mode de calcul : nombre de séances tenues dans l’année",
                               "modalités de mise en œuvre : groupes de pairs",
                               "Vu le contrat tripartite signé le 15 avril 2026 à Saint-Lô ;", "en 3 exemplaires originaux."});
  CHECK_FALSE(contains(av.text, "— ;"));
  CHECK(contains(page_with(av, "Fait à Saint-Lô"), "Le présent avenant prend effet le 15 avril 2027."));
  // A signatory MSA makes the contract, and the avenant's title, quadripartite.
  d["contrat"]["msa"]["signataire"] = true;
  Avenant b(d);
  const Doc& four = *b.doc;
  CHECK(contains(four.text, "Vu le contrat quadripartite signé le"));
  CHECK(contains(four.info(), "Avenant n° 1 au contrat quadripartite de la CPTS Sud Manche"));
  CHECK(contains(four.text, "en 4 exemplaires originaux."));
}

TEST_CASE("acceptance: the COPIL minutes print a rate with its percent sign, as annex 3 does") {
  Doc copil(sample_json("sud-manche.json"), "copil", "", "copil-2027-05-20");
  // « Patients de 70 ans et plus sans médecin traitant »: reference 4,2 %, target 3,9 % (a share, unit « % »).
  for (const std::string value : {"4,2", "3,9"}) {
    INFO(value);
    CHECK((contains(copil.content, ">" + value + "\xC2\xA0%<") || contains(copil.content, ">" + value + "\xE2\x80\xAF%<")));
  }
  CHECK_FALSE(contains(copil.content, ">4,2<"));
}

TEST_CASE("acceptance: the budget's ACI income is the contract's forecast schedule, measured rates aside") {
  // Annex 4 at full achievement pays in 2027 (seed 002/004 rules, sample contract): fonctionnement
  // 45 000 + accès fixe 17 500 + SNP 45 000 + parcours fixe 4 698,63 + 26 250 + prévention fixe
  // 2 013,70 + 11 250 + accompagnement fixe 1 602,74 + 534,25 + 5 625 + year-1 variable parts
  // 17 500 + 12 000 + 18 794,52 + 8 054,79 + 2 136,99 = 217 960,62 €; the year-1 rates measured
  // in May 2027 do not change a forecast dated January 2026.
  json d = sample_json("sud-manche.json");
  CHECK(d["budget_previsionnel"]["produits"][0]["montants"][1].get<double>() == Approx(217960.62));
  CHECK_FALSE(warned(d, "trame.dossier.W339", "/budget_previsionnel/produits/0/montants/1"));
  Doc contrat(d, "contrat-aci");
  CHECK(contains(contrat.text, "2027 217 960,62 €"));
  Doc projet(d, "projet-sante");
  CHECK(contains(projet.text, "74 CPAM de la Manche 127 011,98 € 217 960,62 € 267 000 €"));
  // The amount after the measured rates is not the forecast: it is pointed at.
  d["budget_previsionnel"]["produits"][0]["montants"][1] = 205000.33;
  CHECK(warned(d, "trame.dossier.W339", "/budget_previsionnel/produits/0/montants/1"));
}

TEST_CASE("acceptance: the contract's and the statutes' last article stay with their signatures, heading included") {
  for (const char* sample : {"sud-manche.json", "vallee-du-loir.json"}) {
    INFO(sample);
    const json d = sample_json(sample);
    Doc contract(d, "contrat-aci");
    const std::string page = page_with(contract, "exemplaires originaux");
    REQUIRE_FALSE(page.empty());
    CHECK(contains(page, "Résiliation Le contrat peut être résilié"));  // the heading, then its paragraph
    CHECK(contains(page, "au prorata temporis."));
    Doc statuts(d, "statuts");
    const std::string last = page_with(statuts, "Pour l’association");
    REQUIRE_FALSE(last.empty());
    CHECK(contains(last, "Dissolution"));
    CHECK(contains(last, "même partiellement, sauf reprise d’un apport."));
  }
}
