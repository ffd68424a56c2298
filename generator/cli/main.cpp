// trame: the command line. A thin layer over the app stage; every message in French.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <unistd.h>

#include "cli/commands.hpp"
#include "common/diagnostic.hpp"

using trame::ErrorKind;

namespace {

int report(const trame::Error& e) {
  for (const auto& d : e.diagnostics()) std::cerr << "erreur : " << d.format() << "\n";
  return static_cast<int>(e.kind());
}

// French labels for CLI11's help screens and usage errors.
class FrenchFormatter : public CLI::Formatter {
 public:
  FrenchFormatter() {
    label("Usage", "Utilisation");
    label("Options", "Options");
    label("Positionals", "Arguments");
    label("Subcommands", "Commandes");
    label("SUBCOMMAND", "COMMANDE");
    label("OPTIONS", "OPTIONS");
    label("REQUIRED", "OBLIGATOIRE");
    label("TEXT", "TEXTE");
    label("INT", "ENTIER");
    label("UINT", "ENTIER");
    label("Excludes", "Exclut");
    label("Needs", "Requiert");
  }
};

std::string usage_message(const CLI::App* app, const CLI::Error& e) {
  std::string what = e.what();
  std::string msg;
  if (what == "A subcommand is required")
    msg = "une commande est nécessaire (validate, render, pack, batch, documents, simulate, funding, nouveau, serve)";
  else if (dynamic_cast<const CLI::RequiredError*>(&e)) msg = "argument obligatoire manquant (" + what + ")";
  else if (dynamic_cast<const CLI::ExtrasError*>(&e)) msg = "arguments en trop (" + what + ")";
  else if (dynamic_cast<const CLI::ConversionError*>(&e) || dynamic_cast<const CLI::ValidationError*>(&e))
    msg = "valeur invalide (" + what + ")";
  else msg = what;
  return "erreur d’utilisation : " + msg + "\nVoir « " + app->get_name() + " --help ».\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Trame : génération des documents d’une CPTS (lettre d’intention, projet de santé, contrat ACI…) "
               "en PDF et ODT à partir d’un dossier JSON.",
               "trame"};
  app.formatter(std::make_shared<FrenchFormatter>());
  app.failure_message(usage_message);
  app.set_help_flag("-h,--help", "Affiche cette aide et quitte");
  app.set_version_flag("--version", std::string("trame ") + TRAME_VERSION, "Affiche la version et quitte");
  app.require_subcommand(1);
  app.footer(
      "Codes de sortie : 0 succès ; 1 données invalides (dossier, avenant) ; 2 erreur d’utilisation ; "
      "3 erreur de modèle ; 4 erreur de lecture ou d’écriture ; 5 erreur interne.");

  trame::cli::Registry registry;
  trame::cli::register_commands(app, registry);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ErrorKind::Usage);
  }

  try {
    return registry.run();
  } catch (const trame::Error& e) {
    return report(e);
  } catch (const std::exception& e) {
    std::cerr << "erreur interne : " << e.what() << "\n";
    return static_cast<int>(ErrorKind::Internal);
  }
}
