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
  std::vector<Output> outputs;  // what must be written: changed documents, then manifest.json
  nlohmann::json manifest;
  int written = 0;    // document files written (rendered, and different from the file on disk)
  int unchanged = 0;  // document files kept as they are (same inputs, or rendered to the same bytes; file intact)
};

// How a pack is rendered (not what it contains: the options never change its bytes).
struct PackOptions {
  // Threads rendering the documents of one pack at once: 0 (the CLI's default)
  // means up to four a core; `trame serve` uses 1, its request threads already
  // run packs side by side (and each render thread costs its own allocator heap).
  unsigned render_threads = 0;
};

// SHA-256 over everything a document depends on: the dossier sections it reads
// (as they stood on the document's date, History::at), the template and its partials, the theme, the dossier
// schema, the ACI tables and the trame version.
std::string inputs_hash(Pipeline& pipeline, const DocumentSpec& spec, const nlohmann::json& dossier, const std::string& date);

// Renders the pack in memory (nothing is written; any error leaves no file): every
// instance of every document the dossier has data for, each from the dossier as it
// stood on the document's own date.
// `inputs_bytes` is what the dossier's documents depend on besides templates and
// tables: the dossier file, followed by its avenants' files when there are some.
Pack build_pack(Pipeline& pipeline, const dossier::History& history, const std::string& inputs_bytes,
                const std::string& dossier_name, unsigned formats, const PackOptions& options = {});

// Incremental variant: documents whose inputs hash equals the one recorded in
// `previous` (the manifest already in `dir`) and whose files in `dir` are intact
// are not rendered again; `force` renders everything. A non-empty `run_key`
// (run_key()) is recorded in the manifest as "run_sha256".
Pack build_pack_incremental(Pipeline& pipeline, const dossier::History& history, const std::string& inputs_bytes,
                            const std::string& dossier_name, unsigned formats, const nlohmann::json& previous,
                            const std::filesystem::path& dir, bool force, const std::string& run_key = "",
                            const PackOptions& options = {});

// SHA-256 over everything a whole pack depends on: `inputs_bytes` (the dossier file and
// all its avenant files), the formats, the as-of date, and every document's template,
// partials, theme, fonts, schema, tables and the trame version. Equal keys give equal packs.
std::string run_key(Pipeline& pipeline, const std::string& inputs_bytes, unsigned formats, const std::string& as_of);

// True when `previous` (the manifest in `dir`) records `key` as its "run_sha256" and
// every file it lists is in `dir` with its recorded size: that pack needs no work at all.
// Sets `files` to the number of document files the manifest lists.
bool pack_is_current(const nlohmann::json& previous, const std::filesystem::path& dir, const std::string& key, int& files);

}  // namespace trame::app
