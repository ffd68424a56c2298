// The theme: one set of fonts, sizes, margins and colours shared by both writers,
// so the PDF and the ODT look alike. Loaded from templates/theme.json.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace trame::doc {

struct Rgb {
  double r = 0, g = 0, b = 0;  // 0..1
  std::string hex() const;     // "#rrggbb"
};

struct FontFamily {
  std::string name;  // family name used in the ODT ("Liberation Sans")
  std::filesystem::path regular, bold, italic, bold_italic;  // TrueType or OpenType files, for the PDF
  unsigned index = 0;  // the face within a font collection (.ttc)
};

struct Theme {
  FontFamily font;
  // Fonts the PDF takes a character from when `font` lacks it, in order; those not
  // installed are skipped (e.g. Noto CJK, from fonts-noto-cjk).
  std::vector<FontFamily> fallbacks;
  // Sizes in points.
  double body_size = 10.5;
  double small_size = 8.5;
  double title_size = 20;
  double subtitle_size = 13;
  double heading_sizes[4] = {15, 12.5, 11, 10.5};
  double table_size = 9.5;
  double header_footer_size = 8;
  double line_height = 1.3;          // multiple of the font size
  double paragraph_space_after = 6;  // points
  double heading_space_before = 14;
  double heading_space_after = 6;
  double list_indent = 16;           // points
  double cell_padding = 3.5;         // points
  // Page in millimetres (A4).
  double page_width_mm = 210, page_height_mm = 297;
  double margin_top_mm = 25, margin_bottom_mm = 22, margin_left_mm = 22, margin_right_mm = 22;
  double header_offset_mm = 12;  // baseline of the running header from the top edge
  double footer_offset_mm = 12;  // baseline of the footer from the bottom edge
  // Colours.
  Rgb text{0.1, 0.1, 0.1};
  Rgb heading{0.0, 0.26, 0.53};
  Rgb rule{0.55, 0.6, 0.65};
  Rgb header_fill{0.87, 0.91, 0.96};  // table header rows
  Rgb total_fill{0.94, 0.94, 0.94};   // table total rows
  Rgb muted{0.4, 0.4, 0.4};           // running header and footer
  Rgb watermark{0.85, 0.85, 0.85};    // « PROJET » across the pages of a draft (optional in theme.json)
  std::string hyphenation_dictionary;  // path to hyph_fr.dic; empty disables hyphenation
  // The ICC profile of the PDF/A output intent (sRGB, from icc-profiles-free); empty: the
  // PDF is written without PDF/A identification.
  std::filesystem::path icc_profile;
  // Tagged PDF (structure tree, PDF/UA-1, and PDF/A's level a): true unless theme.json says
  // "tagged_pdf": false (the PDF then claims PDF/A-2b at most: smaller, not accessible).
  bool tagged_pdf = true;

  // Reads theme.json; relative font paths are resolved against font_dir in the file.
  static Theme load(const std::filesystem::path& theme_json);
  // The bundled theme (data_dir()/templates/theme.json).
  static const Theme& bundled();
};

constexpr double mm_to_pt(double mm) { return mm * 72.0 / 25.4; }

}  // namespace trame::doc
