// trame simulate (before any dossier exists) and trame funding (from a dossier's contract).
#include <algorithm>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/french.hpp"
#include "common/diagnostic.hpp"
#include "dossier/contract.hpp"
#include "dossier/dossier.hpp"
#include "dossier/history.hpp"
#include "funding/engine.hpp"
#include "locale/format.hpp"

namespace trame::cli {
using funding::euros;

static Error usage(const std::string& msg) {
  return Error(ErrorKind::Usage, Diagnostic{Severity::Error, "trame.cli.E003", "", 0, 0, "", msg});
}

static std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

// Pads UTF-8 text to a display width (counting code points).
static std::string pad(const std::string& s, size_t width, bool right = false) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  std::string fill(n < width ? width - n : 0, ' ');
  return right ? fill + s : s + fill;
}

static size_t display_width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

static void print_text(const funding::Result& r) {
  std::cout << "Tableau de l’accord : " << r.table->title << "\n";
  std::cout << "Taille de la CPTS : " << r.size << " (" << r.table->band(r.size).label << ")\n";
  std::cout << "Contrat : du " << locale::date_long(r.signature) << " au " << locale::date_long(r.end_date) << "\n\n";
  size_t w = std::string("Ligne de financement").size();
  for (const auto& l : r.lines) w = std::max(w, display_width(l.label));
  w += 2;
  const size_t m = 16;
  std::cout << pad("Ligne de financement", w) << pad("Montant annuel", m, true) << "\n";
  std::cout << std::string(w + m, '-') << "\n";
  for (const auto& l : r.lines)
    if (l.in_force) std::cout << pad(l.label, w) << pad(locale::money(euros(l.amount)), m, true) << "\n";
  std::cout << std::string(w + m, '-') << "\n";
  std::cout << pad("Total annuel", w) << pad(locale::money(euros(r.total_annual)), m, true) << "\n\n";
  if (r.versions.size() > 1) {
    std::cout << "Versions du contrat\n";
    for (const auto& v : r.versions)
      std::cout << "  " << (v.number == 0 ? std::string("contrat initial") : "avenant n° " + std::to_string(v.number)) << ", à compter du "
                << locale::date_long(v.effective) << " : taille " << v.size << ", montant annuel "
                << locale::money(euros(v.total_annual)) << "\n";
    std::cout << "\n";
  }
  size_t lw = 0;
  for (const auto& p : r.schedule) lw = std::max(lw, display_width(p.label) + (p.version > 0 ? 16 : 0));
  lw += 2;
  std::cout << "Échéancier des versements\n";
  std::cout << pad("Date", 12) << pad("Versement", lw) << pad("Montant", m, true) << "\n";
  std::cout << std::string(12 + lw + m, '-') << "\n";
  for (const auto& p : r.schedule)
    std::cout << pad(locale::date_short(p.date), 12)
              << pad(p.label + (p.version > 0 ? " (avenant n° " + std::to_string(p.version) + ")" : ""), lw)
              << pad(locale::money(euros(p.amount)), m, true) << "\n";
  std::cout << std::string(12 + lw + m, '-') << "\n";
  std::cout << pad("Total sur la durée du contrat", 12 + lw) << pad(locale::money(euros(r.schedule_total)), m, true) << "\n";
}

static std::string today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

void register_funding(CLI::App& app, Registry& registry) {
  struct Args {
    long long population = 0;
    std::string missions = "acces,parcours,prevention", volets, signature, table;
    std::vector<std::string> starts, achievements;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  auto* sim = app.add_subcommand("simulate", "Simule le financement ACI d’une CPTS (tailles, montants, échéancier) sans dossier");
  sim->add_option("--population", a->population, "Population du territoire")->required()->transform(positive_integer())->type_name("ENTIER");
  sim->add_option("--missions", a->missions, "Missions retenues (défaut : acces,parcours,prevention)");
  sim->add_option("--volets", a->volets, "Volets de la mission accès : mt, snp (défaut : aucun)");
  sim->add_option("--signature", a->signature, "Date de signature AAAA-MM-JJ (défaut : aujourd’hui)");
  sim->add_option("--start", a->starts, "Début d’une mission : MISSION=AAAA-MM-JJ (répétable)");
  sim->add_option("--achievement", a->achievements, "Taux d’atteinte d’une mission : MISSION=TAUX, 0.8 ou 80% (répétable)");
  sim->add_option("--table", a->table, "Version du tableau de l’accord (défaut : celui en vigueur à la signature)");
  sim->add_flag("--json", a->json, "Sortie JSON");
  registry.add(sim, [a] {
    funding::ContractInput in;
    in.signature = a->signature.empty() ? today() : a->signature;
    if (!locale::is_iso_date(in.signature)) throw usage("date de signature invalide « " + in.signature + " » (AAAA-MM-JJ)");
    in.table = a->table.empty() ? &funding::table_for_date(in.signature) : &funding::table_version(a->table);
    in.population = a->population;
    std::vector<std::string> volets = split(a->volets);
    for (const auto& m : split(a->missions)) {
      funding::MissionChoice mc{m, in.signature, {}, {}};
      if (m == "acces") mc.volets = volets;
      in.missions.push_back(mc);
    }
    if (!volets.empty() && std::none_of(in.missions.begin(), in.missions.end(), [](auto& m) { return m.id == "acces"; }))
      throw usage("les volets mt et snp demandent la mission acces");
    for (const auto& s : a->starts) {
      auto eq = s.find('=');
      if (eq == std::string::npos) throw usage("--start attend MISSION=AAAA-MM-JJ, reçu « " + s + " »");
      std::string id = s.substr(0, eq), date = s.substr(eq + 1);
      if (!locale::is_iso_date(date)) throw usage("date invalide « " + date + " » pour --start");
      bool found = false;
      for (auto& m : in.missions)
        if (m.id == id) {
          m.start = date;
          found = true;
        }
      if (!found) throw usage("--start : la mission « " + id + " » n’est pas retenue (--missions)");
    }
    for (const auto& s : a->achievements) {
      auto eq = s.find('=');
      if (eq == std::string::npos) throw usage("--achievement attend MISSION=TAUX, reçu « " + s + " »");
      std::string id = s.substr(0, eq), v = s.substr(eq + 1);
      bool pct = !v.empty() && v.back() == '%';
      if (pct) v.pop_back();
      std::replace(v.begin(), v.end(), ',', '.');
      double rate;
      try {
        size_t used = 0;
        rate = std::stod(v, &used);
        if (used != v.size()) throw std::invalid_argument(v);
      } catch (...) {
        throw usage("taux invalide « " + s + " »");
      }
      if (pct || rate > 1) rate /= 100.0;
      if (rate < 0 || rate > 1) throw usage("un taux d’atteinte est compris entre 0 et 100 %");
      for (int y = 0; y < funding::kContractYears; ++y) in.rates[id][y] = rate;
    }
    funding::Result r = funding::compute(in);
    print_warnings(r.warnings);
    if (a->json) std::cout << r.to_json().dump(2) << "\n";
    else print_text(r);
    return 0;
  });

  struct FundingArgs {
    std::string file, avenants, date;
    bool json = false;
  };
  auto f = std::make_shared<FundingArgs>();
  auto* fund = app.add_subcommand("funding", "Calcule le financement et l’échéancier du contrat ACI d’un dossier, avenants compris");
  fund->add_option("DOSSIER", f->file, "Fichier dossier JSON (avec sa section contrat)")->required()->check(existing_file())->type_name("FICHIER");
  fund->add_option("--avenants", f->avenants, "Répertoire des avenants : AVENANTS/<nom du dossier>/*.json")
      ->check(existing_dir())->type_name("DOSSIER");
  fund->add_option("--date", f->date, "Le contrat tel qu’il était à cette date (AAAA-MM-JJ) : avenants signés et taux d’atteinte "
                                      "constatés jusqu’à elle (par défaut, tout)");
  fund->add_flag("--json", f->json, "Sortie JSON");
  registry.add(fund, [f] {
    check_date_option(f->date);
    std::vector<Diagnostic> warnings;
    dossier::History history = dossier::load_history(f->file, f->avenants, "", &warnings);
    nlohmann::json d = history.at(f->date);
    if (!d.contains("contrat"))
      throw Error(ErrorKind::InvalidInput, Diagnostic{Severity::Error, "trame.cli.E004", f->file, 0, 0, "/contrat",
                                                      "le dossier n’a pas de section contrat"});
    funding::Result r = dossier::contract_funding(d, f->file);
    warnings.insert(warnings.end(), r.warnings.begin(), r.warnings.end());
    print_warnings(warnings);
    if (f->json) std::cout << r.to_json().dump(2) << "\n";
    else print_text(r);
    return 0;
  });
}

}  // namespace trame::cli
