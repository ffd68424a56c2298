// The pipeline that ties the stages together: dossier -> context -> template ->
// document tree -> PDF/ODT bytes -> files. Only this stage and the CLI know
// every other stage.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "document/document.hpp"
#include "dossier/history.hpp"
#include "document/theme.hpp"
#include "template/engine.hpp"

namespace trame::app {

enum Format : unsigned { kPdf = 1u, kOdt = 2u, kAllFormats = 3u };

// Parses "pdf,odt" (order and case free). Throws Error(Usage) on an unknown format.
unsigned parse_formats(std::string_view list);

// A document trame knows how to produce.
struct DocumentSpec {
  std::string name;           // CLI name, French kebab-case: "lettre-intention"
  std::string template_name;  // templates/<template_name>.xml
  std::string title;          // French title: "Lettre d'intention"
  // Whether the dossier has the data for this document (pack renders only those).
  bool (*available)(const nlohmann::json& dossier);
  // The render context: the dossier plus "calcul", the values C++ computes.
  nlohmann::json (*context)(const nlohmann::json& dossier);
  // The top-level dossier sections the document reads (empty: all but `ignores`);
  // they make the document's inputs hash, so an avenant to the contract does
  // not rewrite the statutes.
  std::vector<std::string> reads = {};
  std::vector<std::string> ignores = {};
  // Documents produced once per item (a COPIL per meeting): the instance keys
  // (used in file names: copil-2027-05-20.pdf) and the context of one instance.
  std::vector<std::string> (*instances)(const nlohmann::json& dossier) = nullptr;
  nlohmann::json (*instance_context)(const nlohmann::json& dossier, const std::string& instance) = nullptr;
  // The document's own date (of an instance: "" for a document without instances). It is
  // rendered from the dossier as it stood on that date (History::at).
  std::string (*date)(const dossier::History& history, const std::string& instance) = nullptr;

  // The instance keys for the dossier ({""} for a document without instances).
  std::vector<std::string> keys(const nlohmann::json& dossier) const;
  // Base name of an instance's files ("copil-2027-05-20", "lettre-intention").
  std::string stem(const std::string& instance) const;
  // Base names of the files this document produces for the dossier ("copil-2027-05-20").
  std::vector<std::string> stems(const nlohmann::json& dossier) const;

  // Whether the document reads this top-level section of the dossier.
  bool reads_section(const std::string& key) const;
  // The part of the dossier this document depends on.
  nlohmann::json relevant(const nlohmann::json& dossier) const;
};

const std::vector<DocumentSpec>& catalogue();
const DocumentSpec* find_document(std::string_view name);  // nullptr if unknown

// One output file, in memory until written.
struct Output {
  std::string file_name;  // "lettre-intention.pdf"
  std::string format;     // "pdf" | "odt"
  std::string bytes;
};

class Pipeline {
 public:
  // Templates, schema and theme come from `data` (default: trame::data_dir()).
  explicit Pipeline(const std::filesystem::path& data);
  Pipeline();

  // The document tree of one instance from the dossier at its date (History::at).
  doc::Document build(const DocumentSpec& spec, const nlohmann::json& at_date, const std::string& instance = "");
  // Renders every requested format of one instance in memory: nothing touches the disk,
  // so an error leaves no file behind.
  std::vector<Output> render_one(const DocumentSpec& spec, const std::string& instance, const nlohmann::json& at_date,
                                 unsigned formats);
  // Every instance of the document, each from the dossier as it stood on its own date.
  std::vector<Output> render(const DocumentSpec& spec, const dossier::History& history, unsigned formats);

  // Drafts (--projet): every page of every document rendered carries « PROJET ».
  void set_draft(bool draft) { draft_ = draft; }
  bool draft() const { return draft_; }

  tpl::Engine& engine() { return engine_; }
  const std::filesystem::path& data() const { return data_; }
  const doc::Theme& theme() const { return theme_; }

 private:
  std::filesystem::path data_;
  tpl::Engine engine_;
  doc::Theme theme_;
  bool draft_ = false;
};

// Writes each output atomically (temporary file + rename) under dir; returns the paths.
std::vector<std::filesystem::path> write_outputs(const std::vector<Output>& outputs, const std::filesystem::path& dir);

}  // namespace trame::app
