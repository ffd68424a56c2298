// trame serve (the web application) and trame nouveau (a new dossier's skeleton).
#include <csignal>
#include <iostream>
#include <pthread.h>
#include <thread>

#include "cli/commands.hpp"
#include "common/files.hpp"
#include "server/server.hpp"

namespace trame::cli {
namespace fs = std::filesystem;

void register_serve(CLI::App& app, Registry& registry) {
  struct Args {
    server::Options options;
    std::string token_file;
  };
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand("serve", "Ouvre l’application web de Trame (formulaire du dossier, aperçu, dossier "
                                          "complet, simulateur, avenants) dans le navigateur");
  sub->add_option("--port", a->options.port, "Port d’écoute (défaut : 8080 ; 0 : un port libre)");
  sub->add_option("--listen", a->options.listen,
                  "Adresse d’écoute (défaut : 127.0.0.1, cette machine seulement ; toute autre adresse demande un jeton)");
  sub->add_option("--dossiers", a->options.dossiers, "Répertoire des dossiers enregistrés (défaut : dossiers)");
  sub->add_option("--token-file", a->token_file,
                  "Fichier contenant le jeton d’accès (sinon la variable d’environnement TRAME_TOKEN)");
  registry.add(sub, [a] {
    a->options.token = server::read_token(a->token_file);
    // Ctrl+C and SIGTERM stop the server cleanly (handled by a thread, not in a signal handler).
    // Blocked before the server exists: the threads it starts (its compute pool) inherit the
    // mask, so that the signal never lands on one of them and kills the process.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    server::Server srv(a->options);
    const int port = srv.bind();
    std::thread waiter([&srv, set] {
      int sig = 0;
      sigwait(&set, &sig);
      srv.stop();
    });
    waiter.detach();
    std::string host = a->options.listen.find(':') != std::string::npos && a->options.listen.front() != '['
                           ? "[" + a->options.listen + "]" : a->options.listen;
    std::cout << "Trame est prêt : http://" << host << ":" << port << "/  (dossiers : " << a->options.dossiers.string()
              << " ; Ctrl+C pour arrêter)" << std::endl;
    srv.run();
    std::cout << "Trame est arrêté." << std::endl;
    return 0;
  });
}

void register_nouveau(CLI::App& app, Registry& registry) {
  auto out = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("nouveau", "Écrit le squelette d’un nouveau dossier, valide, à compléter");
  sub->add_option("FICHIER", *out, "Fichier à créer (jamais écrasé ; défaut : la sortie standard)");
  registry.add(sub, [out] {
    const std::string skeleton = read_file(data_dir() / "models" / "nouveau-dossier.json");
    if (out->empty()) {
      std::cout << skeleton;
      return 0;
    }
    std::error_code ec;
    if (fs::exists(*out, ec))
      throw Error(ErrorKind::Usage, Diagnostic{Severity::Error, "trame.cli.E005", *out, 0, 0, "",
                                               "le fichier existe déjà : il n’est pas écrasé"});
    write_file_atomic(*out, skeleton);
    std::cout << *out << "\n";
    return 0;
  });
}

}  // namespace trame::cli
