// The ACI funding engine: annual maxima per line, the dated 5-year payment
// schedule and the variable pay from indicators. Pure C++, no templates.
// Amounts are integer cents internally; the JSON view is in euros.
// Rules and interpretations: docs/guide/financement.md.
#pragma once
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"
#include "funding/table.hpp"

namespace trame::funding {

using Cents = long long;
constexpr int kContractYears = 5;

struct Indicator {
  std::string id;
  std::string label;
  std::string mission;                  // mission id
  bool pays = true;                     // conditions the variable pay (else follow-up only)
  double baseline = 0;
  std::array<std::optional<double>, kContractYears> targets;   // per contract year
  std::array<std::optional<double>, kContractYears> achieved;  // per contract year (measured)
  double weight = 1;
  bool decreasing = false;
};

struct MissionChoice {
  std::string id;                    // "acces", …
  std::string start;                 // YYYY-MM-DD
  std::vector<std::string> volets;   // "mt", "snp" (access mission only)
  std::map<std::string, double> negotiated;  // "fixe" | "variable" | "mt" | "snp" -> euros (lower than the maximum)
};

struct ContractInput {
  const Table* table = nullptr;
  std::string signature;             // YYYY-MM-DD
  long long population = 0;
  std::optional<double> fonctionnement_negotiated;
  std::vector<MissionChoice> missions;
  std::vector<Indicator> indicators;
  // Direct achievement rates (0..1) by mission and contract year, overriding indicators (simulator).
  std::map<std::string, std::array<std::optional<double>, kContractYears>> rates;
  // Follow later national tables year by year (true unless the contract pins a version).
  bool follow_national_versions = true;
  // The tables to choose from by date (default: all_tables()); tests pass their own.
  const std::vector<Table>* tables = nullptr;
  std::string pointer;               // JSON pointer of the contract in the dossier, for messages
  std::string file;                  // dossier file, for messages
};

struct AnnualLine {
  std::string line;      // "fonctionnement", "acces.fixe", "acces.variable", "acces.mt", "acces.snp"
  std::string mission;   // "" for fonctionnement
  std::string part;      // "fonctionnement" | "fixe" | "variable" | "mt" | "snp"
  std::string label;     // French
  Cents maximum = 0;     // the table's annual maximum for the size
  Cents amount = 0;      // the contract's annual amount (maximum or negotiated), year 1
  // Amount for each contract year: equal to `amount` unless a later national
  // table (effective from the start of that year) changes the maxima.
  std::array<Cents, kContractYears> per_year{};
  std::array<std::string, kContractYears> table_version{};
  // Amount due for each contract year: zero before the line starts, prorated by
  // days in its first year, split by days between contract versions (avenants).
  std::array<Cents, kContractYears> due{};
  bool in_force = true;  // false: a line an avenant removed (its earlier payments stay)
};

// One line in one contract year, as the schedule pays it.
struct LineYear {
  Cents amount = 0;          // due for the year (LineYear::amount == AnnualLine::due)
  Cents advance_base = 0;    // the year's amount as known on the advance date
  std::string first_day;     // first day of the year the line is in force ("" if none)
  int version = 0;           // contract version in force at the year's end (0: as signed)
  int advance_version = 0;   // contract version in force on first_day
  double rate = 1;           // achievement rate (variable lines)
  bool measured = false;
};

struct Payment {
  std::string date;      // YYYY-MM-DD
  Cents amount = 0;
  std::string line;      // as AnnualLine::line
  std::string kind;      // "versement" | "avance" | "solde" | "variable"
  int year = 0;          // contract year the money belongs to (1..5)
  std::string label;     // French: "Avance de 75 % de l’année 2"
  int version = 0;       // contract version the amount comes from (0: as signed, k: avenant n° k)
};

// Payments of one line on one date put together, as a contract prints them:
// "Solde 25 % année 1 et avance 75 % année 2".
struct GroupedPayment {
  std::string date;
  Cents amount = 0;
  std::string line;
  std::string kind;        // the payment's kind, or "versement" when a balance and an advance are merged
  std::vector<int> years;  // contract years concerned, ascending
  std::string label;       // French, e.g. "Fonctionnement de la CPTS : solde 25 % année 1 et avance 75 % année 2"
};

struct MissionYear {
  std::string mission;
  int year = 0;
  double rate = 1;       // achievement rate applied
  bool measured = false; // from measured indicators (else forecast at 100 % or given)
};

// A contract version: the contract as signed (number 0) or as amended by an
// avenant, in force from its date d'effet.
struct VersionInfo {
  int number = 0;
  std::string effective;   // YYYY-MM-DD (the signature for number 0)
  int size = 0;
  Cents total_annual = 0;
};

struct Result {
  const Table* table = nullptr;
  int size = 0;
  std::vector<AnnualLine> lines;
  Cents total_annual = 0;
  std::vector<Payment> schedule;  // sorted by date, then line
  Cents schedule_total = 0;
  std::vector<MissionYear> rates;
  std::string signature;
  std::string end_date;           // last day of the contract (signature + 5 years - 1 day)
  std::map<std::string, double> prorata;  // mission -> share of its first contract year (1 = full)
  std::array<std::string, kContractYears> year_tables;  // table version in force for each contract year
  // Non-blocking findings (e.g. a socle mission starting after the deployment
  // calendar's date but within the 24-month limit).
  std::vector<Diagnostic> warnings;
  std::vector<VersionInfo> versions;  // one entry (the contract as signed) unless avenants change it

  // Amount due for each contract year (payments grouped by the year they belong to).
  std::array<Cents, kContractYears> per_contract_year() const;
  // Amount paid in each calendar year of the payment dates, ascending.
  std::map<int, Cents> per_calendar_year() const;
  // The schedule with a line's payments of the same date merged (balance + advance).
  std::vector<GroupedPayment> grouped_schedule() const;
  // The JSON view (amounts in euros) for `trame simulate --json` and the templates.
  nlohmann::json to_json() const;
};

// Computes everything; throws trame::Error(InvalidInput) listing every problem
// (unknown mission, socle mission missing or starting too late, negotiated
// amount above the maximum, volet without the access mission…).
Result compute(const ContractInput& in);

// A contract version for compute_versions: number 0 is the contract as signed
// (effective at its signature), number k the contract as avenant n° k leaves it,
// in force from `effective` (non-decreasing).
struct ContractVersion {
  int number = 0;
  std::string effective;
  ContractInput input;
};

// The contract over its versions: each contract year is priced by the version(s)
// in force during it, split by days; a payment due before a version's date
// d'effet is never changed by it (a later balance regularises). Throws like compute().
Result compute_versions(const std::vector<ContractVersion>& versions);

// The payments of every line from its per-year plan (`plan[i]` for `r.lines[i]`),
// sorted by date; sets r.schedule and r.schedule_total. anniv[k] is the start of contract year k+1.
void schedule_payments(Result& r, const std::vector<std::array<LineYear, kContractYears>>& plan,
                       const std::vector<std::string>& anniv);

// Achievement of one indicator in a contract year (0..1, capped), or nullopt if not measured.
std::optional<double> achievement(const Indicator& ind, int year);

// Date arithmetic on YYYY-MM-DD (clamped to the month's last day).
std::string add_months(const std::string& date, int months);
std::string add_days(const std::string& date, int days);
int days_between(const std::string& from, const std::string& to);

double euros(Cents c);

}  // namespace trame::funding
