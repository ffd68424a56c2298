// Deflating the streams of a PDF after libharu has written it.
//
// libharu deflates at zlib's default level (6), which for the embedded TrueType
// programs costs more than laying out and drawing a whole 3-page document, and
// for page contents about a quarter of the PDF writer's time. The writer
// therefore has libharu write every stream plain and deflates them here with
// Trame's fast Flate encoder (fast_deflate.hpp): a little larger, several times
// faster (docs/performance.md). The file is rewritten object by object with a
// new xref table.
#pragma once
#include <string>

namespace trame::pdf {

// Returns `pdf` (as written by libharu: one classic xref section, no object
// streams) with every stream that has no /Filter deflated: the page contents
// when `contents`, the /FontFile2 programs when `fonts`. If the file does not
// have the expected shape it is returned unchanged.
std::string deflate_streams(const std::string& pdf, bool contents, bool fonts);

}  // namespace trame::pdf
