// ODT writer: the parts against the OASIS ODF 1.3 RELAX NG schemas, the
// package bytes, determinism (also across threads), and the structure a reader
// relies on (header rows, named styles, table of contents, page breaks).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <thread>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "document/theme.hpp"
#include "odt/odt_writer.hpp"
#include "support/sample_document.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using namespace trame;
using namespace trame::doc;

namespace {

const Theme& theme() {
  static Theme t = Theme::load(fs::path(TRAME_SOURCE_DIR) / "templates/theme.json");
  return t;
}

// The writer tests' document: every block type, French typography, a 60-row table
// with a header row and a total row, a signature block and a table of contents.
const Document& sample() {
  static Document d = test::sample_document(60);
  return d;
}

Inlines text(const std::string& s) { return {Text{s}}; }

// A parsed part with XPath over the ODF namespaces.
class Xml {
 public:
  explicit Xml(const std::string& xml) {
    doc_ = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr, XML_PARSE_NONET);
    REQUIRE(doc_ != nullptr);
    ctx_ = xmlXPathNewContext(doc_);
    const std::pair<const char*, const char*> ns[] = {
        {"office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"},
        {"style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"},
        {"text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"},
        {"table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"},
        {"fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"},
        {"xlink", "http://www.w3.org/1999/xlink"},
        {"dc", "http://purl.org/dc/elements/1.1/"},
        {"meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"},
        {"manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"}};
    for (const auto& [prefix, uri] : ns) xmlXPathRegisterNs(ctx_, BAD_CAST prefix, BAD_CAST uri);
  }
  ~Xml() {
    xmlXPathFreeContext(ctx_);
    xmlFreeDoc(doc_);
  }
  Xml(const Xml&) = delete;
  Xml& operator=(const Xml&) = delete;

  // String values of the nodes (elements: their text content; attributes: their value).
  std::vector<std::string> all(const std::string& xpath) const {
    std::vector<std::string> out;
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST xpath.c_str(), ctx_);
    REQUIRE(r != nullptr);
    if (r->nodesetval)
      for (int i = 0; i < r->nodesetval->nodeNr; ++i) {
        xmlChar* s = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
        out.emplace_back(s ? reinterpret_cast<const char*>(s) : "");
        xmlFree(s);
      }
    xmlXPathFreeObject(r);
    return out;
  }
  size_t count(const std::string& xpath) const { return all(xpath).size(); }
  std::string one(const std::string& xpath) const {
    auto v = all(xpath);
    INFO(xpath);
    REQUIRE(v.size() == 1);
    return v[0];
  }

 private:
  xmlDocPtr doc_ = nullptr;
  xmlXPathContextPtr ctx_ = nullptr;
};

void check_valid(const Document& d) {
  for (const auto& [name, xml] : {std::pair{"content.xml", odt::content_xml(d, theme())},
                                  std::pair{"styles.xml", odt::styles_xml(d, theme())},
                                  std::pair{"meta.xml", odt::meta_xml(d)}}) {
    auto errors = test::validate_odf_part(xml);
    INFO(name << ": " << (errors.empty() ? "" : errors.front()));
    CHECK(errors.empty());
  }
}

uint16_t u16(const std::string& b, size_t at) {
  return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}
uint32_t u32(const std::string& b, size_t at) { return u16(b, at) | static_cast<uint32_t>(u16(b, at + 2)) << 16; }

struct LocalHeader {
  std::string name;
  uint16_t method, time, date, extra_length;
};
// The local file headers, in file order, read straight from the bytes.
std::vector<LocalHeader> local_headers(const std::string& zip) {
  std::vector<LocalHeader> out;
  size_t at = 0;
  while (at + 30 <= zip.size() && u32(zip, at) == 0x04034b50) {
    uint16_t flags = u16(zip, at + 6), name_length = u16(zip, at + 26), extra_length = u16(zip, at + 28);
    REQUIRE((flags & 0x08) == 0);  // sizes in the local header, no data descriptor
    out.push_back({zip.substr(at + 30, name_length), u16(zip, at + 8), u16(zip, at + 10), u16(zip, at + 12), extra_length});
    at += 30 + name_length + extra_length + u32(zip, at + 18);
  }
  return out;
}

}  // namespace

TEST_CASE("every ODT part of the sample validates against the OASIS ODF 1.3 schemas") {
  check_valid(sample());
  auto errors = test::validate_odf_part(odt::manifest_xml(), true);
  INFO((errors.empty() ? "" : errors.front()));
  CHECK(errors.empty());
}

TEST_CASE("the schema check is live: a part with a construct ODF does not allow is rejected") {
  std::string content = odt::content_xml(sample(), theme());
  std::string bad = content;
  bad.replace(bad.find("<text:h "), 8, "<text:h text:niveau=\"1\" ");
  CHECK_FALSE(test::validate_odf_part(bad).empty());
  bad = content;
  bad.replace(bad.find("<table:table-header-rows>"), 25, "<table:table-header-rows><text:p/>");
  CHECK_FALSE(test::validate_odf_part(bad).empty());
  std::string styles = odt::styles_xml(sample(), theme());
  styles.replace(styles.find("office:version=\"1.3\""), 20, "office:version=\"9.9\"");
  CHECK_FALSE(test::validate_odf_part(styles).empty());
}

TEST_CASE("unusual documents still give valid parts") {
  SECTION("an empty document with no metadata") {
    Document d;
    d.meta = Metadata{};
    d.meta.language.clear();
    check_valid(d);
    Xml meta(odt::meta_xml(d));
    CHECK(meta.count("//meta:creation-date") == 0);
    CHECK(meta.count("//dc:title") == 0);
  }
  SECTION("edge cases of every block") {
    Document d;
    d.meta.title = "Essai";
    d.meta.date = "7 avril 2025";  // not ISO: left out of meta.xml rather than written invalid
    d.blocks.push_back(PageBreak{});
    d.blocks.push_back(PageBreak{});
    d.blocks.push_back(Heading{7, text("Niveau hors bornes"), false});
    d.blocks.push_back(TableOfContents{"Table des matières"});
    d.blocks.push_back(Paragraph{{Text{"Contrôle\x01 et octet \xC3 invalide ;  deux espaces,\ttab\net saut"}, LineBreak{},
                                  Text{"  après saut"}, Field{Field::PageNumber}, Text{"/"}, Field{Field::PageCount}},
                                 "inconnu", Align::Right, true});
    d.blocks.push_back(List{true, {{text("Directement au niveau 2"), 2}, {text("Niveau 0"), 0}, {text("Niveau 12"), 12}}});
    d.blocks.push_back(List{});
    Table empty_table;
    empty_table.caption = "Tableau sans ligne";
    d.blocks.push_back(empty_table);
    Table t;  // no widths, a colspan wider than the table, a short row, a header row not at the top
    t.rows.push_back(TableRow{{{text("a"), Align::Left, false, 5}}});
    t.rows.push_back(TableRow{{{text("b"), Align::Center, true}}, true});
    d.blocks.push_back(PageBreak{});
    d.blocks.push_back(t);
    d.blocks.push_back(SignatureBlock{"", {}});
    d.blocks.push_back(SignatureBlock{"Fait à Caen", {}});
    d.blocks.push_back(PageBreak{});
    d.blocks.push_back(SignatureBlock{"", {{"A", "a", "r", ""}, {"B", "b", "r", ""}, {"C", "c", "r", ""}, {"D", "d", "", ""}}});
    d.blocks.push_back(Spacer{0});
    d.blocks.push_back(PageBreak{});
    check_valid(d);
    Xml meta(odt::meta_xml(d));
    CHECK(meta.count("//meta:creation-date") == 0);
    std::string content = odt::content_xml(d, theme());
    CHECK(content.find("Contrôle et octet \xEF\xBF\xBD invalide") != std::string::npos);
    Xml x(content);
    CHECK(x.count("//table:table[@table:name='Signatures1']/table:table-row") == 2);  // 4 signatories, 3 a row
  }
}

TEST_CASE("the package: mimetype first and stored, fixed dates, no extra fields, deflated parts") {
  std::string a = odt::render(sample(), theme());
  auto headers = local_headers(a);
  REQUIRE(headers.size() == 5);
  CHECK(headers[0].name == "mimetype");
  CHECK(headers[0].method == 0);  // stored
  CHECK(headers[0].extra_length == 0);
  // What file(1) and ODF readers look at: the media type at offset 38.
  CHECK(a.substr(30, 8) == "mimetype");
  CHECK(a.substr(38, 39) == "application/vnd.oasis.opendocument.text");
  std::set<std::string> names;
  for (const auto& h : headers) {
    INFO(h.name);
    names.insert(h.name);
    CHECK(h.date == ((0 << 9) | (1 << 5) | 1));  // 1980-01-01
    CHECK(h.time == 0);
    CHECK(h.extra_length == 0);
    if (h.name != "mimetype") CHECK(h.method == 8);  // deflated
  }
  CHECK(names == std::set<std::string>{"mimetype", "content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"});

  // libzip reads it back, and the parts are the ones the part functions give.
  test::TempDir dir("trame_odt");
  fs::path p = dir.path / "essai.odt";
  std::ofstream(p, std::ios::binary) << a;
  CHECK(test::zip_names(p)[0] == "mimetype");
  CHECK(test::zip_method(p, "mimetype") == 0);
  CHECK(test::zip_entry(p, "content.xml") == odt::content_xml(sample(), theme()));
  CHECK(test::zip_entry(p, "styles.xml") == odt::styles_xml(sample(), theme()));
  CHECK(test::zip_entry(p, "META-INF/manifest.xml") == odt::manifest_xml());
  Xml manifest(odt::manifest_xml());
  CHECK(manifest.one("//manifest:file-entry[@manifest:full-path='/']/@manifest:media-type") ==
        "application/vnd.oasis.opendocument.text");
}

TEST_CASE("two renders are byte-identical, also when rendered concurrently on several threads") {
  const std::string reference = odt::render(sample(), theme());
  CHECK(odt::render(sample(), theme()) == reference);

  Document other = test::sample_document(5);
  other.meta.title = "Autre document";
  const std::string other_reference = odt::render(other, theme());
  CHECK(other_reference != reference);

  constexpr int kThreads = 4, kRenders = 8;
  std::vector<std::string> results(kThreads * kRenders);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRenders; ++i)
        results[t * kRenders + i] = odt::render(t % 2 ? other : sample(), theme());
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kRenders; ++i) {
      INFO("thread " << t << ", render " << i);
      CHECK(results[t * kRenders + i] == (t % 2 ? other_reference : reference));
    }
}

TEST_CASE("tables: header rows in table:table-header-rows, total row, colspan, widths from the relative widths") {
  Xml x(odt::content_xml(sample(), theme()));
  const std::string table = "//table:table[@table:name='Tableau1']";
  CHECK(x.count(table + "/table:table-header-rows/table:table-row") == 1);
  CHECK(x.one(table + "/table:table-header-rows/table:table-row/table:table-cell[1]") == "Commune");
  CHECK(x.count(table + "/table:table-row") == 61);  // 60 communes and the total
  CHECK(x.count(table + "/table:table-column") == 3);
  // The total row: a cell spanning two columns, then its covered cell, bold style with a fill.
  const std::string total = table + "/table:table-row[last()]";
  CHECK(x.one(total + "/table:table-cell[1]/@table:number-columns-spanned") == "2");
  CHECK(x.count(total + "/table:covered-table-cell") == 1);
  CHECK(x.one(total + "/table:table-cell[2]") == "60\u202F200");
  std::string total_cell_style = x.one(total + "/table:table-cell[1]/@table:style-name");
  CHECK_FALSE(x.one("//style:style[@style:name='" + total_cell_style + "']//@fo:background-color").empty());
  CHECK(x.one(total + "/table:table-cell[1]/text:p/@text:style-name") == "Total_20_de_20_tableau");
  // Header cells: fill, "Table Heading" paragraphs; amounts right-aligned by an automatic paragraph style.
  std::string header_cell_style = x.one(table + "/table:table-header-rows//table:table-cell[1]/@table:style-name");
  CHECK(x.one("//style:style[@style:name='" + header_cell_style + "']//@fo:background-color") == theme().header_fill.hex());
  CHECK(x.one(table + "/table:table-header-rows//table:table-cell[1]/text:p/@text:style-name") == "Table_20_Heading");
  std::string amount_style = x.one(table + "/table:table-row[1]/table:table-cell[3]/text:p/@text:style-name");
  CHECK(x.one("//style:style[@style:name='" + amount_style + "']/@style:parent-style-name") == "Table_20_Contents");
  CHECK(x.one("//style:style[@style:name='" + amount_style + "']/style:paragraph-properties/@fo:text-align") == "end");
  // Column widths: 5:2:2 of the text width (166 mm = 470.55 pt).
  CHECK(x.one("//style:style[@style:name='Tableau1.A']//@style:column-width") == "261.42pt");
  CHECK(x.one("//style:style[@style:name='Tableau1.B']//@style:column-width") == "104.57pt");
  // Caption above the table, kept with it.
  CHECK(x.one(table + "/preceding-sibling::text:p[1]") == "Communes et population");
}

TEST_CASE("every style content.xml uses exists, with the named LibreOffice styles in styles.xml") {
  std::string content = odt::content_xml(sample(), theme()), styles = odt::styles_xml(sample(), theme());
  Xml c(content), s(styles);
  std::set<std::string> automatic, named;
  for (const auto& n : c.all("//office:automatic-styles/*/@style:name")) automatic.insert(n);
  for (const auto& n : s.all("//office:styles/*/@style:name | //office:automatic-styles/*/@style:name")) named.insert(n);
  for (const auto& used : c.all("//@text:style-name | //@table:style-name | //@text:visited-style-name")) {
    INFO(used);
    CHECK((automatic.count(used) + named.count(used)) == 1);
  }
  for (const auto& parent : c.all("//office:automatic-styles/style:style/@style:parent-style-name")) {
    INFO(parent);
    CHECK(named.count(parent) == 1);
  }
  for (const auto& used : s.all("//office:master-styles//@text:style-name | //office:styles//@style:parent-style-name")) {
    INFO(used);
    CHECK(named.count(used) == 1);
  }
  for (const char* n : {"Standard", "Text_20_body", "Heading_20_1", "Heading_20_2", "Heading_20_3", "Heading_20_4", "Title",
                        "Subtitle", "Quotations", "Table_20_Contents", "Table_20_Heading", "Adresse", "Petit_20_texte",
                        "Total_20_de_20_tableau", "Legende_20_de_20_tableau", "Signature", "Header", "Footer",
                        "Contents_20_Heading", "Contents_20_1", "Contents_20_2", "List_20_Contents",
                        "Liste_20_a_20_puces", "Liste_20_numerotee"}) {
    INFO(n);
    CHECK(named.count(n) == 1);
  }
  // Custom styles carry a French display name.
  CHECK(s.one("//style:style[@style:name='Petit_20_texte']/@style:display-name") == "Petit texte");
  CHECK(s.one("//style:style[@style:name='Total_20_de_20_tableau']/@style:display-name") == "Total de tableau");
  // Body paragraphs with the style's own alignment use the named style directly.
  CHECK(c.count("//office:text/text:p[@text:style-name='Text_20_body']") >= 1);
  // The theme reaches the styles: font, heading colour, page size and margins.
  CHECK(s.one("//style:font-face/@style:name") == "Liberation Sans");
  CHECK(s.one("//style:style[@style:name='Heading']//@fo:color") == theme().heading.hex());
  CHECK(s.one("//style:page-layout-properties/@fo:page-width") == "21cm");
  CHECK(s.one("//style:page-layout-properties/@fo:margin-left") == "2.2cm");
  CHECK(s.one("//style:master-page/@style:name") == "Standard");
}

TEST_CASE("running header and footer: organisation and title on a tab, Page X / Y with real fields") {
  Xml s(odt::styles_xml(sample(), theme()));
  const std::string master = "//style:master-page[@style:name='Standard']";
  CHECK(s.one(master + "/style:header/text:p") == "CPTS Sud Manche" "Lettre d’intention — CPTS Sud Manche");
  CHECK(s.count(master + "/style:header/text:p/text:tab") == 1);
  CHECK(s.one(master + "/style:footer/text:p") == "Page 1 / 1");
  CHECK(s.count(master + "/style:footer/text:p/text:page-number") == 1);
  CHECK(s.count(master + "/style:footer/text:p/text:page-count") == 1);
}

TEST_CASE("content: headings, French text, inline styles, lists, page breaks, white space") {
  std::string content = odt::content_xml(sample(), theme());
  Xml x(content);
  auto headings = x.all("//text:h[@text:outline-level='1']");
  CHECK(headings == std::vector<std::string>{"Présentation générale", "Communes du territoire", "Engagements"});
  CHECK(x.one("//text:h[@text:outline-level='2']") == "Orientations");
  CHECK(x.one("//text:h[.='Présentation générale']/@text:style-name") == "Heading_20_1");
  CHECK(content.find("Le budget s’élève à 17\u202F500\u00A0€") != std::string::npos);
  CHECK(content.find("l’équipe œuvre pour « l’accès aux soins »") != std::string::npos);
  CHECK(x.one("//text:span[contains(., 'Wiśniewski')]/@text:style-name") == "T_Italique");
  CHECK(x.count("//text:p[contains(., '12 rue du Port')]/text:line-break") == 1);
  CHECK(x.one("//text:p[contains(., '12 rue du Port')]/@text:style-name") == "Adresse");
  // Lists: bullets with a nested level, then a numbered list.
  CHECK(x.one("//office:text/text:list[1]/@text:style-name") == "Liste_20_a_20_puces");
  CHECK(x.one("//office:text/text:list[1]/text:list-item[1]/text:list/text:list-item") == "Soins non programmés");
  CHECK(x.one("//office:text/text:list[2]/@text:style-name") == "Liste_20_numerotee");
  // The page break lands on the heading that follows it, through its automatic style.
  std::string style = x.one("//text:h[.='Engagements']/@text:style-name");
  CHECK(x.one("//style:style[@style:name='" + style + "']/@style:parent-style-name") == "Heading_20_1");
  CHECK(x.one("//style:style[@style:name='" + style + "']//@fo:break-before") == "page");
  CHECK(x.count("//@fo:break-before") == 1);

  Document d;
  d.blocks.push_back(Paragraph{{Text{" un  deux   trois"}, Text{"\tquatre", true}, LineBreak{}, Text{" cinq"}}});
  Xml w(odt::content_xml(d, theme()));
  CHECK(w.count("//text:p/text:s[not(@text:c)]") == 3);  // leading, the second of two, after the line break
  CHECK(w.one("//text:p/text:s[@text:c]/@text:c") == "2");
  CHECK(w.count("//text:span/text:tab") == 1);
  CHECK(w.one("//text:p") == "un deux troisquatrecinq");  // the other spaces are text:s, which hold no text
}

TEST_CASE("table of contents: a real index over outline levels 1-2, pre-filled with links and page references") {
  Document d = sample();
  d.blocks.push_back(Heading{2, text("Annexe hors sommaire"), false});
  d.blocks.push_back(Heading{3, text("Détail de niveau 3")});
  Xml x(odt::content_xml(d, theme()));
  const std::string toc = "//text:table-of-content";
  CHECK(x.one(toc + "/text:table-of-content-source/@text:outline-level") == "2");
  CHECK(x.count(toc + "/text:table-of-content-source/text:table-of-content-entry-template") == 2);
  CHECK(x.count(toc + "//text:table-of-content-entry-template[1]/text:index-entry-page-number") == 1);
  CHECK(x.one(toc + "/text:index-body/text:index-title/text:p") == "Sommaire");
  auto entries = x.all(toc + "/text:index-body/text:p/text:a/text()[1]");
  CHECK(entries == std::vector<std::string>{"Présentation générale", "Orientations", "Communes du territoire", "Engagements"});
  CHECK(x.one(toc + "/text:index-body/text:p[2]/@text:style-name") == "Contents_20_2");
  // Each entry links to a bookmark in its heading, and its page number is a page reference to it.
  auto links = x.all(toc + "//text:a/@xlink:href");
  auto refs = x.all(toc + "//text:bookmark-ref[@text:reference-format='page']/@text:ref-name");
  REQUIRE(links.size() == 4);
  REQUIRE(refs.size() == 4);
  for (size_t i = 0; i < 4; ++i) {
    INFO(entries[i]);
    CHECK(links[i] == "#" + refs[i]);
    CHECK(x.one("//text:h/text:bookmark[@text:name='" + refs[i] + "']/..") == entries[i]);
  }
  // A heading kept out of the table of contents is a paragraph outside the outline, with the heading look.
  CHECK(x.count("//text:h[.='Annexe hors sommaire']") == 0);
  std::string style = x.one("//text:p[.='Annexe hors sommaire']/@text:style-name");
  CHECK(x.one("//style:style[@style:name='" + style + "']/@style:parent-style-name") == "Heading_20_2");
  CHECK(x.one("//style:style[@style:name='" + style + "']/@style:default-outline-level").empty());
  CHECK(x.one("//text:h[.='Détail de niveau 3']/@text:outline-level") == "3");
}

TEST_CASE("signature block: place and date, then signatories side by side in a borderless table kept together") {
  Xml x(odt::content_xml(sample(), theme()));
  const std::string table = "//table:table[@table:name='Signatures1']";
  CHECK(x.one(table + "/preceding-sibling::text:p[1]") == "Fait à Granville, le 7 avril 2025");
  std::string place_style = x.one(table + "/preceding-sibling::text:p[1]/@text:style-name");
  CHECK(x.one("//style:style[@style:name='" + place_style + "']//@fo:keep-with-next") == "always");
  CHECK(x.one("//style:style[@style:name='Signatures1']//@style:may-break-between-rows") == "false");
  CHECK(x.one(table + "/table:table-row/@table:style-name") == "Ligne");
  CHECK(x.one("//style:style[@style:name='Ligne']//@fo:keep-together") == "always");
  CHECK(x.count(table + "/table:table-row/table:table-cell") == 3);
  auto first = x.all(table + "/table:table-row/table:table-cell[1]/text:p");
  CHECK(first == std::vector<std::string>{"Pour la CPTS Sud Manche", "Pr Yves Lebas", "Président"});
  CHECK(x.count(table + "//table:table-cell[1]/text:p[2]/text:span") == 1);  // the name in bold
  std::string cell = x.one(table + "/table:table-row/table:table-cell[2]/@table:style-name");
  CHECK(x.one("//style:style[@style:name='" + cell + "']//@fo:border") == "none");
  CHECK(x.all(table + "/table:table-row/table:table-cell[3]/text:p")[0] == "Pour l’ARS Normandie");
}

TEST_CASE("meta.xml carries the dossier's title, subject, author, keywords, date and language") {
  Xml m(odt::meta_xml(sample()));
  CHECK(m.one("//dc:title") == "Lettre d’intention — CPTS Sud Manche");
  CHECK(m.one("//dc:subject") == "Essai des écrivains");
  CHECK(m.one("//meta:initial-creator") == "CPTS Sud Manche");
  CHECK(m.one("//dc:creator") == "CPTS Sud Manche");
  CHECK(m.all("//meta:keyword") == std::vector<std::string>{"CPTS", "essai"});
  CHECK(m.one("//meta:creation-date") == "2025-04-07T00:00:00");
  CHECK(m.one("//dc:date") == "2025-04-07T00:00:00");
  CHECK(m.one("//dc:language") == "fr-FR");
  CHECK(m.one("//meta:generator").rfind("Trame", 0) == 0);
}

TEST_CASE("a table of contents of depth 3 lists level-3 headings, as the PDF does") {
  Document d = sample();
  for (auto& b : d.blocks)
    if (auto* t = std::get_if<TableOfContents>(&b)) t->depth = 3;
  d.blocks.push_back(Heading{3, text("Fiche action A1")});
  Xml x(odt::content_xml(d, theme()));
  const std::string toc = "//text:table-of-content";
  CHECK(x.one(toc + "/text:table-of-content-source/@text:outline-level") == "3");
  CHECK(x.count(toc + "/text:table-of-content-source/text:table-of-content-entry-template") == 3);
  auto entries = x.all(toc + "/text:index-body/text:p/text:a/text()[1]");
  REQUIRE_FALSE(entries.empty());
  CHECK(entries.back() == "Fiche action A1");
  CHECK(x.one(toc + "/text:index-body/text:p[last()]/@text:style-name") == "Contents_20_3");
  CHECK(odt::styles_xml(d, theme()).find("style:name=\"Contents_20_3\"") != std::string::npos);
}

TEST_CASE("issue12: numbered headings: the outline style counts the articles, a list style the annexes") {
  Document d;
  d.numberings = {{"titre", "Titre ", " : ", -1}, {"article", "Article ", " — ", -1}, {"annexe", "Annexe ", " — ", -1}};
  auto heading = [&](int level, const std::string& title, int numbering, int value, const std::string& number) {
    Heading h;
    h.level = level;
    h.content = text(title);
    h.numbering = numbering;
    h.value = value;
    h.number = number;
    d.blocks.push_back(h);
  };
  heading(1, "Préambule", -1, 0, "");
  heading(1, "Dispositions générales", 0, 1, "Titre 1 : ");
  heading(2, "Objet", 1, 1, "Article 1 — ");
  heading(2, "Durée", 1, 2, "Article 2 — ");
  heading(1, "Financement", 0, 2, "Titre 2 : ");
  heading(2, "Montants", 1, 3, "Article 3 — ");  // articles run on across titles: the outline would restart at 1
  heading(1, "Communes", 2, 1, "Annexe 1 — ");
  heading(1, "Tableaux", 2, 2, "Annexe 2 — ");
  check_valid(d);
  const std::string content = odt::content_xml(d, theme()), styles = odt::styles_xml(d, theme());
  // The styles: titles at level 1, articles at level 2 of the outline; annexes a list style.
  CHECK(styles.find("<text:outline-level-style text:level=\"1\" style:num-format=\"1\" style:num-prefix=\"Titre \" "
                    "style:num-suffix=\" : \">") != std::string::npos);
  CHECK(styles.find("<text:outline-level-style text:level=\"2\" style:num-format=\"1\" style:num-prefix=\"Article \"") !=
        std::string::npos);
  CHECK(styles.find("<text:list-style style:name=\"Numerotation_annexe\"") != std::string::npos);
  // The headings: no number in their text, only the cached label; the unnumbered one outside the count;
  // article 3 set to 3 where the outline would have restarted it; the annexes in one continued list.
  CHECK(content.find("text:is-list-header=\"true\"><text:bookmark") == std::string::npos);  // no TOC here
  CHECK(std::regex_search(content, std::regex("<text:h [^>]*text:is-list-header=\"true\">Préambule</text:h>")));
  CHECK(std::regex_search(content, std::regex("<text:h [^>]*outline-level=\"2\"><text:number>Article 1 — </text:number>Objet</text:h>")));
  CHECK(std::regex_search(content, std::regex("<text:h [^>]*text:restart-numbering=\"true\" text:start-value=\"3\">"
                                              "<text:number>Article 3 — </text:number>Montants</text:h>")));
  CHECK(std::regex_search(content, std::regex("<text:list text:style-name=\"Numerotation_annexe\" xml:id=\"Numerotation_annexe\">"
                                              "<text:list-item><text:h [^>]*><text:number>Annexe 1 — </text:number>Communes")));
  CHECK(std::regex_search(content, std::regex("<text:list text:style-name=\"Numerotation_annexe\" text:continue-list=\"Numerotation_annexe\">"
                                              "<text:list-item><text:h [^>]*><text:number>Annexe 2 — </text:number>Tableaux")));
  CHECK(content.find("start-value=\"2\"") == std::string::npos);  // where the styles count right, nothing is forced
}
