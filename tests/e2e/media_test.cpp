// Images and charts, read back as a reader does: qpdf --json and pdfimages for the
// PDF's image XObjects, pdftotext for the charts' labels, the ODF schema and
// LibreOffice for the ODT's frames and drawings.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "e2e/e2e.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trame::test::e2e_names;

namespace {

const std::string sample = quote(src("samples/sud-manche.json").string());

// An overlay: the fixtures' logo and map in images/, and the bundled lettre with the map
// twice after the opening line (so the same image is drawn twice).
void overlay_with_images(const fs::path& dir) {
  fs::create_directories(dir / "images");
  fs::copy_file(src("tests/fixtures/images/logo-cpts.png"), dir / "images/logo-cpts.png");
  fs::copy_file(src("tests/fixtures/images/carte-territoire.jpg"), dir / "images/carte-territoire.jpg");
  std::string t = trame::read_file(src("templates/lettre-intention.xml"));
  const std::string anchor = "<p>{{ lettre_intention.destinataire.titre }},</p>";
  REQUIRE(contains(t, anchor));
  const std::string map = "<image src=\"carte-territoire.jpg\" width=\"60\" align=\"center\" alt=\"Carte du territoire\"/>";
  t.replace(t.find(anchor), anchor.size(), anchor + map + map);
  write_text(dir / "lettre-intention.xml", t);
}

// The page's images as qpdf sees them (qpdf --json, version 2): object, width, height, filters.
std::vector<json> page_images(const fs::path& pdf, size_t page) {
  auto r = run("qpdf --json=2 --json-key=pages " + quote(pdf.string()));
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  REQUIRE(j.at("pages").size() > page);
  return j["pages"][page].at("images").get<std::vector<json>>();
}

// The lines of `pdfimages -list` (type, width, height, encoding, object number), page by page.
struct Listed {
  int page;
  std::string type;
  int width, height;
  std::string enc;
  int object;
};
std::vector<Listed> pdfimages(const fs::path& pdf) {
  auto r = run("pdfimages -list " + quote(pdf.string()));
  REQUIRE(r.exit_code == 0);
  std::vector<Listed> out;
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line);
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::istringstream f(line);
    Listed l;
    int num, comp, bpc;
    std::string colour, interp;
    if (f >> l.page >> num >> l.type >> l.width >> l.height >> colour >> comp >> bpc >> l.enc >> interp >> l.object)
      out.push_back(l);
  }
  return out;
}

// "150 000 €" with any spaces: French money of whole euros.
const std::regex kMoney(R"((0|[1-9]\d{0,2}(\s\d{3})*)\s€)");

// An image file of an overlay's images/ folder (none if `bytes` is empty).
struct OverlayImage {
  std::string name, bytes;
};

// Renders the lettre with an overlay whose template holds `element` on line 4
// (and `image` in images/): the refusal is the template error `id` at that line,
// says `expected`, and writes nothing.
void check_refused_element(const std::string& prefix, const std::string& element, const OverlayImage& image,
                           const std::string& id, const std::string& expected) {
  TempDir overlay(prefix), out(prefix + "_out");
  if (!image.bytes.empty()) write_text(overlay.path / "images" / image.name, image.bytes);
  write_text(overlay.path / "lettre-intention.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document xmlns=\"urn:trame:template:1\">\n<p>Texte.</p>\n" +
           element + "\n</document>\n");
  auto r = run(isolated_cmd("--modeles " + quote(overlay.path.string()) + " render lettre-intention " + sample + " --out " +
                   quote(out.path.string())));
  INFO(element << " → " << r.err);
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, id));
  CHECK(contains(r.err, "lettre-intention.xml:4"));
  CHECK(contains(r.err, expected));
  CHECK(fs::is_empty(out.path));  // nothing half-written
}

}  // namespace

TEST_CASE("an image of the templates folder is embedded once in the PDF and stored once in the ODT with its text alternative") {
  TempDir overlay("trame_media_overlay"), out("trame_media_out");
  overlay_with_images(overlay.path);
  auto r = run(isolated_cmd("--modeles " + quote(overlay.path.string()) + " render lettre-intention " + sample + " --out " +
                   quote(out.path.string())));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const fs::path pdf = out.path / "lettre-intention.pdf", odt = out.path / "lettre-intention.odt";

  // The first page draws the logo (PNG with transparency: its pixels and a soft mask) and the map twice.
  const auto images = page_images(pdf, 0);
  REQUIRE(images.size() == 2);  // two XObjects in the page's resources: the logo and the map
  std::set<std::string> objects;
  bool logo = false, map = false;
  for (const auto& im : images) {
    objects.insert(im.at("object").get<std::string>());
    if (im.at("width") == 120 && im.at("height") == 60) logo = true;
    if (im.at("width") == 100 && im.at("height") == 60 && contains(im.at("filter").dump(), "/DCTDecode")) map = true;
  }
  CHECK(logo);
  CHECK(map);
  const auto listed = pdfimages(pdf);
  int map_draws = 0, smasks = 0;
  std::set<int> map_objects;
  for (const auto& l : listed) {
    if (l.enc == "jpeg") {
      ++map_draws;
      map_objects.insert(l.object);
    }
    if (l.type == "smask") ++smasks;
  }
  CHECK(map_draws == 2);            // drawn twice…
  CHECK(map_objects.size() == 1);   // …from one embedded image
  CHECK(smasks == 1);               // the logo's transparency
  // The logo sits above the sender's address, within the margins.
  CHECK(contains(trame::test::pdf_line(pdf), "Granville"));

  // ODT: each picture stored once in Pictures/, listed in the manifest, in a frame with its description.
  const auto names = trame::test::zip_names(odt);
  CHECK(std::count(names.begin(), names.end(), "Pictures/logo-cpts.png") == 1);
  CHECK(std::count(names.begin(), names.end(), "Pictures/carte-territoire.jpg") == 1);
  CHECK(trame::test::zip_entry(odt, "Pictures/carte-territoire.jpg") == trame::read_file(src("tests/fixtures/images/carte-territoire.jpg")));
  const std::string content = trame::test::zip_entry(odt, "content.xml");
  const std::string manifest = trame::test::zip_entry(odt, "META-INF/manifest.xml");
  CHECK(contains(manifest, "manifest:full-path=\"Pictures/carte-territoire.jpg\" manifest:media-type=\"image/jpeg\""));
  CHECK(contains(content, "xlink:href=\"Pictures/logo-cpts.png\""));
  CHECK(contains(content, "<svg:desc>Carte du territoire</svg:desc>"));
  CHECK(contains(content, "<svg:desc>Logo de la CPTS Sud Manche</svg:desc>"));
  CHECK(trame::test::validate_odf_part(content).empty());
  CHECK(trame::test::validate_odf_part(manifest, true).empty());
}

TEST_CASE("without a logo in the templates folder the letter has no image, and a missing, misnamed or broken image is a clear error") {
  {
    TempDir out("trame_media_nologo");
    auto r = run(isolated_cmd("render lettre-intention " + sample + " --format pdf --out " + quote(out.path.string())));
    REQUIRE(r.exit_code == 0);
    CHECK(page_images(out.path / "lettre-intention.pdf", 0).empty());
  }
  struct Case {
    std::string element, file_bytes, expected;
  };
  const std::vector<Case> cases = {
      {"<image src=\"absente.png\"/>", "", "image introuvable « images/absente.png »"},
      {"<image src=\"../secret.png\"/>", "", "nom d’image invalide « ../secret.png »"},
      {"<image src=\"{{ cpts.nom }}.png\"/>", "", "nom d’image invalide « CPTS Sud Manche.png »"},
      {"<image src=\"cassee.png\"/>", std::string("\x89PNG\r\n\x1a\n", 8) + "pas une image", "image « images/cassee.png » : fichier PNG illisible"},
      {"<image src=\"cassee.png\"/>", "GIF89a", "ce fichier n’est ni une image PNG ni une image JPEG"},
  };
  for (const auto& c : cases)
    check_refused_element("trame_media_bad", c.element, {"cassee.png", c.file_bytes}, "trame.template.E205", c.expected);
}

TEST_CASE("an image with a text alternative is a tagged Figure, a decorative one an artifact, one with neither an error") {
  TempDir overlay("trame_media_figure"), out("trame_media_figure_out");
  overlay_with_images(overlay.path);
  // The second map declared decorative: drawn, but no Figure and no text alternative.
  std::string t = trame::read_file(overlay.path / "lettre-intention.xml");
  const std::string map = "alt=\"Carte du territoire\"/>";
  t.replace(t.rfind(map), map.size(), "decorative=\"true\"/>");
  write_text(overlay.path / "lettre-intention.xml", t);
  auto r = run(isolated_cmd("--modeles " + quote(overlay.path.string()) + " render lettre-intention " + sample + " --out " +
                   quote(out.path.string())));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const fs::path pdf = out.path / "lettre-intention.pdf";
  // PDF/UA: every image drawn outside an artifact is the content of a Figure with /Alt and
  // /BBox (tests/pdf/pdfa_check.py, clause « figures »), and the structure text is the page's.
  auto check = run("python3 " + quote(src("tests/pdf/pdfa_check.py").string()) + " " + quote(pdf.string()));
  INFO(check.out);
  CHECK(check.exit_code == 0);
  auto text = run("python3 " + quote(src("tests/pdf/struct_text_check.py").string()) + " " + quote(pdf.string()));
  INFO(text.out);
  CHECK(text.exit_code == 0);
  // Two Figures (the logo, then the map), in reading order, with their text alternatives;
  // three images drawn (pdfimages lists each drawing), the decorative map as an artifact.
  auto objects = json::parse(run("qpdf --json=2 " + quote(pdf.string())).out)["qpdf"][1];
  std::vector<std::string> alts;
  for (const auto& [key, o] : objects.items())
    if (o.contains("value") && o["value"].is_object() && o["value"].value("/S", "") == "/Figure")
      alts.push_back(o["value"].value("/Alt", ""));
  std::sort(alts.begin(), alts.end());
  CHECK(alts == std::vector<std::string>{"u:Carte du territoire", "u:Logo de la CPTS Sud Manche"});
  int drawn = 0;
  for (const auto& l : pdfimages(pdf)) drawn += l.type == "image";
  CHECK(drawn == 3);
  auto structure = run("pdfinfo -struct-text " + quote(pdf.string()));
  REQUIRE(structure.exit_code == 0);
  const size_t logo = structure.out.find("Figure"), opening = structure.out.find("Monsieur le Directeur général"),
               map_figure = structure.out.find("Figure", logo + 1);
  CHECK(logo < opening);          // the logo heads the letter…
  CHECK(map_figure != std::string::npos);
  CHECK(opening < map_figure);    // …the map follows the opening line

  // ODT: the map with an alternative has its title and description, the decorative one neither.
  const std::string content = trame::test::zip_entry(out.path / "lettre-intention.odt", "content.xml");
  size_t titles = 0;
  for (size_t k = content.find("<svg:title>"); k != std::string::npos; k = content.find("<svg:title>", k + 1)) ++titles;
  CHECK(titles == 2);
  CHECK(contains(content, "<svg:title>Carte du territoire</svg:title><svg:desc>Carte du territoire</svg:desc>"));
  CHECK(trame::test::validate_odf_part(content).empty());

  // Neither alt nor decorative, or both: the template is refused (E205, its line).
  const OverlayImage logo_file{"logo-cpts.png", trame::read_file(src("tests/fixtures/images/logo-cpts.png"))};
  for (const std::string& element : {std::string("<image src=\"logo-cpts.png\"/>"),
                                     std::string("<image src=\"logo-cpts.png\" alt=\"  \"/>"),
                                     std::string("<image src=\"logo-cpts.png\" alt=\"Logo\" decorative=\"true\"/>")})
    check_refused_element("trame_media_noalt", element, logo_file, "trame.template.E205", "texte de remplacement");
}

TEST_CASE("the contract's Annex 4 charts the payments per calendar year as vector graphics with French axis labels") {
  TempDir out("trame_media_contract");
  auto r = run(isolated_cmd("render contrat-aci " + sample + " --out " + quote(out.path.string())));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const fs::path pdf = out.path / "contrat-aci.pdf";
  CHECK(pdfimages(pdf).empty());  // no picture: the chart is drawn

  // The page of the chart: its caption's second occurrence (the first is Annex 2's table).
  const int pages = std::stoi(std::regex_replace(run("pdfinfo " + quote(pdf.string()) + " | grep Pages:").out, std::regex(R"([^0-9])"), ""));
  int chart_page = 0, seen = 0;
  for (int p = 1; p <= pages && !chart_page; ++p) {
    const std::string t = trame::test::normalize_spaces(
        run("pdftotext -f " + std::to_string(p) + " -l " + std::to_string(p) + " " + quote(pdf.string()) + " -").out);
    for (size_t at = t.find("Versements prévisionnels par année civile"); at != std::string::npos;
         at = t.find("Versements prévisionnels par année civile", at + 1))
      if (++seen == 2) chart_page = p;
  }
  REQUIRE(chart_page > 0);
  const std::string page = run("pdftotext -f " + std::to_string(chart_page) + " -l " + std::to_string(chart_page) +
                               " -layout " + quote(pdf.string()) + " -").out;
  // The years of the table of Annex 2 (from the dossier's schedule) and each one's amount, read in the whole text.
  const std::string text = trame::test::normalize_spaces(run("pdftotext -layout " + quote(pdf.string()) + " -").out);
  const size_t annex2 = text.rfind("Annexe 2 — Tableaux de financement"), annex3 = text.rfind("Annexe 3 — Objectifs");
  REQUIRE(annex2 != std::string::npos);
  REQUIRE(annex3 > annex2);
  const std::string all = text.substr(annex2, annex3 - annex2);
  const std::regex year_row(R"((20\d\d)\s+((?:\d{1,3} )*\d{1,3}(?:,\d\d)? €)\s+(?:\d{1,3} )*\d{1,3}(?:,\d\d)? €)");
  std::vector<std::pair<std::string, std::string>> years;
  for (std::sregex_iterator it(all.begin(), all.end(), year_row), end; it != end; ++it)
    years.emplace_back((*it)[1], (*it)[2]);
  REQUIRE(years.size() >= 5);  // five contract years over at least five calendar years
  const std::string flat = trame::test::normalize_spaces(page);
  for (const auto& [year, amount] : years) {
    CHECK(contains(flat, year));
    CHECK(contains(flat, amount));  // the value above its column
  }
  // The value axis, as the guide describes it: from 0 to the first round step (1, 2, 2.5 or 5
  // times a power of ten, at most five intervals) above the highest payment, in French.
  long long highest = 0;
  for (const auto& [year, amount] : years)
    highest = std::max(highest, static_cast<long long>(std::ceil(std::stod(
                                    std::regex_replace(std::regex_replace(amount, std::regex("[^0-9,]"), ""), std::regex(","), ".")))));
  double step = 1;
  const double magnitude = std::pow(10.0, std::floor(std::log10(highest / 5.0)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * magnitude;
    if (highest / step <= 5 + 1e-9) break;
  }
  const int intervals = static_cast<int>(std::ceil(highest / step - 1e-9));
  CHECK(intervals >= 2);
  for (int k = 0; k <= intervals; ++k) {
    std::string digits = std::to_string(std::llround(k * step)), label;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) label += ' ';
      label += digits[i];
    }
    INFO("tick " << label);
    // pdftotext may read the narrow space before € in small print as no space at all.
    CHECK(contains(std::regex_replace(flat, std::regex(" €"), "€"), label + "€"));
  }
  CHECK(std::regex_search(flat, kMoney));

  // The ODT draws the same chart with draw:* shapes, valid ODF; LibreOffice prints its labels.
  const fs::path odt = out.path / "contrat-aci.odt";
  const std::string content = trame::test::zip_entry(odt, "content.xml");
  CHECK(trame::test::validate_odf_part(content).empty());
  CHECK(contains(content, "draw:name=\"Graphique1\""));
  // Amounts are currency cells: the number in office:value, the French text displayed.
  const std::regex cell(R"re(office:value-type="currency" office:currency="EUR" office:value="([0-9.]+)"[^>]*>(?:<[^>]+>)*([^<]+)<)re");
  int amounts = 0;
  for (std::sregex_iterator it(content.begin(), content.end(), cell), end; it != end; ++it, ++amounts) {
    const std::string shown = trame::test::normalize_spaces((*it)[2]);
    INFO(shown);
    CHECK(std::regex_match(shown, std::regex(R"((\d{1,3}( \d{3})*)(,\d\d)? €)")));
    const double value = std::stod(std::regex_replace(std::regex_replace(shown, std::regex("[ €]"), ""), std::regex(","), "."));
    CHECK(std::abs(value - std::stod((*it)[1])) < 0.005);
  }
  CHECK(amounts >= static_cast<int>(years.size()) * 2);
  // The table of contents stores the pages where the PDF put the headings.
  std::vector<std::string> odt_pages, pdf_pages;
  const std::regex ref(R"re(text:reference-format="page" text:ref-name="[^"]+">(\d+)<)re");
  for (std::sregex_iterator it(content.begin(), content.end(), ref), end; it != end; ++it) odt_pages.push_back((*it)[1]);
  std::istringstream toc(run("pdftotext -layout -f 1 -l 3 " + quote(pdf.string()) + " -").out);
  for (std::string line; std::getline(toc, line);) {
    std::smatch m;
    if (std::regex_search(line, m, std::regex(R"(\. \.\s*(\d+)\s*$)"))) pdf_pages.push_back(m[1]);
  }
  REQUIRE(pdf_pages.size() >= 8);
  CHECK(odt_pages == pdf_pages);
  CHECK(std::set<std::string>(odt_pages.begin(), odt_pages.end()).size() > 3);  // real pages, not "1" everywhere
  // The ODT alone (its pages from the layout alone) is the same file.
  TempDir alone("trame_media_odt_alone");
  REQUIRE(run(isolated_cmd("render contrat-aci " + sample + " --format odt --out " + quote(alone.path.string()))).exit_code == 0);
  CHECK(trame::read_file(alone.path / "contrat-aci.odt") == trame::read_file(odt));
  CHECK(contains(content, "<draw:rect"));
  CHECK(contains(content, "<draw:line"));
  TempDir home("trame_media_lo");
  auto conversion = run("HOME=" + quote(home.path.string()) + " timeout 240 soffice --headless --norestore --convert-to pdf --outdir " +
                        quote((home.path / "out").string()) + " " + quote(odt.string()));
  INFO(conversion.out << conversion.err);
  REQUIRE(conversion.exit_code == 0);
  const std::string lo = trame::test::normalize_spaces(run("pdftotext " + quote((home.path / "out/contrat-aci.pdf").string()) + " -").out);
  CHECK(contains(lo, "0 €"));
  for (const auto& [year, amount] : years) CHECK(contains(lo, amount));
}

TEST_CASE("the COPIL minutes chart each mission's indicators against their objective, in per cent") {
  TempDir out("trame_media_copil");
  auto r = run(isolated_cmd("render copil " + sample + " --format pdf --out " + quote(out.path.string())));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  fs::path pdf;
  for (const auto& e : fs::directory_iterator(out.path)) pdf = e.path();
  const std::string text = trame::test::pdf_line(pdf);
  CHECK(contains(text, "atteinte des indicateurs au regard de l’objectif"));
  CHECK(contains(text, "Objectif"));
  CHECK(contains(text, "Atteinte constatée"));
  for (const char* tick : {"0 %", "50 %", "100 %"}) CHECK(contains(text, tick));
  CHECK(pdfimages(pdf).empty());
}

TEST_CASE("a chart with a value that is no number, a missing value or no bar is a clear error") {
  struct Case {
    std::string chart, expected;
  };
  const std::vector<Case> cases = {
      {"<chart><bar label=\"2025\" values=\"{{ cpts.nom }}\"/></chart>", "valeur non numérique « CPTS Sud Manche »"},
      {"<chart series=\"Cible;Réalisé\"><bar label=\"A\" values=\"3\"/></chart>", "barre « A » : 1 valeur(s) pour 2 série(s)"},
      {"<chart><bar label=\"A\" values=\"-3\"/></chart>", "valeur négative « -3 »"},
      {"<chart></chart>", "graphique sans barre"},
  };
  for (const auto& c : cases) check_refused_element("trame_chart_bad", c.chart, {}, "trame.template.E206", c.expected);
}
