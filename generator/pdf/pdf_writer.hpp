// PDF writer (libharu): a pure function of (document, theme, options).
#pragma once
#include <string>

#include "document/document.hpp"
#include "document/theme.hpp"

namespace trame::pdf {

struct Options {
  bool compress = true;         // deflate page content streams
  // Also deflate the embedded font programs: about 17 % smaller files for about
  // 0.15 ms more per document (docs/performance.md), so off by default.
  bool compress_fonts = false;
};

// Renders the document as a complete A4 PDF file, returned as bytes.
// Deterministic: same inputs, same bytes (dates come from doc.meta.date).
// Throws trame::Error(ErrorKind::Internal) if libharu fails.
std::string render(const doc::Document& document, const doc::Theme& theme, const Options& options = {});

}  // namespace trame::pdf
