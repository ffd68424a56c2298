#include "app/pipeline.hpp"

#include <algorithm>
#include <cctype>

#include "app/contexts.hpp"
#include "common/diagnostic.hpp"
#include "common/files.hpp"
#include "common/overlay.hpp"
#include "document/french_spacing.hpp"
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

static constexpr const char* kBeforeEverything = "0001-01-01";

// Each document's own date (docs/guide/avenants-et-lots.md). A document without a date
// of its own is the dossier as filed: no avenant, no meeting, no measurement.
static std::string field_date(const dossier::History& h, const char* pointer) {
  const nlohmann::json::json_pointer ptr(pointer);
  const auto& d = h.latest();
  return d.contains(ptr) && d[ptr].is_string() ? d[ptr].get<std::string>() : std::string(kBeforeEverything);
}
static std::string lettre_date(const dossier::History& h, const std::string&) { return field_date(h, "/lettre_intention/date"); }
static std::string projet_date(const dossier::History& h, const std::string&) { return field_date(h, "/projet_sante/date"); }
static std::string budget_date(const dossier::History& h, const std::string&) { return field_date(h, "/budget_previsionnel/date"); }
static std::string statuts_date(const dossier::History& h, const std::string&) { return field_date(h, "/statuts/fait_le"); }
static std::string contrat_date(const dossier::History& h, const std::string&) { return field_date(h, "/contrat/signature/date"); }
static std::string consolidation_date(const dossier::History& h, const std::string&) { return h.consolidation_date(); }
static std::string avenant_date(const dossier::History& h, const std::string& number) {
  if (h.latest().contains("_avenants"))
    for (const auto& a : h.latest()["_avenants"])
      if (a["numero_texte"] == number) return a["date_signature"];
  return kBeforeEverything;
}
static std::string copil_date(const dossier::History&, const std::string& meeting) { return meeting; }

const std::vector<DocumentSpec>& catalogue() {
  static const std::vector<DocumentSpec> docs = {
      {"lettre-intention", "lettre-intention", "Lettre d’intention", has_lettre_intention, lettre_intention_context, {},
       {"projet_sante", "budget_previsionnel", "statuts", "contrat", "copils", "_avenants", "_versions"}, nullptr, nullptr,
       lettre_date},
      {"projet-sante", "projet-sante", "Projet de santé", has_projet, projet_sante_context, {},
       {"statuts", "contrat", "copils", "_avenants", "_versions"}, nullptr, nullptr, projet_date},
      {"budget-previsionnel", "budget-previsionnel", "Budget prévisionnel", has_budget, budget_context,
       {"cpts", "budget_previsionnel", "lettre_intention"}, {}, nullptr, nullptr, budget_date},
      {"statuts", "statuts", "Statuts de l’association", has_statuts, statuts_context, {"cpts", "statuts"}, {}, nullptr,
       nullptr, statuts_date},
      {"contrat-aci", "contrat-aci", "Contrat tripartite ACI individualisé", has_contrat, contrat_aci_context,
       {"cpts", "territoire", "contrat", "_versions"}, {}, nullptr, nullptr, contrat_date},
      {"contrat-aci-consolide", "contrat-aci", "Contrat ACI — version consolidée", has_avenants, contrat_consolide_context,
       {"cpts", "territoire", "contrat", "_versions", "_avenants"}, {}, nullptr, nullptr, consolidation_date},
      {"avenant", "avenant", "Avenant au contrat ACI", has_avenants, nullptr,
       {"cpts", "territoire", "contrat", "_avenants", "_versions"}, {}, avenant_numbers, avenant_context, avenant_date},
      {"copil", "copil", "Compte rendu de COPIL", has_copils, nullptr, {"cpts", "territoire", "contrat", "copils", "_versions"},
       {}, copil_dates, copil_context, copil_date},
  };
  return docs;
}

bool DocumentSpec::reads_section(const std::string& key) const {
  return reads.empty() ? std::find(ignores.begin(), ignores.end(), key) == ignores.end()
                       : std::find(reads.begin(), reads.end(), key) != reads.end();
}

nlohmann::json DocumentSpec::relevant(const nlohmann::json& dossier) const {
  nlohmann::json out = nlohmann::json::object();
  for (auto it = dossier.begin(); it != dossier.end(); ++it)
    if (reads_section(it.key())) out[it.key()] = it.value();
  return out;
}

std::vector<std::string> DocumentSpec::keys(const nlohmann::json& dossier) const {
  return instances ? instances(dossier) : std::vector<std::string>{""};
}

std::string DocumentSpec::stem(const std::string& instance) const { return instance.empty() ? name : name + "-" + instance; }

std::vector<std::string> DocumentSpec::stems(const nlohmann::json& dossier) const {
  std::vector<std::string> out;
  for (const auto& k : keys(dossier)) out.push_back(stem(k));
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

doc::Document Pipeline::build(const DocumentSpec& spec, const nlohmann::json& at_date, const std::string& instance) {
  doc::Document d = spec.instances ? engine_.render(spec.template_name, at_date, spec.instance_context(at_date, instance))
                                    : engine_.render(spec.template_name, at_date, spec.context(at_date));
  doc::apply_french_spacing(d);  // once, in the tree, so that the PDF and the ODT print the same spaces
  return d;
}

std::vector<Output> Pipeline::render_one(const DocumentSpec& spec, const std::string& instance, const nlohmann::json& at_date,
                                         unsigned formats) {
  std::vector<Output> out;
  doc::Document document = build(spec, at_date, instance);
  document.meta.draft = draft_;
  const std::string stem = spec.stem(instance);
  // The ODT's table of contents gives the pages where the PDF put its headings.
  const bool toc = std::any_of(document.blocks.begin(), document.blocks.end(),
                               [](const doc::Block& b) { return std::holds_alternative<doc::TableOfContents>(b); });
  std::vector<int> pages;
  pdf::Options pdf_options;
  pdf_options.tagged = theme_.tagged_pdf;
  if (toc && (formats & kOdt)) pdf_options.heading_pages = &pages;
  if (formats & kPdf) out.push_back({stem + ".pdf", "pdf", pdf::render(document, theme_, pdf_options)});
  else if (pdf_options.heading_pages) pages = pdf::heading_pages(document, theme_);  // the layout alone
  if (formats & kOdt) out.push_back({stem + ".odt", "odt", odt::render(document, theme_, toc ? &pages : nullptr)});
  return out;
}

std::vector<Output> Pipeline::render(const DocumentSpec& spec, const dossier::History& history, unsigned formats) {
  std::vector<Output> out;
  for (const auto& key : spec.keys(history.latest())) {
    auto outputs = render_one(spec, key, history.at(spec.date(history, key)), formats);
    for (auto& o : outputs) out.push_back(std::move(o));
  }
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
