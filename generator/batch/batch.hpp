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
  std::string name;                  // output directory name: the dossier's stem, made distinct (output_names)
  bool failed = false;
  ErrorKind kind = ErrorKind::InvalidInput;  // of the failure
  std::vector<std::string> written;  // files rewritten (also when the dossier failed part-way: disk full)
  std::vector<std::string> edited;   // files kept because the user edited them (replaced only with --force)
  int unchanged = 0;
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;  // characters the PDF fonts lack (as render and pack warn)
};

struct Summary {
  std::vector<DossierResult> results;  // in input order, whatever the number of jobs
  int written = 0, unchanged = 0, failed = 0, edited = 0;
  std::vector<Diagnostic> manifest_errors;  // OUT/batch-manifest.json could not be written
  nlohmann::json manifest() const;     // deterministic: no times, input order
};

// Expands directories to their *.json files (sorted); keeps files as given;
// a file named twice (or through a directory and by name) is kept once.
std::vector<std::filesystem::path> expand_inputs(const std::vector<std::filesystem::path>& inputs);

// The output folder name of each input (same order): its stem; when several
// inputs share a stem (a/x.json, b/x.json), "<stem>-<parent folder>" for each
// of them, or "<stem>-<8 hex digits of its absolute path>" if that is still
// shared. Two inputs never share a folder. The names are not checked here
// (unsafe_name_reason).
std::vector<std::string> output_names(const std::vector<std::filesystem::path>& files);

// Runs the batch and writes OUT/batch-manifest.json. Never throws for a bad
// dossier (it is reported in its result) nor for the batch manifest (reported
// in manifest_errors); throws Error(Io) when OUT cannot be created or another
// trame holds its lock.
Summary run(const Options& options);

}  // namespace trame::batch
