// French spacing decided once in the document tree (issue 11): the characters
// expected are those of French typography (U+00A0 before « : » and inside « »,
// U+202F before « ; ! ? % »), whatever the runs of text the template produced.
#include <catch2/catch.hpp>

#include "document/french_spacing.hpp"

using namespace trame::doc;

namespace {
const std::string nbsp = "\xC2\xA0", narrow = "\xE2\x80\xAF";
}

TEST_CASE("french spacing: one run") {
  CHECK(french_spacing("Objet : contrat") == "Objet" + nbsp + ": contrat");
  CHECK(french_spacing("solde de 25 % ; puis ?") == "solde de 25" + narrow + "%" + narrow + ";" + " puis" + narrow + "?");
  CHECK(french_spacing("« la caisse »") == "«" + nbsp + "la caisse" + nbsp + "»");
  CHECK(french_spacing("deux  :") == "deux" + nbsp + ":");
  CHECK(french_spacing("a b") == "a b");
}

TEST_CASE("french spacing: across runs, in metadata and signatures") {
  Document d;
  d.meta.subject = "Contrat : « CPTS »";
  Paragraph p;
  p.content = {Text{"avance de 75 "}, Text{"%", true}, Text{" « "}, Text{"x"}, Text{" »"}};
  d.blocks.push_back(p);
  d.blocks.push_back(SignatureBlock{"Fait à Granville : le 1er mai", {{"la CPTS", "Dr X", "Présidente ; trésorière"}}});
  apply_french_spacing(d);
  CHECK(d.meta.subject == "Contrat" + nbsp + ":" + " «" + nbsp + "CPTS" + nbsp + "»");
  const auto& c = std::get<Paragraph>(d.blocks[0]).content;
  CHECK(std::get<Text>(c[0]).text == "avance de 75" + narrow);
  CHECK(std::get<Text>(c[2]).text == " «" + nbsp);  // a line may break before «, never after
  CHECK(std::get<Text>(c[4]).text == nbsp + "»");
  const auto& s = std::get<SignatureBlock>(d.blocks[1]);
  CHECK(s.place_date == "Fait à Granville" + nbsp + ": le 1er mai");
  CHECK(s.signatories[0].role == "Présidente" + narrow + "; trésorière");
}
