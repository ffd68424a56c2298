#include "dossier/history.hpp"

#include <map>

#include "common/diagnostic.hpp"
#include "dossier/contract.hpp"
#include "dossier/dossier.hpp"
#include "dossier/wording.hpp"
#include "funding/engine.hpp"
#include "locale/format.hpp"

namespace trame::dossier {
using nlohmann::json;

std::string review_date(const json& d, int year) {
  if (!d.contains("contrat")) return "";
  const std::string& sig = d["contrat"]["signature"]["date"].get_ref<const std::string&>();
  std::string best;
  if (d.contains("copils"))
    for (const auto& c : d["copils"])
      if (c.value("annee_revue", 0) == year && (best.empty() || c["date"].get<std::string>() < best)) best = c["date"];
  return best.empty() ? funding::add_months(sig, 12 * year + 2) : best;
}

namespace {

Diagnostic date_problem(const Avenant& a, const char* id, const char* field, const std::string& msg) {
  return Diagnostic{Severity::Error, id, a.file.string(), 0, 0, std::string("/") + field, msg};
}

// Avenants are dated after the contract they amend, in the order of their numbers, and
// take effect neither before their own signature (an avenant does not rewrite the past)
// nor after the contract's end.
void check_dates(const json& base, const std::vector<Avenant>& avenants) {
  if (avenants.empty()) return;
  std::vector<Diagnostic> out;
  if (!base.contains("contrat")) {
    out.push_back(date_problem(avenants.front(), "trame.avenant.E407", "numero",
                               "le dossier n’a pas de section contrat : un avenant modifie un contrat signé"));
    throw Error(ErrorKind::InvalidInput, out);
  }
  const std::string sig = base["contrat"]["signature"]["date"];
  const std::string end = funding::add_days(funding::add_months(sig, 12 * funding::kContractYears), -1);
  auto when = [](const std::string& d) { return locale::date_long(d); };
  for (size_t i = 0; i < avenants.size(); ++i) {
    const Avenant& a = avenants[i];
    const std::string n = "l’avenant n° " + std::to_string(a.number);
    if (a.signature < sig)
      out.push_back(date_problem(a, "trame.avenant.E403", "date_signature",
                                 n + " est signé le " + when(a.signature) + ", avant le contrat qu’il modifie (signé le " +
                                     when(sig) + ")"));
    if (a.effective < sig)
      out.push_back(date_problem(a, "trame.avenant.E403", "date_effet",
                                 "la date d’effet de " + n + " (" + when(a.effective) +
                                     ") précède la signature du contrat (" + when(sig) + ")"));
    else if (a.effective < a.signature)
      out.push_back(date_problem(a, "trame.avenant.E404", "date_effet",
                                 "la date d’effet de " + n + " (" + when(a.effective) + ") précède sa signature (" +
                                     when(a.signature) + ") : un avenant ne modifie pas le passé"));
    if (a.effective > end)
      out.push_back(date_problem(a, "trame.avenant.E406", "date_effet",
                                 "la date d’effet de " + n + " (" + when(a.effective) + ") est postérieure à la fin du contrat (" +
                                     when(end) + ")"));
    if (i > 0 && a.signature < avenants[i - 1].signature)
      out.push_back(date_problem(a, "trame.avenant.E405", "date_signature",
                                 n + " est signé le " + when(a.signature) + ", avant l’avenant n° " +
                                     std::to_string(avenants[i - 1].number) + " (" + when(avenants[i - 1].signature) +
                                     ") : les avenants sont numérotés dans l’ordre de leur signature"));
    if (i > 0 && a.effective < avenants[i - 1].effective)
      out.push_back(date_problem(a, "trame.avenant.E405", "date_effet",
                                 "la date d’effet de " + n + " (" + when(a.effective) + ") précède celle de l’avenant n° " +
                                     std::to_string(avenants[i - 1].number) + " (" + when(avenants[i - 1].effective) + ")"));
  }
  if (!out.empty()) throw Error(ErrorKind::InvalidInput, out);
}

// What one avenant changed: old and new values of every operation, in words.
json changes_of(const json& before, const Avenant& a) {
  static const std::map<std::string, std::string> ops = {{"add", "ajout"}, {"remove", "suppression"}, {"replace", "remplacement"},
                                                         {"move", "déplacement"}, {"copy", "copie"}, {"test", "vérification"}};
  json changes = json::array();
  json cur = before;
  for (const auto& op : a.patch) {
    std::string kind = op["op"];
    if (kind == "test") {
      cur = cur.patch(json::array({op}));
      continue;
    }
    std::string path = op["path"];
    json::json_pointer ptr(path);
    json old_value = cur.contains(ptr) && kind != "add" ? cur[ptr] : json();
    json next = cur.patch(json::array({op}));
    json new_value = kind == "remove"                              ? json()
                     : kind == "add" && path.back() == '-'         ? op["value"]
                     : next.contains(ptr)                          ? next[ptr]
                                                                   : json();
    changes.push_back({{"operation", ops.count(kind) ? ops.at(kind) : kind},
                       {"phrase", change_sentence(cur, next, op)},
                       {"pointeur", path},
                       {"chemin", describe_pointer(kind == "add" ? next : cur, path)},
                       {"avant", describe_value(kind == "add" ? json() : old_value, path)},
                       {"apres", describe_value(new_value, path)}});
    cur = std::move(next);
  }
  return changes;
}

// The part of a dossier the funding engine reads.
json contract_part(const json& d) {
  return {{"contrat", d["contrat"]}, {"territoire", {{"population", d["territoire"]["population"]}}}};
}

}  // namespace

History::History(json base, std::string file, std::string as_of) : History(std::move(base), {}, std::move(file), std::move(as_of)) {}

History::History(json base, std::vector<Avenant> avenants, std::string file, std::string as_of)
    : file_(std::move(file)), as_of_(std::move(as_of)) {
  for (auto& a : avenants)
    if (as_of_.empty() || a.signature <= as_of_) avenants_.push_back(std::move(a));
  check_dates(base, avenants_);
  states_.push_back(std::move(base));
  for (const auto& a : avenants_) states_.push_back(apply_avenants(states_.back(), {a}));
  // What each avenant changed, and its effect on the money as known on its signature.
  for (size_t j = 0; j < avenants_.size(); ++j) {
    const Avenant& a = avenants_[j];
    json entry = {{"numero", a.number},
                  {"numero_texte", (a.number < 10 ? "00" : a.number < 100 ? "0" : "") + std::to_string(a.number)},
                  {"fichier", a.file.filename().string()},
                  {"date_signature", a.signature},
                  {"date_effet", a.effective},
                  {"objet", a.object},
                  {"lieu_signature", !a.place.empty()                   ? a.place
                                     : states_[j].contains("contrat") ? states_[j]["contrat"]["signature"]["lieu"].get<std::string>()
                                                                      : std::string()},
                  {"changements", changes_of(states_[j], a)},
                  {"montants_modifies", false}};
    if (states_[j].contains("contrat") && states_[j + 1].contains("contrat")) {
      funding::Result was = contract_funding(state_at(a.signature, j), file_);
      funding::Result now = contract_funding(state_at(a.signature, j + 1), file_);
      if (was.total_annual != now.total_annual || was.schedule_total != now.schedule_total) {
        entry["montants_modifies"] = true;
        json lines = json::array();
        for (const auto& l : now.lines)
          if (l.in_force) lines.push_back({{"libelle", l.label}, {"montant", funding::euros(l.amount)}});
        json schedule = json::array();
        for (const auto& p : now.schedule)
          if (p.date >= a.effective) schedule.push_back({{"date", p.date}, {"libelle", p.label}, {"montant", funding::euros(p.amount)}});
        entry["financement"] = {{"lignes", lines}, {"total_annuel", funding::euros(now.total_annual)},
                                {"total_annuel_avant", funding::euros(was.total_annual)}, {"echeancier", schedule}};
      }
    }
    records_.push_back(std::move(entry));
  }
  latest_ = state_at(as_of_, avenants_.size());
}

std::string History::effective_date(const std::string& date) const {
  return !as_of_.empty() && (date.empty() || date > as_of_) ? as_of_ : date;
}

size_t History::signed_by(const std::string& date) const {
  size_t applied = 0;
  for (const auto& a : avenants_)
    if (date.empty() || a.signature <= date) ++applied;
  return applied;
}

json History::at(const std::string& date) const {
  const std::string d = effective_date(date);
  return state_at(d, signed_by(d));
}

std::shared_ptr<const json> History::shared_at(const std::string& date) const {
  const std::string d = effective_date(date);
  const size_t applied = signed_by(d);
  // What makes two dates give the same dossier: avenants applied, years reviewed, meetings held,
  // whether the association was created.
  const json& s = states_[applied];
  std::string key = std::to_string(applied) + "|";
  if (!d.empty()) {
    if (s.contains("contrat"))
      for (int y = 1; y <= funding::kContractYears; ++y) key += review_date(s, y) <= d ? '1' : '0';
    size_t held = 0;
    if (s.contains("copils"))
      for (const auto& c : s["copils"]) held += c["date"].get<std::string>() <= d;
    key += "|" + std::to_string(held) + "|";
    key += s.contains("cpts") && s["cpts"].value("date_creation", "") > d ? '0' : '1';
  }
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  json value = state_at(d, applied);
  value.erase("_date");
  auto shared = std::make_shared<const json>(std::move(value));
  std::lock_guard<std::mutex> lock(cache_mutex_);
  return cache_.emplace(key, std::move(shared)).first->second;
}

json History::state_at(const std::string& date, size_t applied) const {
  json d = states_[applied];
  std::vector<json> versions;
  if (d.contains("contrat")) {
    versions.push_back(contract_part(states_[0]));
    versions.back()["numero"] = 0;
    versions.back()["date_effet"] = states_[0]["contrat"]["signature"]["date"];
    for (size_t i = 1; i <= applied; ++i) {
      if (!states_[i].contains("contrat")) continue;
      json part = contract_part(states_[i]);
      json previous = versions.back();
      previous.erase("numero");
      previous.erase("date_effet");
      if (part == previous) continue;  // an avenant that does not touch the contract or the population
      part["numero"] = avenants_[i - 1].number;
      part["date_effet"] = avenants_[i - 1].effective;
      versions.push_back(std::move(part));
    }
  }
  if (!date.empty()) {
    // An association created after `date` was then being created (check_timeline warns).
    if (d.contains("cpts") && d["cpts"].value("statut_association", "") == "creee" &&
        d["cpts"].value("date_creation", "") > date) {
      d["cpts"]["statut_association"] = "en_cours";
      d["cpts"].erase("date_creation");
      d["cpts"].erase("siret");
    }
    // Indicator values not yet reviewed on `date` are not known: left out.
    if (d.contains("contrat")) {
      std::vector<bool> known;
      for (int y = 1; y <= funding::kContractYears; ++y) known.push_back(review_date(d, y) <= date);
      auto forget = [&](json& contrat) {
        if (!contrat.contains("indicateurs")) return;
        for (auto& ind : contrat["indicateurs"]) {
          if (!ind.contains("realise")) continue;
          json& values = ind["realise"];
          for (size_t y = 0; y < values.size(); ++y)
            if (y >= known.size() || !known[y]) values[y] = nullptr;
          while (!values.empty() && values.back().is_null()) values.erase(values.size() - 1);
          if (values.empty()) ind.erase("realise");
        }
      };
      forget(d["contrat"]);
      for (auto& v : versions) forget(v["contrat"]);
    }
    // Meetings held after `date` have not happened yet.
    if (d.contains("copils")) {
      json kept = json::array();
      for (const auto& c : d["copils"])
        if (c["date"].get<std::string>() <= date) kept.push_back(c);
      if (kept.empty()) d.erase("copils");
      else d["copils"] = std::move(kept);
    }
  }
  if (applied > 0 && applied <= records_.size()) {
    json applied_records = json::array();
    for (size_t i = 0; i < applied; ++i) applied_records.push_back(records_[i]);
    d["_avenants"] = std::move(applied_records);
  }
  if (versions.size() > 1) d["_versions"] = std::move(versions);
  if (!date.empty()) d["_date"] = date;
  return d;
}

History load_history(const std::filesystem::path& file, const std::filesystem::path& avenants_dir, const std::string& as_of,
                     std::vector<Diagnostic>* warnings) {
  json d = load(file, warnings);
  return History(std::move(d), avenants_for(avenants_dir, file), file.string(), as_of);
}

std::string History::consolidation_date() const {
  if (avenants_.empty()) return "";
  if (!as_of_.empty()) return as_of_;
  const Avenant& last = avenants_.back();
  return std::max(last.signature, last.effective);
}

}  // namespace trame::dossier
