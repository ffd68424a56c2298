// Characters of a dossier the PDF cannot print as they are: those no font of the
// theme's chain has (printed as the font's empty box) and right-to-left scripts
// (Hebrew, Arabic…: printed left to right, letters unjoined, as no shaping is
// done). One French warning a text, naming its JSON path and the characters.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"
#include "document/theme.hpp"

namespace trame::pdf {

std::vector<Diagnostic> character_warnings(const nlohmann::json& dossier, const doc::Theme& theme,
                                           const std::string& file);

}  // namespace trame::pdf
