#include "common/overlay.hpp"

#include <cstdlib>
#include <mutex>
#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"
#include "common/files.hpp"

namespace trame {
namespace fs = std::filesystem;

namespace {

fs::path& command_line_overlay() {
  static fs::path dir;
  return dir;
}

Error usage(const fs::path& file, const std::string& message) {
  return Error(ErrorKind::Usage, Diagnostic{Severity::Error, "trame.modeles.E001", file.string(), 0, 0, "", message});
}

// The "modeles" entry of the configuration file, if the file exists.
fs::path configured_overlay() {
  const fs::path file = config_file();
  std::error_code ec;
  if (file.empty() || !fs::exists(file, ec)) return {};
  if (!fs::is_regular_file(file, ec)) throw usage(file, "le fichier de configuration n’est pas un fichier ordinaire");
  nlohmann::json config;
  try {
    config = nlohmann::json::parse(read_file(file));
  } catch (const nlohmann::json::parse_error& e) {
    throw usage(file, "fichier de configuration illisible : JSON mal formé (octet " + std::to_string(e.byte) + ")");
  }
  if (!config.is_object()) throw usage(file, "le fichier de configuration doit être un objet JSON : {\"modeles\": \"DOSSIER\"}");
  for (auto it = config.begin(); it != config.end(); ++it)
    if (it.key() != "modeles") throw usage(file, "clé inconnue « " + it.key() + " » (clé possible : modeles)");
  if (!config.contains("modeles")) return {};
  if (!config["modeles"].is_string() || config["modeles"].get<std::string>().empty())
    throw usage(file, "« modeles » doit être le chemin d’un dossier, entre guillemets");
  fs::path dir = config["modeles"].get<std::string>();
  return dir.is_relative() ? file.parent_path() / dir : dir;
}

fs::path decide_overlay() {
  std::string origin = "--modeles";
  fs::path dir = command_line_overlay();
  if (dir.empty()) {
    if (const char* env = std::getenv("TRAME_MODELES"); env && *env) {
      dir = env;
      origin = "TRAME_MODELES";
    } else {
      dir = configured_overlay();
      origin = config_file().string();
    }
  }
  if (dir.empty()) return {};
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw usage(dir, "dossier de modèles introuvable (indiqué par " + origin + ")");
  return dir;
}

}  // namespace

void set_template_overlay(const fs::path& dir) { command_line_overlay() = dir; }

const fs::path& template_overlay() {
  static std::once_flag once;
  static fs::path dir;
  std::call_once(once, [] { dir = decide_overlay(); });
  return dir;
}

fs::path config_file() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return fs::path(xdg) / "trame" / "config.json";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".config" / "trame" / "config.json";
  return {};
}

fs::path template_file(const fs::path& dir, const std::string& rel) {
  const fs::path& overlay = template_overlay();
  if (!overlay.empty()) {
    static const fs::path bundled = (data_dir() / "templates").lexically_normal();
    std::error_code ec;
    // Any entry of that name is the user's: a FIFO or a folder is then refused by the
    // reader (read_file, the template loader), not silently replaced by Trame's file.
    if (dir.lexically_normal() == bundled && fs::exists(overlay / rel, ec)) return overlay / rel;
  }
  return dir / rel;
}

}  // namespace trame
