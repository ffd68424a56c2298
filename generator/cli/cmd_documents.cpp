// trame validate, trame render, trame documents.
#include <iostream>

#include "app/pack.hpp"
#include "app/pipeline.hpp"
#include "common/files.hpp"
#include "cli/commands.hpp"
#include "common/diagnostic.hpp"
#include "dossier/dossier.hpp"

namespace trame::cli {
namespace fs = std::filesystem;

void print_warnings(const std::vector<Diagnostic>& warnings) {
  for (const auto& w : warnings) std::cerr << w.format() << "\n";
}

void register_validate(CLI::App& app, Registry& registry) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* sub = app.add_subcommand("validate", "Vérifie un ou plusieurs dossiers (JSON, schéma, règles métier) sans rien écrire");
  sub->add_option("DOSSIER", *files, "Fichier(s) dossier JSON")->required()->check(CLI::ExistingFile);
  registry.add(sub, [files] {
    int status = 0;
    for (const auto& f : *files) {
      std::vector<Diagnostic> warnings;
      try {
        dossier::load(f, &warnings);
        print_warnings(warnings);
        std::cout << f << " : dossier valide\n";
      } catch (const Error& e) {
        print_warnings(warnings);
        for (const auto& d : e.diagnostics()) std::cerr << "erreur : " << d.format() << "\n";
        std::cerr << f << " : dossier invalide (" << e.diagnostics().size() << " problème"
                  << (e.diagnostics().size() > 1 ? "s" : "") << ")\n";
        if (status == 0) status = static_cast<int>(e.kind());
      }
    }
    return status;
  });
}

void register_render(CLI::App& app, Registry& registry) {
  struct Args {
    std::string document, dossier, formats = "pdf,odt", out = "out";
  };
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand("render", "Produit un document à partir d’un dossier");
  std::string names;
  for (const auto& d : app::catalogue()) names += (names.empty() ? "" : ", ") + d.name;
  sub->add_option("DOCUMENT", a->document, "Document à produire (" + names + ")")->required();
  sub->add_option("DOSSIER", a->dossier, "Fichier dossier JSON")->required()->check(CLI::ExistingFile);
  sub->add_option("-f,--format", a->formats, "Formats, séparés par des virgules (défaut : pdf,odt)");
  sub->add_option("-o,--out", a->out, "Dossier de sortie (défaut : out)");
  registry.add(sub, [a] {
    const app::DocumentSpec* spec = app::find_document(a->document);
    if (!spec) {
      std::string names;
      for (const auto& d : app::catalogue()) names += (names.empty() ? "" : ", ") + d.name;
      throw Error(ErrorKind::Usage, Diagnostic{Severity::Error, "trame.cli.E001", "", 0, 0, "",
                                               "document inconnu « " + a->document + " » (documents : " + names + ")"});
    }
    unsigned formats = app::parse_formats(a->formats);
    std::vector<Diagnostic> warnings;
    nlohmann::json dossier = dossier::load(a->dossier, &warnings);
    print_warnings(warnings);
    app::Pipeline pipeline;
    auto outputs = pipeline.render(*spec, dossier, formats);
    for (const auto& p : app::write_outputs(outputs, a->out)) std::cout << p.string() << "\n";
    return 0;
  });
}

void register_pack(CLI::App& app, Registry& registry) {
  struct Args {
    std::string dossier, formats = "pdf,odt", out = "out";
  };
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand("pack", "Produit tous les documents dont le dossier a les données, avec manifest.json");
  sub->add_option("DOSSIER", a->dossier, "Fichier dossier JSON")->required()->check(CLI::ExistingFile);
  sub->add_option("-f,--format", a->formats, "Formats, séparés par des virgules (défaut : pdf,odt)");
  sub->add_option("-o,--out", a->out, "Dossier de sortie (défaut : out)");
  registry.add(sub, [a] {
    unsigned formats = app::parse_formats(a->formats);
    std::vector<Diagnostic> warnings;
    nlohmann::json dossier = dossier::load(a->dossier, &warnings);
    print_warnings(warnings);
    std::string bytes = read_file(a->dossier);
    app::Pipeline pipeline;
    auto pack = app::build_pack(pipeline, dossier, bytes, fs::path(a->dossier).filename().string(), formats);
    for (const auto& p : app::write_outputs(pack.outputs, a->out)) std::cout << p.string() << "\n";
    return 0;
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
}

}  // namespace trame::cli
