#include "dossier/item_names.hpp"

#include <array>
#include <utility>

#include "locale/format.hpp"

namespace trame::dossier {
using nlohmann::json;

namespace {

struct ListNoun {
  const char* list;  // the list's pointer, "*" for an index of an enclosing list
  const char* noun;
  bool feminine;
};

// Every list of objects (and the lists of years) of models/dossier.schema.json.
constexpr std::array<ListNoun, 33> kNouns{{
    {"/collectif/professionnels", "professionnel", false},
    {"/collectif/etablissements", "établissement", false},
    {"/collectif/a_associer", "acteur à associer", false},
    {"/territoire/intercommunalites", "intercommunalité", true},
    {"/territoire/communes", "commune", true},
    {"/orientations", "orientation", true},
    {"/calendrier", "étape du calendrier", true},
    {"/budget_amorcage/charges", "charge du budget d’amorçage", true},
    {"/budget_amorcage/produits", "produit du budget d’amorçage", false},
    {"/budget_previsionnel/annees", "année du budget", true},
    {"/budget_previsionnel/charges", "ligne de charges", true},
    {"/budget_previsionnel/produits", "ligne de produits", true},
    {"/budget_previsionnel/contributions/emplois", "ligne d’emplois", true},
    {"/budget_previsionnel/contributions/ressources", "ligne de contributions", true},
    {"/statuts/colleges", "collège", false},
    {"/statuts/ressources", "ressource", true},
    {"/statuts/bureau", "membre du bureau", false},
    {"/statuts/signataires", "signataire", false},
    {"/projet_sante/actions", "fiche action", true},
    {"/projet_sante/actions/*/calendrier/etapes", "étape", true},
    {"/projet_sante/actions/*/indicateurs", "indicateur", false},
    {"/projet_sante/actions/*/acteurs", "acteur", false},
    {"/projet_sante/calendrier", "étape du calendrier", true},
    {"/projet_sante/evaluation/quantitatifs", "indicateur quantitatif", false},
    {"/projet_sante/evaluation/qualitatifs", "indicateur qualitatif", false},
    {"/contrat/missions", "mission", true},
    {"/contrat/indicateurs", "indicateur", false},
    {"/contrat/reunions", "réunion de suivi", true},
    {"/copils", "COPIL", false},
    {"/copils/*/participants", "participant", false},
    {"/copils/*/ordre_du_jour", "point de l’ordre du jour", false},
    {"/copils/*/decisions", "décision", true},
    {"/copils/*/actions", "action", true},
}};

bool is_index(const std::string& t) {
  if (t.empty() || t.size() > 9) return false;
  for (char c : t)
    if (c < '0' || c > '9') return false;
  return true;
}

std::vector<std::string> split(const std::string& pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty() || pointer[0] != '/') return tokens;
  std::string t;
  for (size_t i = 1; i <= pointer.size(); ++i) {
    if (i == pointer.size() || pointer[i] == '/') {
      tokens.push_back(t);
      t.clear();
    } else {
      t += pointer[i];
    }
  }
  return tokens;
}

const ListNoun* noun_of(const std::string& list_pointer) {
  std::string pattern;
  for (const auto& t : split(list_pointer)) pattern += "/" + (is_index(t) ? std::string("*") : t);
  for (const auto& n : kNouns)
    if (pattern == n.list) return &n;
  return nullptr;
}

// At most 60 characters (UTF-8 safe), on one line.
std::string short_text(const std::string& s) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++chars > 60) return printable(out) + "…";
    out += s[i];
  }
  return printable(out);
}

// The item's own name: a person's first and last name, a date (meetings), else its title.
std::string own_name(const json& item) {
  if (item.is_string()) return short_text(item.get<std::string>());
  if (item.is_number_integer()) return item.dump();
  if (!item.is_object()) return "";
  auto text = [&](const char* k) { return item.contains(k) && item[k].is_string() ? item[k].get<std::string>() : ""; };
  if (!text("prenom").empty() && !text("nom").empty()) return short_text(text("prenom") + " " + text("nom"));
  const std::string date = text("date");
  if (!date.empty() && !item.contains("etape")) {
    const std::string when = locale::is_iso_date(date) ? locale::date_long(date) : short_text(date);
    return text("objet").empty() ? when : when + ", " + short_text(text("objet"));
  }
  for (const char* k : {"intitule", "libelle", "nom", "etape", "action", "texte", "service", "id"})
    if (!text(k).empty()) return short_text(text(k));
  return "";
}

}  // namespace

namespace {

// The rank and noun of an item ("7e professionnel") and its own name ("Sophie Marie", maybe "").
std::pair<std::string, std::string> rank_and_name(const json& dossier, const std::string& list_pointer, std::size_t index) {
  const ListNoun* n = noun_of(list_pointer);
  if (!n) return {};
  std::string rank = std::to_string(index + 1) + (index == 0 ? (n->feminine ? "re " : "er ") : "e ") + n->noun;
  std::string name;
  try {
    const json& list = dossier.at(json::json_pointer(list_pointer));
    if (list.is_array() && index < list.size()) name = own_name(list[index]);
  } catch (const json::exception&) {
  }
  return {rank, name};
}

// The named items along `pointer`, outermost first; an item whose name `message`
// already quotes (« Ateliers… ») is given by its rank alone.
std::string items_for(const json& dossier, const std::string& pointer, const std::string& message) {
  std::string out, prefix;
  for (const auto& t : split(pointer)) {
    if (is_index(t) && !prefix.empty()) {
      auto [rank, name] = rank_and_name(dossier, prefix, std::stoul(t));
      if (!rank.empty()) {
        const bool quoted = !name.empty() && message.find("« " + name + " »") != std::string::npos;
        out += (out.empty() ? "" : " › ") + rank + (name.empty() || quoted ? "" : " (" + name + ")");
      }
    }
    prefix += "/" + t;
  }
  return out;
}

}  // namespace

std::string item_label(const json& dossier, const std::string& list_pointer, std::size_t index) {
  auto [rank, name] = rank_and_name(dossier, list_pointer, index);
  return name.empty() ? rank : rank + " (" + name + ")";
}

std::string items_along(const json& dossier, const std::string& pointer) { return items_for(dossier, pointer, ""); }

void name_items(const json& dossier, std::vector<Diagnostic>& diagnostics) {
  for (auto& d : diagnostics) {
    const std::string items = items_for(dossier, d.json_path, d.message);
    if (items.empty() || d.message.find(items_along(dossier, d.json_path)) != std::string::npos) continue;
    // « Le code… » inside a sentence: « … (Avranches) : le code… »; « COPIL », « INSEE » stay.
    std::string message = d.message;
    if (message.size() > 1 && message[0] >= 'A' && message[0] <= 'Z' && !(message[1] >= 'A' && message[1] <= 'Z'))
      message = locale::lower_first(message);
    d.message = items + " : " + message;
  }
}

}  // namespace trame::dossier
