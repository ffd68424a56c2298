// The follow-up the seeds ask of a contract, checked as warnings (never blocking):
// the national indicators of the accès mission (seeds 001, 002), an annual review
// within two months after each anniversary (seed 001), a COPIL at least twice a year
// (seed 000).
#include "dossier/follow_up.hpp"

#include <set>

#include "funding/funding.hpp"
#include "locale/format.hpp"

namespace trame::dossier {
using nlohmann::json;

std::vector<Diagnostic> check_follow_up(const json& d, const std::string& file) {
  std::vector<Diagnostic> out;
  auto warn = [&](const char* id, const std::string& pointer, const std::string& msg) {
    out.push_back(Diagnostic{Severity::Warning, id, file, 0, 0, pointer, msg});
  };
  if (!d.contains("contrat") || !d["contrat"].is_object()) return out;
  const json& c = d["contrat"];
  const std::string sig = c["signature"].value("date", "");
  if (!locale::is_iso_date(sig) || sig.compare(0, 4, "1900") < 0 || sig.compare(0, 4, "2199") > 0) return out;

  // National indicators of the accès mission: always followed (the SNP one with the SNP volet).
  bool snp = false, acces = false;
  for (const auto& m : c.value("missions", json::array()))
    if (m.value("id", "") == "acces") {
      acces = true;
      for (const auto& v : m.value("volets", json::array())) snp = snp || v == "snp";
    }
  if (acces) try {
      const funding::Table& table =
          c.contains("table_aci") ? funding::table_version(c["table_aci"].get<std::string>()) : funding::table_for_date(sig);
      std::set<std::string> present;
      for (const auto& i : c.value("indicateurs", json::array())) present.insert(i.value("id", ""));
      std::string missing;
      for (const auto& n : table.national_indicators)
        if (!present.count(n.id) && (n.id != "snp_consultations" || snp))
          missing += (missing.empty() ? "« " : ", « ") + n.label + " »";
      if (!missing.empty())
        warn("trame.dossier.W335", "/contrat/indicateurs",
             "Indicateurs nationaux de la mission accès aux soins absents du contrat : " + missing +
                 ". L’accord les prévoit pour toutes les CPTS, au moins pour le suivi.");
    } catch (const Error&) {
      // an unknown table is reported by the contract rules
    }

  // Meetings planned (contrat.reunions) or held (copils).
  std::vector<std::string> meetings;
  for (const auto& r : c.value("reunions", json::array()))
    if (r.contains("date") && r["date"].is_string()) meetings.push_back(r["date"]);
  for (const auto& m : d.value("copils", json::array()))
    if (m.contains("date") && m["date"].is_string()) meetings.push_back(m["date"]);
  if (meetings.empty()) {
    warn("trame.dossier.W336", "/contrat/reunions",
         "Aucune réunion de suivi n’est prévue : l’accord demande une réunion annuelle dans les deux mois suivant chaque "
         "date anniversaire du contrat.");
    return out;
  }
  std::string unreviewed, thin;
  for (int k = 1; k <= funding::kContractYears; ++k) {
    const std::string anniversary = funding::add_months(sig, 12 * k), limit = funding::add_months(sig, 12 * k + 2);
    bool reviewed = false;
    for (const auto& m : meetings) reviewed = reviewed || (m >= anniversary && m <= limit);
    if (!reviewed) unreviewed += (unreviewed.empty() ? "" : ", ") + ("année " + std::to_string(k) + " (réunion attendue du " +
                                                                   locale::date_long(anniversary) + " au " + locale::date_long(limit) + ")");
    const std::string from = funding::add_months(sig, 12 * (k - 1)), to = anniversary;
    int n = 0;
    for (const auto& m : meetings) n += m >= from && m < to;
    if (n < 2) thin += (thin.empty() ? "" : ", ") + ("année " + std::to_string(k) + " : " + std::to_string(n));
  }
  if (!unreviewed.empty())
    warn("trame.dossier.W336", "/contrat/reunions",
         "Aucune réunion annuelle de suivi n’est prévue dans les deux mois suivant la date anniversaire du contrat pour : " +
             unreviewed + ".");
  if (!thin.empty())
    warn("trame.dossier.W337", "/contrat/reunions",
         "Le comité de pilotage se réunit au moins deux fois par an ; réunions prévues ou tenues par année du contrat : " + thin +
             ".");
  return out;
}

}  // namespace trame::dossier
