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
  std::optional<int> start_max_months;  // latest start after signature (socle missions)
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
  std::string version;         // "2019"
  std::string title;
  std::string effective_from;  // YYYY-MM-DD
  std::vector<SizeBand> sizes;
  Amounts fonctionnement{};
  std::vector<Mission> missions;
  int socle_deadline_months = 24;
  std::vector<NationalIndicator> national_indicators;

  int size_for(long long population) const;          // 1..4
  const SizeBand& band(int size) const;
  const Mission* mission(const std::string& id) const;  // nullptr if unknown
};

// Every table of data_dir()/models/aci, sorted by effective_from (loaded once, thread-safe).
const std::vector<Table>& all_tables();
// The tables of another directory, sorted by effective_from (tests, tools).
std::vector<Table> load_tables(const std::filesystem::path& dir);
// The table in force at a date: the latest whose effective_from <= date. Throws Error(InvalidInput).
const Table& table_for_date(const std::string& iso_date);
// A table by version. Throws Error(InvalidInput) naming the known versions.
const Table& table_version(const std::string& version);

}  // namespace trame::funding
