// Dates that cannot be: the rules that keep a dossier's dated facts in an order
// the documents can tell truthfully (docs/guide/avenants-et-lots.md). The
// avenants' own dates are checked when they are applied (history.cpp).
#include "dossier/timeline.hpp"

#include "funding/engine.hpp"
#include "locale/format.hpp"

namespace trame::dossier {
using nlohmann::json;

namespace {
// A calendar date the schema admits (years 1900 to 2199; others are reported as E303).
bool plausible(const std::string& date) {
  return locale::is_iso_date(date) && date.compare(0, 4, "1900") >= 0 && date.compare(0, 4, "2199") <= 0;
}
}  // namespace

std::vector<Diagnostic> check_timeline(const json& d, const std::string& file) {
  std::vector<Diagnostic> out;
  auto error = [&](const char* id, const std::string& pointer, const std::string& msg) {
    out.push_back(Diagnostic{Severity::Error, id, file, 0, 0, pointer, msg});
  };
  auto when = [](const std::string& iso) { return locale::date_long(iso); };
  auto date_at = [&](const char* pointer) -> std::string {
    json::json_pointer p(pointer);
    return d.contains(p) && d[p].is_string() && plausible(d[p].get<std::string>()) ? d[p].get<std::string>() : "";
  };

  // The association: a document dated before its creation presents it as being created.
  const std::string created = d.contains("cpts") && d["cpts"].value("statut_association", "") == "creee"
                                  ? date_at("/cpts/date_creation") : "";
  if (!created.empty())
    for (const auto& [pointer, what] : {std::pair{"/lettre_intention/date", "La lettre d’intention"},
                                        std::pair{"/projet_sante/date", "Le projet de santé"}}) {
      std::string date = date_at(pointer);
      if (!date.empty() && date < created)
        out.push_back(Diagnostic{Severity::Warning, "trame.dossier.W330", file, 0, 0, "/cpts/date_creation",
                                 std::string(what) + " (" + when(date) + ") précède la création de l’association (" +
                                     when(created) + ") : le document la présente comme en cours de création, sans numéro SIRET."});
    }

  const std::string sig = date_at("/contrat/signature/date");
  if (sig.empty()) return out;
  if (!created.empty() && sig < created)
    error("trame.dossier.E332", "/contrat/signature/date",
          "Le contrat est signé le " + when(sig) + ", avant la création de l’association (" + when(created) +
              ") : il est signé par une association déclarée.");
  const std::string validated = date_at("/contrat/projet_sante_valide_le");
  if (!validated.empty() && sig < validated)
    error("trame.dossier.E333", "/contrat/projet_sante_valide_le",
          "Le projet de santé est validé le " + when(validated) + ", après la signature du contrat (" + when(sig) +
              ") : seul un projet de santé validé par l’ARS ouvre le contrat.");
  const std::string projet = date_at("/projet_sante/date");
  if (!validated.empty() && !projet.empty() && validated < projet)
    error("trame.dossier.E333", "/contrat/projet_sante_valide_le",
          "Le projet de santé est validé le " + when(validated) + ", avant la date qu’il porte (" + when(projet) + ").");

  // Meetings are held during the contract; a meeting reviews a contract year once it is over.
  const std::string end = funding::add_days(funding::add_months(sig, 12 * funding::kContractYears), -1);
  if (d.contains("copils") && d["copils"].is_array())
    for (size_t i = 0; i < d["copils"].size(); ++i) {
      const json& c = d["copils"][i];
      const std::string p = "/copils/" + std::to_string(i);
      if (!c.contains("date") || !c["date"].is_string() || !plausible(c["date"].get<std::string>())) continue;
      const std::string date = c["date"];
      if (date < sig)
        error("trame.dossier.E330", p + "/date",
              "La réunion du " + when(date) + " précède la signature du contrat (" + when(sig) + ").");
      else if (date > end)
        error("trame.dossier.E330", p + "/date",
              "La réunion du " + when(date) + " a lieu après la fin du contrat (" + when(end) + ").");
      const int year = c.contains("annee_revue") && c["annee_revue"].is_number_integer() ? c["annee_revue"].get<int>() : 0;
      if (year >= 1 && year <= funding::kContractYears) {
        const std::string year_end = funding::add_days(funding::add_months(sig, 12 * year), -1);
        if (date <= year_end)
          error("trame.dossier.E331", p + "/annee_revue",
                "La réunion du " + when(date) + " ne peut pas revoir les indicateurs de l’année " + std::to_string(year) +
                    " du contrat, qui s’achève le " + when(year_end) + ".");
      }
    }
  return out;
}

}  // namespace trame::dossier
