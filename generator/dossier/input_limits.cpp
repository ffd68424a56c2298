#include "dossier/input_limits.hpp"

#include <cerrno>
#include <cstdint>
#include <fcntl.h>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "common/files.hpp"
#include "common/system_error.hpp"
#include "dossier/source_map.hpp"

namespace trame::dossier {

static Error io(const std::filesystem::path& path, const std::string& message) {
  return Error(ErrorKind::Io, Diagnostic{Severity::Error, "trame.io.E002", path.string(), 0, 0, "", message});
}

std::string read_input(const std::filesystem::path& path) {
  const OpenedFile file = open_regular_file(
      path, [&](const std::string& message) { return io(path, message); }, "c’est un dossier, pas un fichier JSON",
      "ce n’est pas un fichier ordinaire (tube, périphérique…) : donner un fichier JSON");
  const int fd = file.fd;
  const std::int64_t size = file.size;
  auto too_big = [&](size_t bytes) {
    ::close(fd);
    return Error(ErrorKind::InvalidInput,
                 Diagnostic{Severity::Error, "trame.dossier.E004", path.string(), 0, 0, "",
                            "fichier trop gros (" + std::to_string(bytes >> 20) + " Mo ; au plus " +
                                std::to_string(kMaxFileBytes >> 20) + " Mo pour un dossier)"});
  };
  if (static_cast<uint64_t>(size) > kMaxFileBytes) throw too_big(static_cast<size_t>(size));
  std::string bytes;
  bytes.resize(static_cast<size_t>(size) + 1);
  size_t got = 0;
  for (;;) {
    if (got == bytes.size()) {
      if (bytes.size() > kMaxFileBytes) throw too_big(bytes.size());  // it grew while read
      bytes.resize(std::min(bytes.size() * 2, kMaxFileBytes + 1));
    }
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      throw io(path, "impossible de lire le fichier : " + system_message(e));
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  if (got > kMaxFileBytes) throw too_big(got);
  bytes.resize(got);
  return bytes;
}

void check_text(std::string_view t, const std::string& file_name) {
  auto fail = [&](size_t at, const std::string& message) {
    auto [line, col] = line_column(t, at);
    throw Error(ErrorKind::InvalidInput, Diagnostic{Severity::Error, "trame.dossier.E003", file_name, line, col, "", message});
  };
  if (size_t nul = t.find('\0'); nul != std::string_view::npos)  // memchr: fast
    fail(nul, "caractère nul (octet 0) dans le fichier : ce n’est pas un texte JSON (fichier endommagé ou "
              "enregistré en UTF-16 ?) ; le réenregistrer en UTF-8");
  // One counter an open { or [: an object's members so far (its commas plus
  // one); a list's are not counted (0).
  std::vector<size_t> members;
  const char* p = t.data();
  const size_t n = t.size();
  for (size_t i = 0; i < n; ++i) {
    switch (p[i]) {
      case '"':  // skip the string in a tight loop
        for (++i; i < n && p[i] != '"'; ++i)
          if (p[i] == '\\') ++i;
        break;
      case '{':
      case '[':
        members.push_back(p[i] == '{' ? 1 : 0);
        if (members.size() > static_cast<size_t>(kMaxDepth))
          fail(i, "imbrication trop profonde : plus de " + std::to_string(kMaxDepth) +
                      " accolades ou crochets ouverts les uns dans les autres (un dossier en compte moins de 10)");
        break;
      case '}':
      case ']':
        if (!members.empty()) members.pop_back();
        break;
      case ',':
        if (!members.empty() && members.back() > 0 && ++members.back() > kMaxMembers)
          fail(i, "objet trop grand : plus de " + std::to_string(kMaxMembers) + " champs dans un même objet");
        break;
      default:
        break;
    }
  }
}

static void numbers(const nlohmann::json& v, std::string& pointer, const std::string& file, std::vector<Diagnostic>& out) {
  if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    out.push_back(Diagnostic{Severity::Error, "trame.dossier.E110", file, 0, 0, pointer,
                             "nombre " + v.dump() + " bien trop grand pour ce champ"});
  } else if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      size_t keep = pointer.size();
      pointer += "/" + json_pointer_escape(it.key());
      numbers(it.value(), pointer, file, out);
      pointer.resize(keep);
    }
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) {
      size_t keep = pointer.size();
      pointer += "/" + std::to_string(i);
      numbers(v[i], pointer, file, out);
      pointer.resize(keep);
    }
  }
}

void check_numbers(const nlohmann::json& value, const std::string& file_name, std::vector<Diagnostic>& out) {
  std::string pointer;
  numbers(value, pointer, file_name, out);
}

}  // namespace trame::dossier
