// File access: whole-file reads, atomic writes, and where trame's data lives.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "common/diagnostic.hpp"

namespace trame {

// The largest file read_file() reads (templates, theme, tables, schema, fonts' hashes).
inline constexpr std::uintmax_t kMaxReadBytes = 256u << 20;

// Reads a whole regular file of at most kMaxReadBytes; throws trame::Error(Io)
// with a French message, at once for a FIFO, a device or a folder (never blocks).
std::string read_file(const std::filesystem::path& path);

// A regular file opened for reading: its descriptor (the caller closes it) and
// its size when opened.
struct OpenedFile {
  int fd;
  std::int64_t size;
};

// Opens `path` for reading without blocking (O_NONBLOCK: opening a FIFO would
// otherwise wait for a writer) and refuses at once anything but a regular file
// (a FIFO, a device, a folder): throws error(message), the message being
// "fichier introuvable", "impossible de lire le fichier : …", `if_folder` or
// `if_not_regular`.
OpenedFile open_regular_file(const std::filesystem::path& path, const std::function<Error(const std::string&)>& error,
                             const std::string& if_folder, const std::string& if_not_regular);

// Writes `bytes` to a temporary file in the same directory, flushes it, then
// renames it over `path`: a reader never sees a half-written file. Creates the
// parent directory. Throws trame::Error(Io).
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

// Root of the runtime data (templates/, models/): $TRAME_DATA_DIR if set,
// else the directory next to the executable's ../share/trame if present,
// else the source tree the binary was built from.
std::filesystem::path data_dir();

// Lowercase hex SHA-256 of `bytes` (OpenSSL's libcrypto).
std::string sha256_hex(std::string_view bytes);

}  // namespace trame
