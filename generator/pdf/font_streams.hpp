// Deflating the streams of a PDF after libharu has written it.
//
// libharu deflates at zlib's default level (6), which for the embedded TrueType
// programs costs more than laying out and drawing a whole 3-page document, and
// for page contents about a quarter of the PDF writer's time. The writer
// therefore has libharu write every stream plain and deflates them here at the
// fastest level (1): a few percent larger for a fraction of the time
// (docs/performance.md). The file is rewritten object by object with a new
// xref table.
#pragma once
#include <string>

namespace trame::pdf {

// Returns `pdf` (as written by libharu: one classic xref section, no object
// streams) with every stream that has no /Filter deflated at zlib level
// `font_level` for /FontFile2 programs and `content_level` for the others (page
// contents); 0 leaves that kind alone. If the file does not have the expected
// shape it is returned unchanged.
std::string deflate_streams(const std::string& pdf, int content_level, int font_level);

}  // namespace trame::pdf
