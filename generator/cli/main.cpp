// trame: the command line. A thin layer over the app stage; every message in French.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/french.hpp"
#include "common/diagnostic.hpp"
#include "common/overlay.hpp"
#include "common/system_error.hpp"

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

// CLI11's English messages, said in French.
std::string usage_message(const CLI::App* app, const CLI::Error& e) {
  std::string what = e.what();
  auto after = [&](const std::string& prefix) {
    return what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : std::string();
  };
  auto ends = [&](const std::string& suffix) {
    return what.size() > suffix.size() && what.compare(what.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  std::string msg;
  if (what == "A subcommand is required")
    msg = "une commande est nécessaire (validate, render, pack, batch, documents, simulate, funding, nouveau, serve, signer)";
  else if (dynamic_cast<const CLI::RequiredError*>(&e))
    msg = ends(" is required") ? "argument obligatoire manquant : " + what.substr(0, what.size() - 12)
                               : "argument obligatoire manquant (" + what + ")";
  else if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    std::string rest = after("The following arguments were not expected: ");
    if (rest.empty()) rest = after("The following argument was not expected: ");
    msg = "argument(s) en trop : " + (rest.empty() ? what : rest);
  } else if (dynamic_cast<const CLI::ValidationError*>(&e))
    msg = what;  // the validators speak French (cli/french.cpp)
  else if (dynamic_cast<const CLI::ConversionError*>(&e))
    msg = "valeur invalide (" + what + ")";
  else if (dynamic_cast<const CLI::ArgumentMismatch*>(&e))
    msg = "nombre de valeurs incorrect (" + what + ")";
  else if (dynamic_cast<const CLI::ExcludesError*>(&e))
    msg = "options incompatibles (" + what + ")";
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
      "3 erreur de modèle ; 4 erreur de lecture ou d’écriture ; 5 erreur interne ; signature (trame signer) : "
      "6 certificat ou clé inutilisable ; 7 PDF refusé (pas écrit par Trame, ou modifié depuis) ; "
      "8 champ de signature inconnu ou déjà signé ; 9 horodatage impossible.");

  std::string overlay;
  app.add_option("--modeles", overlay,
                 "Dossier de modèles personnels : ses fichiers remplacent ceux de trame du même nom "
                 "(aussi TRAME_MODELES, ou « modeles » dans ~/.config/trame/config.json)")
      ->type_name("DOSSIER");
  app.fallthrough();  // --modeles also after the command

  trame::cli::Registry registry;
  trame::cli::register_commands(app, registry);
  trame::cli::frenchify(app);

  if (auto unknown = trame::cli::unknown_command(app, argc, argv)) {
    std::cerr << "erreur d’utilisation : " << *unknown << "\nVoir « trame --help ».\n";
    return static_cast<int>(ErrorKind::Usage);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ErrorKind::Usage);
  }

  try {
    trame::set_template_overlay(overlay);
    trame::template_overlay();  // an overlay that does not exist is refused before any work
    return registry.run();
  } catch (const trame::Error& e) {
    return report(e);
  } catch (const std::filesystem::filesystem_error& e) {
    // A folder that cannot be read (permission...): the user's to fix, not a bug.
    std::cerr << "erreur : " << trame::printable(e.path1().string()) << ": lecture ou écriture impossible : "
              << trame::system_message(e.code()) << "\n";
    return static_cast<int>(ErrorKind::Io);
  } catch (const std::exception& e) {
    std::cerr << "erreur interne : " << e.what() << "\n";
    return static_cast<int>(ErrorKind::Internal);
  }
}
