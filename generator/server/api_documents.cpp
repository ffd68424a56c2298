// The API on a dossier sent in the request (nothing saved): validate, render a
// document, the pack as a zip, the funding of its contract; the simulator; the
// schema, the catalogue and the skeleton the form needs.
#include <algorithm>

#include "app/pipeline.hpp"
#include "common/files.hpp"
#include "dossier/contract.hpp"
#include "dossier/dossier.hpp"
#include "funding/engine.hpp"
#include "locale/format.hpp"
#include "server/http.hpp"

namespace trame::server {
using nlohmann::json;

static const char* kName = "dossier.json";

static json load_body(const httplib::Request& req, std::vector<Diagnostic>* warnings = nullptr) {
  return dossier::load_text(req.body, kName, warnings);
}

static json funding_json(const funding::Result& r) {
  json j = r.to_json();
  j["table_titre"] = r.table->title;
  j["taille_libelle"] = r.table->band(r.size).label;
  return j;
}

static HttpError bad(const std::string& message) { return HttpError{400, message}; }

// The simulator's parameters: {population, signature, missions: [...], volets: [...],
// debuts: {mission: date}, atteinte: {mission: percent}, table}.
static funding::ContractInput simulation_input(const json& p) {
  funding::ContractInput in;
  if (!p.contains("population") || !p["population"].is_number_integer() || p["population"].get<long long>() <= 0)
    throw bad("la population doit être un nombre entier positif");
  in.population = p["population"].get<long long>();
  in.signature = p.value("signature", "");
  if (!locale::is_iso_date(in.signature)) throw bad("date de signature invalide « " + in.signature + " » (AAAA-MM-JJ)");
  const std::string table = p.value("table", "");
  in.table = table.empty() ? &funding::table_for_date(in.signature) : &funding::table_version(table);
  std::vector<std::string> volets = p.value("volets", std::vector<std::string>{});
  std::vector<std::string> missions = p.value("missions", std::vector<std::string>{"acces", "parcours", "prevention"});
  for (const auto& m : missions) {
    funding::MissionChoice mc{m, in.signature, {}, {}};
    if (m == "acces") mc.volets = volets;
    in.missions.push_back(mc);
  }
  if (!volets.empty() && std::find(missions.begin(), missions.end(), "acces") == missions.end())
    throw bad("les volets mt et snp demandent la mission acces");
  const json debuts = p.value("debuts", json::object()), atteinte = p.value("atteinte", json::object());
  for (auto& [id, date] : debuts.items()) {
    if (!date.is_string() || !locale::is_iso_date(date.get<std::string>()))
      throw bad("date de début invalide pour la mission « " + id + " » (AAAA-MM-JJ)");
    auto it = std::find_if(in.missions.begin(), in.missions.end(), [&](auto& m) { return m.id == id; });
    if (it == in.missions.end()) throw bad("la mission « " + id + " » n’est pas retenue");
    it->start = date.get<std::string>();
  }
  for (auto& [id, rate] : atteinte.items()) {
    if (!rate.is_number() || rate.get<double>() < 0 || rate.get<double>() > 100)
      throw bad("un taux d’atteinte est compris entre 0 et 100 %");
    for (int y = 0; y < funding::kContractYears; ++y) in.rates[id][y] = rate.get<double>() / 100.0;
  }
  return in;
}

void register_document_routes(httplib::Server& http, Context& ctx) {
  http.Get("/api/catalogue", [&](const httplib::Request&, httplib::Response& res) {
    json docs = json::array();
    for (const auto& d : app::catalogue()) docs.push_back({{"document", d.name}, {"titre", d.title}});
    reply_json(res, docs);
  });
  http.Get("/api/schema", [&](const httplib::Request&, httplib::Response& res) {
    guarded(ctx, res, [&] { res.set_content(read_file(data_dir() / "models" / "dossier.schema.json"), "application/json"); });
  });
  http.Get("/api/nouveau", [&](const httplib::Request&, httplib::Response& res) {
    guarded(ctx, res, [&] { res.set_content(read_file(data_dir() / "models" / "nouveau-dossier.json"), "application/json"); });
  });

  http.Get("/api/tables", [&](const httplib::Request&, httplib::Response& res) {
    guarded(ctx, res, [&] {
      json out = json::array();
      for (const auto& t : funding::all_tables()) {
        json missions = json::array();
        for (const auto& m : t.missions) {
          json volets = json::array();
          for (const auto& v : m.volets) volets.push_back({{"id", v.id}, {"libelle", v.label}});
          missions.push_back({{"id", m.id}, {"libelle", m.label}, {"socle", m.socle}, {"volets", volets}});
        }
        out.push_back({{"version", t.version}, {"titre", t.title}, {"en_vigueur", t.effective_from}, {"missions", missions}});
      }
      reply_json(res, out);
    });
  });

  http.Post("/api/validate", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] {
      std::vector<Diagnostic> warnings;
      try {
        json dossier = load_body(req, &warnings);
        reply_json(res, {{"valide", true}, {"erreurs", json::array()},
                         {"avertissements", diagnostics_json(ctx, warnings, &dossier, kName)}});
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::InvalidInput) throw;
        // The fields are named in words from the dossier as far as it parses.
        json parsed = json::parse(req.body, nullptr, false);
        const json* dossier = parsed.is_discarded() ? nullptr : &parsed;
        reply_json(res, {{"valide", false}, {"erreurs", diagnostics_json(ctx, e.diagnostics(), dossier, kName)},
                         {"avertissements", diagnostics_json(ctx, warnings, dossier, kName)}});
      }
    });
  });

  http.Post(R"(/api/documents/([a-z0-9-]{1,80})\.(pdf|odt))", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] { send_file(res, render_stem(ctx, dossier::History(load_body(req)), req.matches[1], req.matches[2])); });
  });

  http.Post("/api/documents", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] { reply_json(res, documents_json(load_body(req))); });
  });

  http.Post("/api/pack", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] {
      unsigned formats = app::parse_formats(req.has_param("formats") ? req.get_param_value("formats") : "pdf,odt");
      json dossier = load_body(req);
      res.set_content(pack_zip(ctx, dossier::History(dossier), req.body, kName, formats), "application/zip");
      res.set_header("Content-Disposition", "attachment; filename=\"dossier-complet.zip\"");
    });
  });

  http.Post("/api/funding", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] {
      json dossier = load_body(req);
      if (!dossier.contains("contrat")) throw HttpError{422, "le dossier n’a pas de section contrat"};
      reply_json(res, funding_json(dossier::contract_funding(dossier, kName)));
    });
  });

  http.Post("/api/simulate", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] {
      funding::ContractInput in;
      try {
        in = simulation_input(parse_body(req));
      } catch (const json::exception&) {
        throw bad("paramètres du simulateur invalides (population : nombre, signature : AAAA-MM-JJ, missions : liste)");
      }
      reply_json(res, funding_json(funding::compute(in)));
    });
  });
}

}  // namespace trame::server
