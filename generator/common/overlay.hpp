// The user's own templates (the overlay): a folder whose files replace the
// bundled templates of the same name, the others staying Trame's. It covers the
// templates folder only (templates, partials, theme.json, the contract's article
// table): the ACI tables and the schemas always come from data_dir(), which only
// TRAME_DATA_DIR replaces.
#pragma once
#include <filesystem>
#include <string>

namespace trame {

// The overlay given on the command line (--modeles); empty: none. Call before
// the first template_overlay().
void set_template_overlay(const std::filesystem::path& dir);

// The overlay in effect, decided once: --modeles, else $TRAME_MODELES, else the
// "modeles" entry of config_file() (relative to that file's folder); empty if
// none. Throws Error(Usage) in French when that folder does not exist or the
// configuration file is not valid.
const std::filesystem::path& template_overlay();

// $XDG_CONFIG_HOME/trame/config.json, else ~/.config/trame/config.json.
std::filesystem::path config_file();

// The file `rel` ("copil.xml", "partials/signatures.xml", "theme.json") of the
// templates folder `dir`: the overlay's when `dir` is the bundled templates
// folder (data_dir()/templates) and the overlay has that file, else dir/rel.
std::filesystem::path template_file(const std::filesystem::path& dir, const std::string& rel);

}  // namespace trame
