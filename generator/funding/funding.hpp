// The ACI funding engine, public API in one include.
//
// Pure C++: no templates, no I/O beyond loading the table files of
// models/aci/. Amounts are integer cents (Cents = long long) inside the
// engine and euros only at the edges (euros(), Result::to_json()).
// Rules and the interpretations chosen: docs/guide/financement.md.
//
// Tables (funding/table.hpp)
//   const std::vector<Table>& all_tables();                     // data_dir()/models/aci, by effective_from
//   std::vector<Table> load_tables(const std::filesystem::path& dir);
//   Table parse_table(const std::filesystem::path& file);
//   const Table& table_for_date(const std::string& iso_date);    // latest effective_from <= date
//   const Table& table_version(const std::string& version);
//   const Table* table_for_date(const std::vector<Table>&, const std::string& iso_date);
//   const Table* table_version(const std::vector<Table>&, const std::string& version);
//   int size_for_population(long long population, const Table& table);   // 1..4
//
// Engine (funding/engine.hpp)
//   Result compute(const ContractInput& in);          // throws Error(InvalidInput) listing every problem
//   std::optional<double> achievement(const Indicator&, int year);   // 0..1, capped
//   Result::to_json()                                  // the view of `trame simulate --json`
//   Result::per_contract_year(), per_calendar_year(), grouped_schedule()
//   add_months(), add_days(), days_between(), euros()
//
// Error ids (trame.funding.*): E001 table file invalid, E002 no table at a
// date, E003 unknown table version, E004 table directory unreadable; E101
// unknown mission, E102 socle mission missing, E103 socle mission starting
// after the 24-month limit, E104 start date invalid / before signature /
// after the end, E105 unknown line or volet outside its mission, E106
// negotiated amount above the maximum (or negative), E107 mission twice, E108
// indicator of a mission not retained, E109 population, E110 signature date,
// E111 negative indicator weight, E112 direct rate outside 0..100 %.
// Warning W101: a mission starting after its deployment-calendar date.
#pragma once

#include "funding/engine.hpp"
#include "funding/table.hpp"
