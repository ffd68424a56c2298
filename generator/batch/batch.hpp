// Batch regeneration: many dossiers (with their avenants) in parallel,
// incremental, atomic, one failure never touching the others.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"

namespace trame::batch {

struct Options {
  std::vector<std::filesystem::path> inputs;  // dossier files or directories of dossiers
  std::filesystem::path avenants;             // DIR/<dossier stem>/*.json, optional
  std::filesystem::path out = "out";          // OUT/<dossier stem>/…
  unsigned jobs = 0;                          // 0: the number of cores
  bool force = false;
  unsigned formats = 3;                       // app::kPdf | app::kOdt
  std::string date;                           // the dossiers as they stood on this date: later avenants and meetings left out (all if empty)
  std::function<void(size_t done, size_t total)> progress;  // called from worker threads, serialised
};

struct DossierResult {
  std::filesystem::path file;
  std::string name;                  // output directory name (the dossier's stem)
  bool failed = false;
  std::vector<std::string> written;  // files rewritten
  int unchanged = 0;
  std::vector<Diagnostic> errors;
};

struct Summary {
  std::vector<DossierResult> results;  // in input order, whatever the number of jobs
  int written = 0, unchanged = 0, failed = 0;
  nlohmann::json manifest() const;     // deterministic: no times, input order
};

// Expands directories to their *.json files (sorted); keeps files as given.
std::vector<std::filesystem::path> expand_inputs(const std::vector<std::filesystem::path>& inputs);

// Runs the batch and writes OUT/batch-manifest.json. Never throws for a bad
// dossier (it is reported in its result); throws for an unusable output directory.
Summary run(const Options& options);

}  // namespace trame::batch
