// What an avenant changes, as sentences of a contract: the things named by their
// labels (missions from the ACI table, indicators and communes by their names),
// values in French, never an identifier or a JSON path.
#include "dossier/wording.hpp"

#include <map>
#include <regex>

#include "funding/table.hpp"
#include "locale/format.hpp"
#include "locale/french.hpp"

namespace trame::dossier {
using nlohmann::json;

namespace {

std::string mission_label(const json& dossier, const std::string& id) {
  try {
    const std::string date = dossier["contrat"]["signature"]["date"];
    const auto& table = dossier["contrat"].contains("table_aci")
                            ? funding::table_version(dossier["contrat"]["table_aci"].get<std::string>())
                            : funding::table_for_date(date);
    if (const auto* m = table.mission(id)) return locale::lower_first(m->label);
  } catch (...) {
  }
  return id;
}

std::string number(const json& v) { return v.is_number() ? locale::number(v.get<double>()) : "—"; }

// A value with the indicator's unit (« 57 % », « 4 séances »).
std::string measure(const json& v, const json& indicator) {
  return v.is_number() ? locale::quantity(v.get<double>(), indicator.value("unite", "")) : "—";
}

// « des années 1 à 5 : 57 % ; 60 % ; … »; the years before a mission starts (no target) are
// left out: « des années 2 à 5 : 4 séances ; … ».
std::string targets(const json& cibles, const json& indicator) {
  size_t first = 0;
  while (first + 1 < cibles.size() && cibles[first].is_null()) ++first;
  std::string s;
  for (size_t y = first; y < cibles.size(); ++y) s += (s.empty() ? "" : " ; ") + measure(cibles[y], indicator);
  return "des années " + std::to_string(first + 1) + " à " + std::to_string(cibles.size()) + " : " + s;
}

// A free text inside a sentence: its first letter in lower case unless it starts an acronym
// (« Nombre de séances » -> « nombre de séances », « CPTS » stays).
std::string inside_sentence(std::string text) {
  if (text.size() > 1 && text[1] >= 'a' && text[1] <= 'z') return locale::lower_first(text);
  return text;
}

std::string indicator_sentence(const json& dossier, const json& i) {
  std::string s = "Un indicateur est ajouté à la mission « " + mission_label(dossier, i.value("mission", "")) + " » : « " +
                  i.value("libelle", "") + " », indicateur de " + (i.value("nature", "") == "moyens" ? "moyens" : "résultats");
  s += i.value("conditionne_remuneration", false) ? " qui conditionne la rémunération" : " suivi sans effet sur la rémunération";
  s += std::string(", à faire évoluer à la ") + (i.value("sens", "hausse") == "baisse" ? "baisse" : "hausse");
  if (i.contains("source")) s += " ; source : " + i["source"].get<std::string>();
  if (i.contains("mode_calcul")) s += " ; mode de calcul : " + inside_sentence(i["mode_calcul"].get<std::string>());
  if (i.contains("valeur_reference")) s += " ; valeur de référence : " + measure(i["valeur_reference"], i);
  if (i.contains("cibles")) s += " ; objectifs " + targets(i["cibles"], i);
  if (i.contains("poids")) s += " ; poids dans le taux d’atteinte de la mission : " + number(i["poids"]);
  return s + ".";
}

}  // namespace

std::string change_sentence(const json& before, const json& after, const json& op) {
  const std::string kind = op.value("op", "");
  const std::string path = op.value("path", "");
  const json value = op.contains("value") ? op["value"] : json();
  std::smatch m;
  auto at = [](const json& d, const std::string& pointer) -> json {
    json::json_pointer p(pointer);
    return d.contains(p) ? d[p] : json();
  };
  static const std::regex mission_item(R"(^/contrat/missions/(\d+)$)"), mission_field(R"(^/contrat/missions/(\d+)/(\w+)$)"),
      indicator_field(R"(^/contrat/indicateurs/(\d+)/(\w+)$)"), indicator_item(R"(^/contrat/indicateurs/(\d+)$)");
  if (path == "/contrat/missions/-" && kind == "add") {
    std::string s = "La mission « " + mission_label(after, value.value("id", "")) + " » est ajoutée au contrat à compter du " +
                    locale::date_long(value.value("debut", ""));
    if (value.contains("description")) {
      std::string d = value["description"];
      while (!d.empty() && (d.back() == '.' || d.back() == ' ')) d.pop_back();
      s += " ; modalités de mise en œuvre : " + inside_sentence(d);
    }
    return s + ".";
  }
  if (std::regex_match(path, m, mission_item) && kind == "remove") {
    const json old = at(before, path);
    return "La mission « " + mission_label(before, old.value("id", "")) + " » est retirée du contrat.";
  }
  if (std::regex_match(path, m, mission_field)) {
    const json mission = at(after, "/contrat/missions/" + m[1].str());
    const std::string label = mission_label(after, mission.value("id", ""));
    if (m[2] == "debut" && kind == "replace")
      return "La mission « " + label + " » débute le " + locale::date_long(value.get<std::string>()) + " au lieu du " +
             locale::date_long(at(before, path).get<std::string>()) + ".";
    if (m[2] == "montants" && (kind == "add" || kind == "replace") && value.is_object()) {
      std::string parts;
      static const std::map<std::string, std::string> names = {
          {"fixe", "part fixe"}, {"variable", "part variable"}, {"mt", "volet médecin traitant"}, {"snp", "volet soins non programmés"}};
      for (const auto& [k, v] : value.items())
        parts += (parts.empty() ? "" : " ; ") + (names.count(k) ? names.at(k) : k) + " " + locale::money(v.get<double>());
      return "Les montants annuels négociés de la mission « " + label + " » sont fixés ainsi : " + parts + ".";
    }
  }
  if (path == "/contrat/indicateurs/-" && kind == "add") return indicator_sentence(after, value);
  if (std::regex_match(path, m, indicator_item) && kind == "remove")
    return "L’indicateur « " + at(before, path).value("libelle", "") + " » est retiré du contrat.";
  if (std::regex_match(path, m, indicator_field) && kind == "replace" && m[2] == "cibles") {
    const json indicator = at(after, "/contrat/indicateurs/" + m[1].str());
    std::string old_targets = targets(at(before, path), indicator), new_targets = targets(value, indicator);
    const std::string years = old_targets.substr(0, old_targets.find(" : "));
    if (years == new_targets.substr(0, new_targets.find(" : ")))  // « Les objectifs des années 1 à 5 … passent de A à B »
      return "Les objectifs " + years + " de l’indicateur « " + indicator.value("libelle", "") + " » passent de " +
             old_targets.substr(years.size() + 3) + " à " + new_targets.substr(years.size() + 3) + ".";
    return "Les objectifs de l’indicateur « " + indicator.value("libelle", "") + " » sont modifiés : jusqu’ici, objectifs " +
           old_targets + " ; désormais, objectifs " + new_targets + ".";
  }
  if (path == "/territoire/population" && kind == "replace")
    return "La population du territoire passe de " + number(at(before, path)) + " à " + number(value) + " habitants.";
  if (path == "/territoire/communes/-" && kind == "add")
    return "Le territoire s’étend à la commune " + locale::of_place(value.value("nom", "")) + " (code INSEE " + value.value("code_insee", "") +
           ", " + number(value["population"]) + " habitants).";
  if (path == "/territoire/intercommunalites/-" && kind == "add")
    return "Le territoire compte désormais l’intercommunalité « " + value.value("nom", "") + " » (" +
           number(value["communes"]) + " commune" + (value.value("communes", 0) > 1 ? "s" : "") + ", " +
           number(value["population"]) + " habitants).";
  if (path == "/contrat/reunions/-" && kind == "add")
    return "Une réunion de suivi est ajoutée le " + locale::date_long(value.value("date", "")) + " : " +
           value.value("objet", "") + ".";
  return "";
}

}  // namespace trame::dossier
