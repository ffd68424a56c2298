// trame signer: signs a signature field of a contract or avenant PDF Trame wrote.
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <ctime>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/french.hpp"
#include "common/files.hpp"
#include "sign/cms.hpp"
#include "sign/signer.hpp"

namespace trame::cli {

namespace {

Error usage_error(const std::string& msg) {
  return Error(ErrorKind::Usage, Diagnostic{Severity::Error, "trame.cli.E003", "", 0, 0, "", msg});
}

// The password: the first line of a file, or typed at the terminal without echo.
std::string read_password(const std::string& file) {
  if (!file.empty()) {
    std::string text = read_file(file);
    if (size_t nl = text.find_first_of("\r\n"); nl != std::string::npos) text.resize(nl);
    return text;
  }
  const int tty = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (tty < 0)
    throw usage_error("pas de terminal pour saisir le mot de passe du certificat : indiquez --mot-de-passe-fichier FICHIER");
  termios old{};
  const bool echo_off = tcgetattr(tty, &old) == 0;
  if (echo_off) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(tty, TCSAFLUSH, &quiet);
  }
  const std::string prompt = "Mot de passe du certificat : ";
  (void)!::write(tty, prompt.data(), prompt.size());
  std::string password;
  char c;
  while (::read(tty, &c, 1) == 1 && c != '\n' && c != '\r') password += c;
  if (echo_off) tcsetattr(tty, TCSAFLUSH, &old);
  (void)!::write(tty, "\n", 1);
  ::close(tty);
  return password;
}

}  // namespace

void register_sign(CLI::App& app, Registry& registry) {
  struct Args {
    std::string pdf, field, certificate, password_file, tsa, out;
  };
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand(
      "signer", "Signe un champ de signature d’un contrat ou d’un avenant PDF écrit par Trame (PAdES, certificat PKCS#12) ; "
                "les signatures déjà apposées restent valides");
  sub->add_option("PDF", a->pdf, "Le PDF à signer (contrat ou avenant)")->required()->check(existing_file())->type_name("FICHIER");
  sub->add_option("--champ", a->field, "Nom du champ à signer : CPTS, CPAM, ARS ou MSA")->required()->type_name("NOM");
  sub->add_option("--certificat", a->certificate, "Certificat et clé du signataire (fichier PKCS#12 : .p12 ou .pfx)")
      ->required()->check(existing_file())->type_name("FICHIER");
  sub->add_option("--mot-de-passe-fichier", a->password_file,
                  "Fichier dont la première ligne est le mot de passe du certificat (sinon, il est demandé au terminal)")
      ->check(existing_file())->type_name("FICHIER");
  sub->add_option("--tsa", a->tsa, "Adresse d’une autorité d’horodatage (RFC 3161) : la signature est horodatée (PAdES B-T)")
      ->type_name("URL");
  sub->add_option("-o,--out", a->out, "Écrire le PDF signé dans ce fichier (défaut : remplacer le PDF)")->type_name("FICHIER");
  registry.add(sub, [a] {
    // Everything is checked and the signed file built in memory before anything is
    // written, and then atomically: on any error the PDF is left as it was.
    const std::string pdf = read_file(a->pdf);
    sign::check_document(a->pdf, pdf);  // a foreign or changed PDF is refused before asking for a password
    const std::string password = read_password(a->password_file);
    // The signing time is the clock's: it is the time of the act of signing, which /M
    // claims (a document's own dates come from its dossier, never from the clock).
    const std::time_t now = std::time(nullptr);
    const auto credentials = sign::Credentials::load(a->certificate, read_file(a->certificate), password, now);
    const std::string signed_pdf = sign::sign_pdf(pdf, {a->pdf, a->field, a->tsa, now}, credentials);
    const std::string out = a->out.empty() ? a->pdf : a->out;
    write_file_atomic(out, signed_pdf);
    std::cout << "Champ « " << a->field << " » signé par " << credentials.signer_name()
              << (a->tsa.empty() ? "" : " (signature horodatée)") << " : " << out << "\n";
    return 0;
  });
}

}  // namespace trame::cli
