// Statutes: roles of the bureau in the ministry model's order, and labels.
#include "app/contexts.hpp"

namespace trame::app {
using nlohmann::json;

bool has_statuts(const json& dossier) { return dossier.contains("statuts"); }

json statuts_context(const json& dossier) {
  json ctx = json::object();  // the dossier itself is the template's root (contexts.hpp)
  static const std::vector<std::pair<const char*, const char*>> roles = {
      {"president", "un président"},       {"vice_president", "un ou plusieurs vice-présidents"},
      {"secretaire", "un secrétaire"},     {"secretaire_adjoint", "un secrétaire adjoint"},
      {"tresorier", "un trésorier"},       {"tresorier_adjoint", "un trésorier adjoint"}};
  json present = json::array();
  for (const auto& [id, label] : roles)
    for (const auto& m : dossier["statuts"]["bureau"])
      if (m["role"] == id) {
        present.push_back(label);
        break;
      }
  const json& st = dossier["statuts"];
  json k;
  k["roles_bureau"] = present;
  k["agrement"] = st["admission"]["agrement"] == "bureau"    ? "Les demandes d’adhésion sont agréées par le bureau, qui statue lors de chacune de ses réunions ; le refus est motivé."
                  : st["admission"]["agrement"] == "conseil" ? "Les demandes d’adhésion sont agréées par le conseil d’administration ; le refus est motivé."
                                                             : "L’adhésion est acquise dès le paiement de la cotisation.";
  k["transfert"] = st.value("transfert_siege", "conseil") == "conseil" ? "par simple décision du conseil d’administration"
                                                                       : "par décision de l’assemblée générale";
  json signataires = json::array();
  for (const auto& s : st["signataires"])
    signataires.push_back({{"nom", (s.contains("civilite") ? s["civilite"].get<std::string>() + " " : std::string()) +
                                       s["prenom"].get<std::string>() + " " + s["nom"].get<std::string>()},
                           {"fonction", s["fonction"]}});
  k["signataires"] = signataires;
  ctx["calcul"]["statuts"] = std::move(k);
  return ctx;
}

}  // namespace trame::app
