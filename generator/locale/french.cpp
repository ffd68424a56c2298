#include "locale/french.hpp"

#include <map>
#include <mutex>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"
#include "common/files.hpp"
#include "locale/format.hpp"

namespace trame::locale {
namespace {
using nlohmann::json;

bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

// A data file of models/francais, parsed once; a missing or unreadable file is an internal error in French.
json load(const std::string& name) {
  const auto path = data_dir() / "models" / "francais" / name;
  std::string text = read_file(path);
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    throw Error(ErrorKind::Internal, Diagnostic{Severity::Error, "trame.locale.E001", path.string(), 0, 0, "",
                                                std::string("données de langue illisibles : ") + e.what()});
  }
}

// Lower case, typographic apostrophe: the form names are compared in.
std::string key_of(std::string s) {
  for (size_t p = 0; (p = s.find('\'', p)) != std::string::npos;) s.replace(p, 1, "’");
  return lower(s);
}

struct Departements {
  std::vector<Departement> all;
  std::map<std::string, size_t> by_key;  // code and name
};

const Departements& departements() {
  static std::once_flag once;
  static Departements d;
  std::call_once(once, [] {
    json j = load("departements.json");
    for (const auto& r : j.at("departements")) {
      d.all.push_back({r.at("code"), r.at("nom"), r.at("article"), r.at("de")});
    }
    for (size_t i = 0; i < d.all.size(); ++i) {
      d.by_key[key_of(d.all[i].code)] = i;
      d.by_key[key_of(d.all[i].name)] = i;
    }
  });
  return d;
}

const std::map<std::string, std::string>& feminines() {
  static std::once_flag once;
  static std::map<std::string, std::string> m;
  std::call_once(once, [] {
    json j = load("feminins.json");
    for (const auto& [k, v] : j.at("mots").items()) m[k] = v.get<std::string>();
  });
  return m;
}

// Begins with a vowel (accented or not) or a mute h is not known: only vowels elide « de ».
bool elides(const std::string& s) {
  static const std::vector<std::string> vowels = {"A", "E", "I", "O", "U", "Y", "É", "È", "Ê", "Î", "Ô", "Â",
                                                  "a", "e", "i", "o", "u", "y", "é", "è", "ê", "î", "ô", "â"};
  for (const auto& v : vowels)
    if (starts_with(s, v)) return true;
  return false;
}

}  // namespace

std::string at_place(const std::string& place) {
  if (starts_with(place, "Le ")) return "au " + place.substr(3);
  if (starts_with(place, "Les ")) return "aux " + place.substr(4);
  return "à " + place;
}

std::string of_place(const std::string& place) {
  if (starts_with(place, "Le ")) return "du " + place.substr(3);
  if (starts_with(place, "Les ")) return "des " + place.substr(4);
  if (elides(place)) return "d’" + place;
  return "de " + place;
}

const Departement* find_departement(const std::string& key) {
  const auto& d = departements();
  auto it = d.by_key.find(key_of(key));
  return it == d.by_key.end() ? nullptr : &d.all[it->second];
}

std::string departement_with_article(const std::string& key) {
  const Departement* d = find_departement(key);
  return d ? d->with_article : key;
}

std::string departement_with_of(const std::string& key) {
  const Departement* d = find_departement(key);
  return d ? d->with_of : of_place(key);
}

std::string with_title_article(const std::string& person) {
  for (const char* title : {"Dr ", "Pr ", "Docteur ", "Professeur "})
    if (starts_with(person, title)) return "le " + person;
  for (const char* title : {"Dre ", "Docteure ", "Professeure "})
    if (starts_with(person, title)) return "la " + person;
  return person;
}

bool is_feminine(const std::string& civilite, const std::string& fonction) {
  if (civilite == "Mme" || civilite == "Madame" || civilite == "Mlle") return true;
  if (civilite == "M." || civilite == "Monsieur") return false;
  // A function already in the feminine tells: one of its words is a feminine form the table makes.
  std::string f = lower(fonction);
  for (const auto& [masc, fem] : feminines()) {
    if (masc == fem || fem.find(' ') != std::string::npos) continue;
    for (size_t p = 0; (p = f.find(fem, p)) != std::string::npos; p += fem.size()) {
      bool start = p == 0 || f[p - 1] == ' ' || f[p - 1] == '-' || f[p - 1] == '(';
      size_t e = p + fem.size();
      bool end = e == f.size() || f[e] == ' ' || f[e] == ',' || f[e] == ')' || f[e] == '-';
      if (start && end) return true;
    }
  }
  return false;
}

std::string agree(const std::string& text, bool feminine) {
  if (!feminine) return text;
  const auto& table = feminines();
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t e = text.find_first_of(" ,;()", i);
    if (e == std::string::npos) e = text.size();
    std::string word = text.substr(i, e - i);
    std::string low = lower(word);
    auto it = table.find(low);
    if (it != table.end() && low != word && capitalize(low) == word)
      out += capitalize(it->second);
    else if (it != table.end() && low == word)
      out += it->second;
    else
      out += word;
    if (e < text.size()) out += text[e];
    i = e + 1;
  }
  return out;
}

}  // namespace trame::locale
