// A trame server in the test process, on a free loopback port, over a fresh
// dossiers directory; an HTTP client that speaks to it like the page does.
#pragma once
#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "common/files.hpp"
#include "server/server.hpp"
#include "server/store.hpp"
#include "support/support.hpp"

namespace trame::test {

struct LiveServer {
  TempDir dir{"trame_serve"};
  std::unique_ptr<server::Server> server;
  std::thread thread;
  int port = 0;
  std::string csrf;

  explicit LiveServer(server::Options o = {}) {
    o.listen = o.listen.empty() ? "127.0.0.1" : o.listen;
    o.port = 0;
    o.dossiers = dir.path / "dossiers";
    server = std::make_unique<server::Server>(o);
    port = server->bind();
    csrf = server->csrf();
    thread = std::thread([this] { server->run(); });
    // Served once before the test goes on: a stop() that came before the server's loop had
    // started would be lost (cpp-httplib), and the test would hang in its destructor.
    httplib::Client c("127.0.0.1", port);
    c.set_default_headers({{"Host", host()}});
    for (int i = 0; i < 500 && !c.Get("/api/session"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~LiveServer() {
    server->stop();
    thread.join();
  }
  std::string host() const { return "127.0.0.1:" + std::to_string(port); }
  // A client as the page is: same origin, with the CSRF token.
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30, 0);
    c.set_default_headers({{"X-CSRF-Token", csrf}, {"Origin", "http://" + host()}});
    return c;
  }
  std::string sample(const std::string& name) const {
    return read_file(std::filesystem::path(TRAME_SOURCE_DIR) / "samples" / name);
  }
  // Posts the sample dossier `name` as JSON to `path`; the response, required to have come.
  httplib::Result post_sample(httplib::Client& c, const std::string& path, const std::string& name) const {
    auto r = c.Post(path, sample(name), "application/json");
    REQUIRE(r);
    return r;
  }
};

inline bool has(const std::string& h, const std::string& n) { return h.find(n) != std::string::npos; }

inline nlohmann::json body(const httplib::Result& r) { return nlohmann::json::parse(r->body); }

}  // namespace trame::test
