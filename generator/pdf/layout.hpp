// Page layout: the document tree laid out on pages (headings kept with what
// follows, widows and orphans avoided, tables with repeated header rows, signature
// blocks kept whole, the table of contents' room reserved).
#pragma once
#include <vector>

#include "document/document.hpp"
#include "document/theme.hpp"
#include "pdf/fonts.hpp"
#include "pdf/page_content.hpp"
#include "pdf/signature_fields.hpp"

namespace trame::pdf {

struct LaidOut {
  std::vector<Page> pages;
  std::vector<HeadingMark> headings;  // in document order
  std::vector<TocSlot> toc_slots;
  bool has_fields = false;  // the document has page number/count fields
  std::vector<SignatureArea> signature_areas;  // in document order
};

// field_digits: digits reserved for a page number or count field.
LaidOut lay_out(const doc::Document& document, const doc::Theme& theme, Fonts& fonts, int field_digits = 2);

}  // namespace trame::pdf
