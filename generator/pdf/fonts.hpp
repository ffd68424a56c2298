// Fonts for the PDF writer, read with HarfBuzz: a font file is loaded once a
// process (memory-mapped, immutable, shared by threads), and each style of the
// theme is a chain of fonts: the theme's own, then its fallbacks (DejaVu, Noto
// CJK…) for characters it lacks. Widths are in thousandths of the font size,
// rounded to whole units, exactly as the PDF's /W arrays carry them.
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "document/theme.hpp"

typedef struct hb_face_t hb_face_t;
typedef struct hb_font_t hb_font_t;

namespace trame::pdf {

enum Style { Regular = 0, Bold = 1, Italic = 2, BoldItalic = 3 };
inline int style_of(bool bold, bool italic) { return (bold ? Bold : 0) | (italic ? Italic : 0); }

// One font (a file, or one face of a collection). Immutable once loaded.
class Face {
 public:
  // The face, loaded on first use and kept for the life of the process; null if the
  // file cannot be read or is no font.
  static const Face* get(const std::filesystem::path& file, unsigned index = 0);

  bool glyph(char32_t cp, uint32_t& gid) const;  // false if the font has no glyph for cp
  int width(uint32_t gid) const;                 // advance, per 1000 em, rounded
  unsigned glyph_count() const { return glyphs_; }

  hb_face_t* hb_face() const { return face_; }
  bool cff() const { return cff_; }              // PostScript outlines (OpenType CFF) rather than TrueType
  const std::string& postscript_name() const { return ps_name_; }
  // Font descriptor values, per 1000 em.
  int ascent = 0, descent = 0, cap_height = 0;
  std::array<int, 4> bbox{};
  double italic_angle = 0;

  ~Face();
  Face(const Face&) = delete;
  Face& operator=(const Face&) = delete;

 private:
  Face() = default;
  hb_face_t* face_ = nullptr;
  hb_font_t* font_ = nullptr;
  unsigned upem_ = 1000;
  unsigned glyphs_ = 0;
  bool cff_ = false;
  std::string ps_name_;
};

// A glyph as laid out and drawn: the font of the style's chain it comes from
// (0: the theme's own), its glyph id there and its width.
struct Glyph {
  uint32_t gid = 0;
  int16_t width = 0;
  uint8_t face = 0;
  bool found = true;  // false: no font of the chain has it (drawn as .notdef of the first font)
};

// The fonts of one document: the theme's chains and the glyphs looked up so far.
// Not shared between threads (each render has its own).
class Fonts {
 public:
  // Throws trame::Error(Internal) if a font of the theme itself cannot be read;
  // fallbacks that are not installed are skipped.
  explicit Fonts(const doc::Theme& theme);

  const Glyph& glyph(int style, char32_t cp) {
    if (cp < 256) return latin1_[style][cp];
    return lookup(style, cp);
  }
  // Width in points of UTF-8 text in one style.
  double width(std::string_view utf8, int style, double size);
  const Face& face(int style, int index) const { return *chains_[style][index]; }

 private:
  std::array<std::vector<const Face*>, 4> chains_;
  // The glyphs of U+0000 to U+00FF (ASCII and the accented letters, « », the no-break
  // space) a style, looked up once: most of a French text.
  std::array<std::array<Glyph, 256>, 4> latin1_{};
  std::unordered_map<uint64_t, Glyph> others_;
  const Glyph& lookup(int style, char32_t cp);
  Glyph find(int style, char32_t cp) const;
};

// Decodes one UTF-8 code point at s[i], advancing i (invalid bytes give U+FFFD).
char32_t next_code_point(std::string_view s, size_t& i);

// The chains of font files of a theme, one a style (theme font first, then the
// installed fallbacks); for the coverage check and the inputs hash.
std::array<std::vector<const Face*>, 4> font_chains(const doc::Theme& theme);

}  // namespace trame::pdf
