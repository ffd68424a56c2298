// trame serve: the web application (form, preview, pack, simulator, avenants)
// and the JSON API it uses, over cpp-httplib. Loopback by default; any other
// address needs an access token. See docs/guide/navigateur.md and docs/api.openapi.yaml.
#pragma once
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace trame::server {

struct Options {
  std::string listen = "127.0.0.1";
  int port = 8080;                       // 0: any free port (the chosen one is printed)
  std::filesystem::path dossiers = "dossiers";
  std::string token;                     // access token; required unless listening on loopback
  size_t max_body = 4u << 20;            // request body limit, bytes
  int threads = 48;                      // worker threads (one per open connection)
  int timeout_seconds = 5;               // read/write/keep-alive timeouts: a slow client lets go of its thread
  unsigned compute_slots = 0;            // requests computing at once (0: one per core, at least 2)
  size_t max_waiting = 64;               // requests waiting for their turn; more get 503 at once
  int max_wait_ms = 15000;               // longest wait for a turn; then 503 with Retry-After
  int listen_backlog = 1024;             // connections the system holds until accepted (a burst of clients)
};

// Whether `address` is a loopback address (127.0.0.0/8, ::1, localhost).
bool is_loopback(const std::string& address);

// Checks the options before anything listens: throws trame::Error(Usage) with a
// French message (another address without a token, a token too short…).
void check_options(const Options& options);

// The access token: the first line of `file` if given, else $TRAME_TOKEN, else "".
std::string read_token(const std::string& file);

class Server {
 public:
  explicit Server(Options options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds (port 0: any free port) and returns the port; throws trame::Error(Io) in French.
  int bind();
  // Serves until stop() (blocking).
  void run();
  void stop();
  // The CSRF token the page sends back with every change (random, per process).
  const std::string& csrf() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace trame::server
