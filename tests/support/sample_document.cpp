#include "support/sample_document.hpp"

namespace trame::test {
using namespace doc;

static Inlines text(const std::string& s) { return {Text{s}}; }

Document empty_document(const std::string& title, const std::string& author, const std::string& date,
                        const std::string& header) {
  Document d;
  d.meta.title = title;
  d.meta.author = author;
  d.meta.date = date;
  d.meta.header = header;
  return d;
}

TableRow total_row(const std::string& amount) {
  TableRow total;
  total.total = true;
  total.cells.push_back({text("Total"), Align::Left, false, 2});
  total.cells.push_back({text(amount), Align::Right});
  return total;
}

Document sample_document(int table_rows) {
  Document d = empty_document("Lettre d’intention — CPTS Sud Manche", "CPTS Sud Manche", "2025-04-07", "CPTS Sud Manche");
  d.meta.subject = "Essai des écrivains";
  d.meta.keywords = "CPTS, essai";
  d.blocks.push_back(Paragraph{text("Projet de CPTS « Sud Manche »"), "title", Align::Center});
  d.blocks.push_back(Paragraph{text("Fiche signalétique"), "subtitle", Align::Center});
  d.blocks.push_back(TableOfContents{"Sommaire"});
  d.blocks.push_back(Heading{1, text("Présentation générale")});
  d.blocks.push_back(Paragraph{{Text{"Les professionnels de santé du territoire ont l’honneur de vous faire part de leur "
                                     "intention de constituer une communauté professionnelle territoriale de santé. "},
                                Text{"Le budget s’élève à 17\u202F500\u00A0€", true},
                                Text{" ; l’équipe œuvre pour « l’accès aux soins » — c’est essentiel… "},
                                Text{"Collaboration avec M. Wiśniewski et Mme Dvořák.", false, true}}});
  d.blocks.push_back(Paragraph{{Text{"12 rue du Port"}, LineBreak{}, Text{"50400 Granville"}}, "address", Align::Left});
  d.blocks.push_back(Heading{2, text("Orientations")});
  d.blocks.push_back(List{false, {{text("Accès à un médecin traitant"), 0}, {text("Soins non programmés"), 1},
                                  {text("Prévention : vaccination, cancers, iatrogénie"), 0}}});
  d.blocks.push_back(List{true, {{text("Premier point"), 0}, {text("Second point"), 0}}});
  d.blocks.push_back(Heading{1, text("Communes du territoire")});
  Table t;
  t.widths = {5, 2, 2};
  t.caption = "Communes et population";
  t.rows.push_back(TableRow{{{text("Commune"), Align::Left}, {text("Code INSEE"), Align::Center}, {text("Population"), Align::Right}}, true});
  for (int i = 0; i < table_rows; ++i) {
    TableRow r;
    r.cells.push_back({text("Commune n° " + std::to_string(i + 1) + (i % 7 == 0 ? " — nom de commune assez long pour passer à la ligne dans sa cellule" : ""))});
    r.cells.push_back({text(std::to_string(50000 + i)), Align::Center});
    r.cells.push_back({text(std::to_string(1000 + i * 13)), Align::Right});
    t.rows.push_back(std::move(r));
  }
  t.rows.push_back(total_row("60\u202F200"));
  d.blocks.push_back(std::move(t));
  d.blocks.push_back(PageBreak{});
  d.blocks.push_back(Heading{1, text("Engagements")});
  d.blocks.push_back(Paragraph{text("Nous vous prions d’agréer l’expression de notre haute considération."), "body"});
  d.blocks.push_back(Spacer{10});
  d.blocks.push_back(SignatureBlock{"Fait à Granville, le 7 avril 2025",
                                    {{"la CPTS Sud Manche", "Pr Yves Lebas", "Président", "CPTS"},
                                     {"la CPAM de la Manche", "Mme Claire Duval", "Directrice", "CPAM"},
                                     {"l’ARS Normandie", "M. Paul Roux", "Directeur général", "ARS"}}});
  return d;
}

}  // namespace trame::test
