// PDF writer: a pure function of (document, theme, options).
#pragma once
#include <string>

#include "document/document.hpp"
#include "document/theme.hpp"

namespace trame::pdf {

struct Options {
  bool compress = true;  // deflate page content streams (font programs are always deflated)
};

// Renders the document as a complete A4 PDF file, returned as bytes.
// Deterministic: same inputs, same bytes (dates come from doc.meta.date).
// Throws trame::Error(ErrorKind::Internal) if a font of the theme cannot be read.
std::string render(const doc::Document& document, const doc::Theme& theme, const Options& options = {});

}  // namespace trame::pdf
