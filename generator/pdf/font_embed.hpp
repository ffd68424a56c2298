// The fonts a document draws with, embedded as CID-keyed fonts (ISO 32000-1 §9.7):
// one Type0 font with the Identity-H encoding a (style, font file) pair, its
// program subset with HarfBuzz (hb-subset) to the glyphs drawn, a /W array of their
// widths and a ToUnicode CMap written here, so that every glyph drawn extracts as
// the text it came from. Content streams show 2-byte glyph ids of the full font;
// once every page is drawn, write() subsets the fonts and renumber() turns those
// ids into the subset's.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "pdf/fonts.hpp"
#include "pdf/pdf_file.hpp"

namespace trame::pdf {

class EmbeddedFonts {
 public:
  explicit EmbeddedFonts(const Fonts& fonts) : fonts_(fonts) {}

  // The resource index (/F1 is 0) of face `face` of the chain of `style`.
  int resource(int style, int face);
  // Records that glyph `gid` of resource r is drawn for code point cp.
  void use(int r, uint32_t gid, char32_t cp) {
    auto& u = used_[static_cast<size_t>(r)].unicode;
    if (gid < u.size() && u[gid] == 0) u[gid] = cp ? cp : 0xFFFD;
  }
  // Subsets and writes every font used; returns the entries of the /Font resource
  // dictionary ("/F1 12 0 R/F2 17 0 R").
  std::string write(PdfFile& file);
  // The subset's glyph id of glyph `gid` of resource r (after write()).
  uint32_t renumber(int r, uint32_t gid) const { return used_[static_cast<size_t>(r)].new_gid[gid]; }

 private:
  struct Used {
    int style, face;
    const Face* font;
    std::vector<char32_t> unicode;  // by glyph id of the full font; 0: not drawn
    std::vector<uint32_t> new_gid;  // by glyph id of the full font, after write()
  };
  const Fonts& fonts_;
  std::vector<Used> used_;
};

}  // namespace trame::pdf
