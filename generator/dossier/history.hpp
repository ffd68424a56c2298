// The dossier as a history: the dossier as filed, its avenants, its meetings
// and measurements, each with its date. Every document asks for the dossier as
// it stood on its own date and never sees a later fact (docs/guide/avenants-et-lots.md).
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"
#include "dossier/avenant.hpp"

namespace trame::dossier {

class History {
 public:
  // A dossier without avenants.
  explicit History(nlohmann::json base, std::string file = "", std::string as_of = "");
  // Checks the avenants' dates (against the contract and one another: E403–E407), applies
  // each once (schema and rules after each, E402 for an operation that does not apply) and
  // records what each changed. `as_of` cuts the history: avenants signed and meetings held
  // after it are left out. Throws Error(InvalidInput) listing every problem.
  History(nlohmann::json base, std::vector<Avenant> avenants, std::string file = "", std::string as_of = "");

  // The dossier as it stood on `date` (YYYY-MM-DD; "" for the latest state): the avenants
  // signed on or before it applied; the COPIL meetings held after it and the indicator values
  // not yet reviewed on it (review_date) left out; "_avenants" (what each applied avenant
  // changed, for its document) and "_versions" (the contract as signed and as each avenant
  // changing it left it, for the funding engine) added when there are avenants.
  nlohmann::json at(const std::string& date) const;
  // at(date) without its "_date", shared by every date that gives the same dossier (same
  // avenants applied, reviews known, meetings held): no copy, for inputs hashes. Thread-safe.
  std::shared_ptr<const nlohmann::json> shared_at(const std::string& date) const;
  // at(as_of) with every avenant of the (cut) history; measurements all kept when there is no as_of.
  const nlohmann::json& latest() const { return latest_; }

  const std::vector<Avenant>& avenants() const { return avenants_; }
  const std::string& as_of() const { return as_of_; }
  const std::string& file() const { return file_; }
  // The date of the consolidated contract: as_of, else the date from which the latest avenant
  // is in force (its date d'effet, or its signature if later); "" without avenants.
  std::string consolidation_date() const;

 private:
  nlohmann::json state_at(const std::string& date, size_t applied) const;
  std::string effective_date(const std::string& date) const;
  size_t signed_by(const std::string& date) const;  // avenants signed on or before date (all if "")

  mutable std::mutex cache_mutex_;
  mutable std::map<std::string, std::shared_ptr<const nlohmann::json>> cache_;
  std::string file_, as_of_;
  std::vector<Avenant> avenants_;
  std::vector<nlohmann::json> states_;  // states_[k]: the dossier after the first k avenants
  nlohmann::json records_ = nlohmann::json::array();  // one "_avenants" entry an avenant
  nlohmann::json latest_;
};

// Loads a dossier (dossier::load) and its avenants (DIR/<dossier stem>/*.json, none if
// `avenants_dir` is empty) into a History cut at `as_of` ("" for all).
History load_history(const std::filesystem::path& file, const std::filesystem::path& avenants_dir,
                     const std::string& as_of = "", std::vector<Diagnostic>* warnings = nullptr);

// The date from which the achieved values of contract year `year` (1..5) are known: the
// first COPIL meeting reviewing that year (copils[].annee_revue), else the date the variable
// pay of that year is due (two months after the year's end). "" without a contract.
std::string review_date(const nlohmann::json& dossier, int year);

}  // namespace trame::dossier
