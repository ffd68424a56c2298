// What the API handlers share: the server's state, JSON replies, French errors
// without any path of the server, and the dossier and document look-ups.
#pragma once
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "app/pipeline.hpp"
#include "dossier/history.hpp"
#include "common/diagnostic.hpp"
#include "server/compute_pool.hpp"
#include "server/gate.hpp"
#include "server/server.hpp"
#include "server/store.hpp"

namespace trame::server {

struct Context {
  Options options;
  Store store;
  app::Pipeline pipeline;
  std::string csrf;
  std::set<std::string> sessions;  // session cookies given at login (token mode)
  std::mutex sessions_mutex;
  std::vector<std::string> hidden;  // server paths never shown in a reply
  FairGate gate;                    // admission of the requests that compute
  ComputePool compute;              // where the admitted requests compute (one thread a slot)
  explicit Context(Options o);
};

// An error a handler reports to the client: HTTP status and French message.
struct HttpError {
  int status;
  std::string message;
  std::vector<Diagnostic> diagnostics = {};
  nlohmann::json extra = nullptr;
};

// What a 503 (overloaded) asks the client to wait before it sends its request again.
constexpr int kRetryAfterSeconds = 2;

void reply_json(httplib::Response& res, const nlohmann::json& body, int status = 200);

// Runs a handler on the compute pool once the gate admits it, turning trame::Error, HttpError and anything else into a
// JSON error reply (French; no stack, no server path).
void guarded(Context& ctx, httplib::Response& res, const std::function<void()>& handler);

// Diagnostics as the API shows them: id, severity, JSON pointer, line, column,
// the French message, the place in words and the line `trame validate` prints.
nlohmann::json diagnostics_json(Context& ctx, const std::vector<Diagnostic>& diagnostics, const nlohmann::json* dossier,
                                const std::string& file_name);

// Parses a request body that must be a JSON object of parameters (400 in French otherwise).
nlohmann::json parse_body(const httplib::Request& req);

// A document file of the dossier by its stem ("contrat-aci", "copil-2027-05-20") and format.
app::Output render_stem(Context& ctx, const dossier::History& history, const std::string& stem, const std::string& format);

// The documents the dossier has data for: [{document, titre, fichier}] (one per stem).
nlohmann::json documents_json(const nlohmann::json& dossier);

// The pack as a zip (documents and manifest.json), deterministic.
std::string pack_zip(Context& ctx, const dossier::History& history, const std::string& inputs, const std::string& name,
                     unsigned formats);

void send_file(httplib::Response& res, const app::Output& output);

void register_document_routes(httplib::Server& http, Context& ctx);
void register_dossier_routes(httplib::Server& http, Context& ctx);

}  // namespace trame::server
