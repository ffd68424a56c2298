// ACI reference tables as data (models/aci/*.json): size thresholds, annual
// maximum amounts per size, the mission catalogue. A national avenant is a new
// file with a later effective_from, never new code.
#pragma once
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace trame::funding {

using Amounts = std::array<long long, 4>;  // euros, by size 1..4

struct Volet {
  std::string id;     // "mt", "snp"
  std::string label;
  Amounts amounts{};
};

struct Mission {
  std::string id;     // "acces", "parcours", "prevention", "qualite", "accompagnement"
  std::string label;
  bool socle = false;
  std::optional<int> start_max_months;   // latest start after signature, per the deployment calendar (warning)
  std::optional<int> deploy_max_months;  // latest full deployment after signature (information)
  Amounts fixed{}, variable{};
  std::vector<Volet> volets;
};

// An indicator every contract follows for a mission (the access mission's national indicators).
struct NationalIndicator {
  std::string id;
  std::string mission;
  std::string label;
  bool decreasing = false;
};

struct SizeBand {
  int size = 0;
  std::optional<long long> population_max;  // inclusive; none for the last band
  std::string label;                        // "de 40 000 à 79 999 habitants"
};

struct Table {
  std::string file;            // where it was loaded from (messages)
  std::string version;         // "2019"
  std::string title;
  std::string effective_from;  // YYYY-MM-DD
  std::vector<SizeBand> sizes;
  Amounts fonctionnement{};
  std::vector<Mission> missions;
  int socle_deadline_months = 24;  // every socle mission starts within this delay (error beyond)
  std::vector<NationalIndicator> national_indicators;

  int size_for(long long population) const;          // 1..4
  const SizeBand& band(int size) const;
  const Mission* mission(const std::string& id) const;  // nullptr if unknown
};

// Size category of a population: the first band whose population_max (inclusive)
// is at least `population`, else the last band.
int size_for_population(long long population, const Table& table);

// Parses and checks one table file. Throws Error(InvalidInput) (id trame.funding.E001)
// naming the file and the JSON pointer of the faulty field.
Table parse_table(const std::filesystem::path& file);

// Every table of data_dir()/models/aci, sorted by effective_from (loaded once, thread-safe).
const std::vector<Table>& all_tables();
// The tables of another directory, sorted by effective_from (tests, tools).
// Every *.json file except those whose name contains "schema". Two tables with
// the same version or the same effective_from are refused.
std::vector<Table> load_tables(const std::filesystem::path& dir);
// The table in force at a date: the latest whose effective_from <= date. Throws Error(InvalidInput).
const Table& table_for_date(const std::string& iso_date);
// A table by version. Throws Error(InvalidInput) naming the known versions.
const Table& table_version(const std::string& version);
// The same selections within a given list (sorted by effective_from); nullptr if none.
const Table* table_for_date(const std::vector<Table>& tables, const std::string& iso_date);
const Table* table_version(const std::vector<Table>& tables, const std::string& version);

}  // namespace trame::funding
