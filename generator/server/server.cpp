#include "server/server.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include <sys/socket.h>

#include "common/diagnostic.hpp"
#include "server/assets.hpp"
#include "server/http.hpp"

namespace trame::server {
using nlohmann::json;

static Error usage(const std::string& message) {
  return Error(ErrorKind::Usage, Diagnostic{Severity::Error, "trame.serve.E001", "", 0, 0, "", message});
}

bool is_loopback(const std::string& a) {
  return a == "localhost" || a == "::1" || a == "[::1]" || a.rfind("127.", 0) == 0;
}

void check_options(const Options& o) {
  if (o.port < 0 || o.port > 65535) throw usage("port invalide " + std::to_string(o.port) + " (0 à 65535)");
  if (!is_loopback(o.listen) && o.token.empty())
    throw usage("écouter sur « " + o.listen +
                " » ouvre Trame aux autres machines : donnez un jeton d’accès (fichier --token-file ou variable "
                "d’environnement TRAME_TOKEN), jamais sur la ligne de commande");
  if (!o.token.empty() && o.token.size() < 16) throw usage("le jeton d’accès doit compter au moins 16 caractères");
}

std::string read_token(const std::string& file) {
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) throw Error(ErrorKind::Io, Diagnostic{Severity::Error, "trame.serve.E002", file, 0, 0, "",
                                                   "impossible de lire le fichier du jeton d’accès"});
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    return line;
  }
  const char* env = std::getenv("TRAME_TOKEN");
  return env ? env : "";
}

static std::string random_hex(size_t bytes) {
  std::ifstream in("/dev/urandom", std::ios::binary);
  std::string raw(bytes, '\0');
  if (!in.read(raw.data(), static_cast<std::streamsize>(bytes))) throw std::runtime_error("/dev/urandom illisible");
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// Compares secrets in a time that does not depend on where they differ.
static bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

static std::string cookie(const httplib::Request& req, const std::string& name) {
  std::string all = req.get_header_value("Cookie");
  for (size_t at = 0; at < all.size();) {
    size_t end = all.find(';', at);
    std::string part = all.substr(at, end == std::string::npos ? std::string::npos : end - at);
    part.erase(0, part.find_first_not_of(' '));
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return "";
}

struct Server::Impl {
  Context ctx;
  httplib::Server http;
  int port = 0;
  std::atomic<int> listening{-1};  // the listening socket, once bound
  explicit Impl(Options o) : ctx(std::move(o)) {}

  bool host_allowed(const std::string& host) const {
    if (!is_loopback(ctx.options.listen)) return true;  // other addresses: the token protects
    const std::string p = ":" + std::to_string(port);
    return host == "127.0.0.1" + p || host == "localhost" + p || host == "[::1]" + p;
  }

  bool authenticated(const httplib::Request& req, bool* bearer) {
    *bearer = false;
    if (ctx.options.token.empty()) return true;
    const std::string auth = req.get_header_value("Authorization");
    if (auth.rfind("Bearer ", 0) == 0 && same_secret(auth.substr(7), ctx.options.token)) return *bearer = true;
    const std::string session = cookie(req, "trame_session");
    std::lock_guard<std::mutex> lock(ctx.sessions_mutex);
    for (const auto& s : ctx.sessions)
      if (same_secret(s, session)) return true;
    return false;
  }

  // Every request passes here first: host, cross-site origin, access token, CSRF token.
  httplib::Server::HandlerResponse guard(const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; connect-src 'self' blob:; img-src 'self' data: blob:; frame-src 'self' blob:; object-src 'self' blob:; "
                   "frame-ancestors 'self'; base-uri 'none'; form-action 'self'");
    auto refuse = [&](int status, const std::string& message) {
      reply_json(res, {{"erreur", message}, {"diagnostics", json::array()}}, status);
      return httplib::Server::HandlerResponse::Handled;
    };
    const std::string host = req.get_header_value("Host");
    if (!host_allowed(host)) return refuse(403, "hôte non autorisé : ouvrez Trame à l’adresse http://127.0.0.1:" + std::to_string(port) + "/");
    const std::string origin = req.get_header_value("Origin");
    const bool changing = req.method != "GET" && req.method != "HEAD";
    const bool api = req.path.rfind("/api/", 0) == 0;
    // A link from another site may open the page; nothing else may come from another site.
    if ((api || changing) && req.get_header_value("Sec-Fetch-Site") == "cross-site")
      return refuse(403, "requête venant d’un autre site refusée");
    if (!origin.empty() && origin != "http://" + host && (changing || api))
      return refuse(403, "requête venant d’un autre site refusée");
    if (!api) return httplib::Server::HandlerResponse::Unhandled;
    bool bearer = false;
    const bool open = req.path == "/api/session" || req.path == "/api/login";
    if (!open && !authenticated(req, &bearer)) return refuse(401, "accès réservé : donnez le jeton d’accès de ce serveur");
    if (changing && !bearer && !same_secret(req.get_header_value("X-CSRF-Token"), ctx.csrf))
      return refuse(403, "jeton anti-falsification (CSRF) manquant ou invalide : rechargez la page");
    return httplib::Server::HandlerResponse::Unhandled;
  }

  void routes() {
    http.Get("/api/session", [this](const httplib::Request& req, httplib::Response& res) {
      bool bearer = false;
      reply_json(res, {{"csrf", ctx.csrf}, {"version", TRAME_VERSION}, {"jeton_requis", !ctx.options.token.empty()},
                       {"connecte", authenticated(req, &bearer)}, {"limite_octets", ctx.options.max_body}});
    });
    http.Post("/api/login", [this](const httplib::Request& req, httplib::Response& res) {
      guarded(ctx, res, [&] {
        json p = parse_body(req);
        if (ctx.options.token.empty()) return reply_json(res, {{"connecte", true}});
        if (!p.contains("jeton") || !p["jeton"].is_string() || !same_secret(p["jeton"].get<std::string>(), ctx.options.token))
          throw HttpError{401, "jeton d’accès incorrect"};
        std::string session = random_hex(32);
        {
          std::lock_guard<std::mutex> lock(ctx.sessions_mutex);
          ctx.sessions.insert(session);
        }
        res.set_header("Set-Cookie", "trame_session=" + session + "; Path=/; HttpOnly; SameSite=Strict");
        reply_json(res, {{"connecte", true}});
      });
    });
    register_document_routes(http, ctx);
    register_dossier_routes(http, ctx);
    http.Get("/(.*)", [this](const httplib::Request& req, httplib::Response& res) {
      if (req.path.rfind("/api/", 0) == 0) return reply_json(res, {{"erreur", "ressource inconnue"}}, 404);
      const Asset* a = find_asset(req.path == "/" ? "/index.html" : req.path);
      if (!a) return reply_json(res, {{"erreur", "page inconnue"}}, 404);
      res.set_content(std::string(a->bytes), std::string(a->type));
    });
    http.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      reply_json(res, {{"erreur", "erreur interne du serveur"}, {"diagnostics", json::array()}}, 500);
    });
    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      // cpp-httplib parses form bodies itself, with a small limit: a dossier must come as JSON.
      if (res.status == 413 && req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0)
        reply_json(res, {{"erreur", "type de contenu refusé : envoyez le JSON avec Content-Type: application/json"}}, 415);
      else if (res.status == 413) reply_json(res, {{"erreur", "requête trop volumineuse"}}, 413);
      else if (res.status == 404) reply_json(res, {{"erreur", "ressource inconnue"}}, 404);
      else if (res.status == 405) reply_json(res, {{"erreur", "méthode non autorisée"}}, 405);
      else if (res.status >= 400) reply_json(res, {{"erreur", "requête invalide"}}, res.status);
    });
  }
};

Server::Server(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {
  check_options(impl_->ctx.options);
  impl_->ctx.csrf = random_hex(32);
  auto& http = impl_->http;
  const int threads = std::max(4, impl_->ctx.options.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  const time_t t = impl_->ctx.options.timeout_seconds;
  http.set_read_timeout(t, 0);
  http.set_write_timeout(t, 0);
  http.set_keep_alive_timeout(t);
  http.set_keep_alive_max_count(100000);
  http.set_payload_max_length(impl_->ctx.options.max_body);
  http.set_tcp_nodelay(true);
  // SO_REUSEADDR (a restarted server gets its port back at once), not cpp-httplib's default
  // SO_REUSEPORT, with which a second `trame serve` on the same port would start and share the
  // connections instead of being told the port is taken. The socket is kept to widen its backlog.
  http.set_socket_options([this](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    impl_->listening = sock;
  });
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) { return impl_->guard(req, res); });
  impl_->routes();
}

Server::~Server() = default;

int Server::bind() {
  auto& o = impl_->ctx.options;
  const std::string host = o.listen == "localhost" ? "127.0.0.1" : o.listen == "[::1]" ? "::1" : o.listen;
  int port = o.port == 0 ? impl_->http.bind_to_any_port(host) : (impl_->http.bind_to_port(host, o.port) ? o.port : -1);
  if (port <= 0)
    throw Error(ErrorKind::Io, Diagnostic{Severity::Error, "trame.serve.E003", "", 0, 0, "",
                                          "impossible d’écouter sur " + o.listen + ":" + std::to_string(o.port) +
                                              " (port déjà pris ou adresse inconnue)"});
  // cpp-httplib 0.11 listens with a backlog of 5: sixteen clients connecting at once overflowed
  // it, and the connections the system dropped failed after a second ("Read" errors of the load
  // benchmark). Listening again on the bound socket sets the backlog the options give.
  if (impl_->listening >= 0) ::listen(impl_->listening, std::max(16, o.listen_backlog));
  return impl_->port = port;
}

void Server::run() { impl_->http.listen_after_bind(); }
void Server::stop() { impl_->http.stop(); }
const std::string& Server::csrf() const { return impl_->ctx.csrf; }

}  // namespace trame::server
