#include "server/store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "common/files.hpp"

namespace trame::server {
namespace fs = std::filesystem;

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64 || id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::string etag_of(const std::string& bytes) { return "\"" + sha256_hex(bytes).substr(0, 32) + "\""; }

Store::Store(fs::path dir) : dir_(std::move(dir)) {}

fs::path Store::file(const std::string& id) const {
  if (!valid_id(id)) throw std::invalid_argument("identifiant de dossier invalide");
  return dir_ / (id + ".json");
}

fs::path Store::history_dir(const std::string& id) const {
  if (!valid_id(id)) throw std::invalid_argument("identifiant de dossier invalide");
  return dir_ / ".historique" / id;
}

std::vector<std::string> Store::ids() const {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    std::string id = e.path().stem().string();
    if (valid_id(id)) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<std::string> Store::read(const std::string& id) const {
  fs::path p = file(id);
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  return read_file(p);
}

int Store::last_version(const std::string& id) const {
  int last = 0;
  std::error_code ec;
  fs::path h = history_dir(id);
  if (!fs::is_directory(h, ec)) return 0;
  for (const auto& e : fs::directory_iterator(h, ec)) {
    const std::string stem = e.path().stem().string();
    if (e.path().extension() == ".json" && !stem.empty() && std::all_of(stem.begin(), stem.end(), ::isdigit))
      last = std::max(last, std::stoi(stem));
  }
  return last;
}

static std::string version_name(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%06d.json", n);
  return buf;
}

std::variant<std::string, Conflict> Store::save(const std::string& id, const std::string& bytes, const std::string& if_match) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::optional<std::string> current = read(id);
  if (current) {
    const std::string tag = etag_of(*current);
    if (if_match.empty()) return Conflict{tag, true};
    if (if_match != tag) return Conflict{tag, false};
  } else if (!if_match.empty() && if_match != "*") {
    return Conflict{"", false};  // the client expected a version that no longer exists
  }
  int last = last_version(id);
  // A file edited by hand since the last save: its content goes into the history too.
  if (current) {
    std::optional<std::string> kept = last ? version(id, last) : std::nullopt;
    if (!kept || *kept != *current) write_file_atomic(history_dir(id) / version_name(++last), *current);
  }
  write_file_atomic(history_dir(id) / version_name(++last), bytes);
  write_file_atomic(file(id), bytes);
  return etag_of(bytes);
}

std::vector<Version> Store::history(const std::string& id) const {
  std::vector<Version> out;
  std::lock_guard<std::mutex> lock(mutex_);
  int last = last_version(id);
  for (int n = 1; n <= last; ++n) {
    fs::path p = history_dir(id) / version_name(n);
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) continue;
    std::string bytes = read_file(p);
    auto t = fs::last_write_time(p, ec);
    std::string when;
    if (!ec) {
      auto sys = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::file_clock::to_sys(t));
      std::time_t tt = std::chrono::system_clock::to_time_t(sys);
      std::tm tm{};
      gmtime_r(&tt, &tm);
      char buf[32];
      std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
      when = buf;
    }
    out.push_back(Version{n, etag_of(bytes), bytes.size(), when});
  }
  return out;
}

std::optional<std::string> Store::version(const std::string& id, int number) const {
  if (number <= 0) return std::nullopt;
  fs::path p = history_dir(id) / version_name(number);
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  return read_file(p);
}

}  // namespace trame::server
