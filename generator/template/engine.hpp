// The template engine: format-neutral XML templates (parsed once by libxml2,
// checked against models/template.rng) evaluated against a JSON context into a
// document tree. The language is documented in docs/guide/modeles.md.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "document/document.hpp"

namespace trame::tpl {

struct Template;  // parsed, immutable, reusable across threads

class Engine {
 public:
  // templates_dir holds NAME.xml and partials/NAME.xml; schema is the RELAX NG template schema.
  Engine(std::filesystem::path templates_dir, std::filesystem::path schema_rng);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Parses (once; cached) templates_dir/NAME.xml and every partial it includes.
  // Throws trame::Error(ErrorKind::Template) with file:line diagnostics.
  const Template& load(const std::string& name);

  // Evaluates template NAME against the context. A missing field, a wrong type
  // or an unknown filter throws trame::Error(ErrorKind::Template) naming the
  // template file:line and the JSON path (e.g. "/territoire/population").
  doc::Document render(const std::string& name, const nlohmann::json& context);
  // The same with the context read as `root` (the dossier, not copied) under the members of
  // `computed` (Trame's figures: {"calcul": {...}}): a name computed defines is read there.
  doc::Document render(const std::string& name, const nlohmann::json& root, const nlohmann::json& computed);

  // Every file the template NAME depends on (itself and its partials), for incremental builds.
  std::vector<std::filesystem::path> dependencies(const std::string& name);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trame::tpl
