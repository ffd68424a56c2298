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
  Inlines content;          // the title, without its number
  bool numbered_toc = true; // false: keep out of the outline/TOC
  // Numbered by a numbering of the template (<h1 number="article">): `number` is the
  // label as printed before the title ("Article 5 — ", "1.2 "), `value` the numbering's
  // own value (5; 2 for "1.2"). The PDF prints the label; the ODT has its outline or
  // list style count it (odt/numbering.cpp).
  int numbering = -1;       // index in Document::numberings; -1: not numbered
  int value = 0;
  std::string number;
};

// A numbering of headings declared by the template (<numbering name prefix suffix parent>):
// the label is prefix + the parents' values and its own, joined by ".", + suffix.
struct Numbering {
  std::string name;
  std::string prefix, suffix;  // "Article ", " — "
  int parent = -1;             // index in Document::numberings: restarts when the parent advances
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
  bool keep_with_next = false;  // on the page of the row after it (a subtotal heading its detail rows)
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
  // The name of the PDF signature field over this signatory's space to sign
  // ("CPTS", "CPAM", "ARS", "MSA"); empty: no field (the ODT never has one).
  std::string field;
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

// An image (PNG or JPEG) read from the templates folder by the template engine, which
// checked it: the bytes are shared by every use of the same file (embedded once).
struct ImageData {
  enum Format { Png, Jpeg } format = Png;
  std::string name;   // file name as given in the template ("logo-cpts.png"): the key of one embedding
  std::string bytes;  // the file as read
  int width_px = 0, height_px = 0;
  // JPEG: its colour components (1 grey, 3 RGB). PNG: the decoded pixels, 8 bits a
  // sample, `components` (1 grey, 3 RGB) a pixel row by row, and the alpha channel
  // (one byte a pixel) when the image has transparency, else empty.
  int components = 3;
  std::string pixels, alpha;
};
struct Image {
  std::shared_ptr<const ImageData> data;
  std::string alt;          // text alternative (tagged PDF /Alt, ODT svg:title and svg:desc); empty: decorative
                            // (the template said decorative="true"; drawn as an artifact)
  double width_mm = 0;      // printed size; one of the two may be 0 (from the aspect ratio)
  double height_mm = 0;
  Align align = Align::Left;
};

// A bar chart drawn as vector graphics. The template engine computes every number and
// label (in French format): writers only place them.
struct Chart {
  enum Kind { Columns, Bars } kind = Columns;  // vertical columns / horizontal bars
  std::string caption;                         // printed above, like a table's caption
  std::string alt;                             // text alternative (the caption if empty)
  std::vector<std::string> series;             // legend, one name a series (no legend if one series without name)
  struct Category {
    std::string label;                  // e.g. "2025"
    std::vector<double> values;         // one a series; NaN: no value (no bar)
    std::vector<std::string> labels;    // the values as printed ("150 000 €", "—")
  };
  std::vector<Category> categories;
  struct Tick {
    double value;
    std::string label;  // "150 000 €"
  };
  std::vector<Tick> ticks;  // the value axis, from 0 (first) to its maximum (last)
  double height_mm = 0;     // 0: from the number of categories
};

using Block = std::variant<Heading, Paragraph, List, Table, PageBreak, SignatureBlock, TableOfContents, Spacer,
                           Image, Chart>;

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
  std::vector<Numbering> numberings;
};

// A heading's printed content: its number's label, then its title.
Inlines heading_inlines(const Heading& h);

// Concatenated plain text of inlines (fields as "#").
std::string plain_text(const Inlines& inlines);

}  // namespace trame::doc
