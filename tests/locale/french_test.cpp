// French grammar filters (issue 11): expected forms from the INSEE list of
// departments (TNCC) and from French usage, not from the program.
#include <catch2/catch.hpp>

#include "locale/french.hpp"
#include "support/checks.hpp"

using namespace trame::locale;
using trame::test::check_gives;

TEST_CASE("french: « à » and « de » before a place name") {
  check_gives<std::string>(at_place, {{"Le Mans", "au Mans"}, {"Les Abymes", "aux Abymes"}, {"Laval", "à Laval"},
                                      {"La Flèche", "à La Flèche"}});
  check_gives<std::string>(of_place, {{"Le Mans", "du Mans"}, {"Les Abymes", "des Abymes"}, {"Laval", "de Laval"},
                                      {"Avranches", "d’Avranches"}, {"Évreux", "d’Évreux"},
                                      {"La Flèche", "de La Flèche"}});
}

TEST_CASE("french: departments with their article, by INSEE code or name") {
  check_gives<std::string>(departement_with_of, {{"Manche", "de la Manche"}, {"14", "du Calvados"},
                                                 {"Orne", "de l’Orne"}, {"landes", "des Landes"},
                                                 {"Eure-et-Loir", "d’Eure-et-Loir"},
                                                 {"Maine-et-Loire", "de Maine-et-Loire"},
                                                 {"Côte-d'Or", "de la Côte-d’Or"}});
  check_gives<std::string>(departement_with_article, {{"72", "la Sarthe"},
                                                      {"Territoire de Belfort", "le Territoire de Belfort"},
                                                      {"2A", "la Corse-du-Sud"}, {"974", "La Réunion"}});
  int n = 0;
  for (const char* code : {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
                           "17", "18", "19", "2A", "2B", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
                           "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47",
                           "48", "49", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59", "60", "61", "62", "63",
                           "64", "65", "66", "67", "68", "69", "70", "71", "72", "73", "74", "75", "76", "77", "78", "79",
                           "80", "81", "82", "83", "84", "85", "86", "87", "88", "89", "90", "91", "92", "93", "94", "95",
                           "971", "972", "973", "974", "976"})
    n += find_departement(code) != nullptr;
  CHECK(n == 101);
  CHECK(find_departement("20") == nullptr);
  CHECK(find_departement("Manchot") == nullptr);
  CHECK(departement_with_of("Manchot") == "de Manchot");
}

TEST_CASE("french: article before a title, feminine agreement of functions") {
  check_gives<std::string>(with_title_article, {{"Dr Anne Roux", "le Dr Anne Roux"},
                                                {"Pr Marc Le Goff", "le Pr Marc Le Goff"},
                                                {"Mme Claire Morel", "Mme Claire Morel"},
                                                {"M. Paul Lenoir", "M. Paul Lenoir"}});
  CHECK(is_feminine("Mme", "Président"));
  CHECK_FALSE(is_feminine("M.", "Présidente"));
  CHECK(is_feminine("Dr", "Présidente"));
  CHECK(is_feminine("", "Directrice générale"));
  CHECK_FALSE(is_feminine("Pr", "Président"));
  CHECK_FALSE(is_feminine("Dr", "Secrétaire"));
  CHECK(agree("Président, représentant légal", true) == "Présidente, représentante légale");
  CHECK(agree("Président, représentant légal", false) == "Président, représentant légal");
  CHECK(agree("Directeur général adjoint", true) == "Directrice générale adjointe");
  CHECK(agree("Présidente", true) == "Présidente");
  CHECK(agree("Secrétaire", true) == "Secrétaire");
  CHECK(agree("son représentant légal", true) == "sa représentante légale");
}
