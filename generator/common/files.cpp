#include "common/files.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/diagnostic.hpp"
#include "common/system_error.hpp"

namespace trame {
namespace fs = std::filesystem;

static Error io_error(const fs::path& path, const std::string& what) {
  Diagnostic d;
  d.id = "trame.io.E001";
  d.file = path.string();
  d.message = what;
  return Error(ErrorKind::Io, d);
}

OpenedFile open_regular_file(const fs::path& path, const std::function<Error(const std::string&)>& error,
                             const std::string& if_folder, const std::string& if_not_regular) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    throw error(e == ENOENT ? "fichier introuvable" : "impossible de lire le fichier : " + system_message(e));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const bool dir = S_ISDIR(st.st_mode);
    ::close(fd);
    throw error(dir ? if_folder : if_not_regular);
  }
  return OpenedFile{fd, static_cast<std::int64_t>(st.st_size)};
}

std::string read_file(const fs::path& path) {
  // A FIFO or a device (/dev/zero, /dev/urandom) is refused before anything is read.
  const OpenedFile file = open_regular_file(
      path, [&](const std::string& what) { return io_error(path, what); }, "c’est un dossier, pas un fichier",
      "ce n’est pas un fichier ordinaire (tube, périphérique…) : donner le chemin d’un fichier");
  const int fd = file.fd;
  const std::int64_t size = file.size;
  if (static_cast<std::uint64_t>(size) > kMaxReadBytes) {
    ::close(fd);
    throw io_error(path, "fichier trop gros (" + std::to_string(size >> 20) + " Mo ; au plus " +
                             std::to_string(kMaxReadBytes >> 20) + " Mo)");
  }
  std::string bytes(static_cast<size_t>(size), '\0');
  size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      ::close(fd);
      throw io_error(path, "impossible de lire le fichier : " + system_message(e));
    }
    if (n == 0) break;  // it shrank while read
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  bytes.resize(got);
  return bytes;
}

void write_file_atomic(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  if (path.has_parent_path()) {
    fs::create_directories(path.parent_path(), ec);
    if (ec) throw io_error(path.parent_path(), "impossible de créer le dossier : " + system_message(ec));
  }
  std::string tmpl = (path.has_parent_path() ? path.parent_path() / ("." + path.filename().string() + ".XXXXXX")
                                             : fs::path("." + path.filename().string() + ".XXXXXX"))
                         .string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw io_error(path, std::string("impossible de créer un fichier temporaire : ") + system_message(errno));
  const char* p = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      ::unlink(tmpl.c_str());
      throw io_error(path, std::string("écriture interrompue : ") + system_message(e));
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::close(fd) != 0) {
    int e = errno;
    ::unlink(tmpl.c_str());
    throw io_error(path, std::string("écriture interrompue : ") + system_message(e));
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    int e = errno;
    ::unlink(tmpl.c_str());
    throw io_error(path, std::string("impossible de renommer le fichier temporaire : ") + system_message(e));
  }
}

fs::path data_dir() {
  if (const char* env = std::getenv("TRAME_DATA_DIR"); env && *env) return fs::path(env);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path share = exe.parent_path().parent_path() / "share" / "trame";
    if (fs::exists(share / "templates", ec)) return share;
  }
  return fs::path(TRAME_DEFAULT_DATA_DIR);
}

}  // namespace trame
