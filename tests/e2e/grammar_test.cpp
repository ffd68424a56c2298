// Issue 11, French grammar and the statutes, projet de santé and budget read
// back as a reader would (pdftotext, the ODT's content.xml, pdfinfo). Expected
// wording from French usage, the INSEE list of departments and the seeds'
// models (seed 002: statuts, fiche action, budget), never from the program.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "e2e/e2e.hpp"

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
  Doc(const json& dossier, const std::string& document, const std::string& extra = "") : name(document) {
    std::ofstream(dir.path / "d.json") << dossier.dump(2);
    auto r = run(cmd("render " + document + " " + quote((dir.path / "d.json").string()) + " --out " +
                     quote(dir.path.string()) + " " + extra));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    text = pdf_line(pdf());
    raw = run("pdftotext -enc UTF-8 " + quote(pdf().string()) + " -").out;
    content = zip_entry(dir.path / (document + ".odt"), "content.xml");
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
    CHECK(contains(st.text, "L’assemblée ne délibère valablement que si le quart au moins de ses membres sont présents "
                            "ou représentés ; les décisions sont prises à la majorité des voix des membres présents ou représentés."));
    CHECK(contains(st.text, "L’assemblée ne délibère valablement que si la moitié au moins de ses membres sont présents "
                            "ou représentés ; les décisions sont prises à la majorité des deux tiers des voix des membres présents ou "
                            "représentés."));
    CHECK_FALSE(contains(st.text, "à les "));
    // Article 17 keeps the model's prohibition (seed 002, modèle de statuts).
    CHECK(contains(st.text, "L’actif net ne peut être dévolu à un membre de l’association"));
    CHECK(contains(st.text, "Fait à Granville, le"));
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
