#include <catch2/catch.hpp>

#include <thread>

#include "common/diagnostic.hpp"
#include "template/engine.hpp"

using nlohmann::json;
namespace doc = trame::doc;

static trame::tpl::Engine make_engine() {
  return trame::tpl::Engine(std::filesystem::path(TRAME_SOURCE_DIR) / "tests/template/fixtures",
                            std::filesystem::path(TRAME_SOURCE_DIR) / "models/template.rng");
}

static json context() {
  return json::parse(R"({
    "nom": "CPTS Sud Manche", "date": "2025-03-01", "montant": 287000,
    "items": [{"nom": "Granville", "valeur": 12700}, {"nom": "Villedieu", "valeur": 3800.5}],
    "personne": {"prenom": "Anne", "nom": "Martin", "ville": "Granville"}
  })");
}

static std::string text_of(const doc::Block& b) {
  if (auto* p = std::get_if<doc::Paragraph>(&b)) return doc::plain_text(p->content);
  if (auto* h = std::get_if<doc::Heading>(&b)) return doc::plain_text(h->content);
  return "";
}

TEST_CASE("every construct renders into the document tree") {
  auto engine = make_engine();
  doc::Document d = engine.render("all", context());
  CHECK(d.meta.title == "Titre CPTS Sud Manche");
  CHECK(d.meta.date == "2025-03-01");
  CHECK(d.meta.header == "CPTS SUD MANCHE");
  REQUIRE(d.blocks.size() == 12);
  // Whitespace collapsed like HTML.
  CHECK(text_of(d.blocks[0]) == "Bonjour CPTS Sud Manche");
  CHECK(std::get<doc::Paragraph>(d.blocks[0]).style == "title");
  // Counters stay continuous when an optional article is left out.
  CHECK(text_of(d.blocks[1]) == "Article 1 — Objet");
  CHECK(text_of(d.blocks[2]) == "Article 2 — Fin");
  // Bold run and filters.
  auto& p = std::get<doc::Paragraph>(d.blocks[3]);
  REQUIRE(p.content.size() == 3);
  CHECK(std::get<doc::Text>(p.content[1]).bold);
  CHECK(std::get<doc::Text>(p.content[1]).text == "287\u202F000\u00A0€");
  CHECK(std::get<doc::Text>(p.content[2]).text == ", soit deux cent quatre-vingt-sept mille euros.");
  // Line break, no space kept around it; address style, right aligned.
  auto& addr = std::get<doc::Paragraph>(d.blocks[4]);
  CHECK(addr.style == "address");
  CHECK(addr.align == doc::Align::Right);
  CHECK(doc::plain_text(addr.content) == "Ligne 1\nLigne 2");
  // Loops with loop metadata.
  auto& list = std::get<doc::List>(d.blocks[5]);
  REQUIRE(list.items.size() == 2);
  CHECK(doc::plain_text(list.items[0].content) == "1/2 Granville");
  CHECK(doc::plain_text(list.items[1].content) == "2/2 Villedieu (dernier)");
  // Table rows from a loop, header and total rows, sum filter.
  auto& t = std::get<doc::Table>(d.blocks[6]);
  CHECK(t.widths == std::vector<double>{3, 1});
  REQUIRE(t.rows.size() == 4);
  CHECK(t.rows[0].header);
  CHECK(t.rows[3].total);
  CHECK(t.rows[1].cells[1].align == doc::Align::Right);
  CHECK(doc::plain_text(t.rows[2].cells[1].content) == "3\u202F800,5");
  CHECK(doc::plain_text(t.rows[3].cells[1].content) == "16\u202F500,5");
  // if / elif / else.
  CHECK(text_of(d.blocks[7]) == "moyen");
  // let + partial.
  auto& s = std::get<doc::SignatureBlock>(d.blocks[8]);
  CHECK(s.place_date == "Fait à Granville");
  REQUIRE(s.signatories.size() == 1);
  CHECK(s.signatories[0].name == "Anne Martin");
  CHECK(std::holds_alternative<doc::PageBreak>(d.blocks[9]));
  CHECK(std::get<doc::TableOfContents>(d.blocks[10]).title == "Sommaire");
  CHECK(std::get<doc::Spacer>(d.blocks[11]).points == 8);
}

TEST_CASE("a missing field names the template line and the JSON pointer inside a loop") {
  auto engine = make_engine();
  try {
    engine.render("missing", context());
    FAIL("expected an error");
  } catch (const trame::Error& e) {
    CHECK(e.kind() == trame::ErrorKind::Template);
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].format() ==
          "[trame.template.E201] fixtures/missing.xml:5: (/items/0/absent) champ absent du dossier");
  }
}

// First diagnostic of loading (or rendering, with a context) a fixture, formatted.
static std::string error_of(const char* name, const json* ctx = nullptr) {
  auto engine = make_engine();
  try {
    if (ctx) engine.render(name, *ctx);
    else engine.load(name);
  } catch (const trame::Error& e) {
    CHECK(e.kind() == trame::ErrorKind::Template);
    return e.diagnostics().front().format();
  }
  return "no error";
}

static std::vector<std::string> errors_of(const char* name) {
  auto engine = make_engine();
  std::vector<std::string> out;
  try {
    engine.load(name);
  } catch (const trame::Error& e) {
    for (const auto& d : e.diagnostics()) out.push_back(d.format());
  }
  return out;
}

TEST_CASE("load errors: unknown filter, malformed XML, entities, include cycles") {
  CHECK(error_of("unknown-filter") == "[trame.template.E104] fixtures/unknown-filter.xml:3: filtre inconnu « inconnu »");
  CHECK(error_of("malformed") ==
        "[trame.template.E101] fixtures/malformed.xml:5: XML mal formé : balise fermante </document> inattendue : "
        "<p> (ligne 4) n’est pas fermé");
  CHECK(error_of("entity") ==
        "[trame.template.E103] fixtures/entity.xml:3: déclaration <!DOCTYPE> interdite dans un modèle (les entités et "
        "DTD ne sont pas admises)");
  CHECK(error_of("unknown-entity") ==
        "[trame.template.E101] fixtures/unknown-entity.xml:3: XML mal formé : entité « &nbsp; » inconnue : écrivez le "
        "caractère lui-même (par exemple l’espace insécable) ou sa référence numérique (&#160;)");
  CHECK(error_of("cycle") ==
        "[trame.template.E109] fixtures/partials/cycle-b.xml:2: inclusion circulaire : cycle-a → cycle-b → cycle-a");
  CHECK(error_of("self-include") ==
        "[trame.template.E109] fixtures/partials/self.xml:4: inclusion circulaire : self → self");
  CHECK(error_of("missing-partial") ==
        "[trame.template.E110] fixtures/missing-partial.xml:4: partiel introuvable « absent » (attendu : "
        "fixtures/partials/absent.xml)");
  CHECK(error_of("nope") == "[trame.template.E100] fixtures/nope.xml: modèle introuvable");
}

TEST_CASE("the RELAX NG schema rejects unknown elements and attributes with their line") {
  CHECK(error_of("unknown-element") == "[trame.template.E106] fixtures/unknown-element.xml:4: élément <paragraphe> inconnu");
  CHECK(error_of("bad-attributes") ==
        "[trame.template.E106] fixtures/bad-attributes.xml:3: attribut « styl » inconnu pour <p>");
  CHECK(error_of("bad-value") ==
        "[trame.template.E106] fixtures/bad-value.xml:3: valeur « gras » invalide pour l’attribut « style » de <p>");
  CHECK(error_of("missing-attribute") ==
        "[trame.template.E106] fixtures/missing-attribute.xml:4: attribut « as » obligatoire pour <for>");
  CHECK(error_of("no-namespace").find("[trame.template.E106] fixtures/no-namespace.xml:2: élément <document> hors de "
                                      "l’espace de noms des modèles") == 0);
}

TEST_CASE("expression errors of one file are reported together, each with its line") {
  auto errs = errors_of("several-errors");
  REQUIRE(errs.size() == 4);
  CHECK(errs[0] == "[trame.template.E104] fixtures/several-errors.xml:3: filtre inconnu « inconnu »");
  CHECK(errs[1] == "[trame.template.E105] fixtures/several-errors.xml:4: nombre d’arguments incorrect pour le filtre « money »");
  CHECK(errs[2] == "[trame.template.E102] fixtures/several-errors.xml:5: expression invalide « nom == » : expression incomplète");
  CHECK(errs[3] == "[trame.template.E102] fixtures/several-errors.xml:6: « {{ » sans « }} » correspondant");
}

TEST_CASE("evaluation errors: exact line in a multi-line paragraph, let and elif, wrong types") {
  json ctx = context();
  ctx["collectif"] = json::parse(R"({"professionnels": [{"nom": "A"}, {"prenom": "B"}]})");
  CHECK(error_of("missing-multiline", &ctx) ==
        "[trame.template.E201] fixtures/missing-multiline.xml:6: (/territoire/population) champ absent du dossier");
  CHECK(error_of("missing-let", &ctx) ==
        "[trame.template.E201] fixtures/missing-let.xml:4: (/collectif/professionnels/1/nom) champ absent du dossier");
  ctx["collectif"]["professionnels"][1]["nom"] = "B";
  CHECK(error_of("missing-let", &ctx) ==
        "[trame.template.E201] fixtures/missing-let.xml:8: (/collectif/absent) champ absent du dossier");
  CHECK(error_of("money-string", &ctx) ==
        "[trame.template.E202] fixtures/money-string.xml:4: (/nom) le filtre « money » attend un nombre, reçu : "
        "\"CPTS Sud Manche\"");
  CHECK(error_of("list-displayed", &ctx) ==
        "[trame.template.E203] fixtures/list-displayed.xml:3: (/items) une liste ou un objet ne peut pas être affiché tel quel");
  CHECK(error_of("for-not-list", &ctx) ==
        "[trame.template.E202] fixtures/for-not-list.xml:3: (/nom) « for » attend une liste, reçu : \"CPTS Sud Manche\"");
  // A start tag written over several lines is located at its last line (libxml2).
  CHECK(error_of("meta-error", &ctx) ==
        "[trame.template.E201] fixtures/meta-error.xml:4: (/dossier/date) champ absent du dossier");
  CHECK(error_of("wrong-context", &ctx) ==
        "[trame.template.E108] fixtures/partials/paragraphe.xml:3: élément <p> inattendu ici : <tr> attendu");
}

TEST_CASE("whitespace collapses like HTML, non-breaking spaces are kept") {
  auto engine = make_engine();
  json ctx = context();
  ctx["adresse"] = "12 rue\nde la Paix";
  doc::Document d = engine.render("whitespace", ctx);
  REQUIRE(d.blocks.size() == 6);
  auto& p = std::get<doc::Paragraph>(d.blocks[0]).content;
  REQUIRE(p.size() == 5);
  CHECK(std::get<doc::Text>(p[0]).text == "Un texte sur plusieurs lignes , ");
  CHECK(std::get<doc::Text>(p[1]).text == "en gras ");
  CHECK(std::get<doc::Text>(p[1]).bold);
  CHECK(std::get<doc::Text>(p[2]).text == "puis ");
  CHECK(std::get<doc::Text>(p[3]).text == "italique");
  CHECK(std::get<doc::Text>(p[3]).italic);
  CHECK(std::get<doc::Text>(p[4]).text == ".");
  CHECK(text_of(d.blocks[1]) == "Article 1 unique");
  CHECK(text_of(d.blocks[2]) == "17\u00A0500\u00A0€ et «\u00A0guillemets\u00A0»");
  CHECK(text_of(d.blocks[3]) == "12 rue de la Paix");
  CHECK(text_of(d.blocks[4]) == "A\nB\nC");
  // Adjacent runs of the same style are merged, the space between them too.
  auto& h = std::get<doc::Heading>(d.blocks[5]);
  CHECK(h.level == 2);
  REQUIRE(h.content.size() == 1);
  CHECK(std::get<doc::Text>(h.content[0]).text == "Tout gras");
  CHECK(std::get<doc::Text>(h.content[0]).bold);
}

TEST_CASE("includes among rows, list items and inline text, nested loops, every filter") {
  auto engine = make_engine();
  json ctx = context();
  ctx.update(json::parse(R"({
    "groupes": [{"nom": "Médecins", "membres": ["A", "B"]}, {"nom": "Infirmiers", "membres": ["C"]}],
    "ratio": 0.755, "vrai": true, "faux": false, "villes": ["Granville", "Avranches"], "sigle": null,
    "vide_liste": [], "zero": 0, "chaine_vide": "", "objet_vide": {}, "rien": null
  })"));
  doc::Document d = engine.render("contexts", ctx);
  REQUIRE(d.blocks.size() >= 20);
  auto& t = std::get<doc::Table>(d.blocks[0]);
  CHECK(t.caption == "Communes de CPTS Sud Manche");
  REQUIRE(t.rows.size() == 4);
  CHECK(doc::plain_text(t.rows[1].cells[0].content) == "Granville");
  CHECK(doc::plain_text(t.rows[2].cells[1].content) == "3\u202F800,50\u00A0€");
  CHECK(t.rows[2].cells[1].align == doc::Align::Right);
  CHECK(t.rows[3].cells[0].colspan == 2);
  CHECK(t.rows[3].cells[0].bold);
  auto& l = std::get<doc::List>(d.blocks[1]);
  CHECK(l.ordered);
  REQUIRE(l.items.size() == 4);
  CHECK(doc::plain_text(l.items[2].content) == "Villedieu");
  CHECK(l.items[3].level == 1);
  auto& phrase = std::get<doc::Paragraph>(d.blocks[2]).content;
  CHECK(doc::plain_text(phrase) == "Ce texte cite la CPTS Sud Manche.");
  CHECK(std::get<doc::Text>(phrase[1]).bold);
  // Nested loops: the inner loop shadows loop.*, the outer one is restored after it.
  CHECK(text_of(d.blocks[3]) == "1. Médecins");
  CHECK(text_of(d.blocks[4]) == "1/2 A (premier)");
  CHECK(text_of(d.blocks[5]) == "2/2 B (dernier)");
  CHECK(text_of(d.blocks[6]) == "retour : 1 Médecins");
  CHECK(text_of(d.blocks[7]) == "2. Infirmiers");
  CHECK(text_of(d.blocks[8]) == "1/1 C (premier) (dernier)");
  CHECK(text_of(d.blocks[9]) == "retour : 2 Infirmiers");
  auto& small = std::get<doc::Paragraph>(d.blocks[4]);
  CHECK(small.style == "small");
  CHECK(small.align == doc::Align::Center);
  CHECK(small.keep_with_next);
  CHECK(text_of(d.blocks[10]) ==
        "287\u202F000,00 ; 75,5\u00A0% ; soixante et onze ; 01/03/2025 ; 1er mars 2025");
  CHECK(text_of(d.blocks[11]) == "Élaboration CPTS SUD MANCHE cpts sud manche oui non");
  CHECK(text_of(d.blocks[12]) == "2 5 Granville et Avranches Granville, Avranches");
  CHECK(text_of(d.blocks[13]) == "— vide non oui 16\u202F500,50\u00A0€");
  CHECK(text_of(d.blocks[14]) == "tout est faux");
  CHECK(text_of(d.blocks[15]) == "logique");
  auto& page = std::get<doc::Paragraph>(d.blocks[16]).content;
  REQUIRE(page.size() == 4);
  CHECK(std::get<doc::Field>(page[1]).kind == doc::Field::PageNumber);
  CHECK(std::get<doc::Field>(page[3]).kind == doc::Field::PageCount);
  auto& sub = std::get<doc::Paragraph>(d.blocks[17]);
  CHECK(sub.style == "subtitle");
  CHECK(sub.align == doc::Align::Center);
  CHECK(std::get<doc::Paragraph>(d.blocks[18]).style == "quote");
  CHECK(std::get<doc::Paragraph>(d.blocks[18]).align == doc::Align::Left);
  CHECK(std::get<doc::Paragraph>(d.blocks[19]).align == doc::Align::Left);  // address
  CHECK(std::get<doc::Paragraph>(d.blocks[0 + 20 - 20 + 19]).style == "address");
  CHECK(std::get<doc::Heading>(d.blocks[20]).level == 4);
}

TEST_CASE("counters number the articles present, across partials, once per render") {
  auto engine = make_engine();
  json ctx = json::parse(R"({"articles": [{"present": true, "titre": "Objet"}, {"present": false, "titre": "Option"},
                                          {"present": true, "titre": "Durée"}]})");
  for (int round = 0; round < 2; ++round) {  // counters restart at each render
    doc::Document d = engine.render("counters", ctx);
    REQUIRE(d.blocks.size() == 5);
    CHECK(text_of(d.blocks[0]) == "Article 1 — Objet");
    CHECK(text_of(d.blocks[1]) == "Annexe 1");
    CHECK(text_of(d.blocks[2]) == "Article 2 — Durée");
    CHECK(text_of(d.blocks[3]) == "Annexe 2");
    CHECK(text_of(d.blocks[4]) == "Fin : article 3.");
  }
}

// A complete textual dump of a document tree (every block, inline, style and attribute).
static std::string dump_inlines(const doc::Inlines& in) {
  std::string s = "[";
  for (const auto& i : in) {
    if (auto* t = std::get_if<doc::Text>(&i)) s += "T(" + t->text + "," + std::to_string(t->bold) + std::to_string(t->italic) + ")";
    else if (std::holds_alternative<doc::LineBreak>(i)) s += "BR";
    else s += "F" + std::to_string(std::get<doc::Field>(i).kind);
  }
  return s + "]";
}
static std::string dump(const doc::Document& d) {
  std::string s = d.meta.title + "|" + d.meta.date + "|" + d.meta.header + "\n";
  for (const auto& b : d.blocks) {
    if (auto* p = std::get_if<doc::Paragraph>(&b))
      s += "P " + p->style + std::to_string(int(p->align)) + std::to_string(p->keep_with_next) + dump_inlines(p->content);
    else if (auto* h = std::get_if<doc::Heading>(&b)) s += "H" + std::to_string(h->level) + dump_inlines(h->content);
    else if (auto* l = std::get_if<doc::List>(&b)) {
      s += "L" + std::to_string(l->ordered);
      for (const auto& it : l->items) s += std::to_string(it.level) + dump_inlines(it.content);
    } else if (auto* t = std::get_if<doc::Table>(&b)) {
      s += "T" + t->caption;
      for (double w : t->widths) s += std::to_string(w) + ",";
      for (const auto& r : t->rows) {
        s += "\n R" + std::to_string(r.header) + std::to_string(r.total);
        for (const auto& c : r.cells)
          s += std::to_string(int(c.align)) + std::to_string(c.bold) + std::to_string(c.colspan) + dump_inlines(c.content);
      }
    } else if (auto* g = std::get_if<doc::SignatureBlock>(&b)) {
      s += "S" + g->place_date;
      for (const auto& x : g->signatories) s += "/" + x.organisation + "," + x.name + "," + x.role;
    } else if (auto* c = std::get_if<doc::TableOfContents>(&b)) s += "TOC " + c->title;
    else if (auto* sp = std::get_if<doc::Spacer>(&b)) s += "SP" + std::to_string(sp->points);
    else s += "PB";
    s += "\n";
  }
  return s;
}

TEST_CASE("a template parsed once renders identically from several threads") {
  auto engine = make_engine();
  engine.load("all");
  engine.load("bench");
  json ctx = context();
  std::vector<std::string> out(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 50; ++k) {
        out[i] = dump(engine.render("all", ctx));
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& s : out) CHECK(s == out[0]);
  CHECK(out[0] == dump(engine.render("all", ctx)));
  CHECK(out[0].find("Granville") != std::string::npos);
}

TEST_CASE("a contract-sized template (about 100 elements) renders the same tree every time") {
  // Its speed is measured by bench/trame_bench, not here.
  auto engine = make_engine();
  json ctx = context();
  engine.load("bench");
  size_t first = engine.render("bench", ctx).blocks.size();
  CHECK(first > 50);
  for (int i = 0; i < 20; ++i) CHECK(engine.render("bench", ctx).blocks.size() == first);
}

TEST_CASE("dependencies list the template and its partials") {
  auto engine = make_engine();
  auto deps = engine.dependencies("all");
  REQUIRE(deps.size() == 2);
  CHECK(deps[0].filename() == "all.xml");
  CHECK(deps[1].filename() == "signature.xml");
  CHECK(engine.dependencies("contexts").size() == 4);
}

TEST_CASE("every shipped template and partial passes the schema and compiles") {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(TRAME_SOURCE_DIR) / "templates";
  trame::tpl::Engine engine(dir, fs::path(TRAME_SOURCE_DIR) / "models/template.rng");
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".xml") continue;
    INFO(e.path().string());
    CHECK_NOTHROW(engine.load(e.path().stem().string()));
    ++n;
  }
  CHECK(n > 0);
}

TEST_CASE("a loop and a condition inside a sentence") {
  auto engine = make_engine();
  doc::Document d = engine.render("inline-loop", context());
  REQUIRE(d.blocks.size() == 1);
  auto& p = std::get<doc::Paragraph>(d.blocks[0]).content;
  REQUIRE(p.size() == 1);  // merged into one run
  CHECK(std::get<doc::Text>(p[0]).text == "Communes : Granville, Villedieu.");
}

TEST_CASE("loop metadata reaches a partial, and an outer loop's survives an inner loop that does not read it") {
  // A <for> whose body never names `loop` builds no metadata; one with an <include> always does.
  auto engine = make_engine();
  json ctx = context();
  ctx["villes"] = {"Granville", "Avranches"};
  doc::Document d = engine.render("loop-meta", ctx);
  std::vector<std::string> texts;
  for (const auto& b : d.blocks) texts.push_back(text_of(b));
  CHECK(texts == std::vector<std::string>{"Granville", "Villedieu", "1/2 Granville", "2/2 Villedieu", "Granville",
                                          "Avranches", "rang 1", "Granville", "Avranches", "rang 2"});
}

TEST_CASE("issue12: numbered headings carry their number apart from their title, and a child numbering restarts") {
  auto engine = make_engine();
  json ctx = json::parse(R"({"articles": [{"present": true, "titre": "Population"}, {"present": false, "titre": "Option"},
                                          {"present": true, "titre": "Offre"}]})");
  doc::Document d = engine.render("numbering", ctx);
  REQUIRE(d.numberings.size() == 3);
  CHECK(d.numberings[1].parent == 0);
  std::vector<std::string> labels, titles;
  std::vector<int> values;
  for (const auto& b : d.blocks)
    if (auto* h = std::get_if<doc::Heading>(&b)) {
      labels.push_back(h->number);
      titles.push_back(doc::plain_text(h->content));
      values.push_back(h->value);
      CHECK(doc::plain_text(doc::heading_inlines(*h)) == h->number + titles.back());
    }
  // The omitted section is not counted; sections restart under the second part; an
  // unnumbered heading neither counts nor restarts anything.
  CHECK(labels == std::vector<std::string>{"1. ", "1.1 ", "1.2 ", "1.3 ", "2. ", "2.1 ", "", "Annexe 1 — "});
  CHECK(titles == std::vector<std::string>{"Diagnostic", "Territoire", "Population", "Offre", "Projet", "Objectifs",
                                           "Sans numéro", "Communes"});
  CHECK(values == std::vector<int>{1, 1, 2, 3, 2, 1, 0, 1});
}

TEST_CASE("issue12: an undeclared numbering, a numbering declared twice or an unknown parent are template errors") {
  json ctx = json::object();
  std::string e = error_of("numbering-undeclared", &ctx);
  CHECK(e.find("E114") != std::string::npos);
  CHECK(e.find("numbering-undeclared.xml:6") != std::string::npos);
  CHECK(e.find("numérotation « annex » non déclarée") != std::string::npos);
  auto errors = errors_of("numbering-bad-parent");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].find("numérotation parente « partie » inconnue") != std::string::npos);
  CHECK(errors[1].find("numérotation « partie » déclarée deux fois") != std::string::npos);
}
