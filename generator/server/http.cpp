#include "server/http.hpp"

#ifdef TRAME_MIMALLOC
#include <mimalloc.h>
#endif

#include <algorithm>
#include <iostream>
#include <map>
#include <thread>
#include <zip.h>

#include "app/pack.hpp"
#include "common/files.hpp"
#include "dossier/dossier.hpp"

namespace trame::server {
using nlohmann::json;
namespace fs = std::filesystem;

static unsigned slots_of(const Options& o) {
  return o.compute_slots ? o.compute_slots : std::max(2u, std::thread::hardware_concurrency());
}

Context::Context(Options o)
    : options(std::move(o)), store(options.dossiers),
      gate(slots_of(options), options.max_waiting, std::chrono::milliseconds(options.max_wait_ms)),
      compute(slots_of(options)) {
  std::error_code ec;
  for (const fs::path& p : {options.dossiers, fs::absolute(options.dossiers, ec), fs::weakly_canonical(options.dossiers, ec),
                            data_dir(), fs::weakly_canonical(data_dir(), ec)}) {
    std::string s = p.string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    if (s.size() > 1 && s != "." && s != "dossiers") hidden.push_back(s);
  }
  // Longest first, so that a path is removed whole before any of its prefixes.
  std::sort(hidden.begin(), hidden.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

static std::string scrub(const Context& ctx, std::string text) {
  for (const auto& h : ctx.hidden)
    for (size_t at; (at = text.find(h)) != std::string::npos;) {
      size_t end = at + h.size();
      if (end < text.size() && text[end] == '/') ++end;
      text.replace(at, end - at, "");
    }
  return text;
}

void reply_json(httplib::Response& res, const json& body, int status) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

json diagnostics_json(Context& ctx, const std::vector<Diagnostic>& diagnostics, const json* dossier,
                      const std::string& file_name) {
  json out = json::array();
  for (Diagnostic d : diagnostics) {
    // Only a file's name, never where it is on the server.
    d.file = d.file.empty() ? "" : fs::path(d.file).filename().string();
    if (d.file.empty() && !file_name.empty() && d.line > 0) d.file = file_name;
    d.message = scrub(ctx, d.message);
    json j = {{"id", d.id}, {"gravite", d.severity == Severity::Error ? "erreur" : "avertissement"},
              {"pointeur", d.json_path}, {"ligne", d.line}, {"colonne", d.column}, {"message", d.message},
              {"texte", d.format()}};
    if (dossier && !d.json_path.empty()) {
      try {
        j["lieu"] = dossier::describe_pointer(*dossier, d.json_path);
      } catch (...) {
        j["lieu"] = "";
      }
    }
    out.push_back(std::move(j));
  }
  return out;
}

// The request threads (one per open connection, 48) only read bodies and pass them on,
// but each one's allocator heap kept what it had once held: the server's memory grew for
// about 16 000 requests before it stopped (bench/bench_serve.sh). Handing the thread's
// free pages back after each request keeps it flat (issue 14; docs/performance.md).
static void release_thread_memory() {
#ifdef TRAME_MIMALLOC
  mi_collect(false);
#endif
}

void guarded(Context& ctx, httplib::Response& res, const std::function<void()>& handler) {
  try {
    // Overloaded: a prompt, complete answer that says when to come back, rather than a wait
    // that ends in a timeout or a dropped connection (nothing was done: any request may be sent again).
    if (ctx.gate.enter() != FairGate::Admission::Admitted)
      throw HttpError{503, "Trame est très sollicité en ce moment : votre demande n’a pas été traitée, réessayez dans "
                           "quelques secondes"};
    GateSlot slot(ctx.gate);
    ctx.compute.run(handler);
    release_thread_memory();
  } catch (const HttpError& e) {
    json body = {{"erreur", e.message}, {"diagnostics", diagnostics_json(ctx, e.diagnostics, nullptr, "")}};
    if (!e.extra.is_null()) body.update(e.extra);
    reply_json(res, body, e.status);
    if (e.status == 503) res.set_header("Retry-After", std::to_string(kRetryAfterSeconds));
  } catch (const Error& e) {
    static const std::map<ErrorKind, std::pair<int, const char*>> kinds = {
        {ErrorKind::InvalidInput, {422, "données invalides"}},
        {ErrorKind::Usage, {400, "requête invalide"}},
        {ErrorKind::Template, {500, "erreur de modèle"}},
        {ErrorKind::Io, {500, "erreur de lecture ou d’écriture sur le serveur"}},
        {ErrorKind::Internal, {500, "erreur interne du serveur"}}};
    auto [status, label] = kinds.at(e.kind());
    reply_json(res, {{"erreur", label}, {"diagnostics", diagnostics_json(ctx, e.diagnostics(), nullptr, "dossier.json")}},
               status);
  } catch (const std::exception& e) {
    std::cerr << "trame serve : erreur interne : " << scrub(ctx, e.what()) << "\n";
    reply_json(res, {{"erreur", "erreur interne du serveur"}, {"diagnostics", json::array()}}, 500);
  }
}

json parse_body(const httplib::Request& req) {
  json j = json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw HttpError{400, "le corps de la requête doit être un objet JSON valide"};
  return j;
}

static const app::DocumentSpec* spec_for_stem(const json& dossier, const std::string& stem) {
  for (const auto& spec : app::catalogue()) {
    if (stem != spec.name && stem.rfind(spec.name + "-", 0) != 0) continue;
    if (!spec.available(dossier)) continue;
    auto stems = spec.stems(dossier);
    if (std::find(stems.begin(), stems.end(), stem) != stems.end()) return &spec;
  }
  return nullptr;
}

app::Output render_stem(Context& ctx, const dossier::History& history, const std::string& stem, const std::string& format) {
  const app::DocumentSpec* spec = spec_for_stem(history.latest(), stem);
  if (!spec)
    throw HttpError{404, "document « " + stem + " » inconnu ou sans données dans ce dossier"};
  unsigned bit = format == "odt" ? app::kOdt : app::kPdf;
  // The instance ("copil-2027-05-20" -> "2027-05-20"), rendered from the dossier as it stood on its date.
  const std::string key = stem == spec->name ? "" : stem.substr(spec->name.size() + 1);
  for (auto& o : ctx.pipeline.render_one(*spec, key, history.at(spec->date(history, key)), bit))
    if (o.file_name == stem + "." + format) return std::move(o);
  throw HttpError{404, "document « " + stem + " » introuvable"};
}

json documents_json(const json& dossier) {
  json out = json::array();
  for (const auto& spec : app::catalogue()) {
    if (!spec.available(dossier)) continue;
    for (const auto& stem : spec.stems(dossier))
      out.push_back({{"document", spec.name}, {"titre", spec.title}, {"fichier", stem}});
  }
  return out;
}

void send_file(httplib::Response& res, const app::Output& o) {
  const char* type = o.format == "pdf" ? "application/pdf" : "application/vnd.oasis.opendocument.text";
  res.set_content(o.bytes, type);
  res.set_header("Content-Disposition", "inline; filename=\"" + o.file_name + "\"");
}

std::string pack_zip(Context& ctx, const dossier::History& history, const std::string& inputs, const std::string& name,
                     unsigned formats) {
  // One render thread: the server's request threads already render packs side by side.
  app::Pack pack = app::build_pack(ctx.pipeline, history, inputs, name, formats, app::PackOptions{.render_threads = 1});
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = buffer ? zip_open_from_source(buffer, ZIP_TRUNCATE, &error) : nullptr;
  if (!archive) {
    if (buffer) zip_source_free(buffer);
    throw std::runtime_error("zip en mémoire impossible");
  }
  zip_source_keep(buffer);
  for (const auto& o : pack.outputs) {
    zip_source_t* s = zip_source_buffer(archive, o.bytes.data(), o.bytes.size(), 0);
    zip_int64_t i = s ? zip_file_add(archive, o.file_name.c_str(), s, ZIP_FL_ENC_UTF_8) : -1;
    if (i < 0) {
      if (s) zip_source_free(s);
      zip_discard(archive);
      zip_source_free(buffer);
      throw std::runtime_error("ajout au zip impossible");
    }
    // Deterministic archive: a fixed date; every entry stored as it is (PDF and ODT are
    // compressed already; the page reads manifest.json straight from the bytes).
    zip_file_set_mtime(archive, static_cast<zip_uint64_t>(i), 315532800, 0);
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0);
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    throw std::runtime_error("écriture du zip impossible");
  }
  std::string bytes;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    bytes.resize(static_cast<size_t>(size));
    zip_source_read(buffer, bytes.data(), static_cast<zip_uint64_t>(size));
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return bytes;
}

}  // namespace trame::server
