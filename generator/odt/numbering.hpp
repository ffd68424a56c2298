// How the ODT numbers the template's numbered headings (<h1 number="article">): by the
// outline style, as a word processor does, so that a heading added in LibreOffice
// renumbers the ones after it. Each numbering used at one heading level is counted by
// the outline style of that level (the one with most headings there) or, beside it,
// by a list style of its own (the contract's « Annexe N — » beside its « Article N — »).
// A numbering neither can count (used at two levels, or under a parent the outline
// does not count) keeps its label as text.
#pragma once
#include <string>
#include <vector>

#include "document/document.hpp"

namespace trame::odt {

class XmlWriter;

struct NumberingPlan {
  enum Kind { Text, Outline, List };
  struct Scheme {
    Kind kind = Text;
    int level = 0;           // Outline: the heading level it counts
    int display_levels = 1;  // Outline: its own value and its parents'
    std::string list_style;  // List: the list style's name, also the list's xml:id
  };
  std::vector<Scheme> schemes;  // one a Document::numberings entry
  // One a heading, in block order.
  struct Heading {
    Kind kind = Text;       // Text: the label (if any) is written in the heading's text
    bool list_header = false;  // outside the outline's count (text:is-list-header)
    int start_value = 0;    // > 0: the count is set to this value here (a restart the style would not make)
    bool first_of_list = false;  // List: opens the list (xml:id) rather than continuing it
  };
  std::vector<Heading> headings;
  bool outline = false;  // some numbering is counted by the outline style
};

NumberingPlan plan_numbering(const doc::Document& d);

// The outline style (text:outline-style) and the list styles of `plan`, in styles.xml.
void write_numbering_styles(XmlWriter& w, const doc::Document& d, const NumberingPlan& plan);

}  // namespace trame::odt
