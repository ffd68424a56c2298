// trame batch: regenerate every document of many dossiers, in parallel and incrementally.
#include <iostream>
#include <unistd.h>

#include "app/pipeline.hpp"
#include "batch/batch.hpp"
#include "batch/output_folder.hpp"
#include "cli/commands.hpp"
#include "cli/french.hpp"
#include "dossier/history.hpp"
#include "dossier/dossier.hpp"

namespace trame::cli {
namespace fs = std::filesystem;

void register_effective(CLI::App& app, Registry& registry) {
  struct Args {
    std::string dossier, avenants, date;
  };
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand("effective", "Affiche le dossier tel qu’il était à une date : avenants signés, réunions tenues "
                                              "et mesures connues à cette date (JSON)");
  sub->add_option("DOSSIER", a->dossier, "Fichier dossier JSON")->required()->check(existing_file())->type_name("FICHIER");
  sub->add_option("--avenants", a->avenants, "Répertoire des avenants : AVENANTS/<nom du dossier>/*.json")
      ->check(existing_dir())->type_name("DOSSIER");
  sub->add_option("--date", a->date, "Date (AAAA-MM-JJ) ; par défaut, le dossier avec tous ses avenants");
  registry.add(sub, [a] {
    if (std::string why = batch::unsafe_name_reason(fs::path(a->dossier).stem().string()); !why.empty() && !a->avenants.empty())
      throw Error(ErrorKind::InvalidInput, Diagnostic{Severity::Error, "trame.batch.E002", a->dossier, 0, 0, "",
                                                      "nom de dossier inutilisable pour trouver ses avenants : " + why});
    check_date_option(a->date);
    auto history = dossier::load_history(a->dossier, a->avenants);
    nlohmann::json d = history.at(a->date);
    for (const char* internal : {"_avenants", "_versions", "_date"}) d.erase(internal);
    std::cout << d.dump(2) << "\n";
    return 0;
  });
}

void register_batch(CLI::App& app, Registry& registry) {
  struct Args {
    std::vector<std::string> inputs;
    std::string avenants, out = "out", formats = "pdf,odt", date;
    unsigned jobs = 0;
    bool force = false;
  };
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand("batch", "Régénère tous les documents de nombreux dossiers (avec leurs avenants), en parallèle "
                                          "et seulement ce qui a changé");
  sub->add_option("INPUT", a->inputs, "Dossiers JSON ou répertoires de dossiers")->required()->check(existing_path())->type_name("CHEMIN");
  sub->add_option("--avenants", a->avenants, "Répertoire des avenants : AVENANTS/<nom du dossier>/*.json")->check(existing_dir())->type_name("DOSSIER");
  sub->add_option("-o,--out", a->out, "Dossier de sortie (défaut : out) ; un sous-dossier par dossier");
  sub->add_option("-j,--jobs", a->jobs, "Nombre de tâches parallèles (défaut : nombre de cœurs)");
  sub->add_option("-f,--format", a->formats, "Formats (défaut : pdf,odt)");
  sub->add_option("--date", a->date, "Les dossiers tels qu’ils étaient à cette date (AAAA-MM-JJ) : avenants signés et réunions "
                                     "tenues jusqu’à elle");
  sub->add_flag("--force", a->force, "Tout réécrire, même ce qui n’a pas changé");
  registry.add(sub, [a] {
    batch::Options o;
    for (const auto& i : a->inputs) o.inputs.push_back(i);
    o.avenants = a->avenants;
    o.out = a->out;
    o.jobs = a->jobs;
    o.force = a->force;
    o.formats = app::parse_formats(a->formats);
    check_date_option(a->date);
    o.date = a->date;
    bool tty = ::isatty(STDERR_FILENO);
    if (tty)
      o.progress = [](size_t done, size_t total) {
        const int width = 30;
        int filled = total ? static_cast<int>(width * done / total) : width;
        std::cerr << "\rRégénération [" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << done << "/"
                  << total << std::flush;
      };
    batch::Summary s = batch::run(o);
    if (tty) std::cerr << "\n";
    for (const auto& r : s.results) {
      const std::string file = printable(r.file.string());
      for (const auto& w : r.warnings) std::cerr << w.format() << "\n";  // each names its dossier
      if (r.failed) {
        if (r.written.empty())
          std::cerr << file << " : échec, aucun fichier de ce dossier n’a été modifié\n";
        else {
          std::cerr << file << " : échec après l’écriture de " << r.written.size()
                    << " fichier(s), qui ont été remplacés ; les autres sont inchangés :";
          for (const auto& w : r.written) std::cerr << " " << printable(w);
          std::cerr << "\n";
        }
        for (const auto& d : r.errors) std::cerr << "  erreur : " << d.format() << "\n";
      }
      if (!r.edited.empty()) {
        std::cerr << file << " : fichier(s) modifié(s) depuis la dernière génération, conservé(s) tel(s) quel(s) "
                             "(--force pour les remplacer) :";
        for (const auto& e : r.edited) std::cerr << " " << printable((fs::path(r.name) / e).string());
        std::cerr << "\n";
      }
    }
    for (const auto& d : s.manifest_errors) std::cerr << "erreur : " << d.format() << "\n";
    std::cout << "Régénération terminée : " << s.results.size() << " dossier(s), " << s.written << " fichier(s) écrit(s), "
              << s.unchanged << " inchangé(s), " << s.failed << " dossier(s) en échec";
    if (s.edited) std::cout << ", " << s.edited << " fichier(s) modifié(s) à la main conservé(s)";
    if (s.manifest_errors.empty())
      std::cout << ". Détail : " << printable((fs::path(a->out) / "batch-manifest.json").string()) << "\n";
    else
      std::cout << ". Le détail (batch-manifest.json) n’a pas pu être écrit.\n";
    if (!s.manifest_errors.empty()) return static_cast<int>(ErrorKind::Io);
    // The most serious kind of failure names the exit code (1 data, 3 template, 4 I/O, 5 internal).
    int code = 0;
    for (const auto& r : s.results)
      if (r.failed) code = std::max(code, static_cast<int>(r.kind));
    return code;
  });
}

}  // namespace trame::cli
