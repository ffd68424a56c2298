// The limits a dossier (or avenant) file is held to before any costly work,
// each refused with a French message (docs/guide/limites-et-erreurs.md).
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"

namespace trame::dossier {

inline constexpr size_t kMaxFileBytes = 10u << 20;  // 10 Mo: the samples weigh 40 to 55 Ko
inline constexpr int kMaxDepth = 64;                // nested { } and [ ]: a dossier needs 8
inline constexpr size_t kMaxMembers = 1000;         // members of one object: the widest has 30

// Reads a dossier file: only a regular file (a FIFO, /dev/zero, a folder are
// refused without blocking), at most kMaxFileBytes. Throws Error(Io) for what
// cannot be read (missing, permission), Error(InvalidInput) for a file too big.
std::string read_input(const std::filesystem::path& path);

// Checks the text before it is parsed: no NUL byte, nesting at most kMaxDepth,
// objects of at most kMaxMembers members. Throws Error(InvalidInput) with the
// line and column. Linear, no recursion.
void check_text(std::string_view text, const std::string& file_name);

// Numbers a JSON Schema validator would misread: an integer above 2^63 - 1
// (valijson reads it wrapped, negative). Appends one diagnostic each.
void check_numbers(const nlohmann::json& value, const std::string& file_name, std::vector<Diagnostic>& out);

}  // namespace trame::dossier
