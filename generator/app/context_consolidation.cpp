// The consolidated contract: the contract as its avenants left it on the
// consolidation date, the avenants it integrates, the articles each changed,
// and the schedule with each year's variable pay as reviewed beside what was
// planned (docs/guide/avenants-et-lots.md).
#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "app/contexts.hpp"
#include "dossier/contract.hpp"
#include "locale/format.hpp"

namespace trame::app {
using nlohmann::json;

namespace {

// The dossier without any measured value: the contract planned at full achievement.
json planned(json d) {
  auto forget = [](json& contrat) {
    if (contrat.contains("indicateurs"))
      for (auto& i : contrat["indicateurs"]) i.erase("realise");
  };
  if (d.contains("contrat")) forget(d["contrat"]);
  if (d.contains("_versions"))
    for (auto& v : d["_versions"]) forget(v["contrat"]);
  return d;
}

// « l’avenant n° 1 », « les avenants n° 1 et 2 », « les avenants n° 1 à 3 ».
std::string numbers_text(const std::vector<int>& n) {
  if (n.size() == 1) return "l’avenant n° " + std::to_string(n[0]);
  bool contiguous = true;
  for (size_t i = 1; i < n.size(); ++i) contiguous = contiguous && n[i] == n[i - 1] + 1;
  std::string s = "les avenants n° ";
  if (contiguous && n.size() > 2) return s + std::to_string(n.front()) + " à " + std::to_string(n.back());
  for (size_t i = 0; i < n.size(); ++i) s += (i == 0 ? "" : i + 1 == n.size() ? " et " : ", ") + std::to_string(n[i]);
  return s;
}

}  // namespace

json contrat_consolide_context(const json& dossier) {
  // Articles and annexes read as the avenants left them; the amounts of the articles are
  // the maxima (full achievement), as in the signed contract.
  json ctx = contrat_aci_context(planned(dossier));
  json k;
  k["date"] = dossier.value("_date", dossier["_avenants"].back()["date_effet"].get<std::string>());
  std::vector<int> numbers;
  json list = json::array();
  std::vector<std::string> order;  // the articles changed, in the order the avenants cite them
  std::map<std::string, std::vector<int>> by_article;
  for (const auto& a : dossier["_avenants"]) {
    const int number = a["numero"];
    numbers.push_back(number);
    list.push_back({{"numero", number}, {"date_signature", a["date_signature"]}, {"date_effet", a["date_effet"]},
                    {"objet", a["objet"]}});
    const json one = avenant_context(dossier, a["numero_texte"].get<std::string>());
    for (const auto& title : one["calcul"]["avenant"]["articles_modifies"]) {
      const std::string t = title.get<std::string>();
      if (std::find(order.begin(), order.end(), t) == order.end()) order.push_back(t);
      auto& v = by_article[t];
      if (v.empty() || v.back() != number) v.push_back(number);
    }
  }
  k["avenants"] = std::move(list);
  k["integre"] = numbers_text(numbers);
  std::stable_sort(order.begin(), order.end(),
                   [](const std::string& a, const std::string& b) { return contract_order(a) < contract_order(b); });
  json articles = json::array();
  for (const auto& title : order) articles.push_back({{"article", title}, {"avenants", numbers_text(by_article[title])}});
  k["articles"] = std::move(articles);

  // The schedule: what was planned (full achievement) and what is due as reviewed.
  funding::Result plan = dossier::contract_funding(planned(dossier));
  funding::Result actual = dossier::contract_funding(dossier);
  std::map<std::tuple<std::string, std::string, std::string, int>, const funding::Payment*> found;
  for (const auto& p : actual.schedule) found[{p.date, p.line, p.kind, p.year}] = &p;
  json rows = json::array();
  std::array<funding::Cents, funding::kContractYears> planned_year{}, actual_year{};
  for (const auto& p : plan.schedule) {
    auto it = found.find({p.date, p.line, p.kind, p.year});
    const funding::Payment* a = it == found.end() ? nullptr : it->second;
    funding::Cents due = a ? a->amount : 0;
    bool reviewed = false;
    for (const auto& mr : actual.rates)
      if (p.kind == "variable" && p.line.rfind(mr.mission + ".", 0) == 0 && mr.year == p.year) reviewed = mr.measured;
    std::string label = a ? a->label : p.label;
    if (!a && p.kind == "variable") label = label.substr(0, label.find(" au taux")) + " au taux d’atteinte de 0 %";
    rows.push_back({{"date", p.date}, {"libelle", label}, {"prevu", funding::euros(p.amount)}, {"retenu", funding::euros(due)},
                    {"constate", reviewed}});
    planned_year[p.year - 1] += p.amount;
    actual_year[p.year - 1] += due;
  }
  k["echeancier"] = std::move(rows);
  json years = json::array();
  for (int y = 0; y < funding::kContractYears; ++y)
    years.push_back({{"annee", y + 1}, {"prevu", funding::euros(planned_year[y])}, {"retenu", funding::euros(actual_year[y])}});
  k["par_annee"] = std::move(years);
  k["total_prevu"] = funding::euros(plan.schedule_total);
  k["total_retenu"] = funding::euros(actual.schedule_total);
  ctx["calcul"]["contrat"]["consolide"] = true;
  ctx["calcul"]["contrat"]["titre_document"] = "Contrat ACI, version consolidée au " + locale::date_long(k["date"]);
  ctx["calcul"]["consolidation"] = std::move(k);
  return ctx;
}

}  // namespace trame::app
