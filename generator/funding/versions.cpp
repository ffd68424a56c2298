// The contract over its versions (the contract as signed, then as each avenant
// leaves it): each contract year is priced by the versions in force during it,
// split by days, and a payment due before a version's date d'effet is never
// changed by it. Rules and a worked example: docs/guide/financement.md.
#include <algorithm>
#include <map>

#include "funding/engine.hpp"

namespace trame::funding {

namespace {

// The version in force on `day` (the last one whose date d'effet is on or before it).
size_t version_at(const std::vector<ContractVersion>& versions, const std::string& day) {
  size_t v = 0;
  for (size_t i = 0; i < versions.size(); ++i)
    if (versions[i].effective <= day) v = i;
  return v;
}

const AnnualLine* find_line(const Result& r, const std::string& id) {
  for (const auto& l : r.lines)
    if (l.line == id) return &l;
  return nullptr;
}

// First day a line is paid in a version: the signature for fonctionnement, else its mission's start.
std::string line_start(const ContractVersion& v, const AnnualLine& l) {
  if (l.mission.empty()) return v.input.signature;
  for (const auto& m : v.input.missions)
    if (m.id == l.mission) return m.start;
  return "";
}

}  // namespace

Result compute_versions(const std::vector<ContractVersion>& versions) {
  if (versions.empty()) throw std::logic_error("compute_versions without a version");
  std::vector<Result> results;
  results.reserve(versions.size());
  for (const auto& v : versions) results.push_back(compute(v.input));
  if (versions.size() == 1) return results.front();

  Result r = results.back();  // sizes, tables and annual amounts in force now
  r.versions.clear();
  for (size_t i = 0; i < versions.size(); ++i)
    r.versions.push_back({versions[i].number, versions[i].effective, results[i].size, results[i].total_annual});
  r.warnings.clear();
  for (const auto& res : results)
    for (const auto& w : res.warnings)
      if (std::none_of(r.warnings.begin(), r.warnings.end(), [&](const Diagnostic& x) { return x.message == w.message; }))
        r.warnings.push_back(w);
  // Lines an avenant removed keep their earlier payments.
  for (const auto& res : results)
    for (const auto& l : res.lines)
      if (!find_line(r, l.line)) {
        AnnualLine gone = l;
        gone.amount = 0;
        gone.in_force = false;
        r.lines.push_back(gone);
      }

  const std::string& signature = versions.front().input.signature;
  std::vector<std::string> anniv(kContractYears + 1);
  for (int k = 0; k <= kContractYears; ++k) anniv[k] = add_months(signature, 12 * k);
  const std::string end = anniv[kContractYears];
  // Version i is in force on [from[i], to[i]).
  std::vector<std::string> from, to;
  for (size_t i = 0; i < versions.size(); ++i) {
    from.push_back(i == 0 ? signature : std::max(versions[i].effective, signature));
    to.push_back(i + 1 < versions.size() ? std::max(versions[i + 1].effective, signature) : end);
  }

  std::vector<std::array<LineYear, kContractYears>> plan;
  for (auto& l : r.lines) {
    std::array<LineYear, kContractYears> years{};
    for (int k = 1; k <= kContractYears; ++k) {
      const std::string& y0 = anniv[k - 1];
      const std::string& y1 = anniv[k];
      const long len = days_between(y0, y1);
      LineYear& y = years[k - 1];
      // Sum over the versions of (annual amount x days in force and started) / days of the year.
      long long weighted = 0;
      std::string last_day;
      for (size_t i = 0; i < versions.size(); ++i) {
        const AnnualLine* vl = find_line(results[i], l.line);
        if (!vl) continue;
        std::string start = line_start(versions[i], *vl);
        if (start.empty()) continue;
        std::string a = std::max({y0, from[i], start}), b = std::min(y1, to[i]);
        if (a >= b) continue;
        weighted += vl->per_year[k - 1] * days_between(a, b);
        if (y.first_day.empty()) y.first_day = a;
        last_day = add_days(b, -1);
      }
      if (y.first_day.empty()) continue;
      y.amount = (weighted * 2 + len) / (2 * len);  // rounded half up, as the single-version prorata
      // The advance is computed on the version in force on its date, as if it lasted the year.
      const size_t va = version_at(versions, y.first_day);
      y.advance_version = versions[va].number;
      if (const AnnualLine* al = find_line(results[va], l.line)) {
        std::string a = std::max(y.first_day, line_start(versions[va], *al));
        long days = a < y1 ? days_between(a, y1) : 0;
        y.advance_base = (al->per_year[k - 1] * days * 2 + len) / (2 * len);
      }
      // The balance and the variable part come from the version in force at the year's end
      // (or on the line's last day, when an avenant removed it during the year).
      const size_t ve = version_at(versions, std::min(add_days(y1, -1), last_day));
      y.version = versions[version_at(versions, add_days(y1, -1))].number;
      if (l.part == "variable" || l.part == "mt")
        for (const auto& mr : results[ve].rates)
          if (mr.mission == l.mission && mr.year == k) {
            y.rate = mr.rate;
            y.measured = mr.measured;
          }
    }
    for (int k = 0; k < kContractYears; ++k) l.due[k] = years[k].amount;
    plan.push_back(years);
  }
  schedule_payments(r, plan, anniv);
  // Achievement rates: each year's from the version in force at its end.
  r.rates.clear();
  std::vector<std::string> missions;
  for (const auto& res : results)
    for (const auto& mr : res.rates)
      if (std::find(missions.begin(), missions.end(), mr.mission) == missions.end()) missions.push_back(mr.mission);
  for (const auto& m : missions)
    for (int k = 1; k <= kContractYears; ++k) {
      const Result& res = results[version_at(versions, add_days(anniv[k], -1))];
      bool found = false;
      for (const auto& mr : res.rates)
        if (mr.mission == m && mr.year == k) {
          r.rates.push_back(mr);
          found = true;
        }
      if (!found) r.rates.push_back({m, k, 1.0, false});
    }
  return r;
}

}  // namespace trame::funding
