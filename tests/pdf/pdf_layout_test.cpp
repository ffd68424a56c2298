// PDF writer: layout rules (keep-with-next, rows and signature blocks kept whole,
// hyphenation, fields), encodings beyond CP1252, Unicode outline and info, fonts,
// compression and concurrent renders, checked with poppler and qpdf.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"
#include "document/theme.hpp"
#include "pdf/hyphenation.hpp"
#include "pdf/pdf_writer.hpp"
#include "pdf_test_support.hpp"
#include "support/checks.hpp"
#include "support/sample_document.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using namespace trame;
using namespace trame::doc;
using test::quote;
using test::run;

namespace {

const Theme& theme() { return test::pdf_theme(); }
using test::has;

Inlines text(const std::string& s, bool bold = false, bool italic = false) { return {Text{s, bold, italic}}; }

// A rendered PDF written to a temporary file, read back with poppler.
struct Pdf {
  test::TempDir dir{"trame_pdf_layout"};
  fs::path file;
  std::string bytes;
  explicit Pdf(const Document& d, const pdf::Options& o = {}) {
    bytes = pdf::render(d, theme(), o);
    file = dir.path / "essai.pdf";
    std::ofstream(file, std::ios::binary) << bytes;
  }
  int pages() const {
    auto info = run("pdfinfo " + quote(file.string()));
    auto pos = info.out.find("Pages:");
    REQUIRE(pos != std::string::npos);
    return std::stoi(info.out.substr(pos + 6));
  }
  // pdftotext of one page (0: all), spaces normalised; stderr must stay empty.
  std::string text(int page = 0, bool layout = false) const {
    std::string range = page ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    auto r = run("pdftotext -enc UTF-8" + std::string(layout ? " -layout" : "") + range + " " + quote(file.string()) +
                 " -");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    return test::normalize_spaces(r.out);
  }
  // Page (1-based) where `needle` first appears, 0 if nowhere.
  // The pages' texts are read once, by one pdftotext run: its pages end with a form feed.
  int page_of(const std::string& needle) const {
    if (page_texts_.empty()) {
      const int n = pages();
      const std::string all = text();
      size_t from = 0;
      for (int p = 1; p <= n; ++p) {
        const size_t end = all.find('\f', from);
        page_texts_.push_back(all.substr(from, end == std::string::npos ? std::string::npos : end + 1 - from));
        from = end == std::string::npos ? all.size() : end + 1;
      }
    }
    for (size_t p = 0; p < page_texts_.size(); ++p)
      if (has(page_texts_[p], needle)) return static_cast<int>(p) + 1;
    return 0;
  }
  mutable std::vector<std::string> page_texts_;
};

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\f')) line.pop_back();
    size_t a = line.find_first_not_of(" \f");
    if (a != std::string::npos) out.push_back(line.substr(a));
  }
  return out;
}

Document base_document() {
  Document d = test::empty_document("Contrat ACI — CPTS Łódź-sur-Vire et Erdős", "CPTS de la Vire", "2025-06-20",
                                    "CPTS de la Vire");
  d.meta.subject = "Essai de mise en page";
  return d;
}

const std::string kLorem =
    "La communauté professionnelle territoriale de santé coordonne les professionnels du territoire afin "
    "d’améliorer l’accès aux soins, l’organisation des parcours pluriprofessionnels et la prévention ; "
    "elle s’engage auprès de l’assurance maladie et de l’agence régionale de santé pour une durée de cinq ans.";

}  // namespace

TEST_CASE("names in several scripts and styles in one paragraph come back as written") {
  auto d = base_document();
  d.blocks.push_back(Paragraph{{Text{"Signataires : M. Paweł Łukasiewicz, Mme Zoltánné Erdős, M. Tomáš Čapek, "},
                                Text{"Mme Jūratė Šimkūnė", true}, Text{", M. Ştefan Ţuţea, "},
                                Text{"Σωκράτης, Жанна", false, true}, Text{" et 漢字."}}});
  Pdf pdf(d);
  std::string t = pdf.text();
  test::check_contains_all(t, {"Paweł Łukasiewicz", "Zoltánné Erdős", "Tomáš Čapek", "Jūratė Šimkūnė", "Σωκράτης, Жанна",
                               "et 漢字."});
  auto q = run("qpdf --check " + quote(pdf.file.string()));
  CHECK(q.exit_code == 0);
}

TEST_CASE("outline titles and the info dictionary carry any accent (UTF-16 text strings)") {
  auto d = base_document();
  d.blocks.push_back(Heading{1, text("Préambule — Łódź")});
  d.blocks.push_back(Paragraph{text(kLorem)});
  d.blocks.push_back(Heading{2, text("Modalités d’évaluation « Erdős »")});
  d.blocks.push_back(Paragraph{text(kLorem)});
  d.blocks.push_back(Heading{3, text("Détail hors sommaire")});
  Pdf pdf(d);
  auto info = run("pdfinfo " + quote(pdf.file.string()));
  CHECK(info.err.empty());
  test::check_contains_all(info.out, {"Contrat ACI — CPTS Łódź-sur-Vire et Erdős", "Essai de mise en page",
                                      "Creator:         Trame", "CreationDate:", "2025"});
  auto outline = run("qpdf --json --json-key=outlines " + quote(pdf.file.string()));
  CHECK(has(outline.out, "\"title\": \"Préambule — Łódź\""));
  CHECK(has(outline.out, "\"title\": \"Modalités d’évaluation « Erdős »\""));
  CHECK_FALSE(has(outline.out, "Détail hors sommaire"));
  // The level 2 heading is nested under the level 1 heading.
  auto json = nlohmann::json::parse(outline.out);
  REQUIRE(json["outlines"].size() == 1);
  CHECK(json["outlines"][0]["title"] == "Préambule — Łódź");
  REQUIRE(json["outlines"][0]["kids"].size() == 1);
  CHECK(json["outlines"][0]["kids"][0]["title"] == "Modalités d’évaluation « Erdős »");
  auto catalog = run("qpdf --show-object=1 " + quote(pdf.file.string()));
  CHECK(has(catalog.out, "/PageMode /UseOutlines"));
}

TEST_CASE("no creation date when the document has none, and an /ID that is a digest of the content, no clock") {
  auto d = base_document();
  d.meta.date.clear();
  d.blocks.push_back(Paragraph{text(kLorem)});
  Pdf pdf(d);
  auto info = run("pdfinfo " + quote(pdf.file.string()));
  CHECK_FALSE(has(info.out, "CreationDate:"));
  CHECK_FALSE(has(pdf.bytes, "xmp:CreateDate"));
  CHECK(pdf.bytes == pdf::render(d, theme()));
  // issue 13: PDF/A asks for a file identifier; it changes with the content, never with the time.
  auto id = [](const std::string& bytes) {
    const size_t at = bytes.rfind("/ID[<");
    REQUIRE(at != std::string::npos);
    return bytes.substr(at, 5 + 32);
  };
  d.blocks.push_back(Paragraph{text("Une ligne de plus.")});
  CHECK(id(pdf.bytes) != id(pdf::render(d, theme())));
}

TEST_CASE("page number and page count fields") {
  auto d = base_document();
  d.blocks.push_back(Paragraph{{Text{"Feuillet "}, Field{Field::PageNumber}, Text{" sur "}, Field{Field::PageCount}}});
  d.blocks.push_back(PageBreak{});
  d.blocks.push_back(Paragraph{{Text{"Feuillet "}, Field{Field::PageNumber}, Text{" sur "}, Field{Field::PageCount}}});
  Pdf pdf(d);
  REQUIRE(pdf.pages() == 2);
  CHECK(has(pdf.text(1), "Feuillet 1 sur 2"));
  CHECK(has(pdf.text(2), "Feuillet 2 sur 2"));
}

TEST_CASE("a heading is never the last thing on a page even in a chain of headings") {
  auto d = base_document();
  for (int i = 1; i <= 14; ++i) {
    d.blocks.push_back(Heading{1, text("Titre " + std::to_string(i))});
    d.blocks.push_back(Heading{2, text("Sous-titre " + std::to_string(i))});
    d.blocks.push_back(Paragraph{text(kLorem + " " + kLorem.substr(0, 40 * i))});
  }
  Pdf pdf(d);
  int pages = pdf.pages();
  REQUIRE(pages >= 3);
  for (int p = 1; p <= pages; ++p) {
    auto lines = lines_of(pdf.text(p, true));
    REQUIRE(lines.size() >= 3);
    // The last line is the footer; the one before is the last line of content.
    CHECK(has(lines.back(), "Page " + std::to_string(p) + " / " + std::to_string(pages)));
    const std::string& last = lines[lines.size() - 2];
    INFO("page " << p << ": " << last);
    CHECK_FALSE(last.rfind("Titre ", 0) == 0);
    CHECK_FALSE(last.rfind("Sous-titre ", 0) == 0);
  }
}

TEST_CASE("table rows are never cut except one taller than a page and header rows repeat") {
  auto d = base_document();
  d.blocks.push_back(Paragraph{text(kLorem)});
  Table t;
  t.widths = {1, 3, 1};
  t.caption = "Calendrier des versements";
  t.rows.push_back(TableRow{{{text("Échéance"), Align::Left}, {text("Objet"), Align::Left}, {text("Montant"), Align::Right}},
                            true});
  for (int i = 1; i <= 45; ++i) {
    TableRow r;
    r.cells.push_back({text("début-" + std::to_string(i))});
    std::string body = "Versement au titre de la mission " + std::to_string(i);
    if (i % 4 == 0) body += " : " + kLorem;
    r.cells.push_back({{Text{body}, LineBreak{}, Text{"fin-" + std::to_string(i)}}});
    r.cells.push_back({text(std::to_string(1000 + i) + "\u202F€"), Align::Right});
    t.rows.push_back(std::move(r));
  }
  // One row taller than a page: cut between lines, never lost.
  std::string tall;
  for (int i = 0; i < 24; ++i) tall += kLorem + " ";
  t.rows.push_back(TableRow{{{text("géante")}, {{Text{tall}, LineBreak{}, Text{"fin-géante"}}}, {text("1\u202F€")}}});
  t.rows.push_back(test::total_row("47\u202F036\u00A0€"));
  d.blocks.push_back(std::move(t));
  Pdf pdf(d);
  int pages = pdf.pages();
  REQUIRE(pages >= 3);
  for (int i = 1; i <= 45; ++i) {
    int a = pdf.page_of("début-" + std::to_string(i) + "\n"), b = pdf.page_of("fin-" + std::to_string(i) + "\n");
    INFO("row " << i);
    CHECK(a > 0);
    CHECK(a == b);
  }
  for (int p = 2; p <= pages; ++p) CHECK(has(pdf.text(p), "Échéance"));
  CHECK(pdf.page_of("géante") < pdf.page_of("fin-géante"));
  CHECK(has(pdf.text(), "47 036 €"));
  auto q = run("qpdf --check " + quote(pdf.file.string()));
  CHECK(q.exit_code == 0);
}

TEST_CASE("a signature block is never split across pages") {
  for (int filler = 30; filler <= 44; filler += 2) {
    auto d = base_document();
    for (int i = 0; i < filler; ++i) d.blocks.push_back(Paragraph{text("Ligne de remplissage " + std::to_string(i))});
    d.blocks.push_back(SignatureBlock{"Fait à Saint-Lô, le 20 juin 2025",
                                      {{"la CPTS de la Vire", "Dr Anne Łęcka", "Présidente", ""},
                                       {"la CPAM de la Manche", "M. Jean Dupont", "Directeur", ""},
                                       {"l’ARS Normandie", "Mme Léa Roux", "Directrice générale", ""},
                                       {"le conseil départemental", "M. Éric Noël", "Président", ""}}});
    Pdf pdf(d);
    int place = pdf.page_of("Fait à Saint-Lô");
    INFO("filler " << filler);
    REQUIRE(place > 0);
    for (const char* s : {"Pour la CPTS de la Vire", "Dr Anne Łęcka", "Pour l’ARS Normandie", "Directrice générale",
                          "Pour le conseil départemental", "M. Éric Noël"})
      CHECK(pdf.page_of(s) == place);
  }
}

TEST_CASE("hyphenation points from the French patterns in bytes of UTF-8") {
  const pdf::Hyphenator* h = pdf::Hyphenator::get(theme().hyphenation_dictionary);
  REQUIRE(h != nullptr);
  CHECK(h->points("département") == std::vector<size_t>{3, 6, 8});       // dé-par-te-ment
  CHECK(h->points("établissement,") == std::vector<size_t>{4, 8, 10});  // éta-blis-se-ment
  CHECK(h->points("Granville").empty());                                // proper names stay whole
  CHECK(h->points("50400").empty());
  CHECK(h->points("avec").empty());
  CHECK(pdf::Hyphenator::get("") == nullptr);
  CHECK(pdf::Hyphenator::get(theme().hyphenation_dictionary) == h);  // loaded once
}

TEST_CASE("justified paragraphs hyphenate long words at dictionary points") {
  auto d = base_document();
  std::string words =
      "Les établissements pluriprofessionnels conventionnés développent systématiquement l’interprofessionnalité "
      "départementale, l’accompagnement méthodologique, la contractualisation, l’expérimentation territoriale et "
      "la téléconsultation assistée. ";
  d.blocks.push_back(Paragraph{text(words + words + words + words)});
  d.blocks.push_back(Paragraph{text(words + words), "quote"});
  Pdf pdf(d);
  std::string t = pdf.text(0, true);  // -layout: one line of text a line of the page
  std::set<std::string> dictionary;
  {
    std::istringstream in(words);
    std::string w;
    while (in >> w) dictionary.insert(w);
  }
  auto lines = lines_of(t);
  int hyphenated = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (l.size() < 2 || l.back() != '-') continue;
    std::string head = l.substr(l.rfind(' ') + 1);
    head.pop_back();
    std::string tail = lines[i + 1].substr(0, lines[i + 1].find(' '));
    INFO(head << "-" << tail);
    CHECK(dictionary.count(head + tail) == 1);
    CHECK(head.size() >= 2);
    ++hyphenated;
  }
  CHECK(hyphenated >= 1);
}

TEST_CASE("French spacing: no line starts with a closing mark nor ends with «") {
  auto d = base_document();
  std::string s;
  for (int i = 0; i < 30; ++i)
    s += "Question " + std::to_string(i) + " : « réponse numéro " + std::to_string(i) + " » ; vraiment ? oui ! ";
  d.blocks.push_back(Paragraph{{Text{s}, Text{"Montant ", true}, Text{": 17\u202F500 €"}, Text{" et « "},
                                Text{"fin", false, true}, Text{" »."}}});
  Pdf pdf(d);
  for (const auto& l : lines_of(pdf.text(0, true))) {
    INFO(l);
    for (const char* c : {":", ";", "!", "?", "»"}) CHECK(l.rfind(c, 0) != 0);
    CHECK_FALSE((l.size() >= 2 && l.compare(l.size() - 2, 2, "«") == 0));
  }
  std::string joined = pdf.text();
  std::replace(joined.begin(), joined.end(), '\n', ' ');
  CHECK(has(test::normalize_spaces(joined), "Montant : 17 500 € et « fin »."));
}

TEST_CASE("only the font variants used are embedded and all of them are") {
  auto d = base_document();
  d.blocks.push_back(Paragraph{text(kLorem)});
  {
    Pdf pdf(d);
    auto f = run("pdffonts " + quote(pdf.file.string()));
    CHECK(has(f.out, "LiberationSans"));
    CHECK_FALSE(has(f.out, "Italic"));
    CHECK_FALSE(has(f.out, "Bold"));
  }
  d.blocks.push_back(Paragraph{{Text{"gras et italique", true, true}}});
  Pdf pdf(d);
  auto f = run("pdffonts " + quote(pdf.file.string()));
  CHECK(has(f.out, "LiberationSans-BoldItalic"));
  std::istringstream lines(f.out);
  std::string line;
  std::getline(lines, line);
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    INFO(line);
    CHECK(has(line, " yes yes "));  // embedded and subset
  }
}

TEST_CASE("page contents are deflated and the file stays sound and smaller") {
  auto d = base_document();
  for (int i = 0; i < 6; ++i)
    d.blocks.push_back(Paragraph{{Text{kLorem}, Text{" Gras.", true}, Text{" Italique.", false, true}}});
  pdf::Options raw, packed;
  raw.compress = false;
  Pdf compressed(d, packed), plain(d, raw);
  CHECK(compressed.bytes.size() + 4000 < plain.bytes.size());
  for (const Pdf* p : {&compressed, &plain}) {
    auto q = run("qpdf --check " + quote(p->file.string()));
    INFO(q.out << q.err);
    CHECK(q.exit_code == 0);
    auto png = run("pdftoppm -r 20 -png " + quote(p->file.string()) + " " + quote((p->dir.path / "p").string()));
    CHECK(png.exit_code == 0);
    CHECK(png.err.empty());
    CHECK(has(p->text(), "Italique."));
  }
}

TEST_CASE("concurrent renders give the same bytes as serial ones") {
  std::vector<Document> docs;
  for (int k = 0; k < 4; ++k) {
    auto d = base_document();
    d.meta.title += " " + std::to_string(k);
    for (int i = 0; i <= k; ++i) {
      d.blocks.push_back(Heading{1, text("Partie " + std::to_string(i))});
      d.blocks.push_back(Paragraph{{Text{kLorem}, Text{" Paweł Erdős.", true}}});
    }
    docs.push_back(std::move(d));
  }
  std::vector<std::string> serial, parallel(docs.size());
  for (const auto& d : docs) serial.push_back(pdf::render(d, theme()));
  std::vector<std::thread> threads;
  for (size_t k = 0; k < docs.size(); ++k)
    threads.emplace_back([&, k] {
      for (int rep = 0; rep < 3; ++rep) parallel[k] = pdf::render(docs[k], theme());
    });
  for (auto& th : threads) th.join();
  for (size_t k = 0; k < docs.size(); ++k) CHECK(parallel[k] == serial[k]);
}

TEST_CASE("a font file that cannot be read is an internal error, thrown from C++") {
  Theme broken = theme();
  broken.font.regular = "/nonexistent/font.ttf";
  auto d = base_document();
  d.blocks.push_back(Paragraph{text("Texte")});
  try {
    pdf::render(d, broken);
    FAIL("no exception");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Internal);
    REQUIRE_FALSE(e.diagnostics().empty());
    CHECK(has(e.diagnostics().front().message, "police"));
  }
}

TEST_CASE("a table's borders are drawn as one segment per line of the grid") {
  // 3 columns x 12 one-line rows on one page: 4 vertical borders and 13 horizontal
  // ones, however many cells share them.
  auto d = base_document();
  Table t;
  t.widths = {1, 2, 1};
  t.rows.push_back(TableRow{{{text("Échéance")}, {text("Objet")}, {text("Montant"), Align::Right}}, true});
  for (int i = 1; i <= 11; ++i)
    t.rows.push_back(TableRow{{{text("ligne " + std::to_string(i))}, {text("versement")}, {text("100\u202F€"), Align::Right}}});
  d.blocks.push_back(std::move(t));
  pdf::Options plain;
  plain.compress = false;
  Pdf pdf(d, plain);
  REQUIRE(pdf.pages() == 1);
  // Count the path segments of the page content ("x y m" then "x y l").
  size_t moves = 0, lines = 0;
  std::istringstream in(pdf.bytes);
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() > 2 && line.compare(line.size() - 2, 2, " m") == 0) ++moves;
    if (line.size() > 2 && line.compare(line.size() - 2, 2, " l") == 0) ++lines;
  }
  CHECK(moves == lines);
  CHECK(moves == 4 + 13 + 1);  // the grid, and the running header's rule
  auto png = run("pdftoppm -r 20 -png " + quote(pdf.file.string()) + " " + quote((pdf.dir.path / "p").string()));
  CHECK(png.exit_code == 0);
  CHECK(has(pdf.text(), "ligne 11"));
}

TEST_CASE("every glyph shown is embedded and has its width: words have ink and do not overlap") {
  // Trame writes page content and font objects itself: a glyph missing from the subset
  // would be drawn blank, a wrong /W entry would misplace the next word. Words of
  // several scripts and styles: each must have dark pixels inside its box, and no box
  // may overlap the next.
  auto d = base_document();
  d.blocks.push_back(Paragraph{{Text{"Jérôme Wiśniewski Dvořák Łódź ŒUVRE «façade» (x) 12\u202F€"}}});
  d.blocks.push_back(Paragraph{{Text{"Štěpánka Ţuţea", true}, Text{" Őrség", false, true}}});
  Pdf pdf(d);
  auto boxes = run("pdftotext -bbox " + quote(pdf.file.string()) + " -");
  REQUIRE(boxes.exit_code == 0);
  auto pgm = run("pdftoppm -r 72 -gray -f 1 -l 1 " + quote(pdf.file.string()) + " " + quote((pdf.dir.path / "g").string()));
  REQUIRE(pgm.exit_code == 0);
  fs::path image;
  for (const auto& e : fs::directory_iterator(pdf.dir.path))
    if (e.path().extension() == ".pgm") image = e.path();
  REQUIRE(!image.empty());
  std::ifstream in(image, std::ios::binary);
  std::string magic;
  int width = 0, height = 0, maxval = 0;
  in >> magic >> width >> height >> maxval;
  in.get();
  std::string pixels((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(magic == "P5");
  REQUIRE(pixels.size() == static_cast<size_t>(width) * height);
  std::set<std::string> wanted = {"Jérôme", "Wiśniewski", "Dvořák", "Łódź", "ŒUVRE", "«façade»", "(x)",
                                  "Štěpánka", "Ţuţea", "Őrség"};
  std::set<std::string> seen;
  double previous_right = -1, previous_y = -1;
  std::istringstream lines(boxes.out);
  std::string line;
  while (std::getline(lines, line)) {
    auto num = [&](const std::string& key) {
      auto p = line.find(key + "=\"");
      return p == std::string::npos ? -1.0 : std::stod(line.substr(p + key.size() + 2));
    };
    auto open = line.find("\">"), close = line.find("</word>");
    if (line.find("<word") == std::string::npos || open == std::string::npos || close == std::string::npos) continue;
    std::string word = line.substr(open + 2, close - open - 2);
    if (!wanted.count(word)) continue;
    seen.insert(word);
    double x0 = num("xMin"), x1 = num("xMax"), y0 = num("yMin"), y1 = num("yMax");
    INFO(word);
    CHECK(x1 - x0 > 4 * static_cast<double>(word.size() > 6 ? 3 : 1));  // widths were written
    if (previous_y >= 0 && std::abs(y0 - previous_y) < 1) CHECK(x0 >= previous_right - 0.01);  // no overlap
    previous_right = x1;
    previous_y = y0;
    size_t ink = 0;  // at 72 dpi one pixel is one point
    for (int y = static_cast<int>(y0); y < static_cast<int>(y1) && y < height; ++y)
      for (int x = static_cast<int>(x0); x < static_cast<int>(x1) && x < width; ++x)
        ink += static_cast<unsigned char>(pixels[static_cast<size_t>(y) * width + x]) < 128;
    CHECK(ink >= word.size());  // glyphs were embedded
  }
  CHECK(seen == wanted);
}

TEST_CASE("a total row never goes alone to a new page and a heading keeps two rows of its table") {
  // Spacers of every height push the table's end across the page bottom: whatever the
  // offset, the total row shares its page with the row before it, and the heading with
  // the table's header and first two rows.
  for (int shift = 0; shift <= 650; shift += 11) {
    auto d = base_document();
    d.blocks.push_back(Paragraph{text(kLorem)});
    d.blocks.push_back(Spacer{static_cast<double>(shift)});
    d.blocks.push_back(Heading{2, text("Budget détaillé")});
    Table t;
    t.widths = {3, 1};
    t.rows.push_back(TableRow{{{text("Poste")}, {text("Montant"), Align::Right}}, true});
    for (int i = 1; i <= 20; ++i)
      t.rows.push_back(TableRow{{{text("rangée-" + std::to_string(i))}, {text("100\u00A0€"), Align::Right}}});
    TableRow total;
    total.total = true;
    total.cells = {{text("Total-général")}, {text("2\u202F000\u00A0€"), Align::Right}};
    t.rows.push_back(std::move(total));
    d.blocks.push_back(std::move(t));
    Pdf pdf(d);
    INFO("shift " << shift);
    CHECK(pdf.page_of("Total-général") == pdf.page_of("rangée-20\n"));
    CHECK(pdf.page_of("Budget détaillé") == pdf.page_of("rangée-2\n"));
  }
}

TEST_CASE("a subtotal row heading its detail never stays alone at a page foot") {
  // The subtotal of a class of accounts comes before its detail rows: whatever the offset
  // pushing it to the page foot, it shares its page with its first detail row.
  int breaks_between_groups = 0;
  for (int shift = 0; shift <= 650; shift += 7) {
    auto d = base_document();
    d.blocks.push_back(Paragraph{text(kLorem)});
    d.blocks.push_back(Spacer{static_cast<double>(shift)});
    Table t;
    t.widths = {1, 3, 1};
    t.rows.push_back(TableRow{{{text("Compte")}, {text("Charges")}, {text("2025"), Align::Right}}, true});
    for (int g = 1; g <= 3; ++g) {
      TableRow sub;
      sub.keep_with_next = true;
      sub.cells = {{text("6" + std::to_string(g)), Align::Left, true}, {text("Sous-total-" + std::to_string(g)), Align::Left, true},
                   {text("300\u00A0€"), Align::Right, true}};
      t.rows.push_back(std::move(sub));
      for (int i = 1; i <= 6; ++i)
        t.rows.push_back(TableRow{{{text("6" + std::to_string(g) + std::to_string(i))}, {text("détail-" + std::to_string(g) + "-" + std::to_string(i))},
                                   {text("50\u00A0€"), Align::Right}}});
    }
    d.blocks.push_back(std::move(t));
    Pdf pdf(d);
    INFO("shift " << shift);
    for (int g = 1; g <= 3; ++g) {
      const int page = pdf.page_of("Sous-total-" + std::to_string(g));
      CHECK(page == pdf.page_of("détail-" + std::to_string(g) + "-1"));
      if (g > 1 && page != pdf.page_of("détail-" + std::to_string(g - 1) + "-6")) ++breaks_between_groups;
    }
  }
  CHECK(breaks_between_groups > 0);  // the offsets did put page breaks at subtotals
}

TEST_CASE("navigation: the TOC's depth reaches the outline, TOC lines and addresses are links, the language is set") {
  auto d = base_document();
  TableOfContents toc;
  toc.depth = 3;
  d.blocks.push_back(toc);
  d.blocks.push_back(Heading{1, text("Projet")});
  d.blocks.push_back(Heading{2, text("Actions")});
  d.blocks.push_back(Heading{3, text("Fiche action A1 — Un médecin traitant")});
  d.blocks.push_back(Paragraph{text("Écrire à contact@cpts-vire.fr ou consulter https://cpts-vire.fr/projet.")});
  d.blocks.push_back(Heading{4, text("Détail hors sommaire")});
  Pdf pdf(d);
  CHECK(has(pdf.text(1), "Fiche action A1 — Un médecin traitant"));
  auto outline = nlohmann::json::parse(run("qpdf --json --json-key=outlines " + quote(pdf.file.string())).out);
  REQUIRE(outline["outlines"].size() == 1);
  CHECK(outline["outlines"][0]["kids"][0]["kids"][0]["title"] == "Fiche action A1 — Un médecin traitant");
  CHECK(outline["outlines"][0]["kids"][0]["kids"][0]["kids"].empty());
  const fs::path qdf = pdf.dir.path / "qdf.pdf";
  REQUIRE(run("qpdf --qdf --object-streams=disable " + quote(pdf.file.string()) + " " + quote(qdf.string())).exit_code == 0);
  std::ifstream in(qdf, std::ios::binary);
  const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(has(raw, "/URI (mailto:contact@cpts-vire.fr)"));
  CHECK(has(raw, "/URI (https://cpts-vire.fr/projet)"));
  size_t dests = 0;
  for (size_t at = raw.find("/Subtype /Link"); at != std::string::npos; at = raw.find("/Subtype /Link", at + 1)) ++dests;
  CHECK(dests == 3 + 2);  // three TOC lines, two addresses
  CHECK(has(raw, "/Lang (fr-FR)"));
}

TEST_CASE("a long running header is shortened with an ellipsis within its half of the line") {
  auto d = base_document();
  d.meta.header = "Communauté professionnelle territoriale de santé des Pays de Granville, de Villedieu-les-Poêles, "
                  "d’Avranches et du Mont-Saint-Michel réunis";
  d.blocks.push_back(Paragraph{text(kLorem)});
  Pdf pdf(d);
  auto boxes = run("pdftotext -bbox -f 1 -l 1 " + quote(pdf.file.string()) + " -");
  REQUIRE(boxes.exit_code == 0);
  const double middle = 595.276 / 2;
  bool ellipsis = false, title = false;
  std::istringstream lines(boxes.out);
  for (std::string line; std::getline(lines, line);) {
    auto num = [&](const std::string& key) { return std::stod(line.substr(line.find(key + "=\"") + key.size() + 2)); };
    if (line.find("<word") == std::string::npos || num("yMin") > 50) continue;  // the running header's line only
    const std::string word = line.substr(line.find("\">") + 2, line.find("</word>") - line.find("\">") - 2);
    if (word == "…") ellipsis = ellipsis || num("xMax") < middle;
    if (word == "Contrat") title = num("xMin") > middle;  // the title starts in the right half
    if (num("xMax") < middle) CHECK(word != "réunis");
  }
  CHECK(ellipsis);
  CHECK(title);
}
