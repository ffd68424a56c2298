// French grammar that string concatenation gets wrong, backed by data
// (models/francais/): prepositions before place names, departments with their
// article (INSEE list of 101), articles before titles, feminine agreement.
// Every function is thread-safe; the data files are read once a process.
#pragma once
#include <string>

namespace trame::locale {

// « à » + place: "Le Mans" -> "au Mans", "Les Abymes" -> "aux Abymes", "Laval" -> "à Laval",
// "La Flèche" -> "à La Flèche".
std::string at_place(const std::string& place);
// « de » + place: "Le Mans" -> "du Mans", "Les Abymes" -> "des Abymes", "Avranches" -> "d’Avranches".
std::string of_place(const std::string& place);

struct Departement {
  std::string code, name, with_article, with_of;
};
// The department whose INSEE code ("50", "2A", "974") or name ("Manche", "Côte-d'Or",
// case and apostrophe insensitive) is `key`; nullptr if none of the 101 is.
const Departement* find_departement(const std::string& key);
// "la Manche", "le Calvados", "l’Orne", "les Landes", "Paris"; an unknown key is returned as is.
std::string departement_with_article(const std::string& key);
// "de la Manche", "du Calvados", "de l’Orne", "des Landes", "d’Eure-et-Loir"; unknown: of_place(key).
std::string departement_with_of(const std::string& key);

// A person named with a title takes the article: "Dr Anne Roux" -> "le Dr Anne Roux",
// "Pr X" -> "le Pr X"; "Mme Y", "M. Z" and plain names are returned as they are.
std::string with_title_article(const std::string& person);
// Whether a person is a woman as far as the documents can tell: civility "Mme" (or "Madame",
// "Mlle"), else a function already written in the feminine ("Présidente", "Directrice").
bool is_feminine(const std::string& civilite, const std::string& fonction);
// Every word of `text` in its feminine form when `feminine` (models/francais/feminins.json):
// "Président, représentant légal" -> "Présidente, représentante légale"; the capital of the
// first letter is kept; words the table does not know stay as they are.
std::string agree(const std::string& text, bool feminine);

}  // namespace trame::locale
