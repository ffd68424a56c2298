// Shared by the end-to-end tests: the trame command and the sample dossiers.
#pragma once
#include <filesystem>
#include <fstream>
#include <string>

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

}  // namespace trame::test
