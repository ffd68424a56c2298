// Template expressions: paths, literals, comparisons, boolean operators and
// filters, compiled once to an AST and evaluated against scopes of JSON values.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace trame::tpl {

using nlohmann::json;

// A value produced by an expression: a reference into the render context (with
// its JSON pointer), an owned value, or a missing field (remembering the
// pointer the user asked for).
struct Value {
  const json* ref = nullptr;
  std::shared_ptr<const json> own;
  std::string pointer;  // where the value lives in the context, if it does
  bool missing = false;

  const json& get() const { return ref ? *ref : *own; }
  static Value owned(json v) {
    Value x;
    x.own = std::make_shared<const json>(std::move(v));
    return x;
  }
};

// A name bound in a scope (loop variable, let, loop metadata).
struct Binding {
  std::string name;
  Value value;
};

// The innermost binding wins; unresolved names are looked up at the context root.
struct Scope {
  const json* root = nullptr;
  std::vector<Binding> bindings;
};

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

// Thrown while compiling (syntax, unknown filter) or evaluating (missing field,
// wrong type); the template layer adds the file and line.
struct ExprError {
  std::string id;       // trame.template.E1xx / E2xx
  std::string pointer;  // JSON pointer concerned, if any
  std::string message;  // French
};

// Compiles an expression; throws ExprError (E102 syntax, E104 unknown filter).
ExprPtr compile(const std::string& source);

// Evaluates; a missing path yields a Value with missing = true (only the
// exists/default filters accept one; use() turns it into an error).
Value evaluate(const Expr& e, const Scope& scope);

// Evaluates and requires a present value (throws ExprError E201 otherwise).
Value use(const Expr& e, const Scope& scope);

// A value as JSON text for a message; ill-formed UTF-8 (which no parsed file
// holds, but an expression built in memory may) is shown replaced, never thrown.
inline std::string shown(const json& v) { return v.dump(-1, ' ', false, json::error_handler_t::replace); }

// Truthiness: false/null/0/""/[]/{} are false.
bool truthy(const json& v);

// Text of a value for interpolation: strings as is, integers as digits,
// other numbers in French ("8,1"), booleans "oui"/"non", null "".
// Arrays and objects throw ExprError E203.
std::string to_text(const Value& v);

}  // namespace trame::tpl
