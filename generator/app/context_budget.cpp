// Budget prévisionnel: lines grouped by account class with subtotals per year,
// totals, contributions in kind. Used by the budget document and the projet de santé.
#include <map>

#include "app/contexts.hpp"
#include "locale/format.hpp"
#include "locale/french.hpp"

namespace trame::app {
using nlohmann::json;

static const std::map<std::string, std::string>& class_labels() {
  static const std::map<std::string, std::string> labels = {
      {"60", "Achats"},
      {"61", "Services extérieurs"},
      {"62", "Autres services extérieurs"},
      {"63", "Impôts et taxes"},
      {"64", "Charges de personnel"},
      {"65", "Autres charges de gestion courante"},
      {"66", "Charges financières"},
      {"67", "Charges exceptionnelles"},
      {"68", "Dotation aux amortissements"},
      {"70", "Ventes de produits finis, de marchandises, prestations de services"},
      {"74", "Subventions d’exploitation"},
      {"75", "Autres produits de gestion courante"},
      {"76", "Produits financiers"},
      {"77", "Produits exceptionnels"},
      {"78", "Reprises sur amortissements et provisions"},
      {"86", "Emplois des contributions volontaires en nature"},
      {"87", "Contributions volontaires en nature"},
  };
  return labels;
}

// Groups lines by the two first digits of their account, in account order.
static json classes(const json& lines, size_t years, std::vector<double>& total) {
  std::map<std::string, json> groups;
  total.assign(years, 0.0);
  for (const auto& l : lines) {
    std::string cls = l.at("compte").get<std::string>().substr(0, 2);
    json& g = groups[cls];
    if (g.is_null()) {
      auto it = class_labels().find(cls);
      g = {{"compte", cls}, {"libelle", it == class_labels().end() ? cls : it->second}, {"lignes", json::array()},
           {"sous_totaux", std::vector<double>(years, 0.0)}};
    }
    g["lignes"].push_back(l);
    for (size_t y = 0; y < years && y < l["montants"].size(); ++y) {
      double v = l["montants"][y].get<double>();
      g["sous_totaux"][y] = g["sous_totaux"][y].get<double>() + v;
      total[y] += v;
    }
  }
  json out = json::array();
  for (auto& [k, g] : groups) out.push_back(g);
  return out;
}

json budget_summary(const json& dossier) {
  const json& b = dossier.at("budget_previsionnel");
  size_t n = b.at("annees").size();
  std::vector<double> tc, tp, te, tr;
  json k;
  k["annees"] = b["annees"];
  k["charges"] = classes(b["charges"], n, tc);
  k["produits"] = classes(b["produits"], n, tp);
  json empty = json::array();
  bool has_contrib = b.contains("contributions") &&
                     (!b["contributions"]["emplois"].empty() || !b["contributions"]["ressources"].empty());
  k["emplois"] = classes(has_contrib ? b["contributions"]["emplois"] : empty, n, te);
  k["ressources"] = classes(has_contrib ? b["contributions"]["ressources"] : empty, n, tr);
  k["contributions"] = has_contrib;
  // Charges indirectes of the model (seed 002): a row each, in the total of charges beside the direct ones.
  static const std::map<std::string, std::string> indirect_labels = {
      {"fonctionnement", "Charges fixes de fonctionnement"}, {"frais_financiers", "Frais financiers"}, {"autres", "Autres"}};
  json indirect = json::array();
  std::vector<double> ti(n, 0.0);
  for (const auto& l : b.value("charges_indirectes", json::array())) {
    std::string label = indirect_labels.at(l.at("nature").get<std::string>());
    if (l.contains("libelle")) label += " (" + l["libelle"].get<std::string>() + ")";
    indirect.push_back({{"libelle", label}, {"dans_phrase", locale::lower_first(label)}, {"montants", l["montants"]}});
    for (size_t y = 0; y < n && y < l["montants"].size(); ++y) ti[y] += l["montants"][y].get<double>();
  }
  k["charges_indirectes"] = indirect;
  k["total_charges_indirectes"] = ti;
  k["total_charges_directes"] = tc;
  for (size_t y = 0; y < n; ++y) tc[y] += ti[y];
  k["total_charges"] = tc;
  k["total_produits"] = tp;
  k["total_emplois"] = te;
  k["total_ressources"] = tr;
  std::vector<double> gc(n), gp(n);
  for (size_t y = 0; y < n; ++y) {
    gc[y] = tc[y] + te[y];
    gp[y] = tp[y] + tr[y];
  }
  k["total_general_charges"] = gc;
  k["total_general_produits"] = gp;
  // Column widths: account, label, one column a year.
  std::string widths = "1.1 5.2";
  for (size_t y = 0; y < n; ++y) widths += " 1.9";
  k["largeurs"] = widths;
  // Funders of account 74, for the summary.
  json funders = json::array();
  for (const auto& l : b["produits"])
    if (l["compte"].get<std::string>().rfind("74", 0) == 0)
      funders.push_back({{"financeur", l.value("financeur", l["libelle"].get<std::string>())}, {"montants", l["montants"]}});
  k["financeurs"] = funders;
  // The document's date: its own, else the letter's, else none.
  k["date"] = b.contains("date") ? b["date"] : dossier.contains("lettre_intention") ? dossier["lettre_intention"]["date"] : json("");
  // « Fait à Granville, le 30 janvier 2026 » (the place alone when the budget has no date).
  std::string fait = "Fait " + locale::at_place(dossier.at("cpts").at("adresse").at("commune").get<std::string>());
  if (!k["date"].get<std::string>().empty()) fait += ", le " + locale::date_long(k["date"].get<std::string>());
  k["fait_a_le"] = fait;
  return k;
}

bool has_budget(const json& dossier) { return dossier.contains("budget_previsionnel"); }

json budget_context(const json& dossier) {
  json ctx = json::object();  // the dossier itself is the template's root (contexts.hpp)
  ctx["calcul"] = {{"budget", budget_summary(dossier)}};
  return ctx;
}

}  // namespace trame::app
