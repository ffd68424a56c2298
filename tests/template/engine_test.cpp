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

TEST_CASE("load errors: unknown filter, unknown element, malformed XML, entities, include cycles") {
  auto engine = make_engine();
  auto first_error = [&](const char* name) {
    try {
      engine.load(name);
    } catch (const trame::Error& e) {
      return e.diagnostics().front().format();
    }
    return std::string("no error");
  };
  CHECK(first_error("unknown-filter") == "[trame.template.E104] fixtures/unknown-filter.xml:3: filtre inconnu « inconnu »");
  std::string el = first_error("unknown-element");
  CHECK(el.find("[trame.template.E106] fixtures/unknown-element.xml:4:") == 0);
  std::string mal = first_error("malformed");
  CHECK(mal.find("[trame.template.E101] fixtures/malformed.xml:") == 0);
  CHECK(mal.find("XML mal formé") != std::string::npos);
  std::string ent = first_error("entity");
  CHECK(ent.find("passwd") == std::string::npos);
  CHECK((ent.find("E103") != std::string::npos || ent.find("E101") != std::string::npos));
  std::string cyc = first_error("cycle");
  CHECK(cyc.find("[trame.template.E109]") == 0);
  CHECK(cyc.find("inclusion circulaire") != std::string::npos);
}

TEST_CASE("a template parsed once renders identically from several threads") {
  auto engine = make_engine();
  engine.load("all");
  json ctx = context();
  std::vector<std::string> out(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      for (int k = 0; k < 50; ++k) {
        auto d = engine.render("all", ctx);
        std::string s;
        for (const auto& b : d.blocks) s += text_of(b) + "|";
        out[i] = s;
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& s : out) CHECK(s == out[0]);
  CHECK_FALSE(out[0].empty());
}

TEST_CASE("dependencies list the template and its partials") {
  auto engine = make_engine();
  auto deps = engine.dependencies("all");
  REQUIRE(deps.size() == 2);
  CHECK(deps[1].filename() == "signature.xml");
}
