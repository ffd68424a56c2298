// CLI11 in French: validators whose messages and help labels are French, the
// group titles of the help screens, and « commande inconnue » with the
// closest command for a mistyped one.
#pragma once
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace trame::cli {

// The value names a file that exists (not a folder): « fichier introuvable : X ».
CLI::Validator existing_file();
// A folder that exists.
CLI::Validator existing_dir();
// A file or a folder that exists.
CLI::Validator existing_path();
// A whole number above zero, spaces between the thousands accepted
// ("120 000" becomes "120000"); a transform, for `->transform(...)`.
CLI::Validator positive_integer();

// Gives every command's group and every option's value a French title
// (CLI11 writes « Subcommands: », « TEXT:FILE »...). Call once every command is registered.
void frenchify(CLI::App& app);

// When argv names no command CLI11 knows (« trame valider »), the French
// message to print: « commande inconnue « valider » (vouliez-vous dire
// « validate » ?) »; nullopt when the command line starts with a known command or an option.
std::optional<std::string> unknown_command(const CLI::App& app, int argc, char** argv);

}  // namespace trame::cli
