#include "cli/french.hpp"

#include "common/diagnostic.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <vector>

namespace trame::cli {
namespace fs = std::filesystem;

// A path that exists and is a folder (or not): `missing` + the path when absent,
// « path » + `wrong_kind` when of the other kind.
static CLI::Validator existing_of_kind(bool folder, const std::string& missing, const std::string& wrong_kind,
                                       const std::string& name) {
  return CLI::Validator(
      [=](std::string& v) -> std::string {
        std::error_code ec;
        fs::file_status st = fs::status(v, ec);
        if (!fs::exists(st)) return missing + v;
        if (fs::is_directory(st) != folder) return "« " + v + " »" + wrong_kind;
        return "";
      },
      "", name);
}

CLI::Validator existing_file() {
  return existing_of_kind(false, "fichier introuvable : ", " est un dossier : un fichier est attendu", "FICHIER");
}

CLI::Validator existing_dir() {
  return existing_of_kind(true, "dossier introuvable : ", " n’est pas un dossier", "DOSSIER");
}

CLI::Validator existing_path() {
  return CLI::Validator(
      [](std::string& v) -> std::string {
        std::error_code ec;
        return fs::exists(v, ec) ? "" : "fichier ou dossier introuvable : " + v;
      },
      "", "CHEMIN");
}

CLI::Validator positive_integer() {
  return CLI::Validator(
      [](std::string& v) -> std::string {
        std::string digits;
        for (size_t i = 0; i < v.size(); ++i) {
          unsigned char c = v[i];
          if (c == ' ' || c == '\'' || c == '_') continue;
          // U+00A0 and U+202F (no-break spaces), as a word processor writes thousands.
          if (c == 0xC2 && i + 1 < v.size() && static_cast<unsigned char>(v[i + 1]) == 0xA0) {
            ++i;
            continue;
          }
          if (c == 0xE2 && i + 2 < v.size() && static_cast<unsigned char>(v[i + 1]) == 0x80 &&
              static_cast<unsigned char>(v[i + 2]) == 0xAF) {
            i += 2;
            continue;
          }
          if (c < '0' || c > '9') return "« " + v + " » n’est pas un nombre entier (chiffres seulement, par exemple 60200)";
          digits += static_cast<char>(c);
        }
        digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
        if (digits.empty()) return "un nombre supérieur à 0 est attendu";
        if (digits.size() > 9) return "« " + v + " » est bien trop grand (au plus 999 999 999)";
        v = digits;
        return "";
      },
      "", "ENTIER_POSITIF");
}

static const std::map<std::string, std::string>& type_names() {
  static const std::map<std::string, std::string> m = {
      {"TEXT", "TEXTE"}, {"INT", "ENTIER"}, {"UINT", "ENTIER"}, {"FLOAT", "NOMBRE"}, {"NUMBER", "NOMBRE"}};
  return m;
}

void frenchify(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    sub->group("Commandes");
    frenchify(*sub);
  }
  for (CLI::Option* o : app.get_options()) {
    auto it = type_names().find(o->get_type_name());
    if (it != type_names().end()) o->type_name(it->second);
  }
}

std::optional<std::string> unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2) return std::nullopt;
  std::string word = argv[1];
  if (word.empty() || word[0] == '-') return std::nullopt;
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  if (std::find(names.begin(), names.end(), word) != names.end()) return std::nullopt;
  // The French words a user may try first.
  static const std::map<std::string, std::string> french = {
      {"valider", "validate"}, {"verifier", "validate"}, {"vérifier", "validate"}, {"rendre", "render"},
      {"produire", "render"}, {"generer", "pack"}, {"générer", "pack"}, {"paquet", "pack"}, {"lot", "batch"},
      {"lots", "batch"}, {"simuler", "simulate"}, {"financement", "funding"}, {"effectif", "effective"},
      {"liste", "documents"}};
  std::string best;
  if (auto it = french.find(word); it != french.end()) best = it->second;
  size_t best_d = 3;
  for (const auto& n : names)
    if (best.empty() || n == best) {
      size_t d = edit_distance(word, n);
      if (best.empty() && d < best_d) {
        best_d = d;
        best = n;
      }
    }
  if (word == "help" || word == "aide")
    return "commande inconnue « " + word + " » : pour l’aide, « trame --help » (ou « trame COMMANDE --help »)";
  std::string all;
  for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
  return "commande inconnue « " + word + " »" + (best.empty() ? "" : " (vouliez-vous dire « " + best + " » ?)") +
         " ; commandes : " + all;
}

}  // namespace trame::cli
