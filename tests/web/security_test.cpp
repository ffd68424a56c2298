// What keeps trame serve safe: loopback by default, a token for any other
// address, cross-site requests and forged changes refused, limited bodies,
// checked ids, no server path in any reply, and slow clients that block no one.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/diagnostic.hpp"
#include "server_fixture.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trame::test;

TEST_CASE("serve security: another address than loopback needs a token, never from the command line") {
  trame::server::Options o;
  CHECK(o.listen == "127.0.0.1");  // the default: this machine only
  o.listen = "0.0.0.0";
  try {
    trame::server::check_options(o);
    FAIL("no error");
  } catch (const trame::Error& e) {
    CHECK(e.kind() == trame::ErrorKind::Usage);
    CHECK(has(e.diagnostics()[0].message, "jeton"));
  }
  o.token = "court";
  CHECK_THROWS_AS(trame::server::check_options(o), trame::Error);
  o.token = "un-jeton-assez-long-pour-servir";
  CHECK_NOTHROW(trame::server::check_options(o));
  CHECK(trame::server::is_loopback("127.0.0.1"));
  CHECK(trame::server::is_loopback("::1"));
  CHECK(!trame::server::is_loopback("0.0.0.0"));
  CHECK(!trame::server::is_loopback("192.168.1.10"));
  // The command refuses to start (exit code 2) before listening anywhere.
  auto r = run("env -u TRAME_TOKEN " + quote(TRAME_BIN) + " serve --listen 0.0.0.0 --port 0");
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "jeton d’accès"));
  CHECK(r.out.empty());
  // There is no option to give the token itself on the command line.
  auto help = run(quote(TRAME_BIN) + " serve --help");
  CHECK(has(help.out, "--token-file"));
  CHECK(!has(help.out, "--token "));
  // The token file is read (first line).
  trame::test::TempDir dir("trame_token");
  std::ofstream(dir.path / "jeton") << "secret-de-seize-caracteres\n";
  CHECK(trame::server::read_token((dir.path / "jeton").string()) == "secret-de-seize-caracteres");
  // Or from the environment.
  ::setenv("TRAME_TOKEN", "jeton-de-l-environnement", 1);
  CHECK(trame::server::read_token("") == "jeton-de-l-environnement");
  ::unsetenv("TRAME_TOKEN");
  CHECK(trame::server::read_token("").empty());
  // A server on loopback started by the command prints its address on 127.0.0.1.
  auto started = run("env -u TRAME_TOKEN timeout -s INT 2 " + quote(TRAME_BIN) + " serve --port 0 --dossiers " +
                     quote((dir.path / "d").string()));
  CHECK(has(started.out, "http://127.0.0.1:"));
  CHECK(has(started.out, "Trame est arrêté."));
}

TEST_CASE("serve security: with a token, nothing without it, login gives a session cookie") {
  trame::server::Options o;
  o.token = "jeton-de-test-0123456789";
  LiveServer s(o);
  httplib::Client plain("127.0.0.1", s.port);
  CHECK(plain.Get("/api/dossiers")->status == 401);
  CHECK(plain.Get("/")->status == 200);  // the page itself holds no data
  CHECK(body(plain.Get("/api/session"))["jeton_requis"] == true);
  httplib::Headers bearer{{"Authorization", "Bearer " + o.token}};
  CHECK(plain.Get("/api/dossiers", bearer)->status == 200);
  CHECK(plain.Get("/api/dossiers", httplib::Headers{{"Authorization", "Bearer mauvais-jeton-0123456"}})->status == 401);

  auto c = s.client();
  auto wrong = c.Post("/api/login", json{{"jeton", "mauvais"}}.dump(), "application/json");
  CHECK(wrong->status == 401);
  CHECK(wrong->get_header_value("Set-Cookie").empty());
  auto login = c.Post("/api/login", json{{"jeton", o.token}}.dump(), "application/json");
  REQUIRE(login->status == 200);
  std::string cookie = login->get_header_value("Set-Cookie");
  CHECK(has(cookie, "HttpOnly"));
  CHECK(has(cookie, "SameSite=Strict"));
  httplib::Headers session{{"Cookie", cookie.substr(0, cookie.find(';'))}};
  CHECK(c.Get("/api/dossiers", session)->status == 200);
}

TEST_CASE("serve security: cross-site requests and changes without the CSRF token are refused") {
  LiveServer s;
  httplib::Client c("127.0.0.1", s.port);
  const std::string dossier = s.sample("sud-manche.json");
  // No CSRF token: refused, nothing saved.
  auto none = c.Put("/api/dossiers/x", dossier, "application/json");
  CHECK(none->status == 403);
  CHECK(has(body(none)["erreur"].get<std::string>(), "CSRF"));
  CHECK(c.Put("/api/dossiers/x", httplib::Headers{{"X-CSRF-Token", "0000"}}, dossier, "application/json")->status == 403);
  CHECK(!fs::exists(s.dir.path / "dossiers" / "x.json"));
  // Another site's page, even with the right token.
  httplib::Headers evil{{"X-CSRF-Token", s.csrf}, {"Origin", "http://evil.example"}};
  CHECK(c.Post("/api/validate", evil, dossier, "application/json")->status == 403);
  CHECK(c.Get("/api/dossiers", httplib::Headers{{"Sec-Fetch-Site", "cross-site"}})->status == 403);
  // A link from another site still opens the page itself.
  CHECK(c.Get("/", httplib::Headers{{"Sec-Fetch-Site", "cross-site"}, {"Sec-Fetch-Mode", "navigate"}})->status == 200);
  // DNS rebinding: a host name that is not this machine's.
  auto rebound = c.Get("/api/session", httplib::Headers{{"Host", "evil.example:" + std::to_string(s.port)}});
  CHECK(rebound->status == 403);
  CHECK(!has(rebound->body, s.csrf));
  // The page's own requests pass.
  httplib::Headers same{{"X-CSRF-Token", s.csrf}, {"Origin", "http://" + s.host()}};
  CHECK(c.Post("/api/validate", same, dossier, "application/json")->status == 200);
}

TEST_CASE("serve security: request bodies are limited") {
  trame::server::Options o;
  o.max_body = 64 * 1024;
  LiveServer s(o);
  auto c = s.client();
  std::string big = "{\"x\": \"" + std::string(100 * 1024, 'a') + "\"}";
  auto r = c.Post("/api/validate", big, "application/json");
  REQUIRE(r);
  CHECK(r->status == 413);
  CHECK(c.Post("/api/validate", s.sample("sud-manche.json"), "application/json")->status == 200);
}

TEST_CASE("serve security: dossier ids are checked, no path is built from them") {
  LiveServer s;
  auto c = s.client();
  fs::create_directories(s.dir.path / "dossiers");
  std::ofstream(s.dir.path / "secret.json") << "{\"cpts\": {\"nom\": \"secret\"}}";
  for (const char* id : {"..%2Fsecret", "Sud_Manche", "-x", "a%00b", "%2e%2e"}) {
    auto r = c.Get(std::string("/api/dossiers/") + id);
    REQUIRE(r);
    INFO(id);
    CHECK((r->status == 400 || r->status == 404));
    CHECK(!has(r->body, "secret"));
    auto w = c.Put(std::string("/api/dossiers/") + id, "{}", "application/json");
    CHECK((w->status == 400 || w->status == 404));
  }
  CHECK(trame::server::valid_id("sud-manche-2"));
  CHECK(!trame::server::valid_id("../x"));
  CHECK(!trame::server::valid_id(std::string(65, 'a')));
  CHECK(!fs::exists(s.dir.path / "dossiers" / ".." / "Sud_Manche.json"));
}

TEST_CASE("serve security: errors show neither a stack nor a path of the server") {
  LiveServer s;
  auto c = s.client();
  fs::create_directories(s.dir.path / "dossiers" / "avenants" / "casse");
  // A dossier and an avenant broken by hand on the server.
  std::ofstream(s.dir.path / "dossiers" / "casse.json") << s.sample("sud-manche.json");
  std::ofstream(s.dir.path / "dossiers" / "avenants" / "casse" / "001.json") << "{\"numero\": 1,\n  oups }";
  std::ofstream(s.dir.path / "dossiers" / "brise.json") << "{\"cpts\": ";
  const std::string root = s.dir.path.string();
  for (const char* url : {"/api/dossiers/casse/documents", "/api/dossiers/casse/documents/contrat-aci.pdf",
                          "/api/dossiers/brise/documents", "/api/dossiers/casse/pack"}) {
    auto r = c.Get(url);
    REQUIRE(r);
    INFO(url << " " << r->body);
    CHECK(r->status == 422);
    CHECK(!has(r->body, root));
    CHECK(!has(r->body, TRAME_SOURCE_DIR));
    CHECK(!has(r->body, "what()"));
    CHECK(!body(r)["diagnostics"].empty());
  }
  auto r = c.Get("/api/dossiers/casse/documents");
  CHECK(body(r)["diagnostics"][0]["texte"].get<std::string>().rfind("[trame.", 0) == 0);
  CHECK(has(body(r)["diagnostics"][0]["texte"].get<std::string>(), "001.json:2:"));
}

// Opens a connection that sends half a request and then nothing.
static int slow_client(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return -1;
  const char* part = "POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n{";
  (void)!::write(fd, part, strlen(part));
  return fd;
}

TEST_CASE("serve security: slow or silent clients do not block the others") {
  LiveServer s;
  std::vector<int> slow;
  for (int i = 0; i < 12; ++i) slow.push_back(slow_client(s.port));
  auto c = s.client();
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i) CHECK(c.Post("/api/validate", s.sample("sud-manche.json"), "application/json")->status == 200);
  auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed < std::chrono::seconds(2));
  for (int fd : slow) ::close(fd);
}

TEST_CASE("serve security: a port already taken by a trame serve is refused, never shared") {
  LiveServer s;
  trame::server::Options o;
  o.port = s.port;
  o.dossiers = s.dir.path / "autres";
  trame::server::Server second(o);
  // With SO_REUSEPORT (cpp-httplib's default) the second server started and took half the connections.
  CHECK_THROWS_WITH(second.bind(), Catch::Contains("port déjà pris"));
}
