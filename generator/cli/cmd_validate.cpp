// trame validate: checks dossiers without writing anything; --json for
// programs, --quiet for scripts, --verbose for a first reading.
#include <iostream>

#include "app/pipeline.hpp"
#include "cli/commands.hpp"
#include "cli/french.hpp"
#include "common/diagnostic.hpp"
#include "dossier/dossier.hpp"

namespace trame::cli {
using nlohmann::json;

static json to_json(const Diagnostic& d) {
  json j = {{"id", d.id}, {"message", d.message}};
  if (!d.file.empty()) j["fichier"] = d.file;
  if (d.line > 0) j["ligne"] = d.line;
  if (d.column > 0) j["colonne"] = d.column;
  if (!d.json_path.empty()) j["chemin"] = d.json_path;
  return j;
}

void register_validate(CLI::App& app, Registry& registry) {
  struct Args {
    std::vector<std::string> files;
    bool json = false, quiet = false, verbose = false;
  };
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand("validate", "Vérifie un ou plusieurs dossiers (JSON, schéma, règles métier) sans rien écrire");
  sub->add_option("DOSSIER", a->files, "Fichier(s) dossier JSON")->required()->check(existing_file())->type_name("FICHIER");
  auto* js = sub->add_flag("--json", a->json, "Résultat en JSON sur la sortie standard (erreurs et avertissements avec leur position)");
  auto* q = sub->add_flag("-q,--quiet", a->quiet, "N’afficher que les erreurs (rien pour un dossier valide)");
  sub->add_flag("-v,--verbose", a->verbose, "Dire aussi quels documents chaque dossier valide permet de produire")
      ->excludes(q)
      ->excludes(js);
  q->excludes(js);
  registry.add(sub, [a] {
    int status = 0;
    json report = json::array();
    for (const auto& f : a->files) {
      std::vector<Diagnostic> warnings, errors;
      json dossier;
      int kind = 0;
      try {
        dossier = dossier::load(f, &warnings);
      } catch (const Error& e) {
        errors = e.diagnostics();
        kind = static_cast<int>(e.kind());
        if (status == 0) status = kind;
      }
      if (a->json) {
        json entry = {{"dossier", f}, {"valide", errors.empty()}, {"erreurs", json::array()}, {"avertissements", json::array()}};
        for (const auto& d : errors) entry["erreurs"].push_back(to_json(d));
        for (const auto& d : warnings) entry["avertissements"].push_back(to_json(d));
        if (kind) entry["code"] = kind;
        report.push_back(entry);
        continue;
      }
      if (!a->quiet) print_warnings(warnings);
      for (const auto& d : errors) std::cerr << "erreur : " << d.format() << "\n";
      if (!errors.empty()) {
        if (kind == static_cast<int>(ErrorKind::Io)) std::cerr << printable(f) << " : dossier illisible\n";
        else
          std::cerr << printable(f) << " : dossier invalide (" << errors.size() << " problème"
                    << (errors.size() > 1 ? "s" : "") << ")\n";
        continue;
      }
      if (a->quiet) continue;
      std::cout << printable(f) << " : dossier valide";
      if (!warnings.empty()) std::cout << " (" << warnings.size() << " avertissement" << (warnings.size() > 1 ? "s" : "") << ")";
      std::cout << "\n";
      if (a->verbose) {
        std::string names;
        for (const auto& spec : app::catalogue())
          if (spec.available(dossier)) names += (names.empty() ? "" : ", ") + spec.name;
        std::cout << "  documents possibles : " << (names.empty() ? "aucun" : names) << "\n";
      }
    }
    if (a->json) std::cout << report.dump(2) << "\n";
    return status;
  });
}

}  // namespace trame::cli
