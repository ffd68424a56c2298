// Deflating the embedded TrueType programs after libharu has written the file.
//
// libharu's HPDF_COMP_ALL deflates font programs at zlib's default level, which
// costs more than laying out and drawing a whole 3-page document (3 fonts of
// ~90 KB each). The writer therefore lets libharu compress only page contents and
// deflates the font programs here at a faster level: nearly the same size for a
// third of the time. The file is rewritten object by object with a new xref table.
#pragma once
#include <string>

namespace trame::pdf {

// Returns `pdf` (as written by libharu: one classic xref section, no object
// streams) with every uncompressed /FontFile2 stream deflated at zlib `level`
// (1..9). If the file does not have the expected shape it is returned unchanged.
std::string deflate_font_programs(const std::string& pdf, int level = 1);

}  // namespace trame::pdf
