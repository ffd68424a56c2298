#include <catch2/catch.hpp>

#include "template/expr.hpp"

using namespace trame::tpl;
using nlohmann::json;

static json eval(const std::string& src, const json& root) {
  Scope s;
  s.root = &root;
  return use(*compile(src), s).get();
}

// Evaluating `src` on `root` fails with the expression error `id` at `pointer`.
static void check_eval_error(const std::string& src, const json& root, const std::string& id,
                             const std::string& pointer) {
  INFO(src);
  try {
    eval(src, root);
    FAIL();
  } catch (const ExprError& e) {
    CHECK(e.id == id);
    CHECK(e.pointer == pointer);
  }
}

TEST_CASE("expressions: paths, literals, comparisons and boolean operators") {
  json r = json::parse(R"({"a": {"b": [10, 20]}, "s": "x", "t": true, "vide": []})");
  CHECK(eval("a.b.1", r) == 20);
  CHECK(eval("a.b.0 < a.b.1", r) == true);
  CHECK(eval("s == 'x' and not t", r) == false);
  CHECK(eval("s != \"y\" or false", r) == true);
  CHECK(eval("(1 <= 2) and (3 >= 3)", r) == true);
  CHECK(eval("vide | length", r) == 0);
  CHECK(eval("absent | default('d')", r) == "d");
  CHECK(eval("absent.x | exists", r) == false);
  CHECK(eval("a.b | join(' + ')", r) == "10 + 20");
  CHECK(truthy(json::array()) == false);
  CHECK(truthy(json("0")) == true);
}

TEST_CASE("expression errors carry ids and pointers") {
  json r = json::parse(R"({"n": "texte", "a": {}})");
  check_eval_error("a.b.c", r, "trame.template.E201", "/a/b/c");
  check_eval_error("n | money", r, "trame.template.E202", "/n");
  CHECK_THROWS_AS(compile("a |"), ExprError);
  CHECK_THROWS_AS(compile("'ouvert"), ExprError);
  CHECK_THROWS_AS(compile("x | nope"), ExprError);
  CHECK_THROWS_AS(compile("x | default"), ExprError);
}
