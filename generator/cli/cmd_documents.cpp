// trame render, trame pack, trame documents.
#include <iostream>

#include "app/pack.hpp"
#include "app/pipeline.hpp"
#include "batch/output_folder.hpp"
#include "common/files.hpp"
#include "cli/commands.hpp"
#include "cli/french.hpp"
#include "common/diagnostic.hpp"
#include "document/theme.hpp"
#include "dossier/dossier.hpp"
#include "dossier/history.hpp"
#include "locale/format.hpp"
#include "pdf/coverage.hpp"

namespace trame::cli {
namespace fs = std::filesystem;

void print_warnings(const std::vector<Diagnostic>& warnings) {
  for (const auto& w : warnings) std::cerr << w.format() << "\n";
}

void check_date_option(const std::string& date) {
  if (!date.empty() && !locale::is_iso_date(date))
    throw Error(ErrorKind::Usage, Diagnostic{Severity::Error, "trame.cli.E005", "", 0, 0, "",
                                             "date invalide « " + date + " » pour --date (AAAA-MM-JJ attendu, date du calendrier)"});
}

// Characters the PDF cannot print as written (no font has them, right-to-left text).
static void print_character_warnings(const nlohmann::json& dossier, unsigned formats, const std::string& file) {
  if (formats & app::kPdf) print_warnings(pdf::character_warnings(dossier, doc::Theme::bundled(), file));
}

// Why a dossier has not the data of a document, in the words of the guide.
static std::string missing_data_message(const app::DocumentSpec& spec, const nlohmann::json& dossier) {
  auto lacks = [&](const char* section) {
    return "le dossier n’a pas de section « " + std::string(section) + " » : le document « " + spec.name +
           " » ne peut pas être produit (voir docs/guide/dossier.md)";
  };
  if (spec.name == "lettre-intention") return lacks("lettre_intention");
  if (spec.name == "projet-sante") return lacks("projet_sante");
  if (spec.name == "budget-previsionnel") return lacks("budget_previsionnel");
  if (spec.name == "statuts") return lacks("statuts");
  if (!dossier.contains("contrat")) return lacks("contrat");
  if (spec.name == "copil")
    return "le dossier n’a aucun compte rendu de COPIL (section « copils » absente ou vide) : rien à produire";
  if (spec.name == "avenant" || spec.name == "contrat-aci-consolide")
    return "le dossier n’a aucun avenant : donnez le répertoire de ses avenants avec --avenants DOSSIER_AVENANTS "
           "(fichiers DOSSIER_AVENANTS/<nom du dossier>/*.json)";
  return "le dossier n’a pas les données du document « " + spec.name + " »";
}

// Writes the outputs under `dir`, holding its lock, after removing the
// temporaries a killed run left; prints each path written, and on stderr the
// files kept because the user edited them.
static int write_reported(std::vector<app::Output> outputs, const fs::path& dir, const nlohmann::json& previous, bool force) {
  batch::FolderLock lock(dir);
  batch::remove_stale_temporaries(dir);
  batch::WriteReport report;
  try {
    batch::write_protected(std::move(outputs), dir, previous, force, report);
  } catch (const Error&) {
    for (const auto& w : report.written) std::cout << printable((dir / w).string()) << "\n";
    if (!report.written.empty())
      std::cerr << report.written.size() << " fichier(s) déjà remplacé(s) avant l’erreur (ci-dessus) ; les autres sont "
                                            "inchangés.\n";
    throw;
  }
  for (const auto& w : report.written) std::cout << printable((dir / w).string()) << "\n";
  if (!report.edited.empty()) {
    std::cerr << "fichier(s) modifié(s) depuis la dernière génération, conservé(s) tel(s) quel(s) (--force pour les "
                 "remplacer) :";
    for (const auto& e : report.edited) std::cerr << " " << printable((dir / e).string());
    std::cerr << "\n";
  }
  return 0;
}

void register_render(CLI::App& app, Registry& registry) {
  struct Args {
    std::string document, dossier, formats = "pdf,odt", out = "out", avenants, date;
  };
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand("render", "Produit un document à partir d’un dossier");
  std::string names;
  for (const auto& d : app::catalogue()) names += (names.empty() ? "" : ", ") + d.name;
  sub->add_option("DOCUMENT", a->document, "Document à produire (" + names + ")")->required();
  sub->add_option("DOSSIER", a->dossier, "Fichier dossier JSON")->required()->check(existing_file())->type_name("FICHIER");
  sub->add_option("-f,--format", a->formats, "Formats, séparés par des virgules (défaut : pdf,odt)");
  sub->add_option("-o,--out", a->out, "Dossier de sortie (défaut : out)");
  sub->add_option("--avenants", a->avenants, "Répertoire des avenants : AVENANTS/<nom du dossier>/*.json")
      ->check(existing_dir())->type_name("DOSSIER");
  sub->add_option("--date", a->date, "Le dossier tel qu’il était à cette date (AAAA-MM-JJ) : avenants signés et réunions tenues "
                                     "jusqu’à elle");
  registry.add(sub, [a] {
    const app::DocumentSpec* spec = app::find_document(a->document);
    if (!spec) {
      std::string names;
      for (const auto& d : app::catalogue()) names += (names.empty() ? "" : ", ") + d.name;
      throw Error(ErrorKind::Usage, Diagnostic{Severity::Error, "trame.cli.E001", "", 0, 0, "",
                                               "document inconnu « " + a->document + " » (documents : " + names + ")"});
    }
    unsigned formats = app::parse_formats(a->formats);
    check_date_option(a->date);
    std::vector<Diagnostic> warnings;
    dossier::History history = dossier::load_history(a->dossier, a->avenants, a->date, &warnings);
    print_warnings(warnings);
    if (!spec->available(history.latest()))
      throw Error(ErrorKind::InvalidInput, Diagnostic{Severity::Error, "trame.cli.E003", a->dossier, 0, 0, "",
                                                      missing_data_message(*spec, history.latest())});
    print_character_warnings(history.latest(), formats, a->dossier);
    app::Pipeline pipeline;
    auto outputs = pipeline.render(*spec, history, formats);
    // In a folder trame packed (it has a manifest), a document edited since is kept.
    const nlohmann::json previous = batch::previous_manifest(a->out);
    return write_reported(std::move(outputs), a->out, previous, previous.is_null());
  });
}

void register_pack(CLI::App& app, Registry& registry) {
  struct Args {
    std::string dossier, formats = "pdf,odt", out = "out", avenants, date;
    bool force = false;
  };
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand("pack", "Produit tous les documents dont le dossier a les données, avec manifest.json");
  sub->add_option("DOSSIER", a->dossier, "Fichier dossier JSON")->required()->check(existing_file())->type_name("FICHIER");
  sub->add_option("-f,--format", a->formats, "Formats, séparés par des virgules (défaut : pdf,odt)");
  sub->add_option("-o,--out", a->out, "Dossier de sortie (défaut : out)");
  sub->add_option("--avenants", a->avenants, "Répertoire des avenants : AVENANTS/<nom du dossier>/*.json")
      ->check(existing_dir())->type_name("DOSSIER");
  sub->add_option("--date", a->date, "Le dossier tel qu’il était à cette date (AAAA-MM-JJ)");
  sub->add_flag("--force", a->force, "Remplacer aussi les documents modifiés à la main depuis la dernière génération");
  registry.add(sub, [a] {
    unsigned formats = app::parse_formats(a->formats);
    check_date_option(a->date);
    std::vector<Diagnostic> warnings;
    dossier::History history = dossier::load_history(a->dossier, a->avenants, a->date, &warnings);
    print_warnings(warnings);
    print_character_warnings(history.latest(), formats, a->dossier);
    std::string bytes = read_file(a->dossier);
    for (const auto& av : history.avenants()) bytes += av.bytes;
    app::Pipeline pipeline;
    auto pack = app::build_pack(pipeline, history, bytes, fs::path(a->dossier).filename().string(), formats);
    return write_reported(std::move(pack.outputs), a->out, batch::previous_manifest(a->out), a->force);
  });
}

void register_documents(CLI::App& app, Registry& registry) {
  auto* sub = app.add_subcommand("documents", "Liste les documents que trame sait produire");
  registry.add(sub, [] {
    for (const auto& d : app::catalogue()) std::cout << d.name << "\t" << d.title << "\n";
    return 0;
  });
}

void register_commands(CLI::App& app, Registry& registry) {
  register_validate(app, registry);
  register_render(app, registry);
  register_documents(app, registry);
  register_pack(app, registry);
  register_batch(app, registry);
  register_effective(app, registry);
  register_funding(app, registry);
  register_nouveau(app, registry);
  register_serve(app, registry);
  register_sign(app, registry);
}

}  // namespace trame::cli
