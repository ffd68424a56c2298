// Writing into an output folder safely: names built from user text are
// checked, one trame at a time writes in a folder (a lock), temporary files a
// killed run left are removed, and a file the user edited is never replaced
// without --force.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/pipeline.hpp"

namespace trame::batch {

// Why `name` (a dossier file's stem) cannot name an output folder, in French;
// empty if it can. Refused: empty, « . », « .. », a name starting with a dot,
// a slash, a control character (a line break would forge lines of the report).
std::string unsafe_name_reason(std::string_view name);

// An exclusive advisory lock (flock) on DIR/.trame.lock, held for the object's
// life. DIR is created if needed. Throws Error(Io) in French when another trame
// process holds it (two batches on one folder would mix their files).
class FolderLock {
 public:
  explicit FolderLock(const std::filesystem::path& dir);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_ = -1;
};

// Removes the temporary files (".<name>.XXXXXX", name ending in .pdf, .odt or
// .json) that a run killed between writing and renaming left in `dir`. Call it
// only with the folder's lock held.
void remove_stale_temporaries(const std::filesystem::path& dir);

// True if `dir` holds such a temporary file (left by a trame killed mid-write).
bool has_stale_temporaries(const std::filesystem::path& dir);

// Throws Error(Io) if `dir` is a symbolic link or exists and is not a folder:
// a per-dossier folder is never written through a link.
void check_plain_folder(const std::filesystem::path& dir);

// What write_protected did; filled as it goes, so that it is true even when a
// write fails part-way (disk full).
struct WriteReport {
  std::vector<std::string> written;  // file names replaced or created
  std::vector<std::string> edited;   // kept: their bytes differ from what trame last wrote
  int same = 0;                      // not rewritten: the file already has these bytes
};

// Writes `outputs` under `dir` (each atomically), the documents first and
// manifest.json last. Without `force`, a file already in `dir` whose bytes
// are neither the new ones nor those `previous` (the manifest trame last wrote
// there) records is kept and named in report.edited; the new manifest then
// keeps that file's previous entry (or none), and is rewritten. Two outputs of
// one name are an internal error (one would silently replace the other).
void write_protected(std::vector<app::Output> outputs, const std::filesystem::path& dir, const nlohmann::json& previous,
                     bool force, WriteReport& report);

// The manifest.json already in `dir` (null if absent or unreadable).
nlohmann::json previous_manifest(const std::filesystem::path& dir);

}  // namespace trame::batch
