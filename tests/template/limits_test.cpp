// Template limits (issue 15): expressions and templates nested or chained
// without end are refused with a French template error, never a stack
// overflow; a template cannot produce a document without end.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "common/diagnostic.hpp"
#include "template/engine.hpp"
#include "template/expr.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace trame::tpl;

static std::string compile_error(const std::string& src) {
  try {
    compile(src);
  } catch (const ExprError& e) {
    return e.message;
  }
  return "";
}

TEST_CASE("expressions nested or chained beyond the limits are refused, in French, without a stack overflow") {
  CHECK(compile_error(std::string(10000, '(') + "1" + std::string(10000, ')')).find("expression trop longue") !=
        std::string::npos);
  CHECK(compile_error(std::string(40, '(') + "1" + std::string(40, ')')).find("trop de niveaux imbriqués") !=
        std::string::npos);
  std::string nots;
  for (int i = 0; i < 30000; ++i) nots += "not ";
  CHECK(compile_error(nots + "true").find("expression trop longue") != std::string::npos);
  std::string ands = "true";
  for (int i = 0; i < 30000; ++i) ands += " and true";
  CHECK(compile_error(ands).find("expression trop longue") != std::string::npos);
  std::string filters = "'a'";
  for (int i = 0; i < 30000; ++i) filters += " | upper";
  CHECK(compile_error(filters).find("expression trop longue") != std::string::npos);
  // Within the limits, the same forms work.
  json root = json::object();
  Scope s;
  s.root = &root;
  CHECK(use(*compile("not not not (((true)))"), s).get() == false);
}

TEST_CASE("an integer literal too big for 64 bits is a template syntax error, not « stoll »") {
  std::string m = compile_error("99999999999999999999");
  CHECK(m.find("nombre trop grand « 99999999999999999999 »") != std::string::npos);
}

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("trame_tpl_limits_" + std::to_string(::getpid()));
  Scratch() { fs::create_directories(dir / "partials"); }
  ~Scratch() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir / (name + ".xml")) << text; }
  Engine engine() { return Engine(dir, fs::path(TRAME_SOURCE_DIR) / "models/template.rng"); }
};

static std::string template_error(Engine& e, const std::string& name, const json& ctx = json::object()) {
  try {
    e.render(name, ctx);
  } catch (const trame::Error& err) {
    CHECK(err.kind() == trame::ErrorKind::Template);
    return err.what();
  }
  return "";
}

TEST_CASE("a chain of 20 000 partials is refused at load with a French error, without a stack overflow") {
  Scratch s;
  s.write("chaine", "<document xmlns=\"urn:trame:template:1\"><include partial=\"p0\"/></document>");
  for (int i = 0; i < 20000; ++i)
    s.write("partials/p" + std::to_string(i), "<partial xmlns=\"urn:trame:template:1\"><include partial=\"p" + std::to_string(i + 1) + "\"/></partial>");
  s.write("partials/p20000", "<partial xmlns=\"urn:trame:template:1\"><p>fin</p></partial>");
  Engine e = s.engine();
  CHECK(template_error(e, "chaine").find("inclusions trop imbriquées") != std::string::npos);
}

TEST_CASE("nested loops cannot make a document without end") {
  Scratch s;
  std::string body = "<p>{{ x }}</p>";
  for (int i = 0; i < 4; ++i) body = "<for each=\"items\" as=\"x" + std::to_string(i) + "\">" + body + "</for>";
  s.write("boucles", "<document xmlns=\"urn:trame:template:1\"><let name=\"x\" value=\"'" + std::string(100, 'a') + "'\">" + body + "</let></document>");
  json ctx = {{"items", json::array()}};
  for (int i = 0; i < 100; ++i) ctx["items"].push_back(i);
  Engine e = s.engine();
  CHECK(template_error(e, "boucles", ctx).find("document trop grand") != std::string::npos);
}

TEST_CASE("fuzz finding: a comparison error naming a string of ill-formed UTF-8 is an expression error") {
  json root = json::object();
  Scope s;
  s.root = &root;
  try {
    use(*compile("7>='Em\xff" "aois'"), s);
    FAIL("no error");
  } catch (const ExprError& e) {
    CHECK(e.message.find("comparaison") != std::string::npos);
  }
}
