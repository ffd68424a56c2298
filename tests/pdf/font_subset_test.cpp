// The fonts the PDF writer embeds are the build's subsets (scripts/subset_fonts.py):
// they must print every character the writer can encode, with the widths of the
// original fonts, or text would be lost or laid out differently.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <hpdf.h>
#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "document/theme.hpp"
#include "pdf/encoding.hpp"

namespace fs = std::filesystem;

TEST_CASE("the bundled theme embeds the build's font subsets, smaller than the originals") {
  const auto& theme = trame::doc::Theme::bundled();
  auto j = nlohmann::json::parse(trame::read_file(fs::path(TRAME_SOURCE_DIR) / "templates/theme.json"));
  const fs::path original = fs::path(j["font"]["dir"].get<std::string>()) / j["font"]["regular"].get<std::string>();
  INFO(theme.font.regular.string());
  CHECK(theme.font.regular != original);
  CHECK(theme.font.regular.filename() == original.filename());
  CHECK(fs::file_size(theme.font.regular) * 3 < fs::file_size(original));
}

TEST_CASE("every byte of every encoding has the original font's glyph width in the subsets") {
  const auto& theme = trame::doc::Theme::bundled();
  auto j = nlohmann::json::parse(trame::read_file(fs::path(TRAME_SOURCE_DIR) / "templates/theme.json"));
  const fs::path dir = j["font"]["dir"].get<std::string>();
  // One document each: libharu knows a font by its name, which both files share.
  HPDF_Doc doc = HPDF_New(nullptr, nullptr), full_doc = HPDF_New(nullptr, nullptr);
  REQUIRE(doc != nullptr);
  REQUIRE(full_doc != nullptr);
  int compared = 0;
  for (const char* style : {"regular", "bold", "italic", "bold_italic"}) {
    const fs::path subset = std::string(style) == "regular"  ? theme.font.regular
                            : std::string(style) == "bold"   ? theme.font.bold
                            : std::string(style) == "italic" ? theme.font.italic
                                                             : theme.font.bold_italic;
    const fs::path full = dir / j["font"][style].get<std::string>();
    const char* subset_name = HPDF_LoadTTFontFromFile(doc, subset.c_str(), HPDF_FALSE);
    const char* full_name = HPDF_LoadTTFontFromFile(full_doc, full.c_str(), HPDF_FALSE);
    REQUIRE(subset_name != nullptr);
    REQUIRE(full_name != nullptr);
    for (const auto& encoding : trame::pdf::encodings()) {
      HPDF_Font a = HPDF_GetFont(doc, subset_name, encoding.c_str());
      HPDF_Font b = HPDF_GetFont(full_doc, full_name, encoding.c_str());
      REQUIRE(a != nullptr);
      REQUIRE(b != nullptr);
      for (int byte = 0x20; byte <= 0xFF; ++byte) {
        HPDF_BYTE c = static_cast<HPDF_BYTE>(byte);
        INFO(style << " " << encoding << " byte " << byte);
        CHECK(HPDF_Font_TextWidth(a, &c, 1).width == HPDF_Font_TextWidth(b, &c, 1).width);
        ++compared;
      }
    }
  }
  CHECK(compared == 4 * 10 * 224);
  HPDF_Free(doc);
  HPDF_Free(full_doc);
}
