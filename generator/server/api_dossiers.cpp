// The API on saved dossiers: list, get, save (ETag / If-Match), history and
// restore, their documents and pack (avenants applied), and new avenants.
#include <cstdio>

#include "app/pipeline.hpp"
#include "common/files.hpp"
#include "dossier/avenant.hpp"
#include "dossier/history.hpp"
#include "dossier/dossier.hpp"
#include "locale/format.hpp"
#include "server/http.hpp"

namespace trame::server {
using nlohmann::json;

static std::string checked_id(const httplib::Request& req) {
  std::string id = req.matches[1];
  if (!valid_id(id))
    throw HttpError{400, "identifiant de dossier invalide : lettres minuscules, chiffres et tirets seulement (64 au plus)"};
  return id;
}

static std::string read_saved(Context& ctx, const std::string& id) {
  auto bytes = ctx.store.read(id);
  if (!bytes) throw HttpError{404, "aucun dossier « " + id + " »"};
  return *bytes;
}

// The saved dossier with its avenants: each document is rendered from it as it stood on its date.
static dossier::History effective(Context& ctx, const std::string& id, std::string* inputs = nullptr) {
  std::string bytes = read_saved(ctx, id);
  json d = dossier::load_text(bytes, id + ".json");
  auto avenants = dossier::avenants_for(ctx.store.avenants_dir(), ctx.store.file(id));
  if (inputs) {
    *inputs = bytes;
    for (const auto& a : avenants) *inputs += a.bytes;
  }
  return dossier::History(std::move(d), std::move(avenants), id + ".json");
}

// A JSON object as saved: 2-space indentation, final newline (400 if not an object).
static std::string normalised(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw HttpError{400, "le dossier envoyé n’est pas un objet JSON valide"};
  return j.dump(2) + "\n";
}

static void save(Context& ctx, const std::string& id, const std::string& bytes, const httplib::Request& req,
                 httplib::Response& res) {
  const bool existed = ctx.store.read(id).has_value();
  auto result = ctx.store.save(id, bytes, req.get_header_value("If-Match"));
  if (auto* c = std::get_if<Conflict>(&result)) {
    if (c->missing_precondition)
      throw HttpError{428, "ce dossier existe déjà : ouvrez-le avant de l’enregistrer (en-tête If-Match manquant)",
                      {}, {{"etag", c->current_etag}}};
    throw HttpError{409,
                    "conflit : ce dossier a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert ; rien n’a "
                    "été écrasé. Rechargez-le pour voir ses changements.",
                    {}, {{"etag", c->current_etag}}};
  }
  const std::string tag = std::get<std::string>(result);
  res.set_header("ETag", tag);
  auto versions = ctx.store.history(id);
  reply_json(res, {{"id", id}, {"etag", tag}, {"version", versions.empty() ? 0 : versions.back().number}},
             existed ? 200 : 201);
}

static void register_avenant_routes(httplib::Server& http, Context& ctx);

void register_dossier_routes(httplib::Server& http, Context& ctx) {
  http.Get("/api/dossiers", [&](const httplib::Request&, httplib::Response& res) {
    guarded(ctx, res, [&] {
      json out = json::array();
      for (const auto& id : ctx.store.ids()) {
        auto bytes = ctx.store.read(id);
        if (!bytes) continue;
        json d = json::parse(*bytes, nullptr, false);
        std::string nom = d.is_object() && d.contains("cpts") && d["cpts"].is_object() ? d["cpts"].value("nom", "") : "";
        out.push_back({{"id", id}, {"nom", nom}, {"etag", etag_of(*bytes)}});
      }
      reply_json(res, out);
    });
  });

  http.Get("/api/dossiers/([^/]+)", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] {
      std::string bytes = read_saved(ctx, checked_id(req));
      res.set_header("ETag", etag_of(bytes));
      res.set_content(bytes, "application/json; charset=utf-8");
    });
  });

  http.Put("/api/dossiers/([^/]+)", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] { save(ctx, checked_id(req), normalised(req.body), req, res); });
  });

  http.Get("/api/dossiers/([^/]+)/history", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] {
      std::string id = checked_id(req);
      read_saved(ctx, id);
      json out = json::array();
      for (const auto& v : ctx.store.history(id))
        out.push_back({{"version", v.number}, {"etag", v.etag}, {"taille", v.size}, {"enregistre", v.saved}});
      reply_json(res, out);
    });
  });

  http.Get(R"(/api/dossiers/([^/]+)/history/(\d{1,9}))", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] {
      auto bytes = ctx.store.version(checked_id(req), std::stoi(req.matches[2]));
      if (!bytes) throw HttpError{404, "version introuvable"};
      res.set_content(*bytes, "application/json; charset=utf-8");
    });
  });

  http.Post(R"(/api/dossiers/([^/]+)/restore/(\d{1,9}))", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] {
      std::string id = checked_id(req);
      auto bytes = ctx.store.version(id, std::stoi(req.matches[2]));
      if (!bytes) throw HttpError{404, "version introuvable"};
      save(ctx, id, *bytes, req, res);
    });
  });

  http.Get("/api/dossiers/([^/]+)/effective", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] {
      std::string id = checked_id(req);
      json d = dossier::load_text(read_saved(ctx, id), id + ".json");
      reply_json(res, dossier::apply_avenants(d, dossier::avenants_for(ctx.store.avenants_dir(), ctx.store.file(id))));
    });
  });

  http.Get("/api/dossiers/([^/]+)/documents", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] { reply_json(res, documents_json(effective(ctx, checked_id(req)).latest())); });
  });

  http.Get(R"(/api/dossiers/([^/]+)/documents/([a-z0-9-]{1,80})\.(pdf|odt))",
           [&](const httplib::Request& req, httplib::Response& res) {
             guarded(ctx, res, [&] { send_file(res, render_stem(ctx, effective(ctx, checked_id(req)), req.matches[2], req.matches[3])); });
           });

  http.Get("/api/dossiers/([^/]+)/pack", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] {
      std::string id = checked_id(req), inputs;
      unsigned formats = app::parse_formats(req.has_param("formats") ? req.get_param_value("formats") : "pdf,odt");
      const dossier::History history = effective(ctx, id, &inputs);
      res.set_content(pack_zip(ctx, history, inputs, id + ".json", formats), "application/zip");
      res.set_header("Content-Disposition", "attachment; filename=\"" + id + ".zip\"");
    });
  });

  register_avenant_routes(http, ctx);
}

static void register_avenant_routes(httplib::Server& http, Context& ctx) {
  http.Get("/api/dossiers/([^/]+)/avenants", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] {
      std::string id = checked_id(req);
      read_saved(ctx, id);
      json out = json::array();
      for (const auto& a : dossier::avenants_for(ctx.store.avenants_dir(), ctx.store.file(id)))
        out.push_back({{"numero", a.number}, {"fichier", a.file.filename().string()}, {"date_signature", a.signature},
                       {"date_effet", a.effective}, {"objet", a.object}, {"modifications", a.patch}});
      reply_json(res, out);
    });
  });

  // A new avenant from the fields changed in the dossier in force: {objet,
  // date_signature, date_effet, dossier}. Written only once it applies and the
  // result validates; the reply names the documents to look at.
  http.Post("/api/dossiers/([^/]+)/avenants", [&](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, res, [&] {
      std::string id = checked_id(req);
      json p = parse_body(req);
      dossier::Avenant a;
      a.object = p.value("objet", "");
      a.signature = p.value("date_signature", "");
      a.effective = p.value("date_effet", "");
      if (a.object.find_first_not_of(" \t\n") == std::string::npos) throw HttpError{400, "l’objet de l’avenant est obligatoire"};
      for (const auto& [label, date] : {std::pair{"de signature", a.signature}, std::pair{"d’effet", a.effective}})
        if (!locale::is_iso_date(date)) throw HttpError{400, std::string("date ") + label + " invalide « " + date + " » (AAAA-MM-JJ)"};
      if (!p.contains("dossier") || !p["dossier"].is_object()) throw HttpError{400, "le dossier modifié manque (champ « dossier »)"};

      std::lock_guard<std::mutex> lock(ctx.store.avenant_mutex());
      json base = dossier::load_text(read_saved(ctx, id), id + ".json");
      auto avenants = dossier::avenants_for(ctx.store.avenants_dir(), ctx.store.file(id));
      a.patch = json::diff(dossier::apply_avenants(base, avenants), p["dossier"]);
      if (a.patch.empty()) throw HttpError{400, "aucune modification : changez au moins un champ du dossier"};
      a.number = avenants.empty() ? 1 : avenants.back().number + 1;
      char name[24];
      std::snprintf(name, sizeof name, "%03d.json", a.number);
      a.file = name;
      json file = {{"numero", a.number}, {"date_signature", a.signature}, {"date_effet", a.effective},
                   {"objet", a.object}, {"modifications", a.patch}};
      a.bytes = file.dump(2) + "\n";
      avenants.push_back(a);
      // Throws (422) if it does not apply, validate or date correctly.
      const json result = dossier::History(base, avenants, id + ".json").latest();
      write_file_atomic(ctx.store.avenants_dir() / id / name, a.bytes);
      json docs = json::array();
      for (const auto& d : documents_json(result)) {
        const std::string stem = d["fichier"];
        const bool own = d["document"] == "avenant" && result["_avenants"].back().value("numero_texte", "") ==
                                                         stem.substr(std::string("avenant-").size());
        if (own || d["document"] == "contrat-aci-consolide") docs.push_back(d);
      }
      reply_json(res, {{"numero", a.number}, {"fichier", name}, {"modifications", a.patch}, {"documents", docs}}, 201);
    });
  });
}

}  // namespace trame::server
