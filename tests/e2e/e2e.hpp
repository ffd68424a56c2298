// Shared by the end-to-end tests: the trame command and the sample dossiers.
#pragma once
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/support.hpp"

namespace trame::test {

// The built trame executable followed by `args` (a shell command line).
inline std::string cmd(const std::string& args) { return quote(TRAME_BIN) + " " + args; }
// A sample dossier of samples/.
inline std::filesystem::path sample(const std::string& name) { return std::filesystem::path(TRAME_SOURCE_DIR) / "samples" / name; }
// A path in the source tree (samples, fixtures).
inline std::filesystem::path src(const std::string& path) { return std::filesystem::path(TRAME_SOURCE_DIR) / path; }

// The trame command as `cmd`, with no overlay or configuration of the developer's
// own (TRAME_MODELES, TRAME_DATA_DIR, ~/.config/trame) leaking into the test.
inline std::string isolated_cmd(const std::string& args) {
  return "env -u TRAME_MODELES -u TRAME_DATA_DIR XDG_CONFIG_HOME=/nonexistent " + quote(TRAME_BIN) + " " + args;
}
// Writes `text` to `path`, creating its folder.
inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// The sample dossiers of samples/ (*.json, not the folders), sorted by name.
inline std::vector<std::filesystem::path> sample_dossiers() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(TRAME_SOURCE_DIR) / "samples"))
    if (e.path().extension() == ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// The helpers most end-to-end tests call, brought in at once by
// `using namespace trame::test::e2e_names;`.
namespace e2e_names {
using test::contains, test::isolated_cmd, test::quote, test::run, test::src, test::TempDir, test::write_text;
}  // namespace e2e_names

}  // namespace trame::test
