// The dossier's usual path through the JSON parser: simdjson (Debian's
// libsimdjson-dev) reads the text, and the document is built as nlohmann's
// json::parse builds it. Only text that both parsers accept, and that passes
// none of the limits (input_limits.hpp), is taken here; for everything else
// (a syntax error, a byte-order mark, an integer beyond 64 bits, "-0", a limit
// passed) it answers nothing and parse_json reads the text with nlohmann's
// parser, whose positions make the French messages.
#pragma once
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dossier/dossier.hpp"

namespace trame::dossier {

// The document, as json::parse would build it, or nothing when the text needs the
// careful path. *findings as parse_json sets it.
std::optional<nlohmann::json> parse_json_fast(std::string_view text, ParseFindings* findings);

}  // namespace trame::dossier
