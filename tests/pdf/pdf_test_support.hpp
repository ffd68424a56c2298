// Helpers shared by the PDF writer's tests.
#pragma once
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "document/theme.hpp"
#include "support/support.hpp"

namespace trame::test {

// The bundled theme, read from the source tree.
inline const doc::Theme& pdf_theme() {
  static doc::Theme t = doc::Theme::load(std::filesystem::path(TRAME_SOURCE_DIR) / "templates/theme.json");
  return t;
}

inline bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// The font rows `pdffonts` lists for a file (its two header lines left out).
inline std::vector<std::string> pdffonts_rows(const std::filesystem::path& file) {
  auto f = run("pdffonts " + quote(file.string()));
  std::vector<std::string> rows;
  std::istringstream lines(f.out);
  std::string line;
  for (int i = 0; std::getline(lines, line); ++i)
    if (i >= 2 && !line.empty()) rows.push_back(line);
  return rows;
}

}  // namespace trame::test
