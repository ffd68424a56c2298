// Shared by the end-to-end tests: the trame command and the sample dossiers.
#pragma once
#include <filesystem>
#include <string>

#include "support/support.hpp"

namespace trame::test {

// The built trame executable followed by `args` (a shell command line).
inline std::string cmd(const std::string& args) { return quote(TRAME_BIN) + " " + args; }
// A sample dossier of samples/.
inline std::filesystem::path sample(const std::string& name) { return std::filesystem::path(TRAME_SOURCE_DIR) / "samples" / name; }
// A path in the source tree (samples, fixtures).
inline std::filesystem::path src(const std::string& path) { return std::filesystem::path(TRAME_SOURCE_DIR) / path; }

}  // namespace trame::test
