// The dossier as a history (issue 10): what a document dated D may know.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"
#include "dossier/dossier.hpp"
#include "dossier/history.hpp"

using nlohmann::json;
using trame::Diagnostic;
using trame::Error;
namespace dossier = trame::dossier;

namespace {

const std::string kRoot = TRAME_SOURCE_DIR;

json sud_manche() { return dossier::load(kRoot + "/samples/sud-manche.json"); }

dossier::Avenant qualite() { return dossier::load_avenant(kRoot + "/samples/avenants/sud-manche/001-mission-qualite.json"); }

dossier::Avenant avenant(int number, const std::string& signature, const std::string& effect, json patch) {
  dossier::Avenant a;
  a.file = "avenant-" + std::to_string(number) + ".json";
  a.number = number;
  a.signature = signature;
  a.effective = effect;
  a.object = "Test";
  a.patch = std::move(patch);
  return a;
}

json meeting_patch() {
  return json::array({{{"op", "add"}, {"path", "/contrat/reunions/-"}, {"value", {{"date", "2028-01-10"}, {"objet", "Point"}}}}});
}

std::vector<Diagnostic> problems(const json& base, std::vector<dossier::Avenant> avenants) {
  try {
    dossier::History h(base, std::move(avenants));
  } catch (const Error& e) {
    return e.diagnostics();
  }
  return {};
}

bool has(const std::vector<Diagnostic>& list, const std::string& id, const std::string& pointer) {
  for (const auto& d : list)
    if (d.id == id && d.json_path == pointer) return true;
  return false;
}

}  // namespace

TEST_CASE("history: an avenant applies from its signature, not before") {
  dossier::History h(sud_manche(), {qualite()});
  CHECK(h.at("2027-03-29")["contrat"]["missions"].size() == 4);
  CHECK_FALSE(h.at("2027-03-29").contains("_avenants"));
  CHECK(h.at("2027-03-30")["contrat"]["missions"].size() == 5);
  CHECK(h.at("2027-03-30")["_avenants"].size() == 1);
  // The contract as signed and as avenant 1 leaves it, each with its date d'effet.
  const json v = h.at("2027-03-30")["_versions"];
  REQUIRE(v.size() == 2);
  CHECK(v[0]["numero"] == 0);
  CHECK(v[0]["date_effet"] == "2026-04-15");
  CHECK(v[1]["numero"] == 1);
  CHECK(v[1]["date_effet"] == "2027-04-15");
  CHECK(h.consolidation_date() == "2027-04-15");
}

TEST_CASE("history: achieved values are known from the meeting that reviews their year, meetings from their date") {
  dossier::History h(sud_manche());
  // The sample's COPIL of 20 May 2027 reviews contract year 1.
  CHECK(dossier::review_date(h.latest(), 1) == "2027-05-20");
  // Year 2 has no reviewing meeting: its values are known when its variable pay is due (anniversary + 2 months).
  CHECK(dossier::review_date(h.latest(), 2) == "2028-06-15");
  const json before = h.at("2027-05-19");
  for (const auto& i : before["contrat"]["indicateurs"]) CHECK_FALSE(i.contains("realise"));
  CHECK_FALSE(before.contains("copils"));
  const json on = h.at("2027-05-20");
  CHECK(on["contrat"]["indicateurs"][0]["realise"] == json::array({51500}));
  CHECK(on["copils"].size() == 1);
  // The latest state keeps everything.
  CHECK(h.latest()["contrat"]["indicateurs"][0]["realise"] == json::array({51500}));
}

TEST_CASE("history: an association created after a document's date is presented as being created") {
  json d = sud_manche();
  d["cpts"]["date_creation"] = "2025-06-01";  // after the lettre d'intention of 7 April 2025
  dossier::History h(d);
  const json lettre = h.at("2025-04-07");
  CHECK(lettre["cpts"]["statut_association"] == "en_cours");
  CHECK_FALSE(lettre["cpts"].contains("siret"));
  CHECK(h.at("2025-06-01")["cpts"]["statut_association"] == "creee");
  std::vector<Diagnostic> warnings = dossier::check_rules(d, "d.json");
  CHECK(has(warnings, "trame.dossier.W330", "/cpts/date_creation"));
}

TEST_CASE("history: dates that cannot be are refused, naming the avenant and the field") {
  const json d = sud_manche();
  // Signed before the contract (15 April 2026), or taking effect before it.
  CHECK(has(problems(d, {avenant(1, "2026-01-10", "2026-05-01", meeting_patch())}), "trame.avenant.E403", "/date_signature"));
  CHECK(has(problems(d, {avenant(1, "2026-05-01", "2026-04-01", meeting_patch())}), "trame.avenant.E403", "/date_effet"));
  // Taking effect before its own signature: it would rewrite the past.
  CHECK(has(problems(d, {avenant(1, "2027-05-01", "2027-04-15", meeting_patch())}), "trame.avenant.E404", "/date_effet"));
  // After the contract's end (14 April 2031).
  CHECK(has(problems(d, {avenant(1, "2030-05-01", "2031-05-01", meeting_patch())}), "trame.avenant.E406", "/date_effet"));
  // Numbered out of the order of signature.
  CHECK(has(problems(d, {avenant(1, "2027-05-01", "2027-05-01", meeting_patch()),
                         avenant(2, "2027-04-01", "2027-06-01", meeting_patch())}),
            "trame.avenant.E405", "/date_signature"));
  // Sound dates pass.
  CHECK(problems(d, {avenant(1, "2027-05-01", "2027-06-01", meeting_patch())}).empty());
  // A dossier without a contract has nothing to amend.
  json no_contract = d;
  no_contract.erase("contrat");
  no_contract.erase("copils");
  CHECK(has(problems(no_contract, {avenant(1, "2027-05-01", "2027-06-01", meeting_patch())}), "trame.avenant.E407", "/numero"));
}

TEST_CASE("history: meetings outside the contract or reviewing a year not yet over are errors") {
  json d = sud_manche();
  d["copils"][0]["date"] = "2026-03-01";  // before the signature
  CHECK(has(dossier::check_rules(d, "d.json"), "trame.dossier.E330", "/copils/0/date"));
  d["copils"][0]["date"] = "2031-05-01";  // after the end
  CHECK(has(dossier::check_rules(d, "d.json"), "trame.dossier.E330", "/copils/0/date"));
  d["copils"][0]["date"] = "2027-03-01";  // reviews year 1, which ends on 14 April 2027
  CHECK(has(dossier::check_rules(d, "d.json"), "trame.dossier.E331", "/copils/0/annee_revue"));
  d = sud_manche();
  d["contrat"]["projet_sante_valide_le"] = "2026-05-01";  // after the signature
  CHECK(has(dossier::check_rules(d, "d.json"), "trame.dossier.E333", "/contrat/projet_sante_valide_le"));
  d = sud_manche();
  d["cpts"]["date_creation"] = "2026-06-01";  // the contract is signed by a declared association
  CHECK(has(dossier::check_rules(d, "d.json"), "trame.dossier.E332", "/contrat/signature/date"));
}

TEST_CASE("follow-up warnings: national access indicators, the annual review, two meetings a year") {
  json d = sud_manche();
  CHECK_FALSE(has(dossier::check_rules(d, "d.json"), "trame.dossier.W335", "/contrat/indicateurs"));
  // Without the SNP consultations indicator while the SNP volet is retained.
  json& inds = d["contrat"]["indicateurs"];
  for (size_t i = 0; i < inds.size(); ++i)
    if (inds[i]["id"] == "snp_consultations") inds.erase(i);
  auto w = dossier::check_rules(d, "d.json");
  REQUIRE(has(w, "trame.dossier.W335", "/contrat/indicateurs"));
  for (const auto& x : w)
    if (x.id == "trame.dossier.W335") {
      CHECK(x.severity == trame::Severity::Warning);
      CHECK(x.message.find("« Consultations réalisées via l’organisation territoriale des soins non programmés »") !=
            std::string::npos);
    }
  // Meetings planned for the first year only: years 2 to 5 have no review and fewer than two meetings.
  d = sud_manche();
  json kept = json::array();
  for (const auto& r : d["contrat"]["reunions"])
    if (r["date"].get<std::string>() < "2027-06-01") kept.push_back(r);
  d["contrat"]["reunions"] = kept;
  w = dossier::check_rules(d, "d.json");
  REQUIRE(has(w, "trame.dossier.W336", "/contrat/reunions"));
  REQUIRE(has(w, "trame.dossier.W337", "/contrat/reunions"));
  for (const auto& x : w) {
    if (x.id == "trame.dossier.W336") {
      CHECK(x.message.find("année 2 (réunion attendue du 15 avril 2028 au 15 juin 2028)") != std::string::npos);
      CHECK(x.message.find("année 1 ") == std::string::npos);  // reviewed on 20 May 2027
    }
    if (x.id == "trame.dossier.W337") CHECK(x.message.find("année 1 : 2, ") == std::string::npos);
  }
}
