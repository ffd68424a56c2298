// Signature fields of the PDF writer (pdf/signature_fields.cpp), read back with qpdf --json
// (its "acroform" view and the objects) as a reader finds them.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "pdf/pdf_writer.hpp"
#include "pdf_test_support.hpp"
#include "support/sample_document.hpp"
#include "support/support.hpp"

using namespace trame;
using namespace trame::doc;
using nlohmann::json;

namespace {

struct Read {
  test::TempDir dir{"trame_pdf_fields"};
  std::string bytes;
  json j;
  explicit Read(const Document& d) {
    bytes = pdf::render(d, test::pdf_theme(), {});
    const auto file = dir.path / "champs.pdf";
    std::ofstream(file, std::ios::binary) << bytes;
    auto r = test::run("qpdf --json " + test::quote(file.string()));
    REQUIRE(r.exit_code == 0);
    j = json::parse(r.out);
    auto check = test::run("qpdf --check " + test::quote(file.string()));
    CHECK(check.exit_code == 0);
  }
  const json& object(const std::string& ref) const { return j["qpdf"][1].at("obj:" + ref).at("value"); }
};

Document with_signatures(std::vector<Signatory> signatories) {
  Document d = test::sample_document(5);
  d.blocks.push_back(SignatureBlock{"Fait à Caen, le 2 mai 2025", std::move(signatories)});
  return d;
}

}  // namespace

TEST_CASE("one signature field a named signatory, over its room to sign, in rows of three") {
  Read r(with_signatures({{"la CPTS du Bessin", "Dr Anne Morel", "Présidente", "CPTS"},
                          {"la CPAM du Calvados", "M. Jean Dupont", "Directeur", "CPAM"},
                          {"l’ARS Normandie", "Mme Léa Roux", "Directrice générale", "ARS"},
                          {"la MSA Côtes Normandes", "M. Hervé Rault", "Directeur", "MSA"},
                          {"le témoin", "M. Sans Champ", "Témoin", ""}}));
  const json& form = r.j["acroform"];
  REQUIRE(form["hasacroform"] == true);
  CHECK(form["needappearances"] == false);
  // The sample document's own block (CPTS, CPAM, ARS) comes first: repeated names are numbered.
  std::vector<std::string> names;
  for (const auto& f : form["fields"]) names.push_back(f["fullname"]);
  CHECK(names == std::vector<std::string>{"CPTS", "CPAM", "ARS", "CPTS 2", "CPAM 2", "ARS 2", "MSA"});
  std::vector<std::array<double, 4>> rects;
  for (const auto& f : form["fields"]) {
    CHECK(f["fieldtype"] == "/Sig");
    CHECK(f["annotation"]["annotationflags"] == 4);  // printed: PDF/A wants it
    CHECK(f["value"].is_null());
    const json& d = r.object(f["object"]);
    CHECK(d["/Subtype"] == "/Widget");
    CHECK(d.contains("/AP"));
    const std::string page = r.j["pages"][f["pageposfrom1"].get<int>() - 1]["object"];
    CHECK(d["/P"] == page);
    const json& annots = r.object(page)["/Annots"];
    CHECK(std::find(annots.begin(), annots.end(), f["object"]) != annots.end());
    rects.push_back({d["/Rect"][0], d["/Rect"][1], d["/Rect"][2], d["/Rect"][3]});
  }
  // Fields of one row side by side, of the same size; the MSA's on the next row, under the CPTS's.
  const auto& cpts = rects[3];
  const auto& cpam = rects[4];
  const auto& msa = rects[6];
  CHECK(cpts[1] == Approx(cpam[1]));
  CHECK(cpts[2] <= cpam[0]);
  CHECK(cpam[2] - cpam[0] == Approx(cpts[2] - cpts[0]));
  CHECK(msa[0] == Approx(cpts[0]));
  CHECK(msa[3] < cpts[1]);
  CHECK(cpts[3] - cpts[1] > 40);  // room to sign
}

TEST_CASE("a document to sign carries the hash of its objects as /ID, others carry no form but an /ID too (PDF/A)") {
  Read signed_doc(with_signatures({{"la CPTS", "Dr A", "Présidente", "CPTS"}}));
  const json& trailer = signed_doc.j["qpdf"][1]["trailer"]["value"];
  REQUIRE(trailer.contains("/ID"));
  // sha256sum of what precedes the cross-reference table, its first 16 bytes.
  const std::string& b = signed_doc.bytes;
  const auto prefix = signed_doc.dir.path / "objets.bin";
  std::ofstream(prefix, std::ios::binary) << b.substr(0, b.rfind("\nxref\n") + 1);
  auto sum = test::run("sha256sum " + test::quote(prefix.string()));
  REQUIRE(sum.exit_code == 0);
  const std::string expected = "b:" + sum.out.substr(0, 32);
  CHECK(trailer["/ID"][0] == expected);
  CHECK(trailer["/ID"][1] == expected);
  // Same document, same bytes.
  CHECK(pdf::render(with_signatures({{"la CPTS", "Dr A", "Présidente", "CPTS"}}), test::pdf_theme(), {}) == b);

  Document plain = test::sample_document(5);
  for (auto& s : std::get<SignatureBlock>(plain.blocks.back()).signatories) s.field.clear();
  Read none(plain);
  CHECK(none.j["acroform"]["hasacroform"] == false);
  CHECK(none.j["qpdf"][1]["trailer"]["value"].contains("/ID"));  // PDF/A-2 (ISO 19005-2, 6.1.3) requires it
}

TEST_CASE("each signature widget is in a Form element of the structure after its signatory, with a French tooltip") {
  Read r(with_signatures({{"la CPTS du Bessin", "Dr Anne Morel", "Présidente", "CPTS"},
                          {"l’ARS Normandie", "Mme Léa Roux", "Directrice générale", "ARS"},
                          {"le conseil départemental", "M. Paul Vire", "Président", "CD"}}));
  const json& objects = r.j["qpdf"][1];
  auto value = [&](const json& ref) -> const json& { return objects.at("obj:" + ref.get<std::string>()).at("value"); };
  // The parent tree, flat: key → element.
  const json& catalog = value(objects["trailer"]["value"]["/Root"]);
  const json& nums = value(value(catalog["/StructTreeRoot"])["/ParentTree"])["/Nums"];
  std::map<int, json> parents;
  for (size_t k = 0; k + 1 < nums.size(); k += 2) parents[nums[k].get<int>()] = nums[k + 1];
  std::map<std::string, std::string> tooltips;
  std::set<std::string> divs;
  for (const auto& f : r.j["acroform"]["fields"]) {
    const json& d = r.object(f["object"]);
    tooltips[f["fullname"]] = d.value("/TU", "");
    REQUIRE(d.contains("/StructParent"));
    REQUIRE(parents.count(d["/StructParent"].get<int>()));
    const json& form_ref = parents[d["/StructParent"].get<int>()];
    const json& form = value(form_ref);
    CHECK(form["/S"] == "/Form");
    // Its kid: an object reference to the widget, on the widget's page.
    REQUIRE(form["/K"].size() == 1);
    CHECK(form["/K"][0]["/Type"] == "/OBJR");
    CHECK(form["/K"][0]["/Obj"] == f["object"]);
    CHECK(form["/K"][0]["/Pg"] == d["/P"]);
    // Its box: the widget's rectangle.
    for (int i = 0; i < 4; ++i) CHECK(form["/A"]["/BBox"][i].get<double>() == Approx(d["/Rect"][i].get<double>()).margin(0.01));
    divs.insert(form["/P"].get<std::string>());
  }
  CHECK(tooltips["CPTS 2"] == "u:Signature de la CPTS du Bessin (Dr Anne Morel)");
  CHECK(tooltips["ARS 2"] == "u:Signature de l’ARS Normandie (Mme Léa Roux)");
  CHECK(tooltips["CD"] == "u:Signature du conseil départemental (M. Paul Vire)");
  // In each signature block (a Div): the place and date, then each signatory's three
  // paragraphs followed by the Form of its field.
  REQUIRE(divs.size() == 2);
  for (const auto& div : divs) {
    std::vector<std::string> types;
    for (const auto& kid : value(json(div))["/K"]) types.push_back(value(kid)["/S"]);
    REQUIRE(types.size() == 13);
    CHECK(types[0] == "/P");
    for (size_t i = 1; i < types.size(); ++i) CHECK(types[i] == (i % 4 == 0 ? "/Form" : "/P"));
  }
}
