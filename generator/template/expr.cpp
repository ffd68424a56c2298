#include "template/expr.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <algorithm>
#include <functional>
#include <string_view>

#include "common/diagnostic.hpp"
#include "common/suggest.hpp"
#include "locale/format.hpp"
#include "locale/french.hpp"

namespace trame::tpl {
using namespace std::string_view_literals;  // name == "money"sv: lengths compared first, no strlen

// ---- AST -----------------------------------------------------------------

struct Expr {
  enum Kind { Literal, Path, Not, And, Or, Compare, Filter } kind;
  json literal;                       // Literal
  std::vector<std::string> segments;  // Path
  std::string op;                     // Compare: == != < <= > >=; Filter: name
  std::vector<ExprPtr> args;          // operands; Filter: args[0] is the input
};

namespace {

// ---- Tokenizer -------------------------------------------------------------

struct Token {
  enum Kind { End, Ident, Number, String, Op } kind = End;
  std::string text;
  size_t pos = 0;
};

std::vector<Token> tokenize(const std::string& s) {
  std::vector<Token> out;
  size_t i = 0;
  auto fail = [&](const std::string& msg) {
    size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    std::string src = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    throw ExprError{"trame.template.E102", "", "expression invalide « " + src + " » : " + msg};
  };
  while (i < s.size()) {
    unsigned char c = s[i];
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    Token t;
    t.pos = i;
    if (std::isalpha(c) || c == '_' || c >= 0x80) {
      size_t j = i;
      // A path: identifiers (ASCII or UTF-8 letters: "année") and array indices separated by dots.
      while (j < s.size() && (std::isalnum((unsigned char)s[j]) || s[j] == '_' || s[j] == '.' ||
                              static_cast<unsigned char>(s[j]) >= 0x80))
        ++j;
      t.kind = Token::Ident;
      t.text = s.substr(i, j - i);
      if (t.text.back() == '.') fail("chemin terminé par un point");
      i = j;
    } else if (std::isdigit(c) || (c == '-' && i + 1 < s.size() && std::isdigit((unsigned char)s[i + 1]))) {
      size_t j = i + 1;
      while (j < s.size() && (std::isdigit((unsigned char)s[j]) || s[j] == '.')) ++j;
      t.kind = Token::Number;
      t.text = s.substr(i, j - i);
      if (std::count(t.text.begin(), t.text.end(), '.') > 1 || t.text.back() == '.') fail("nombre invalide « " + t.text + " »");
      i = j;
    } else if (c == '\'' || c == '"') {
      size_t j = s.find(static_cast<char>(c), i + 1);
      if (j == std::string::npos) fail("chaîne non fermée");
      t.kind = Token::String;
      t.text = s.substr(i + 1, j - i - 1);
      i = j + 1;
    } else {
      static const char* ops[] = {"==", "!=", "<=", ">=", "<", ">", "(", ")", "|", ","};
      bool found = false;
      for (const char* op : ops) {
        size_t n = std::char_traits<char>::length(op);
        if (s.compare(i, n, op) == 0) {
          t.kind = Token::Op;
          t.text = op;
          i += n;
          found = true;
          break;
        }
      }
      if (!found) fail(std::string("caractère inattendu « ") + static_cast<char>(c) + " »");
    }
    out.push_back(t);
  }
  out.push_back(Token{Token::End, "", s.size()});
  return out;
}

// ---- Filters ---------------------------------------------------------------

using FilterFn = std::function<Value(const Value& in, const std::vector<Value>& args)>;

[[noreturn]] void type_error(const Value& in, const std::string& filter, const std::string& expected) {
  throw ExprError{"trame.template.E202", in.pointer,
                  "le filtre « " + filter + " » attend " + expected + ", reçu : " + shown(in.get())};
}

double number_of(const Value& in, const std::string& filter) {
  const json& v = in.get();
  if (!v.is_number()) type_error(in, filter, "un nombre");
  return v.get<double>();
}

std::string string_of(const Value& in, const std::string& filter) {
  const json& v = in.get();
  if (!v.is_string()) type_error(in, filter, "un texte");
  return v.get<std::string>();
}

std::string date_of(const Value& in, const std::string& filter) {
  std::string s = string_of(in, filter);
  if (!locale::is_iso_date(s)) type_error(in, filter, "une date au format AAAA-MM-JJ");
  return s;
}

const std::map<std::string, std::pair<int, int>>& filter_arity() {
  // name -> (min args, max args)
  static const std::map<std::string, std::pair<int, int>> a = {
      {"money", {0, 0}},      {"money_words", {0, 0}}, {"number", {0, 1}},    {"percent", {0, 0}},
      {"words", {0, 0}},      {"date_long", {0, 0}},   {"date_short", {0, 0}}, {"upper", {0, 0}},
      {"lower", {0, 0}},      {"capitalize", {0, 0}},  {"default", {1, 1}},   {"exists", {0, 0}},
      {"length", {0, 0}},     {"join", {0, 1}},        {"yesno", {0, 0}},     {"sum", {1, 1}},
      {"a_lieu", {0, 0}},     {"de_lieu", {0, 0}},     {"departement", {0, 0}}, {"de_departement", {0, 0}},
      {"avec_article", {0, 0}}, {"accord", {1, 1}},
  };
  return a;
}

Value apply_filter(const std::string& name, const Value& in, const std::vector<Value>& args) {
  if (name == "exists"sv) return Value::owned(!in.missing && !in.get().is_null());
  if (name == "default"sv) return (in.missing || in.get().is_null()) ? args[0] : in;
  if (in.missing)
    throw ExprError{"trame.template.E201", in.pointer, "champ absent du dossier"};
  Value out;
  if (name == "money"sv) return Value::owned(locale::money(number_of(in, name)));
  if (name == "money_words"sv) return Value::owned(locale::money_words(number_of(in, name)));
  if (name == "number"sv) {
    int decimals = -1;
    if (!args.empty()) decimals = static_cast<int>(number_of(args[0], name));
    return Value::owned(locale::number(number_of(in, name), decimals));
  }
  if (name == "percent"sv) return Value::owned(locale::percent(number_of(in, name)));
  if (name == "words"sv) {
    double v = number_of(in, name);
    if (std::fabs(v - std::round(v)) > 1e-9) type_error(in, name, "un nombre entier (pour les montants, utilisez money_words)");
    return Value::owned(locale::words(std::llround(v)));
  }
  if (name == "date_long"sv) return Value::owned(locale::date_long(date_of(in, name)));
  if (name == "date_short"sv) return Value::owned(locale::date_short(date_of(in, name)));
  if (name == "upper"sv) return Value::owned(locale::upper(string_of(in, name)));
  if (name == "lower"sv) return Value::owned(locale::lower(string_of(in, name)));
  if (name == "capitalize"sv) return Value::owned(locale::capitalize(string_of(in, name)));
  if (name == "a_lieu"sv) return Value::owned(locale::at_place(string_of(in, name)));
  if (name == "de_lieu"sv) return Value::owned(locale::of_place(string_of(in, name)));
  if (name == "departement"sv) return Value::owned(locale::departement_with_article(string_of(in, name)));
  if (name == "de_departement"sv) return Value::owned(locale::departement_with_of(string_of(in, name)));
  if (name == "avec_article"sv) {  // a name, or a person {civilite, prenom, nom}
    const json& v = in.get();
    if (v.is_object() && v.contains("prenom") && v.contains("nom") && v["prenom"].is_string() && v["nom"].is_string()) {
      std::string full = v.contains("civilite") && v["civilite"].is_string() ? v["civilite"].get<std::string>() + " " : "";
      return Value::owned(locale::with_title_article(full + v["prenom"].get<std::string>() + " " + v["nom"].get<std::string>()));
    }
    if (!v.is_string()) type_error(in, name, "un nom ou une personne (civilité, prénom, nom)");
    return Value::owned(locale::with_title_article(v.get<std::string>()));
  }
  if (name == "accord"sv) {  // the words of a function agreeing with a person {civilite, fonction}
    if (args[0].missing) throw ExprError{"trame.template.E201", args[0].pointer, "champ absent du dossier"};
    if (!args[0].get().is_object()) type_error(args[0], name, "une personne (civilité, fonction)");
    const json& who = args[0].get();
    auto field = [&](const char* k) { return who.contains(k) && who[k].is_string() ? who[k].get<std::string>() : ""; };
    return Value::owned(locale::agree(string_of(in, name), locale::is_feminine(field("civilite"), field("fonction"))));
  }
  if (name == "yesno"sv) {
    if (!in.get().is_boolean()) type_error(in, name, "oui/non (true ou false)");
    return Value::owned(in.get().get<bool>() ? "oui" : "non");
  }
  if (name == "length"sv) {
    const json& v = in.get();
    if (v.is_array() || v.is_object()) return Value::owned(v.size());
    if (v.is_string()) {  // characters, not bytes
      const std::string& str = v.get_ref<const std::string&>();
      return Value::owned(std::count_if(str.begin(), str.end(), [](char c) { return (c & 0xC0) != 0x80; }));
    }
    type_error(in, name, "une liste ou un texte");
  }
  if (name == "join"sv) {
    const json& v = in.get();
    if (!v.is_array()) type_error(in, name, "une liste");
    std::string sep = args.empty() ? ", " : string_of(args[0], name);
    std::string s;
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) s += sep;
      Value item;
      item.ref = &v[i];
      s += to_text(item);
    }
    return Value::owned(s);
  }
  if (name == "sum"sv) {
    const json& v = in.get();
    if (!v.is_array()) type_error(in, name, "une liste");
    std::string field = string_of(args[0], name);
    double total = 0;
    for (size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_object() || !v[i].contains(field) || !v[i][field].is_number())
        throw ExprError{"trame.template.E202", in.pointer + "/" + std::to_string(i) + "/" + field,
                        "le filtre « sum » attend un nombre dans chaque élément"};
      total += v[i][field].get<double>();
    }
    return Value::owned(total);
  }
  throw ExprError{"trame.template.E104", "", "filtre inconnu « " + name + " »"};
}

// ---- Parser ----------------------------------------------------------------

// Limits of one expression (docs/guide/limites-et-erreurs.md): the parser and
// the evaluator recurse once a level, so both are bounded before any work.
constexpr size_t kMaxTokens = 500;  // the longest expression of the bundled templates has 20
constexpr int kMaxNesting = 32;     // parentheses, « not », filter arguments

class Parser {
 public:
  explicit Parser(const std::string& src) : src_(trimmed(src)), toks_(tokenize(src)) {
    if (toks_.size() > kMaxTokens + 1)
      fail("expression trop longue (plus de " + std::to_string(kMaxTokens) + " éléments) : la découper avec <let>");
  }

  ExprPtr parse() {
    ExprPtr e = parse_or();
    if (peek().kind != Token::End) fail("« " + peek().text + " » inattendu");
    return e;
  }

 private:
  const Token& peek() const { return toks_[i_]; }
  Token next() { return toks_[i_++]; }
  bool accept_op(const char* op) {
    if (peek().kind == Token::Op && peek().text == op) {
      ++i_;
      return true;
    }
    return false;
  }
  bool accept_word(const char* w) {
    if (peek().kind == Token::Ident && peek().text == w) {
      ++i_;
      return true;
    }
    return false;
  }
  static std::string trimmed(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  }
  [[noreturn]] void fail(const std::string& msg) const {
    throw ExprError{"trame.template.E102", "", "expression invalide « " + src_ + " » : " + msg};
  }

  static ExprPtr node(Expr::Kind k, std::vector<ExprPtr> args, std::string op = "") {
    auto e = std::make_shared<Expr>();
    e->kind = k;
    e->args = std::move(args);
    e->op = std::move(op);
    return e;
  }

  // Counts one level of nesting for the life of the object.
  struct Level {
    Parser& p;
    explicit Level(Parser& parser) : p(parser) {
      if (++p.depth_ > kMaxNesting)
        p.fail("trop de niveaux imbriqués (parenthèses, « not », filtres ; au plus " + std::to_string(kMaxNesting) + ")");
    }
    ~Level() { --p.depth_; }
  };

  ExprPtr parse_or() {
    Level level(*this);
    ExprPtr l = parse_and();
    while (accept_word("or")) l = node(Expr::Or, {l, parse_and()});
    return l;
  }
  ExprPtr parse_and() {
    ExprPtr l = parse_not();
    while (accept_word("and")) l = node(Expr::And, {l, parse_not()});
    return l;
  }
  ExprPtr parse_not() {
    if (accept_word("not")) {
      Level level(*this);
      return node(Expr::Not, {parse_not()});
    }
    return parse_compare();
  }
  ExprPtr parse_compare() {
    ExprPtr l = parse_filtered();
    for (const char* op : {"==", "!=", "<=", ">=", "<", ">"})
      if (accept_op(op)) return node(Expr::Compare, {l, parse_filtered()}, op);
    return l;
  }
  ExprPtr parse_filtered() {
    ExprPtr e = parse_primary();
    while (accept_op("|")) {
      if (peek().kind != Token::Ident || peek().text.find('.') != std::string::npos) fail("nom de filtre attendu après « | »");
      std::string name = next().text;
      auto it = filter_arity().find(name);
      if (it == filter_arity().end())
        throw ExprError{"trame.template.E104", "", "filtre inconnu « " + name + " »" + did_you_mean(name, keys_of(filter_arity()))};
      std::vector<ExprPtr> args{e};
      if (accept_op("(")) {
        if (!accept_op(")")) {
          do args.push_back(parse_or());
          while (accept_op(","));
          if (!accept_op(")")) fail("« ) » attendue");
        }
      }
      int n = static_cast<int>(args.size()) - 1;
      if (n < it->second.first || n > it->second.second)
        throw ExprError{"trame.template.E105", "", "nombre d’arguments incorrect pour le filtre « " + name + " »"};
      e = node(Expr::Filter, std::move(args), name);
    }
    return e;
  }
  ExprPtr parse_primary() {
    Token t = next();
    auto lit = [&](json v) {
      auto e = std::make_shared<Expr>();
      e->kind = Expr::Literal;
      e->literal = std::move(v);
      return e;
    };
    switch (t.kind) {
      case Token::Number: {
        const char* b = t.text.data();
        const char* e = b + t.text.size();
        if (t.text.find('.') != std::string::npos) {
          double d = 0;
          auto r = std::from_chars(b, e, d);
          if (r.ec != std::errc() || r.ptr != e || !std::isfinite(d)) fail("nombre trop grand « " + t.text + " »");
          return lit(d);
        }
        long long n = 0;
        auto r = std::from_chars(b, e, n);
        if (r.ec != std::errc() || r.ptr != e)
          fail("nombre trop grand « " + t.text + " » (au plus 9223372036854775807)");
        return lit(n);
      }
      case Token::String:
        return lit(t.text);
      case Token::Op:
        if (t.text == "(") {
          ExprPtr e = parse_or();
          if (!accept_op(")")) fail("« ) » attendue");
          return e;
        }
        fail("« " + t.text + " » inattendu");
      case Token::Ident: {
        if (t.text == "true") return lit(true);
        if (t.text == "false") return lit(false);
        if (t.text == "null") return lit(nullptr);
        if (t.text == "and" || t.text == "or" || t.text == "not") fail("« " + t.text + " » inattendu");
        auto e = std::make_shared<Expr>();
        e->kind = Expr::Path;
        size_t start = 0;
        while (true) {
          size_t dot = t.text.find('.', start);
          e->segments.push_back(t.text.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
          if (e->segments.back().empty()) fail("chemin invalide « " + t.text + " »");
          if (dot == std::string::npos) break;
          start = dot + 1;
        }
        return e;
      }
      case Token::End:
        fail("expression incomplète");
    }
    fail("expression incomplète");
  }

  std::string src_;
  std::vector<Token> toks_;
  size_t i_ = 0;
  int depth_ = 0;
};

bool is_index(const std::string& s) {
  return !s.empty() && s.size() <= 9 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

Value resolve_path(const std::vector<std::string>& segs, const Scope& scope) {
  Value cur;
  size_t first = 0;
  for (auto it = scope.bindings.rbegin(); it != scope.bindings.rend(); ++it)
    if (it->name == segs[0]) {
      cur = it->value;
      first = 1;
      break;
    }
  if (first == 0) {
    cur.ref = scope.root;
    cur.pointer = "";
  }
  for (size_t i = first; i < segs.size(); ++i) {
    const std::string& seg = segs[i];
    std::string ptr;
    ptr.reserve(cur.pointer.size() + seg.size() + 1);
    ptr.append(cur.pointer).push_back('/');
    if (seg.find_first_of("~/") == std::string::npos) ptr.append(seg);
    else ptr.append(json_pointer_escape(seg));
    if (cur.missing) {
      cur.pointer = std::move(ptr);
      continue;
    }
    const json& v = cur.get();
    const json* child = nullptr;
    if (v.is_object()) {
      auto f = v.find(seg);
      if (f != v.end()) child = &*f;
    } else if (v.is_array() && is_index(seg)) {
      size_t idx = std::stoul(seg);
      if (idx < v.size()) child = &v[idx];
    }
    Value next;
    next.pointer = std::move(ptr);
    if (child) {
      // Keep owned parents alive while we point into them.
      next.ref = child;
      if (cur.own) next.own = cur.own;  // lifetime only; ref takes precedence
    } else {
      next.missing = true;
    }
    cur = std::move(next);
  }
  return cur;
}

int compare_values(const Value& a, const Value& b, const std::string& op) {
  const json& x = a.get();
  const json& y = b.get();
  if (x.is_number() && y.is_number()) {
    double dx = x.get<double>(), dy = y.get<double>();
    return dx < dy ? -1 : (dx > dy ? 1 : 0);
  }
  if (x.is_string() && y.is_string()) return x.get<std::string>().compare(y.get<std::string>());
  if (op == "=="sv || op == "!="sv) return x == y ? 0 : 1;
  throw ExprError{"trame.template.E202", a.pointer,
                  "comparaison « " + op + " » impossible entre " + shown(x) + " et " + shown(y)};
}

}  // namespace

ExprPtr compile(const std::string& source) { return Parser(source).parse(); }

Value evaluate(const Expr& e, const Scope& scope) {
  switch (e.kind) {
    case Expr::Literal:
      return Value::owned(e.literal);
    case Expr::Path:
      return resolve_path(e.segments, scope);
    case Expr::Not:
      return Value::owned(!truthy(use(*e.args[0], scope).get()));
    case Expr::And:
      return Value::owned(truthy(use(*e.args[0], scope).get()) && truthy(use(*e.args[1], scope).get()));
    case Expr::Or:
      return Value::owned(truthy(use(*e.args[0], scope).get()) || truthy(use(*e.args[1], scope).get()));
    case Expr::Compare: {
      Value a = use(*e.args[0], scope), b = use(*e.args[1], scope);
      int c = compare_values(a, b, e.op);
      bool r = e.op == "=="sv ? c == 0 : e.op == "!="sv ? c != 0 : e.op == "<"sv ? c < 0 : e.op == "<="sv ? c <= 0
               : e.op == ">"sv ? c > 0 : c >= 0;
      return Value::owned(r);
    }
    case Expr::Filter: {
      Value in = evaluate(*e.args[0], scope);
      std::vector<Value> args;
      for (size_t i = 1; i < e.args.size(); ++i) args.push_back(use(*e.args[i], scope));
      return apply_filter(e.op, in, args);
    }
  }
  return {};
}

Value use(const Expr& e, const Scope& scope) {
  Value v = evaluate(e, scope);
  if (v.missing) throw ExprError{"trame.template.E201", v.pointer, "champ absent du dossier"};
  return v;
}

bool truthy(const json& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v.get<double>() != 0.0;
  if (v.is_string()) return !v.get<std::string>().empty();
  return !v.empty();
}

std::string to_text(const Value& v) {
  const json& j = v.get();
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<long long>());
  if (j.is_number()) {
    double d = j.get<double>();
    if (std::fabs(d - std::round(d)) < 1e-9 && std::fabs(d) < 1e15) return std::to_string(std::llround(d));
    return locale::number(d);
  }
  if (j.is_boolean()) return j.get<bool>() ? "oui" : "non";
  if (j.is_null()) return "";
  throw ExprError{"trame.template.E203", v.pointer, "une liste ou un objet ne peut pas être affiché tel quel"};
}

}  // namespace trame::tpl
