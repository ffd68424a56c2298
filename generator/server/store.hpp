// Saved dossiers: DIR/<id>.json (the current version, what `trame batch DIR`
// reads), every saved version under DIR/.historique/<id>/, avenants under
// DIR/avenants/<id>/ (what `--avenants DIR/avenants` reads). Ids are checked
// before any path is built; saves are atomic and guarded by ETags.
#pragma once
#include <filesystem>
#include <mutex>
#include <optional>
#include <variant>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace trame::server {

// a-z, 0-9 and inner dashes, 1 to 64 characters.
bool valid_id(const std::string& id);

// The ETag of some bytes: a quoted SHA-256 prefix.
std::string etag_of(const std::string& bytes);

struct Version {
  int number = 0;
  std::string etag;
  size_t size = 0;
  std::string saved;  // ISO 8601 time of the save (history metadata only)
};

// A save refused because the dossier changed since the client read it.
struct Conflict {
  std::string current_etag;  // "" when the dossier does not exist
  bool missing_precondition = false;
};

class Store {
 public:
  explicit Store(std::filesystem::path dir);

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path file(const std::string& id) const;       // DIR/<id>.json (id checked)
  std::filesystem::path avenants_dir() const { return dir_ / "avenants"; }

  std::vector<std::string> ids() const;
  std::optional<std::string> read(const std::string& id) const;  // bytes, or nothing
  // Saves `bytes` as the new version if `if_match` is the current ETag (or, for a
  // new dossier, empty or "*"). Returns the new ETag, or the conflict.
  // The version on disk is kept in the history first if it was edited by hand.
  std::variant<std::string, Conflict> save(const std::string& id, const std::string& bytes, const std::string& if_match);
  std::vector<Version> history(const std::string& id) const;
  std::optional<std::string> version(const std::string& id, int number) const;

  // Serialises the writes of avenant files (numbered from the existing ones).
  std::mutex& avenant_mutex() { return avenant_mutex_; }

 private:
  std::filesystem::path history_dir(const std::string& id) const;
  int last_version(const std::string& id) const;
  std::filesystem::path dir_;
  mutable std::mutex mutex_;
  std::mutex avenant_mutex_;
};

}  // namespace trame::server
