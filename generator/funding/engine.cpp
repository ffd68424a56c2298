#include "funding/engine.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "common/diagnostic.hpp"
#include "funding/text.hpp"

namespace trame::funding {
using nlohmann::json;

// ---- Dates ------------------------------------------------------------------

namespace {

struct Ymd {
  int y, m, d;
};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int month_days(int y, int m) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}
Ymd parse(const std::string& s) {
  if (s.size() != 10) throw std::invalid_argument("date invalide « " + s + " »");
  Ymd r{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2))};
  if (r.m < 1 || r.m > 12 || r.d < 1 || r.d > month_days(r.y, r.m)) throw std::invalid_argument("date invalide « " + s + " »");
  return r;
}
std::string format(const Ymd& d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
  return buf;
}
// Days since 1970-01-01 (civil calendar).
long days_from_civil(Ymd d) {
  int y = d.y - (d.m <= 2);
  long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = static_cast<unsigned>(y - era * 400);
  unsigned doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}
Ymd civil_from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + static_cast<int>(era) * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {y + (m <= 2), m, d};
}

Cents cents(double euros) { return std::llround(euros * 100.0); }
Cents share(Cents amount, long num, long den) {  // amount * num / den, rounded half up
  return (amount * num * 2 + den) / (2 * den);
}

std::string euro_text(Cents c) { return text::money(c); }
std::string percent_text(double r) { return text::percent(r); }
std::string date_text(const std::string& iso) { return text::date_long(iso); }

}  // namespace

std::string add_months(const std::string& date, int months) {
  Ymd d = parse(date);
  int total = d.y * 12 + (d.m - 1) + months;
  Ymd r{total / 12, total % 12 + 1, 1};
  r.d = std::min(d.d, month_days(r.y, r.m));
  return format(r);
}
std::string add_days(const std::string& date, int days) { return format(civil_from_days(days_from_civil(parse(date)) + days)); }
int days_between(const std::string& from, const std::string& to) {
  return static_cast<int>(days_from_civil(parse(to)) - days_from_civil(parse(from)));
}
double euros(Cents c) { return static_cast<double>(c) / 100.0; }

// ---- Achievement ------------------------------------------------------------

std::optional<double> achievement(const Indicator& ind, int year) {
  if (year < 1 || year > kContractYears) return std::nullopt;
  const auto& a = ind.achieved[year - 1];
  const auto& t = ind.targets[year - 1];
  if (!a || !t) return std::nullopt;
  double progress, needed;
  if (ind.decreasing) {
    progress = ind.baseline - *a;
    needed = ind.baseline - *t;
  } else {
    progress = *a - ind.baseline;
    needed = *t - ind.baseline;
  }
  double r;
  if (needed <= 0) r = progress >= needed ? 1.0 : 0.0;  // target already at (or behind) the baseline
  else r = progress / needed;
  return std::clamp(r, 0.0, 1.0);
}

// ---- Engine -----------------------------------------------------------------

namespace {

struct Problems {
  const ContractInput& in;
  std::vector<Diagnostic> list;
  void add(const std::string& id, const std::string& pointer, const std::string& msg) {
    list.push_back(Diagnostic{Severity::Error, id, in.file, 0, 0, in.pointer + pointer, msg});
  }
};

}  // namespace

Result compute(const ContractInput& in) {
  if (!in.table) throw std::logic_error("funding::compute without a table");
  const Table& t = *in.table;
  Problems pb{in, {}};
  try {
    parse(in.signature);
  } catch (const std::invalid_argument&) {
    pb.add("trame.funding.E110", "/signature", "Date de signature invalide « " + in.signature + " » (AAAA-MM-JJ attendu).");
    throw Error(ErrorKind::InvalidInput, pb.list);
  }
  if (in.population <= 0)
    pb.add("trame.funding.E109", "/population",
           "La population du territoire doit être un nombre d’habitants positif (reçu " + std::to_string(in.population) + ").");
  Result r;
  r.table = &t;
  r.signature = in.signature;
  r.size = t.size_for(in.population);
  const int s = r.size - 1;
  r.end_date = add_days(add_months(in.signature, 12 * kContractYears), -1);

  std::vector<std::string> anniv(kContractYears + 1);  // anniv[k] = start of contract year k+1
  for (int k = 0; k <= kContractYears; ++k) anniv[k] = add_months(in.signature, 12 * k);

  // The table of each contract year: the contract's own, or a later national
  // version in force at the start of that year.
  std::array<const Table*, kContractYears> year_table{};
  const std::vector<Table>& tables = in.tables ? *in.tables : all_tables();
  for (int k = 0; k < kContractYears; ++k) {
    year_table[k] = &t;
    if (in.follow_national_versions)
      for (const auto& cand : tables)
        if (cand.effective_from > t.effective_from && cand.effective_from <= anniv[k] &&
            cand.effective_from >= year_table[k]->effective_from)
          year_table[k] = &cand;
    r.year_tables[k] = year_table[k]->version;
  }
  // Maximum of a line in a year's table (0 when that table no longer has it).
  auto year_max = [&](int k, const std::string& mission, const std::string& part) -> Cents {
    const Table& yt = *year_table[k];
    int ys = yt.size_for(in.population) - 1;
    if (mission.empty()) return yt.fonctionnement[ys] * 100;
    const Mission* m = yt.mission(mission);
    if (!m) return 0;
    if (part == "fixe") return m->fixed[ys] * 100;
    if (part == "variable") return m->variable[ys] * 100;
    for (const auto& v : m->volets)
      if (v.id == part) return v.amounts[ys] * 100;
    return 0;
  };

  auto check_negotiated = [&](const std::string& pointer, const std::string& label, Cents max,
                              std::optional<double> neg) -> Cents {
    if (!neg) return max;
    Cents c = cents(*neg);
    if (c > max)
      pb.add("trame.funding.E106", pointer,
             "Le montant négocié pour " + label + " (" + euro_text(c) + ") dépasse le maximum de l’accord pour une CPTS de taille " +
                 std::to_string(r.size) + " (" + euro_text(max) + ").");
    if (c < 0) pb.add("trame.funding.E106", pointer, "Le montant négocié pour " + label + " ne peut pas être négatif.");
    return std::min(c, max);
  };

  // Fonctionnement: always from the signature.
  {
    Cents max = t.fonctionnement[s] * 100;
    Cents amount = check_negotiated("/fonctionnement", "le fonctionnement", max, in.fonctionnement_negotiated);
    r.lines.push_back({"fonctionnement", "", "fonctionnement", "Fonctionnement de la CPTS", max, amount});
  }

  // Missions.
  std::set<std::string> seen;
  std::map<std::string, std::string> starts;
  std::map<std::string, size_t> index_of;
  for (size_t i = 0; i < in.missions.size(); ++i) {
    const MissionChoice& mc = in.missions[i];
    std::string p = "/missions/" + std::to_string(i);
    const Mission* m = t.mission(mc.id);
    if (!m) {
      std::string known;
      for (const auto& mm : t.missions) known += (known.empty() ? "" : ", ") + mm.id;
      pb.add("trame.funding.E101", p + "/id", "Mission inconnue « " + mc.id + " » dans le tableau " + t.version +
                                                  " (missions possibles : " + known + ").");
      continue;
    }
    if (!seen.insert(mc.id).second) {
      pb.add("trame.funding.E107", p + "/id", "La mission « " + m->label + " » figure deux fois au contrat.");
      continue;
    }
    index_of[mc.id] = i;
    bool date_ok = true;
    try {
      parse(mc.start);
    } catch (...) {
      pb.add("trame.funding.E104", p + "/debut", "Date de début invalide « " + mc.start + " ».");
      date_ok = false;
    }
    if (date_ok) {
      if (mc.start < in.signature)
        pb.add("trame.funding.E104", p + "/debut",
               "La mission « " + m->label + " » ne peut pas commencer avant la signature du contrat (" +
                   date_text(in.signature) + ").");
      else if (mc.start > r.end_date)
        pb.add("trame.funding.E104", p + "/debut", "La mission « " + m->label + " » commence après la fin du contrat.");
      std::string deadline = add_months(in.signature, t.socle_deadline_months);
      bool too_late = m->socle && mc.start > deadline;
      if (m->start_max_months && !too_late && mc.start <= r.end_date) {
        std::string planned = add_months(in.signature, *m->start_max_months);
        if (mc.start > planned)
          r.warnings.push_back(Diagnostic{Severity::Warning, "trame.funding.W101", in.file, 0, 0, in.pointer + p + "/debut",
                                          "La mission « " + m->label + " » démarre le " + date_text(mc.start) +
                                              ", après la date prévue par le calendrier de déploiement (" +
                                              std::to_string(*m->start_max_months) + " mois après la signature : le " +
                                              date_text(planned) + ")."});
      }
      if (too_late)
        pb.add("trame.funding.E103", p + "/debut",
               "La mission socle « " + m->label + " » doit démarrer au plus tard le " + date_text(deadline) + " (" +
                   std::to_string(t.socle_deadline_months) + " mois après la signature) ; début prévu le " +
                   date_text(mc.start) + ".");
      starts[mc.id] = mc.start;
    }
    for (const auto& [part, value] : mc.negotiated) {
      bool known = part == "fixe" || part == "variable";
      for (const auto& v : m->volets) known = known || v.id == part;
      if (!known) pb.add("trame.funding.E105", p + "/montants/" + part, "Ligne de financement inconnue « " + part + " » pour cette mission.");
    }
    auto neg = [&](const std::string& part) -> std::optional<double> {
      auto it = mc.negotiated.find(part);
      return it == mc.negotiated.end() ? std::nullopt : std::optional<double>(it->second);
    };
    Cents fixed = check_negotiated(p + "/montants/fixe", "la part fixe de la mission « " + m->label + " »", m->fixed[s] * 100, neg("fixe"));
    Cents variable = check_negotiated(p + "/montants/variable", "la part variable de la mission « " + m->label + " »",
                                      m->variable[s] * 100, neg("variable"));
    r.lines.push_back({mc.id + ".fixe", mc.id, "fixe", m->label + " — part fixe", m->fixed[s] * 100, fixed});
    r.lines.push_back({mc.id + ".variable", mc.id, "variable", m->label + " — part variable", m->variable[s] * 100, variable});
    for (size_t v = 0; v < mc.volets.size(); ++v) {
      const std::string& vid = mc.volets[v];
      auto it = std::find_if(m->volets.begin(), m->volets.end(), [&](const Volet& x) { return x.id == vid; });
      if (it == m->volets.end()) {
        // Name the mission the volet belongs to, if any: a volet is never paid without it.
        const Mission* owner = nullptr;
        for (const auto& other : t.missions)
          for (const auto& ov : other.volets)
            if (ov.id == vid) owner = &other;
        pb.add("trame.funding.E105", p + "/volets/" + std::to_string(v),
               owner ? "Le volet « " + vid + " » relève de la mission « " + owner->label + " », pas de la mission « " +
                           m->label + " » : il ne peut être retenu qu’avec elle."
                     : "Le volet « " + vid + " » n’existe pas dans le tableau " + t.version + ".");
        continue;
      }
      std::string volet_label = it->label;  // "Volet soins non programmés (régulation)" -> "le volet …"
      if (!volet_label.empty() && volet_label[0] >= 'A' && volet_label[0] <= 'Z') volet_label[0] = static_cast<char>(volet_label[0] - 'A' + 'a');
      Cents amount = check_negotiated(p + "/montants/" + vid, "le " + volet_label, it->amounts[s] * 100, neg(vid));
      r.lines.push_back({mc.id + "." + vid, mc.id, vid, it->label, it->amounts[s] * 100, amount});
    }
  }
  for (const auto& m : t.missions)
    if (m.socle && !seen.count(m.id))
      pb.add("trame.funding.E102", "/missions",
             "La mission socle « " + m.label + " » doit figurer au contrat et démarrer au plus tard le " +
                 date_text(add_months(in.signature, t.socle_deadline_months)) + ".");
  for (size_t i = 0; i < in.indicators.size(); ++i)
    if (!(in.indicators[i].weight >= 0))
      pb.add("trame.funding.E111", "/indicateurs/" + std::to_string(i) + "/poids",
             "Le poids de l’indicateur « " + in.indicators[i].label + " » doit être positif ou nul.");
  for (const auto& [mission, years] : in.rates)
    for (int k = 0; k < kContractYears; ++k)
      if (years[k] && !(*years[k] >= 0 && *years[k] <= 1))
        pb.add("trame.funding.E112", "/taux/" + mission + "/" + std::to_string(k),
               "Le taux d’atteinte de la mission « " + mission + " » pour l’année " + std::to_string(k + 1) +
                   " doit être compris entre 0 et 100\u00A0%.");
  for (size_t i = 0; i < in.indicators.size(); ++i)
    if (!t.mission(in.indicators[i].mission) || !seen.count(in.indicators[i].mission))
      pb.add("trame.funding.E108", "/indicateurs/" + std::to_string(i) + "/mission",
             "L’indicateur « " + in.indicators[i].label + " » porte sur la mission « " + in.indicators[i].mission +
                 " », qui ne figure pas au contrat.");
  if (!pb.list.empty()) throw Error(ErrorKind::InvalidInput, pb.list);

  for (auto& l : r.lines) {
    r.total_annual += l.amount;
    for (int k = 0; k < kContractYears; ++k) {
      // A negotiated amount stays a ceiling below the maximum; a maximum follows the table.
      Cents max_k = k == 0 || year_table[k] == year_table[0] ? l.maximum : year_max(k, l.mission, l.part);
      l.per_year[k] = l.amount < l.maximum ? std::min(l.amount, max_k) : max_k;
      l.table_version[k] = year_table[k]->version;
    }
  }

  // Achievement rate of each mission for each contract year.
  auto rate_of = [&](const std::string& mission, int year, bool* measured) {
    *measured = false;
    if (auto it = in.rates.find(mission); it != in.rates.end() && it->second[year - 1]) {
      *measured = true;
      return std::clamp(*it->second[year - 1], 0.0, 1.0);
    }
    double sum = 0, weights = 0;
    for (const auto& ind : in.indicators) {
      if (ind.mission != mission || !ind.pays) continue;
      if (auto a = achievement(ind, year)) {
        sum += ind.weight * *a;
        weights += ind.weight;
      }
    }
    if (weights > 0) {
      *measured = true;
      return sum / weights;
    }
    return 1.0;  // not measured yet: the schedule is a forecast at full achievement
  };

  // Amount of a line for each contract year: zero before the mission starts,
  // prorata temporis of the first (partial) year, full afterwards.
  auto yearly = [&](const AnnualLine& l, int& first_year) {
    std::array<Cents, kContractYears> y{};
    std::string start = l.mission.empty() ? in.signature : starts[l.mission];
    first_year = 1;
    for (int k = 1; k <= kContractYears; ++k)
      if (start >= anniv[k - 1] && start < anniv[k]) first_year = k;
    for (int k = first_year; k <= kContractYears; ++k) y[k - 1] = l.per_year[k - 1];
    if (start != anniv[first_year - 1]) {
      long len = days_between(anniv[first_year - 1], anniv[first_year]);
      long left = days_between(start, anniv[first_year]);
      y[first_year - 1] = share(l.per_year[first_year - 1], left, len);
      if (!l.mission.empty()) r.prorata[l.mission] = static_cast<double>(left) / static_cast<double>(len);
    } else if (!l.mission.empty() && !r.prorata.count(l.mission)) {
      r.prorata[l.mission] = 1.0;
    }
    return y;
  };

  // The plan of each line: what is due each contract year, advanced from its first day.
  std::vector<std::array<LineYear, kContractYears>> plan;
  for (auto& l : r.lines) {
    int first = 1;
    l.due = yearly(l, first);
    std::array<LineYear, kContractYears> years{};
    std::string start = l.mission.empty() ? in.signature : starts[l.mission];
    for (int k = first; k <= kContractYears; ++k) {
      LineYear& y = years[k - 1];
      y.amount = y.advance_base = l.due[k - 1];
      y.first_day = k == first ? start : anniv[k - 1];
      if (l.part == "variable" || l.part == "mt") y.rate = rate_of(l.mission, k, &y.measured);
    }
    plan.push_back(years);
  }
  schedule_payments(r, plan, anniv);
  for (const auto& mc : in.missions) {
    for (int k = 1; k <= kContractYears; ++k) {
      bool measured = false;
      double rate = rate_of(mc.id, k, &measured);
      r.rates.push_back({mc.id, k, rate, measured});
    }
  }
  r.versions.push_back({0, in.signature, r.size, r.total_annual});
  return r;
}

void schedule_payments(Result& r, const std::vector<std::array<LineYear, kContractYears>>& plan,
                       const std::vector<std::string>& anniv) {
  r.schedule.clear();
  auto add = [&](const std::string& date, Cents amount, const AnnualLine& l, const std::string& kind, int year,
                 const std::string& label, int version) {
    if (amount == 0) return;
    r.schedule.push_back({date, amount, l.line, kind, year, label, version});
  };
  // The balance of a year; negative when a version in force during the year lowered
  // its amount below the advance already paid (the CPTS then repays the difference).
  auto balance = [&](const std::string& date, Cents amount, const AnnualLine& l, int k, const std::string& share_label,
                     int version) {
    const std::string y = std::to_string(k);
    if (amount < 0) add(date, amount, l, "regularisation", k, l.label + " : régularisation de l’année " + y + " (trop-perçu)", version);
    else add(date, amount, l, "solde", k, l.label + " : " + share_label + " de l’année " + y, version);
  };
  for (size_t i = 0; i < r.lines.size(); ++i) {
    const AnnualLine& l = r.lines[i];
    for (int k = 1; k <= kContractYears; ++k) {
      const LineYear& y = plan[i][k - 1];
      if (y.first_day.empty()) continue;
      const std::string year = std::to_string(k);
      if (l.part == "variable" || l.part == "mt") {  // after each year, at the rate achieved, once reviewed
        Cents due = std::llround(static_cast<double>(y.amount) * y.rate);
        add(add_months(anniv[k], 2), due, l, "variable", k,
            l.label + " : année " + year + " au taux d’atteinte de " + percent_text(y.rate) + (y.measured ? "" : " (prévisionnel)"),
            y.version);
      } else if (l.part == "fonctionnement" && k == 1) {  // 100 % of year 1 at the signature
        add(y.first_day, y.advance_base, l, "versement", 1, l.label + " : 100\u00A0% de l’année 1 à la signature", y.advance_version);
        balance(anniv[1], y.amount - y.advance_base, l, 1, "complément", y.version);
      } else {  // fonctionnement, fixed parts, SNP volet: 75 % advance, 25 % balance at the anniversary
        Cents adv = share(y.advance_base, 75, 100);
        add(y.first_day, adv, l, "avance", k, l.label + " : avance de 75\u00A0% de l’année " + year, y.advance_version);
        balance(anniv[k], y.amount - adv, l, k, "solde de 25\u00A0%", y.version);
      }
    }
  }
  // By date, payments of one date in the order made: the order sorted, then each payment
  // moved once (a Payment holds four strings).
  std::vector<size_t> order(r.schedule.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return r.schedule[a].date < r.schedule[b].date; });
  std::vector<Payment> sorted;
  sorted.reserve(order.size());
  for (size_t i : order) sorted.push_back(std::move(r.schedule[i]));
  r.schedule = std::move(sorted);
  r.schedule_total = 0;
  for (const auto& p : r.schedule) r.schedule_total += p.amount;
}

std::array<Cents, kContractYears> Result::per_contract_year() const {
  std::array<Cents, kContractYears> out{};
  for (const auto& p : schedule)
    if (p.year >= 1 && p.year <= kContractYears) out[p.year - 1] += p.amount;
  return out;
}

std::map<int, Cents> Result::per_calendar_year() const {
  std::map<int, Cents> out;
  for (const auto& p : schedule) out[std::stoi(p.date.substr(0, 4))] += p.amount;
  return out;
}

std::vector<GroupedPayment> Result::grouped_schedule() const {
  auto part = [](const Payment& p) {
    std::string y = "année " + std::to_string(p.year);
    if (p.kind == "avance") return "avance 75\u00A0% " + y;
    if (p.kind == "solde") return "solde 25\u00A0% " + y;
    if (p.kind == "versement") return "100\u00A0% " + y;
    return std::string();
  };
  std::vector<GroupedPayment> out;
  std::map<std::pair<std::string, std::string>, size_t> at;  // (date, line) -> index in out
  std::map<size_t, std::vector<const Payment*>> members;
  for (const auto& p : schedule) {
    auto key = std::make_pair(p.date, p.line);
    auto it = at.find(key);
    if (it == at.end() || p.kind == "variable") {
      at[key] = out.size();
      members[out.size()].push_back(&p);
      out.push_back({p.date, p.amount, p.line, p.kind, {p.year}, p.label});
      continue;
    }
    GroupedPayment& g = out[it->second];
    members[it->second].push_back(&p);
    g.amount += p.amount;
    g.years.push_back(p.year);
    g.kind = "versement";
  }
  for (size_t i = 0; i < out.size(); ++i) {
    auto& list = members[i];
    if (list.size() < 2) continue;
    std::stable_sort(list.begin(), list.end(), [](const Payment* a, const Payment* b) { return a->year < b->year; });
    std::sort(out[i].years.begin(), out[i].years.end());
    std::string what;
    for (const auto& l : lines)
      if (l.line == out[i].line) what = l.label;
    std::string parts;
    for (size_t k = 0; k < list.size(); ++k) parts += (k == 0 ? "" : k + 1 == list.size() ? " et " : ", ") + part(*list[k]);
    out[i].label = what + " : " + parts;
  }
  return out;
}

json Result::to_json() const {
  json j;
  j["table_version"] = table ? table->version : "";
  j["size"] = size;
  j["signature"] = signature;
  j["end_date"] = end_date;
  // annual_max: the contract's annual amount of each line (the table's maximum unless negotiated lower).
  std::map<std::string, std::map<std::string, Cents>> by_mission;
  Cents fonct = 0;
  json lines_j = json::array();
  for (const auto& l : lines) {
    json due = json::array();
    for (Cents c : l.due) due.push_back(euros(c));
    lines_j.push_back({{"line", l.line}, {"mission", l.mission}, {"part", l.part}, {"label", l.label},
                       {"maximum", euros(l.maximum)}, {"amount", euros(l.amount)}, {"due_per_contract_year", due},
                       {"in_force", l.in_force}});
    if (!l.in_force) continue;
    if (l.part == "fonctionnement") {
      fonct = l.amount;
      continue;
    }
    auto& m = by_mission[l.mission];
    m[l.part] += l.amount;
    m["total"] += l.amount;
  }
  json missions = json::object();
  for (const auto& [id, parts] : by_mission) {
    json m = {{"fixe", 0.0}, {"variable", 0.0}, {"mt", 0.0}, {"snp", 0.0}, {"total", 0.0}};
    for (const auto& [part, c] : parts) m[part] = euros(c);
    missions[id] = m;
  }
  j["annual_max"] = {{"total", euros(total_annual)}, {"fonctionnement", euros(fonct)}, {"missions", missions}};
  j["lines"] = lines_j;
  json sched = json::array();
  for (const auto& p : schedule)
    sched.push_back({{"date", p.date}, {"amount", euros(p.amount)}, {"line", p.line}, {"kind", p.kind}, {"year", p.year},
                     {"label", p.label}, {"version", p.version},
                     {"version_label", p.version == 0 ? std::string("contrat initial") : "avenant n° " + std::to_string(p.version)}});
  j["schedule"] = sched;
  json grouped = json::array();
  for (const auto& g : grouped_schedule())
    grouped.push_back({{"date", g.date}, {"amount", euros(g.amount)}, {"line", g.line}, {"kind", g.kind}, {"years", g.years},
                       {"label", g.label}});
  j["schedule_grouped"] = grouped;
  j["schedule_total"] = euros(schedule_total);
  json py = json::array();
  for (const auto& [y, c] : per_calendar_year()) py.push_back({{"year", y}, {"amount", euros(c)}});
  j["per_year"] = py;
  json pcy = json::array();
  auto contract_years = per_contract_year();
  for (int k = 0; k < kContractYears; ++k) pcy.push_back({{"year", k + 1}, {"amount", euros(contract_years[k])}});
  j["per_contract_year"] = pcy;
  json rates_j = json::array();
  for (const auto& mr : rates)
    rates_j.push_back({{"mission", mr.mission}, {"year", mr.year}, {"rate", mr.rate}, {"measured", mr.measured}});
  j["rates"] = rates_j;
  j["year_tables"] = year_tables;
  json versions_j = json::array();
  for (const auto& v : versions)
    versions_j.push_back({{"number", v.number}, {"effective", v.effective}, {"size", v.size}, {"total_annual", euros(v.total_annual)}});
  j["versions"] = versions_j;
  json warn = json::array();
  for (const auto& w : warnings) warn.push_back({{"id", w.id}, {"json_path", w.json_path}, {"message", w.message}});
  j["warnings"] = warn;
  return j;
}

}  // namespace trame::funding
