// French spacing, decided once in the document tree so that every writer prints
// the same characters (design.md: "what the document tree carries, so writers
// agree"): the space before « : » and inside « » becomes a no-break space
// (U+00A0), the space before « ; ! ? % » a narrow no-break space (U+202F), as
// the locale already writes before « € » and « % » in amounts. Runs of spaces
// there collapse to one. Works across the runs of a paragraph (« solde de 25 »
// in one run, « % » in the next) and on the metadata and signature strings.
#pragma once
#include <string>

#include "document/document.hpp"

namespace trame::doc {

// The text with French spacing (one run on its own).
std::string french_spacing(const std::string& text);
// Every run of text of the document, its metadata and signature blocks.
void apply_french_spacing(Document& document);

}  // namespace trame::doc
