// The submission pack: every document the dossier has data for, in the
// requested formats, plus manifest.json (hashes of files and inputs).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/pipeline.hpp"

namespace trame::app {

struct Pack {
  std::vector<Output> outputs;  // documents, then manifest.json
  nlohmann::json manifest;
};

// SHA-256 over everything a document depends on: the dossier bytes, the
// template and its partials, the theme, the dossier schema, the ACI tables and
// the trame version.
std::string inputs_hash(Pipeline& pipeline, const DocumentSpec& spec, const std::string& dossier_bytes);

// Renders the pack in memory (nothing is written; any error leaves no file).
Pack build_pack(Pipeline& pipeline, const nlohmann::json& dossier, const std::string& dossier_bytes,
                const std::string& dossier_name, unsigned formats);

}  // namespace trame::app
