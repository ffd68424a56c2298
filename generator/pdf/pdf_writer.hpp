// PDF writer: a pure function of (document, theme, options).
#pragma once
#include <string>
#include <vector>

#include "document/document.hpp"
#include "document/theme.hpp"

namespace trame::pdf {

struct Options {
  bool compress = true;  // deflate page content streams (font programs are always deflated)
  // PDF/A-2: XMP identification and the sRGB output intent (the theme's icc_profile), level
  // a when tagged, b otherwise. Off: the file carries its XMP metadata, without claiming PDF/A.
  bool pdf_a = true;
  // Tagged PDF: the structure tree and marked content (PDF/UA-1); the theme's tagged_pdf.
  bool tagged = true;
  // When set, receives the page (from 1) of each heading of the table of contents and the
  // outline, in document order: the ODT stores them in its table of contents.
  std::vector<int>* heading_pages = nullptr;
};

// The page (from 1) of each heading of the table of contents and the outline, in document
// order, as render() lays them out (the layout alone: nothing drawn, no font embedded).
std::vector<int> heading_pages(const doc::Document& document, const doc::Theme& theme);

// Renders the document as a complete A4 PDF file, returned as bytes.
// Deterministic: same inputs, same bytes (dates come from doc.meta.date).
// Throws trame::Error(ErrorKind::Internal) if a font of the theme cannot be read.
std::string render(const doc::Document& document, const doc::Theme& theme, const Options& options = {});

}  // namespace trame::pdf
