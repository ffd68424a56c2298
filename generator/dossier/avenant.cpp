#include "dossier/avenant.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

#include "common/diagnostic.hpp"
#include "common/files.hpp"
#include "dossier/dossier.hpp"
#include "dossier/input_limits.hpp"
#include "dossier/item_names.hpp"
#include "locale/format.hpp"

namespace trame::dossier {
namespace fs = std::filesystem;
using nlohmann::json;

static Error bad(const fs::path& file, const std::string& pointer, const std::string& msg, const char* id = "trame.avenant.E401") {
  return Error(ErrorKind::InvalidInput, Diagnostic{Severity::Error, id, file.string(), 0, 0, pointer, msg});
}

// Avenants are numbered 1, 2, 3… (« Avenant n° 001 »): an integer from 1 to kMaxAvenantNumber.
static int avenant_number(const json& n, const fs::path& file) {
  const std::string expected = "le numéro d’un avenant est un nombre entier de 1 à " + std::to_string(kMaxAvenantNumber);
  if (n.is_number_float() && n.get<double>() >= 1 && n.get<double>() <= kMaxAvenantNumber &&
      n.get<double>() == static_cast<double>(static_cast<int>(n.get<double>())))
    throw bad(file, "/numero", expected + ", écrit sans virgule ni décimale (ici « " + n.dump() + " »)", "trame.avenant.E408");
  if (!n.is_number_integer())  // a signed or unsigned JSON integer; anything else is refused
    throw bad(file, "/numero", expected + " (ici « " + printable(n.dump()) + " »)", "trame.avenant.E408");
  const bool in_range = n.is_number_unsigned() ? n.get<std::uint64_t>() >= 1 && n.get<std::uint64_t>() <= kMaxAvenantNumber
                                               : n.get<std::int64_t>() >= 1 && n.get<std::int64_t>() <= kMaxAvenantNumber;
  if (!in_range) throw bad(file, "/numero", expected + " (ici " + n.dump() + ")", "trame.avenant.E408");
  return n.get<int>();
}

Avenant load_avenant(const fs::path& file) {
  Avenant a;
  a.file = file;
  a.bytes = read_input(file);  // the dossier's limits: a regular file of at most 10 Mo
  json j = parse_json(a.bytes, file.string());
  if (!j.is_object()) throw bad(file, "", "un avenant est un objet JSON");
  auto need = [&](const char* key, json::value_t type, const char* what) {
    if (!j.contains(key)) throw bad(file, std::string("/") + key, std::string("champ obligatoire manquant (") + what + ")");
    if (j[key].type() != type && !(type == json::value_t::number_integer && j[key].is_number_unsigned()))
      throw bad(file, std::string("/") + key, std::string("type incorrect pour ") + what);
  };
  if (!j.contains("numero")) throw bad(file, "/numero", "champ obligatoire manquant (numéro de l’avenant)");
  need("date_signature", json::value_t::string, "date de signature");
  need("date_effet", json::value_t::string, "date d’effet");
  need("objet", json::value_t::string, "objet de l’avenant");
  need("modifications", json::value_t::array, "modifications : un JSON Patch (RFC 6902)");
  a.number = avenant_number(j["numero"], file);
  a.signature = j["date_signature"];
  a.effective = j["date_effet"];
  a.object = j["objet"];
  if (j.contains("lieu_signature")) {
    if (!j["lieu_signature"].is_string() || j["lieu_signature"].get<std::string>().empty())
      throw bad(file, "/lieu_signature", "le lieu de signature est un texte (par exemple « Saint-Lô »)");
    a.place = j["lieu_signature"];
  }
  for (const char* k : {"date_signature", "date_effet"})
    if (!locale::is_iso_date(j[k])) throw bad(file, std::string("/") + k, "date invalide « " + j[k].get<std::string>() + " » (AAAA-MM-JJ)");
  a.patch = j["modifications"];
  for (size_t i = 0; i < a.patch.size(); ++i) {
    const json& op = a.patch[i];
    if (!op.is_object() || !op.contains("op") || !op.contains("path"))
      throw bad(file, "/modifications/" + std::to_string(i), "opération invalide : « op » et « path » sont obligatoires");
  }
  return a;
}

void check_numbering(const std::vector<Avenant>& sorted) {
  for (size_t i = 0; i < sorted.size(); ++i) {
    const int expected = i == 0 ? 1 : sorted[i - 1].number + 1;
    if (i > 0 && sorted[i].number == sorted[i - 1].number)
      throw bad(sorted[i].file, "/numero",
                "deux avenants portent le numéro " + std::to_string(sorted[i].number) + " (" +
                    printable(sorted[i - 1].file.filename().string()) + ") : donner à chacun son propre numéro",
                "trame.avenant.E408");
    if (sorted[i].number != expected)
      throw bad(sorted[i].file, "/numero",
                "il manque l’avenant n° " + std::to_string(expected) + " : cet avenant porte le numéro " +
                    std::to_string(sorted[i].number) + ", or les avenants d’un contrat sont numérotés 1, 2, 3… sans trou " +
                    "(ajouter le fichier de l’avenant manquant ou corriger ce numéro)",
                "trame.avenant.E408");
  }
}

std::vector<Avenant> avenants_for(const fs::path& dir, const fs::path& dossier_file) {
  std::vector<Avenant> out;
  fs::path sub = dir / dossier_file.stem();
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(sub, ec)) return out;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(sub))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) out.push_back(load_avenant(f));
  std::stable_sort(out.begin(), out.end(), [](const Avenant& a, const Avenant& b) {
    return a.number != b.number ? a.number < b.number : a.effective < b.effective;
  });
  check_numbering(out);
  return out;
}

json apply_avenants(const json& dossier, const std::vector<Avenant>& avenants) {
  json d = dossier;
  for (const auto& a : avenants) {
    for (size_t i = 0; i < a.patch.size(); ++i) {
      try {
        d = d.patch(json::array({a.patch[i]}));
      } catch (const json::exception& e) {
        std::string path = a.patch[i]["path"].is_string() ? a.patch[i]["path"].get<std::string>() : "";
        static const std::map<std::string, std::string> kinds = {
            {"add", "ajout"}, {"remove", "suppression"}, {"replace", "remplacement"},
            {"move", "déplacement"}, {"copy", "copie"}, {"test", "vérification"}};
        const json& op = a.patch[i]["op"];
        std::string kind = op.is_string() ? "« " + op.get<std::string>() + " »" : op.dump();
        if (op.is_string() && kinds.count(op.get<std::string>())) kind += ", " + kinds.at(op.get<std::string>());
        throw Error(ErrorKind::InvalidInput,
                    Diagnostic{Severity::Error, "trame.avenant.E402", a.file.string(), 0, 0, path,
                               "l’opération n° " + std::to_string(i + 1) + " (" + kind +
                                   ") de l’avenant n° " + std::to_string(a.number) +
                                   " ne s’applique pas au dossier : chemin absent ou valeur différente de celle attendue"});
      }
    }
    // The amended dossier must still be a valid dossier.
    std::vector<Diagnostic> problems = validate_schema(d, a.file.string());
    if (problems.empty()) problems = check_rules(d, a.file.string());
    name_items(d, problems);
    std::vector<Diagnostic> errors;
    for (auto& p : problems)
      if (p.severity == Severity::Error) {
        p.message = "après l’avenant n° " + std::to_string(a.number) + " : " + p.message;
        errors.push_back(std::move(p));
      }
    if (!errors.empty()) throw Error(ErrorKind::InvalidInput, std::move(errors));
  }
  return d;
}

}  // namespace trame::dossier
