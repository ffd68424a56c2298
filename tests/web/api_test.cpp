// The JSON API of trame serve, spoken to over HTTP on the loopback as the page
// and a CPAM information system would: what comes back is read by real readers
// (pdftotext, libzip) and checked against the rules and the command line.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "app/pipeline.hpp"
#include "server_fixture.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trame::test;

static std::string pdf_text(const std::string& bytes, const fs::path& dir) {
  fs::path f = dir / "doc.pdf";
  std::ofstream(f, std::ios::binary) << bytes;
  return trame::test::normalize_spaces(run("pdftotext -enc UTF-8 " + quote(f.string()) + " -").out);
}

TEST_CASE("serve api: validation gives the diagnostics of trame validate, each with its field") {
  LiveServer s;
  auto c = s.client();
  auto ok = s.post_sample(c, "/api/validate", "sud-manche.json");
  CHECK(ok->status == 200);
  CHECK(body(ok)["valide"] == true);

  const fs::path bad = fs::path(TRAME_SOURCE_DIR) / "samples" / "invalides" / "regles-invalides.json";
  auto r = c.Post("/api/validate", trame::read_file(bad), "application/json");
  REQUIRE(r);
  json j = body(r);
  CHECK(j["valide"] == false);
  REQUIRE(!j["erreurs"].empty());
  auto cli = run(quote(TRAME_BIN) + " validate " + quote(bad.string()));
  CHECK(cli.exit_code == 1);
  for (const auto& e : j["erreurs"]) {
    // Same id, pointer and French text as the command line prints.
    CHECK(has(cli.err, "[" + e["id"].get<std::string>() + "]"));
    CHECK(has(cli.err, e["message"].get<std::string>()));
    CHECK(has(cli.err, "(" + e["pointeur"].get<std::string>() + ")"));
    CHECK(e["gravite"] == "erreur");
    CHECK(!e["lieu"].get<std::string>().empty());
    CHECK(!has(e["texte"].get<std::string>(), TRAME_SOURCE_DIR));
  }
  // Malformed JSON: line and column.
  auto m = c.Post("/api/validate", "{\n  \"cpts\": {,\n}", "application/json");
  json mj = body(m);
  CHECK(mj["valide"] == false);
  CHECK(mj["erreurs"][0]["ligne"] == 2);
}

TEST_CASE("serve api: one document as PDF, read back by pdftotext") {
  LiveServer s;
  auto c = s.client();
  auto list = s.post_sample(c, "/api/documents", "sud-manche.json");
  std::set<std::string> stems;
  for (const auto& d : body(list)) stems.insert(d["fichier"].get<std::string>());
  CHECK(stems.count("contrat-aci") == 1);
  CHECK(stems.count("lettre-intention") == 1);

  auto r = s.post_sample(c, "/api/documents/contrat-aci.pdf", "sud-manche.json");
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Content-Type") == "application/pdf");
  REQUIRE(r->body.rfind("%PDF-", 0) == 0);
  std::string text = pdf_text(r->body, s.dir.path);
  CHECK(has(text, "CPTS Sud Manche"));
  CHECK(has(text, "Article"));

  auto unknown = c.Post("/api/documents/inexistant.pdf", s.sample("sud-manche.json"), "application/json");
  CHECK(unknown->status == 404);
  CHECK(has(body(unknown)["erreur"].get<std::string>(), "inexistant"));
  // An invalid dossier is refused with its diagnostics, in French.
  auto invalid = c.Post("/api/documents/contrat-aci.pdf", "{}", "application/json");
  CHECK(invalid->status == 422);
  CHECK(!body(invalid)["diagnostics"].empty());
}

TEST_CASE("serve api: the pack as a zip whose manifest tells the truth about its files") {
  LiveServer s;
  auto c = s.client();
  auto r = s.post_sample(c, "/api/pack?formats=pdf", "vallee-du-loir.json");
  REQUIRE(r->status == 200);
  CHECK(r->get_header_value("Content-Type") == "application/zip");
  fs::path zip = s.dir.path / "pack.zip";
  std::ofstream(zip, std::ios::binary) << r->body;
  auto names = trame::test::zip_names(zip);
  json manifest = json::parse(trame::test::zip_entry(zip, "manifest.json"));
  CHECK(manifest["files"].size() + 1 == names.size());
  for (const auto& f : manifest["files"]) {
    std::string bytes = trame::test::zip_entry(zip, f["file"]);
    CHECK(f["format"] == "pdf");
    CHECK(trame::sha256_hex(bytes) == f["sha256"]);
    CHECK(bytes.size() == f["size"]);
  }
  CHECK(manifest["dossier_sha256"] == trame::sha256_hex(s.sample("vallee-du-loir.json")));
  // Same dossier, same bytes.
  auto again = c.Post("/api/pack?formats=pdf", s.sample("vallee-du-loir.json"), "application/json");
  CHECK(again->body == r->body);
  auto bad_format = c.Post("/api/pack?formats=docx", s.sample("vallee-du-loir.json"), "application/json");
  CHECK(bad_format->status == 400);
}

// The annual maximum of a size, from the table of the accord (models/aci/2019.json).
static double table_total(int size, const std::vector<std::string>& missions) {
  json t = json::parse(trame::read_file(fs::path(TRAME_SOURCE_DIR) / "models" / "aci" / "2019.json"));
  double total = t["fonctionnement"][size - 1].get<double>();
  for (const auto& m : t["missions"])
    if (std::find(missions.begin(), missions.end(), m["id"]) != missions.end())
      total += m["fixe"][size - 1].get<double>() + m["variable"][size - 1].get<double>();
  return total;
}

TEST_CASE("serve api: the simulator follows the table of the accord, per calendar year for the chart") {
  LiveServer s;
  auto c = s.client();
  json p = {{"population", 45000}, {"signature", "2027-01-15"}, {"missions", {"acces", "parcours", "prevention"}}};
  auto r = c.Post("/api/simulate", p.dump(), "application/json");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  json j = body(r);
  CHECK(j["size"] == 2);  // 40 000 to 79 999 inhabitants
  CHECK(j["taille_libelle"] == "de 40 000 à 79 999 habitants");
  CHECK(j["annual_max"]["total"].get<double>() == Approx(table_total(2, {"acces", "parcours", "prevention"})));
  double sum = 0;
  std::set<int> years;
  for (const auto& y : j["per_year"]) {
    sum += y["amount"].get<double>();
    years.insert(y["year"].get<int>());
  }
  CHECK(sum == Approx(j["schedule_total"].get<double>()));
  CHECK(*years.begin() == 2027);
  // Five contract years, at 100 %: five times the annual total.
  CHECK(j["schedule_total"].get<double>() == Approx(5 * j["annual_max"]["total"].get<double>()));

  // A lower achievement lowers the variable part only.
  p["atteinte"] = {{"acces", 50}};
  json half = body(c.Post("/api/simulate", p.dump(), "application/json"));
  json t = json::parse(trame::read_file(fs::path(TRAME_SOURCE_DIR) / "models" / "aci" / "2019.json"));
  double acces_variable = t["missions"][0]["variable"][1].get<double>();
  CHECK(j["schedule_total"].get<double>() - half["schedule_total"].get<double>() == Approx(5 * acces_variable / 2));

  auto bad = c.Post("/api/simulate", json{{"population", -3}, {"signature", "2027-01-15"}}.dump(), "application/json");
  CHECK(bad->status == 400);
  CHECK(has(body(bad)["erreur"].get<std::string>(), "population"));
  auto unknown = c.Post("/api/simulate", json{{"population", 3000}, {"signature", "2027-01-15"}, {"missions", {"acces", "inconnue"}}}.dump(),
                        "application/json");
  CHECK(unknown->status == 422);
}

TEST_CASE("serve api: funding of a dossier's contract equals trame funding --json") {
  LiveServer s;
  auto c = s.client();
  auto r = c.Post("/api/funding", s.sample("sud-manche.json"), "application/json");
  REQUIRE(r->status == 200);
  auto cli = run(quote(TRAME_BIN) + " funding --json " + quote(std::string(TRAME_SOURCE_DIR) + "/samples/sud-manche.json"));
  REQUIRE(cli.exit_code == 0);
  json expected = json::parse(cli.out), got = body(r);
  CHECK(got["schedule"] == expected["schedule"]);
  CHECK(got["annual_max"] == expected["annual_max"]);
}

TEST_CASE("serve api: dossiers saved atomically, every version kept, conflicts never overwrite") {
  LiveServer s;
  auto c = s.client();
  const fs::path file = s.dir.path / "dossiers" / "sud-manche.json";
  auto created = c.Put("/api/dossiers/sud-manche", s.sample("sud-manche.json"), "application/json");
  REQUIRE(created);
  CHECK(created->status == 201);
  const std::string v1 = created->get_header_value("ETag");
  CHECK(json::parse(trame::read_file(file)) == json::parse(s.sample("sud-manche.json")));

  auto got = c.Get("/api/dossiers/sud-manche");
  CHECK(got->get_header_value("ETag") == v1);
  json d = json::parse(got->body);
  d["cpts"]["telephone"] = "02 33 00 00 01";

  // No If-Match on an existing dossier: refused.
  auto blind = c.Put("/api/dossiers/sud-manche", d.dump(), "application/json");
  CHECK(blind->status == 428);
  httplib::Headers first{{"If-Match", v1}};
  auto saved = c.Put("/api/dossiers/sud-manche", first, d.dump(), "application/json");
  REQUIRE(saved->status == 200);
  const std::string v2 = saved->get_header_value("ETag");
  CHECK(v2 != v1);

  // A second person who opened version 1 saves: conflict, the file keeps the first person's change.
  json other = json::parse(s.sample("sud-manche.json"));
  other["cpts"]["telephone"] = "02 33 99 99 99";
  auto conflict = c.Put("/api/dossiers/sud-manche", first, other.dump(), "application/json");
  CHECK(conflict->status == 409);
  CHECK(has(body(conflict)["erreur"].get<std::string>(), "conflit"));
  CHECK(body(conflict)["etag"] == v2);
  CHECK(json::parse(trame::read_file(file))["cpts"]["telephone"] == "02 33 00 00 01");

  // History, and restoring version 1 makes a third version.
  json history = body(c.Get("/api/dossiers/sud-manche/history"));
  REQUIRE(history.size() == 2);
  CHECK(history[0]["etag"] == v1);
  httplib::Headers second{{"If-Match", v2}};
  auto restored = c.Post("/api/dossiers/sud-manche/restore/1", second, "", "application/json");
  REQUIRE(restored->status == 200);
  CHECK(json::parse(trame::read_file(file)) == json::parse(s.sample("sud-manche.json")));
  CHECK(body(c.Get("/api/dossiers/sud-manche/history")).size() == 3);

  // A file edited by hand on the server is kept in the history before the next save.
  const std::string v3 = restored->get_header_value("ETag");
  std::string hand = trame::read_file(file);
  hand.insert(hand.find('{') + 1, "\n  \"$schema\": \"../models/dossier.schema.json\",");
  std::ofstream(file, std::ios::binary) << hand;
  auto stale = c.Put("/api/dossiers/sud-manche", httplib::Headers{{"If-Match", v3}}, d.dump(), "application/json");
  CHECK(stale->status == 409);  // edited on disk since the client read it
  const std::string v4 = body(stale)["etag"];
  auto over = c.Put("/api/dossiers/sud-manche", httplib::Headers{{"If-Match", v4}}, d.dump(), "application/json");
  CHECK(over->status == 200);
  json h = body(c.Get("/api/dossiers/sud-manche/history"));
  REQUIRE(h.size() == 5);
  CHECK(body(c.Get("/api/dossiers/sud-manche/history/4")).contains("$schema"));

  // Only complete files in the directory: no temporary file left behind.
  for (const auto& e : fs::recursive_directory_iterator(s.dir.path / "dossiers"))
    if (e.is_regular_file()) CHECK(e.path().extension() == ".json");
  json list = body(c.Get("/api/dossiers"));
  REQUIRE(list.size() == 1);
  CHECK(list[0]["nom"] == "CPTS Sud Manche");
}

TEST_CASE("serve api: a new dossier starts from a skeleton that validates (also trame nouveau)") {
  LiveServer s;
  auto c = s.client();
  auto skeleton = c.Get("/api/nouveau");
  REQUIRE(skeleton->status == 200);
  CHECK(body(c.Post("/api/validate", skeleton->body, "application/json"))["valide"] == true);
  const fs::path out = s.dir.path / "nouveau.json";
  auto r = run(quote(TRAME_BIN) + " nouveau " + quote(out.string()));
  REQUIRE(r.exit_code == 0);
  CHECK(run(quote(TRAME_BIN) + " validate " + quote(out.string())).exit_code == 0);
  // Never overwrites a file.
  auto again = run(quote(TRAME_BIN) + " nouveau " + quote(out.string()));
  CHECK(again.exit_code == 2);
  CHECK(has(again.err, "existe déjà"));
}

TEST_CASE("serve api: an avenant from changed fields, its RFC 6902 file and its document") {
  LiveServer s;
  auto c = s.client();
  REQUIRE(c.Put("/api/dossiers/sud-manche", s.sample("sud-manche.json"), "application/json")->status == 201);
  json d = body(c.Get("/api/dossiers/sud-manche/effective"));
  REQUIRE(d["contrat"]["indicateurs"].size() > 1);
  json old_targets = d["contrat"]["indicateurs"][1]["cibles"];
  d["contrat"]["indicateurs"][1]["cibles"][4] = 99;
  json p = {{"objet", "Relèvement de la cible de la cinquième année"}, {"date_signature", "2027-09-01"},
            {"date_effet", "2027-10-01"}, {"dossier", d}};
  auto r = c.Post("/api/dossiers/sud-manche/avenants", p.dump(), "application/json");
  REQUIRE(r);
  INFO(r->body);
  REQUIRE(r->status == 201);
  json a = body(r);
  CHECK(a["numero"] == 1);
  // The file the batch reads: DIR/avenants/<id>/001.json, an RFC 6902 patch of the change.
  json file = json::parse(trame::read_file(s.dir.path / "dossiers" / "avenants" / "sud-manche" / "001.json"));
  CHECK(file["objet"] == p["objet"]);
  CHECK(file["date_effet"] == "2027-10-01");
  REQUIRE(file["modifications"].size() == 1);
  CHECK(file["modifications"][0]["op"] == "replace");
  CHECK(file["modifications"][0]["path"] == "/contrat/indicateurs/1/cibles/4");
  CHECK(file["modifications"][0]["value"] == 99);
  // Applying it gives the changed dossier back.
  CHECK(json::parse(s.sample("sud-manche.json")).patch(file["modifications"])["contrat"]["indicateurs"][1]["cibles"][4] == 99);

  std::set<std::string> docs;
  for (const auto& doc : a["documents"]) docs.insert(doc["fichier"].get<std::string>());
  REQUIRE(docs.count("avenant-001") == 1);
  auto pdf = c.Get("/api/dossiers/sud-manche/documents/avenant-001.pdf");
  REQUIRE(pdf->status == 200);
  std::string text = pdf_text(pdf->body, s.dir.path);
  CHECK(has(text, "Relèvement de la cible de la cinquième année"));
  CHECK(has(text, "1er octobre 2027"));
  if (trame::app::find_document("contrat-aci-consolide")) CHECK(docs.count("contrat-aci-consolide") == 1);

  // Nothing changed: refused, nothing written.
  p["dossier"] = body(c.Get("/api/dossiers/sud-manche/effective"));
  auto none = c.Post("/api/dossiers/sud-manche/avenants", p.dump(), "application/json");
  CHECK(none->status == 400);
  // A change that breaks a rule: refused with the diagnostics, no file.
  json broken = p["dossier"];
  broken["contrat"]["signature"]["date"] = "pas une date";
  p["dossier"] = broken;
  auto refused = c.Post("/api/dossiers/sud-manche/avenants", p.dump(), "application/json");
  CHECK(refused->status == 422);
  CHECK(!fs::exists(s.dir.path / "dossiers" / "avenants" / "sud-manche" / "002.json"));
  CHECK(body(c.Get("/api/dossiers/sud-manche/avenants")).size() == 1);
}
