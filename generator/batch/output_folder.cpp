#include "batch/output_folder.hpp"

#include <cerrno>
#include <fcntl.h>
#include <set>
#include <sys/file.h>
#include <unistd.h>

#include "common/diagnostic.hpp"
#include "common/files.hpp"
#include "common/system_error.hpp"

namespace trame::batch {
namespace fs = std::filesystem;
using nlohmann::json;

static Error io_error(const fs::path& path, const std::string& message) {
  return Error(ErrorKind::Io, Diagnostic{Severity::Error, "trame.batch.E010", path.string(), 0, 0, "", message});
}

std::string unsafe_name_reason(std::string_view name) {
  if (name.empty()) return "le nom du fichier est vide avant « .json »";
  if (name == "." || name == "..")
    return "le nom « " + std::string(name) + " » désignerait un dossier parent : renommer le fichier";
  if (name.front() == '.') return "un nom commençant par un point donnerait un dossier caché : renommer le fichier";
  for (unsigned char c : name) {
    if (c == '/') return "le nom contient une barre oblique « / » : renommer le fichier";
    if (c < 0x20 || c == 0x7F)
      return "le nom contient un caractère de contrôle (retour à la ligne, tabulation…) : renommer le fichier";
  }
  return "";
}

FolderLock::FolderLock(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw io_error(dir, "impossible de créer le dossier de sortie : " + system_message(ec));
  const fs::path lock = dir / ".trame.lock";
  fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd_ < 0) throw io_error(lock, "impossible de créer le verrou du dossier de sortie : " + system_message(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    ::close(fd_);
    fd_ = -1;
    if (e == EWOULDBLOCK)
      throw io_error(dir, "un autre trame écrit déjà dans ce dossier de sortie : attendre qu’il ait fini, ou choisir "
                          "un autre dossier (--out)");
    throw io_error(lock, "impossible de verrouiller le dossier de sortie : " + system_message(e));
  }
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock; the file stays (removing it would race)
}

// ".projet-sante.pdf.Ab12Cd": write_file_atomic's temporary for projet-sante.pdf.
static bool is_trame_temporary(const std::string& name) {
  if (name.size() < 2 + 7 || name[0] != '.' || name[name.size() - 7] != '.') return false;
  for (size_t i = name.size() - 6; i < name.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(name[i]))) return false;
  std::string target = name.substr(1, name.size() - 8);
  for (const char* ext : {".pdf", ".odt", ".json"}) {
    std::string e = ext;
    if (target.size() > e.size() && target.compare(target.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

void remove_stale_temporaries(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e2;
    if (it->is_regular_file(e2) && is_trame_temporary(it->path().filename().string())) fs::remove(it->path(), e2);
  }
}

bool has_stale_temporaries(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (is_trame_temporary(it->path().filename().string())) return true;
  return static_cast<bool>(ec);  // unreadable: let the full path find out why
}

void check_plain_folder(const fs::path& dir) {
  std::error_code ec;
  fs::file_status st = fs::symlink_status(dir, ec);
  if (st.type() == fs::file_type::symlink)
    throw io_error(dir, "le dossier de sortie est un lien symbolique : trame n’écrit pas à travers un lien (le remplacer "
                        "par un vrai dossier)");
  if (fs::exists(st) && st.type() != fs::file_type::directory)
    throw io_error(dir, "un fichier porte déjà le nom du dossier de sortie : le déplacer");
}

json previous_manifest(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_regular_file(dir / "manifest.json", ec)) return json();
  try {
    return json::parse(read_file(dir / "manifest.json"));
  } catch (...) {
    return json();  // unreadable: everything is rendered again
  }
}

// The sha256 the previous manifest records for `file`, or "".
static std::string recorded_sha(const json& previous, const std::string& file) {
  if (!previous.is_object() || !previous.contains("files") || !previous["files"].is_array()) return "";
  for (const auto& f : previous["files"])
    if (f.is_object() && f.value("file", "") == file && f.contains("sha256") && f["sha256"].is_string())
      return f["sha256"].get<std::string>();
  return "";
}

static const json* previous_entry(const json& previous, const std::string& file) {
  if (!previous.is_object() || !previous.contains("files") || !previous["files"].is_array()) return nullptr;
  for (const auto& f : previous["files"])
    if (f.is_object() && f.value("file", "") == file) return &f;
  return nullptr;
}

void write_protected(std::vector<app::Output> outputs, const fs::path& dir, const json& previous, bool force,
                     WriteReport& report) {
  std::set<std::string> names;
  for (const auto& o : outputs)
    if (!names.insert(o.file_name).second)
      throw Error(ErrorKind::Internal, Diagnostic{Severity::Error, "trame.batch.E011", (dir / o.file_name).string(), 0, 0, "",
                                                  "deux documents du dossier auraient le même nom de fichier"});
  app::Output* manifest = nullptr;
  for (auto& o : outputs) {
    if (o.file_name == "manifest.json") {
      manifest = &o;
      continue;
    }
    const fs::path p = dir / o.file_name;
    std::error_code ec;
    if (!force && fs::is_regular_file(p, ec)) {
      std::string current;
      try {
        current = read_file(p);
      } catch (const Error&) {
        report.edited.push_back(o.file_name);  // unreadable: certainly not replaced blindly
        continue;
      }
      if (current == o.bytes) {
        ++report.same;
        continue;
      }
      if (sha256_hex(current) != recorded_sha(previous, o.file_name)) {
        report.edited.push_back(o.file_name);
        continue;
      }
    }
    write_file_atomic(p, o.bytes);
    report.written.push_back(o.file_name);
  }
  if (!report.edited.empty()) {
    // The manifest keeps, for a kept file, what trame last wrote there: the
    // next run finds it edited again, and --force replaces it.
    json m = manifest ? json::parse(manifest->bytes) : previous_manifest(dir);
    if (m.is_object() && m.contains("files")) {
      json files = json::array();
      for (const auto& f : m["files"]) {
        std::string name = f.value("file", "");
        if (std::find(report.edited.begin(), report.edited.end(), name) == report.edited.end()) files.push_back(f);
        else if (const json* old = previous_entry(previous, name)) files.push_back(*old);
      }
      m["files"] = files;
      m.erase("run_sha256");  // not the pack of these inputs: the next run looks at every file again
      write_file_atomic(dir / "manifest.json", m.dump(2) + "\n");
    }
  } else if (manifest) {
    write_file_atomic(dir / "manifest.json", manifest->bytes);
  }
}

}  // namespace trame::batch
