#include "app/pipeline.hpp"

#include <algorithm>
#include <cctype>

#include "app/contexts.hpp"
#include "common/diagnostic.hpp"
#include "common/files.hpp"
#include "common/overlay.hpp"
#include "odt/odt_writer.hpp"
#include "pdf/pdf_writer.hpp"

namespace trame::app {
namespace fs = std::filesystem;

unsigned parse_formats(std::string_view list) {
  unsigned mask = 0;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string item(list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    std::transform(item.begin(), item.end(), item.begin(), [](unsigned char c) { return std::tolower(c); });
    item.erase(std::remove_if(item.begin(), item.end(), [](unsigned char c) { return std::isspace(c); }), item.end());
    if (item == "pdf") mask |= kPdf;
    else if (item == "odt") mask |= kOdt;
    else if (!item.empty())
      throw Error(ErrorKind::Usage, Diagnostic{Severity::Error, "trame.cli.E002", "", 0, 0, "",
                                               "format inconnu « " + item + " » (formats possibles : pdf, odt)"});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (mask == 0)
    throw Error(ErrorKind::Usage,
                Diagnostic{Severity::Error, "trame.cli.E002", "", 0, 0, "", "aucun format demandé (pdf, odt)"});
  return mask;
}

const std::vector<DocumentSpec>& catalogue() {
  static const std::vector<DocumentSpec> docs = {
      {"lettre-intention", "lettre-intention", "Lettre d’intention", has_lettre_intention, lettre_intention_context, {},
       {"projet_sante", "budget_previsionnel", "statuts", "contrat", "copils", "_avenants"}},
      {"projet-sante", "projet-sante", "Projet de santé", has_projet, projet_sante_context, {},
       {"statuts", "contrat", "copils", "_avenants"}},
      {"budget-previsionnel", "budget-previsionnel", "Budget prévisionnel", has_budget, budget_context,
       {"cpts", "budget_previsionnel", "lettre_intention"}},
      {"statuts", "statuts", "Statuts de l’association", has_statuts, statuts_context, {"cpts", "statuts"}},
      {"contrat-aci", "contrat-aci", "Contrat tripartite ACI individualisé", has_contrat, contrat_aci_context,
       {"cpts", "territoire", "contrat"}},
      {"avenant", "avenant", "Avenant au contrat ACI", has_avenants, nullptr, {"cpts", "territoire", "contrat", "_avenants"}, {},
       avenant_numbers, avenant_context},
      {"copil", "copil", "Compte rendu de COPIL", has_copils, nullptr, {"cpts", "territoire", "contrat", "copils"}, {},
       copil_dates, copil_context},
  };
  return docs;
}

nlohmann::json DocumentSpec::relevant(const nlohmann::json& dossier) const {
  nlohmann::json out = nlohmann::json::object();
  for (auto it = dossier.begin(); it != dossier.end(); ++it) {
    bool read = reads.empty() ? std::find(ignores.begin(), ignores.end(), it.key()) == ignores.end()
                              : std::find(reads.begin(), reads.end(), it.key()) != reads.end();
    if (read) out[it.key()] = it.value();
  }
  return out;
}

std::vector<std::string> DocumentSpec::stems(const nlohmann::json& dossier) const {
  if (!instances) return {name};
  std::vector<std::string> out;
  for (const auto& i : instances(dossier)) out.push_back(name + "-" + i);
  return out;
}

const DocumentSpec* find_document(std::string_view name) {
  for (const auto& d : catalogue())
    if (d.name == name) return &d;
  return nullptr;
}

Pipeline::Pipeline(const fs::path& data)
    : data_(data),
      engine_(data / "templates", data / "models" / "template.rng"),
      theme_(doc::Theme::load(template_file(data / "templates", "theme.json"))) {}

Pipeline::Pipeline() : Pipeline(data_dir()) {}

doc::Document Pipeline::build(const DocumentSpec& spec, const nlohmann::json& dossier) {
  if (spec.instances) {
    auto keys = spec.instances(dossier);
    return engine_.render(spec.template_name, dossier, spec.instance_context(dossier, keys.empty() ? "" : keys.front()));
  }
  return engine_.render(spec.template_name, dossier, spec.context(dossier));
}

std::vector<Output> Pipeline::render(const DocumentSpec& spec, const nlohmann::json& dossier, unsigned formats) {
  std::vector<Output> out;
  auto emit = [&](const std::string& stem, const doc::Document& document) {
    if (formats & kPdf) out.push_back({stem + ".pdf", "pdf", pdf::render(document, theme_)});
    if (formats & kOdt) out.push_back({stem + ".odt", "odt", odt::render(document, theme_)});
  };
  if (!spec.instances) {
    emit(spec.name, build(spec, dossier));
    return out;
  }
  for (const auto& key : spec.instances(dossier))
    emit(spec.name + "-" + key, engine_.render(spec.template_name, dossier, spec.instance_context(dossier, key)));
  return out;
}

std::vector<fs::path> write_outputs(const std::vector<Output>& outputs, const fs::path& dir) {
  std::vector<fs::path> written;
  for (const auto& o : outputs) {
    fs::path p = dir / o.file_name;
    write_file_atomic(p, o.bytes);
    written.push_back(p);
  }
  return written;
}

}  // namespace trame::app
