// The document tree: the format-neutral pivot between templates and writers.
// Writers know nothing of CPTS; templates know nothing of PDF or ODT.
#pragma once
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace trame::doc {

// ---- Inlines -------------------------------------------------------------
// A run of text with a style. Text is UTF-8 and never contains markup.
struct Text {
  std::string text;
  bool bold = false;
  bool italic = false;
};
// A line break inside a paragraph or cell.
struct LineBreak {};
// A field computed by the writer: the current page number or the page count.
struct Field {
  enum Kind { PageNumber, PageCount } kind = PageNumber;
};
using Inline = std::variant<Text, LineBreak, Field>;
using Inlines = std::vector<Inline>;

enum class Align { Left, Center, Right, Justify };

// ---- Blocks --------------------------------------------------------------
struct Heading {
  int level = 1;            // 1..4; levels down to the TOC's depth (2 by default) go into the PDF outline and the TOC
  Inlines content;
  bool numbered_toc = true; // false: keep out of the outline/TOC
};

// Paragraph styles known to both writers (the theme gives their look):
//   "body"      justified body text (Corps de texte)
//   "address"   left-aligned, no space between lines (address blocks)
//   "small"     smaller text (notes, legal mentions)
//   "title"     document title (Titre principal)
//   "subtitle"  below the title
//   "quote"     indented text
struct Paragraph {
  Inlines content;
  std::string style = "body";
  Align align = Align::Justify;
  bool keep_with_next = false;
};

struct ListItem {
  Inlines content;
  int level = 0;  // 0 = top level, 1 = nested once
};
struct List {
  bool ordered = false;
  std::vector<ListItem> items;
};

struct TableCell {
  Inlines content;
  Align align = Align::Left;
  bool bold = false;   // bold text for the whole cell (header and total rows are bold anyway)
  int colspan = 1;
};
struct TableRow {
  std::vector<TableCell> cells;
  bool header = false;  // header rows come first; repeated when the table breaks across pages
  bool total = false;   // a total row: bold, shaded, rule above
};
struct Table {
  std::vector<double> widths;  // relative column widths (any positive numbers; normalised by writers)
  std::vector<TableRow> rows;
  std::string caption;         // optional, printed above the table in "small" bold
};

struct PageBreak {};

// One signatory: printed as "Pour <organisation>", name, role, and a blank
// space to sign. A signature block is never split across pages.
struct Signatory {
  std::string organisation;  // e.g. "la CPTS Sud Manche"
  std::string name;          // e.g. "Dr Anne Martin"
  std::string role;          // e.g. "Présidente"
};
struct SignatureBlock {
  std::string place_date;    // e.g. "Fait à Granville, le 3 mars 2025" (may be empty)
  std::vector<Signatory> signatories;
};

// A table of contents listing headings down to `depth` (with page numbers and links in
// the PDF, whose outline goes as deep; a real text:table-of-content in the ODT).
struct TableOfContents {
  std::string title = "Sommaire";
  int depth = 2;  // 1..4
};

// Vertical space, in points.
struct Spacer {
  double points = 12;
};

using Block = std::variant<Heading, Paragraph, List, Table, PageBreak, SignatureBlock, TableOfContents, Spacer>;

struct Metadata {
  std::string title;     // PDF /Title, ODT dc:title, running header (right)
  std::string subject;   // PDF /Subject, ODT dc:subject
  std::string author;    // PDF /Author, ODT meta:initial-creator and dc:creator
  std::string keywords;
  std::string date;      // ISO "YYYY-MM-DD" from the dossier: creation date in PDF info and ODT meta
  std::string header;    // running header (left), usually the CPTS name
  std::string language = "fr-FR";
  // A draft (trame … --projet): every page carries « PROJET » across it, in both formats.
  // Set by the pipeline, not by templates.
  bool draft = false;
};

struct Document {
  Metadata meta;
  std::vector<Block> blocks;
};

// Concatenated plain text of inlines (fields as "#").
std::string plain_text(const Inlines& inlines);

}  // namespace trame::doc
