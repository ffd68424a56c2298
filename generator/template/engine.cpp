#include "template/engine.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <set>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "common/diagnostic.hpp"
#include "common/files.hpp"
#include "common/overlay.hpp"
#include "template/expr.hpp"

namespace trame::tpl {
namespace fs = std::filesystem;
using doc::Inline;
using doc::Inlines;

// ---- Compiled template tree ------------------------------------------------
// Built once at load, immutable afterwards: render() only reads it, so one
// Template serves any number of threads.

// Text with {{ expr }} interpolations, compiled once.
struct Interp {
  struct Part {
    std::string text;
    ExprPtr expr;  // null for literal text
    int line = 0;  // source line of the expression (0: the node's line)
  };
  std::vector<Part> parts;
  bool empty() const { return parts.empty(); }
};

struct TNode;
// One branch of an <if>: <if test>, each <elif test>, then <else/> (test null).
struct Branch {
  ExprPtr test;
  int line = 0;
  std::vector<TNode> body;
};

struct TNode {
  enum Kind { Element, Text, If, For, Include, Let, Counter } kind = Element;
  int line = 0;
  std::string name;                     // element name / for variable / let name / include partial / counter
  std::map<std::string, Interp> attrs;  // Element attributes (interpolated)
  Interp text;                          // Text
  std::vector<Branch> branches;         // If
  ExprPtr expr;                         // For: each; Let: value
  std::vector<TNode> children;          // Element, For, Let bodies
  bool loop_meta = true;                // For: the body may read `loop` (index, first, last, length)
};

struct Template {
  std::string name;
  fs::path file;
  std::string display;  // file name as shown in messages (relative to the data dir when possible)
  std::vector<TNode> body;
  bool is_partial = false;
  std::map<std::string, Interp> meta;
  int meta_line = 0;
  std::vector<std::pair<std::string, int>> includes;  // partial name, line of the <include>
  std::map<std::string, const Template*> partials;    // resolved at load: render needs no lock
};

namespace {

// Whether the body of a <for> may read `loop`: the word in any text or attribute of
// its subtree, or an <include> (whose partial is not known here). Without it, the
// loop's metadata is not built for each item.
bool mentions_loop(xmlNodePtr e) {
  for (xmlNodePtr c = e->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content && std::strstr(reinterpret_cast<const char*>(c->content), "loop")) return true;
    } else if (c->type == XML_ELEMENT_NODE) {
      if (xmlStrEqual(c->name, BAD_CAST "include")) return true;
      for (xmlAttrPtr a = c->properties; a; a = a->next)
        for (xmlNodePtr v = a->children; v; v = v->next)
          if (v->content && std::strstr(reinterpret_cast<const char*>(v->content), "loop")) return true;
      if (mentions_loop(c)) return true;
    }
  }
  return false;
}

Diagnostic diag(const std::string& id, const std::string& file, int line, const std::string& pointer,
                const std::string& message) {
  return Diagnostic{Severity::Error, id, file, line, 0, pointer, message};
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Collapses runs of XML whitespace into one space (HTML-like). U+00A0 and
// U+202F are not XML whitespace: non-breaking spaces are kept.
std::string collapse(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (is_xml_space(c)) {
      space = true;
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  if (space) out += ' ';
  return out;
}

int count_newlines(const char* b, const char* e) { return static_cast<int>(std::count(b, e, '\n')); }

// ---- Parsing with libxml2 -------------------------------------------------------

// Elements of the language and their attributes (required ones first, marked
// with *), used to turn libxml2's RELAX NG messages into useful French ones.
const std::map<std::string, std::vector<std::string>>& known_elements() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"document", {}}, {"partial", {}},
      {"meta", {"title", "subject", "author", "keywords", "date", "header"}},
      {"title", {}}, {"subtitle", {}}, {"h1", {}}, {"h2", {}}, {"h3", {}}, {"h4", {}},
      {"p", {"style", "align", "keep-with-next"}}, {"ul", {}}, {"ol", {}}, {"li", {"level"}},
      {"table", {"*widths", "caption"}}, {"tr", {"header", "total"}}, {"td", {"align", "bold", "colspan"}},
      {"pagebreak", {}}, {"space", {"points"}}, {"toc", {"title"}}, {"signatures", {"place-date"}},
      {"signatory", {"*organisation", "*name", "*role"}}, {"b", {}}, {"i", {}}, {"br", {}},
      {"page-number", {}}, {"page-count", {}}, {"counter", {"*name"}}, {"if", {"*test"}}, {"elif", {"*test"}},
      {"else", {}}, {"for", {"*each", "*as"}}, {"let", {"*name", "*value"}}, {"include", {"*partial"}},
  };
  return m;
}

std::string str(const char* s) { return s ? s : ""; }

// French message for a libxml2 RELAX NG validation error.
std::string rng_message(const xmlError& err) {
  auto* node = static_cast<xmlNodePtr>(err.node);
  std::string s1 = str(err.str1), s2 = str(err.str2);
  const auto& known = known_elements();
  if (node && node->type == XML_ELEMENT_NODE &&
      (!node->ns || !xmlStrEqual(node->ns->href, BAD_CAST "urn:trame:template:1")))
    return "élément <" + str(reinterpret_cast<const char*>(node->name)) +
           "> hors de l’espace de noms des modèles : la racine doit porter xmlns=\"urn:trame:template:1\"";
  switch (err.code) {
    case XML_RELAXNG_ERR_ELEMWRONG:
    case XML_RELAXNG_ERR_EXTRACONTENT:
      if (!known.count(s1)) return "élément <" + s1 + "> inconnu";
      return "élément <" + s1 + "> interdit à cet endroit";
    case XML_RELAXNG_ERR_TEXTWRONG:
      return "texte interdit directement dans <" + s1 + "> : placez-le dans un paragraphe <p>";
    case XML_RELAXNG_ERR_INVALIDATTR: {
      auto it = known.find(s2);
      if (it != known.end())
        for (const auto& a : it->second)
          if (a == s1 || a == "*" + s1) {
            std::string value;
            if (node) {
              xmlChar* v = xmlGetProp(node, BAD_CAST s1.c_str());
              value = str(reinterpret_cast<const char*>(v));
              xmlFree(v);
            }
            return "valeur « " + value + " » invalide pour l’attribut « " + s1 + " » de <" + s2 + ">";
          }
      return "attribut « " + s1 + " » inconnu pour <" + s2 + ">";
    }
    case XML_RELAXNG_ERR_ATTRVALID: {
      // libxml2 may point at an ancestor: find the element named s1 on that line.
      auto it = known.find(s1);
      std::function<std::string(xmlNodePtr)> missing = [&](xmlNodePtr n) -> std::string {
        for (; n; n = n->next) {
          if (n->type != XML_ELEMENT_NODE) continue;
          if (xmlStrEqual(n->name, BAD_CAST s1.c_str()) && (err.line == 0 || xmlGetLineNo(n) == err.line))
            for (const auto& a : it->second)
              if (a[0] == '*' && !xmlHasProp(n, BAD_CAST a.c_str() + 1)) return a.substr(1);
          if (std::string m = missing(n->children); !m.empty()) return m;
        }
        return "";
      };
      if (node && it != known.end())
        if (std::string a = missing(xmlDocGetRootElement(node->doc)); !a.empty())
          return "attribut « " + a + " » obligatoire pour <" + s1 + ">";
      return "attributs invalides pour <" + s1 + "> (attribut inconnu ou valeur incorrecte)";
    }
    case XML_RELAXNG_ERR_NOELEM:
      return "élément <" + s1 + "> attendu";
    case XML_RELAXNG_ERR_ELEMNOTEMPTY:
      return "<" + s1 + "> doit rester vide";
    default: {
      std::string msg = str(err.message);
      while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
      return "modèle non conforme au schéma : " + msg;
    }
  }
}

// French message for a libxml2 well-formedness error.
std::string parse_message(const xmlError& err) {
  std::string s1 = str(err.str1), s2 = str(err.str2);
  std::string detail;
  switch (err.code) {
    case XML_ERR_TAG_NAME_MISMATCH:
      detail = "balise fermante </" + s2 + "> inattendue : <" + s1 + "> (ligne " + std::to_string(err.int1) +
               ") n’est pas fermé";
      break;
    case XML_ERR_TAG_NOT_FINISHED:
      detail = "fin du fichier alors que <" + s1 + "> (ligne " + std::to_string(err.int1) + ") n’est pas fermé";
      break;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      detail = "entité « &" + s1 +
               "; » inconnue : écrivez le caractère lui-même (par exemple l’espace insécable) ou sa référence "
               "numérique (&#160;)";
      break;
    case XML_ERR_NAME_REQUIRED:
      if (str(err.message).find("EntityRef") != std::string::npos) detail = "« & » seul : écrivez &amp;";
      break;
    case XML_ERR_DOCUMENT_END:
      detail = "contenu après la fin de l’élément racine";
      break;
    case XML_ERR_DOCUMENT_EMPTY:
      detail = "fichier vide";
      break;
    case XML_ERR_ATTRIBUTE_REDEFINED:
      detail = "attribut « " + s1 + " » répété";
      break;
    case XML_ERR_LT_IN_ATTRIBUTE:
      detail = "« < » interdit dans la valeur d’un attribut : écrivez &lt;";
      break;
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
      detail = "valeur d’attribut sans guillemets";
      break;
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
      detail = "caractère invalide (le fichier doit être enregistré en UTF-8)";
      break;
    default:
      break;
  }
  if (detail.empty()) {
    detail = str(err.message);
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  }
  return "XML mal formé : " + detail;
}

// State shared with the libxml2 callbacks while one file is parsed.
struct ParseState {
  std::string display;
  std::vector<Diagnostic> parse_errors;  // E101 (first only: later ones are consequences)
  std::vector<Diagnostic> rng_errors;    // E106
  // libxml2 gives a text node the line where its first chunk ends; we record
  // where it starts, so an expression's line is exact.
  std::map<const xmlNode*, int> text_start;

  static void on_error(void* ctx, xmlErrorPtr err) {
    auto* self = static_cast<ParseState*>(ctx);
    if (!err || err->level == XML_ERR_WARNING) return;
    int line = err->line;
    if (line == 0 && err->node) line = static_cast<int>(xmlGetLineNo(static_cast<xmlNodePtr>(err->node)));
    if (err->domain == XML_FROM_RELAXNGV) {
      Diagnostic d = diag("trame.template.E106", self->display, line, "", rng_message(*err));
      for (const auto& e : self->rng_errors)
        if (e.line == d.line && e.message == d.message) return;
      self->rng_errors.push_back(std::move(d));
    } else if (self->parse_errors.empty()) {
      self->parse_errors.push_back(diag("trame.template.E101", self->display, line, "", parse_message(*err)));
    }
  }

  static void on_characters(void* ctx, const xmlChar* ch, int len) {
    auto* c = static_cast<xmlParserCtxtPtr>(ctx);
    auto* self = static_cast<ParseState*>(c->_private);
    int end_line = c->input ? c->input->line : 0;
    xmlNodePtr parent = c->node;
    xmlNodePtr before = parent ? parent->last : nullptr;
    xmlSAX2Characters(ctx, ch, len);
    xmlNodePtr after = parent ? parent->last : nullptr;
    if (after && after != before && after->type == XML_TEXT_NODE)
      self->text_start[after] = end_line - count_newlines(reinterpret_cast<const char*>(ch),
                                                          reinterpret_cast<const char*>(ch) + len);
  }
};

// Line of a <!DOCTYPE> in the prolog (skipping the XML declaration, comments
// and processing instructions), or 0. Checked before libxml2 sees the bytes,
// so no DTD, internal or external, is ever processed.
int doctype_line(const std::string& b) {
  size_t i = b.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  while (i < b.size()) {
    if (is_xml_space(b[i])) {
      ++i;
    } else if (b.compare(i, 4, "<!--") == 0) {
      size_t e = b.find("-->", i + 4);
      if (e == std::string::npos) return 0;
      i = e + 3;
    } else if (b.compare(i, 2, "<?") == 0) {
      size_t e = b.find("?>", i + 2);
      if (e == std::string::npos) return 0;
      i = e + 2;
    } else if (b.compare(i, 9, "<!DOCTYPE") == 0) {
      return 1 + count_newlines(b.data(), b.data() + i);
    } else {
      return 0;
    }
  }
  return 0;
}

// Parses safely: no network, no DTD loading, no entity substitution; big line numbers kept.
xmlDocPtr parse_xml(const std::string& bytes, ParseState& st) {
  xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(bytes.data(), static_cast<int>(bytes.size()));
  if (!ctxt) return nullptr;
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
  ctxt->_private = &st;
  ctxt->sax->characters = ParseState::on_characters;
  ctxt->sax->ignorableWhitespace = ParseState::on_characters;
  xmlSetStructuredErrorFunc(&st, ParseState::on_error);  // libxml2 keeps it per thread
  xmlParseDocument(ctxt);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  xmlDocPtr d = ctxt->myDoc;
  bool ok = ctxt->wellFormed;
  xmlFreeParserCtxt(ctxt);
  if (!ok && d) {
    xmlFreeDoc(d);
    d = nullptr;
  }
  return d;
}

// Builds the compiled tree of one parsed file, collecting expression errors.
struct Loader {
  std::string display;
  std::vector<Diagnostic>* errors;
  const std::map<const xmlNode*, int>* text_start;

  // start_line: line where `raw` begins; each expression gets its own line.
  Interp interp(const std::string& raw, int start_line, bool collapse_ws) {
    Interp out;
    size_t pos = 0;
    while (pos < raw.size()) {
      size_t open = raw.find("{{", pos);
      std::string lit = raw.substr(pos, open == std::string::npos ? std::string::npos : open - pos);
      if (!lit.empty()) out.parts.push_back({collapse_ws ? collapse(lit) : lit, nullptr, 0});
      if (open == std::string::npos) break;
      int line = start_line + count_newlines(raw.data(), raw.data() + open);
      size_t close = raw.find("}}", open + 2);
      if (close == std::string::npos) {
        errors->push_back(diag("trame.template.E102", display, line, "", "« {{ » sans « }} » correspondant"));
        break;
      }
      std::string src = raw.substr(open + 2, close - open - 2);
      try {
        out.parts.push_back({"", compile(src), line});
      } catch (const ExprError& e) {
        errors->push_back(diag(e.id, display, line, "", e.message));
      }
      pos = close + 2;
    }
    return out;
  }

  ExprPtr expr_attr(xmlNodePtr n, const char* attr) {
    xmlChar* v = xmlGetProp(n, BAD_CAST attr);
    int line = static_cast<int>(xmlGetLineNo(n));
    if (!v) {
      errors->push_back(diag("trame.template.E107", display, line, "",
                             std::string("attribut « ") + attr + " » obligatoire"));
      return nullptr;
    }
    std::string src(reinterpret_cast<char*>(v));
    xmlFree(v);
    try {
      return compile(src);
    } catch (const ExprError& e) {
      errors->push_back(diag(e.id, display, line, "", e.message));
      return nullptr;
    }
  }

  std::string plain_attr(xmlNodePtr n, const char* attr) {
    xmlChar* v = xmlGetProp(n, BAD_CAST attr);
    if (!v) return "";
    std::string s(reinterpret_cast<char*>(v));
    xmlFree(v);
    return s;
  }

  // Appends the node for one XML child (text with interpolations, or an element).
  void add_child(xmlNodePtr c, Template& t, std::vector<TNode>& out) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      TNode n;
      n.kind = TNode::Text;
      auto it = text_start->find(c);
      n.line = it != text_start->end() ? it->second : static_cast<int>(xmlGetLineNo(c));
      n.text = interp(reinterpret_cast<const char*>(c->content), n.line, true);
      if (!n.text.empty()) out.push_back(std::move(n));
    } else if (c->type == XML_ELEMENT_NODE) {
      out.push_back(element(c, t));
    }
  }

  std::vector<TNode> children(xmlNodePtr parent, Template& t) {
    std::vector<TNode> out;
    for (xmlNodePtr c = parent->children; c; c = c->next) add_child(c, t, out);
    return out;
  }

  TNode element(xmlNodePtr e, Template& t) {
    TNode n;
    n.line = static_cast<int>(xmlGetLineNo(e));
    std::string name = reinterpret_cast<const char*>(e->name);
    if (name == "if") {
      n.kind = TNode::If;
      Branch b{expr_attr(e, "test"), n.line, {}};
      for (xmlNodePtr c = e->children; c; c = c->next) {
        bool elif = c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "elif");
        bool els = c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "else");
        if (elif || els) {
          n.branches.push_back(std::move(b));
          b = Branch{elif ? expr_attr(c, "test") : nullptr, static_cast<int>(xmlGetLineNo(c)), {}};
          continue;
        }
        add_child(c, t, b.body);
      }
      n.branches.push_back(std::move(b));
      return n;
    }
    if (name == "for") {
      n.kind = TNode::For;
      n.expr = expr_attr(e, "each");
      n.name = plain_attr(e, "as");
      n.children = children(e, t);
      n.loop_meta = mentions_loop(e);
      return n;
    }
    if (name == "let") {
      n.kind = TNode::Let;
      n.expr = expr_attr(e, "value");
      n.name = plain_attr(e, "name");
      n.children = children(e, t);
      return n;
    }
    if (name == "include") {
      n.kind = TNode::Include;
      n.name = plain_attr(e, "partial");
      t.includes.emplace_back(n.name, n.line);
      return n;
    }
    if (name == "counter") {
      n.kind = TNode::Counter;
      n.name = plain_attr(e, "name");
      return n;
    }
    n.kind = TNode::Element;
    n.name = name;
    for (xmlAttrPtr a = e->properties; a; a = a->next) {
      xmlChar* v = xmlNodeListGetString(e->doc, a->children, 1);
      std::string raw = v ? reinterpret_cast<char*>(v) : "";
      if (v) xmlFree(v);
      n.attrs[reinterpret_cast<const char*>(a->name)] = interp(raw, n.line, false);
    }
    n.children = children(e, t);
    return n;
  }
};

// Trims the whitespace at both ends of a partial's content, so that a partial
// included inside a sentence adds no stray space.
void trim_ends(std::vector<TNode>& body) {
  auto trim = [](TNode& n, bool front) {
    if (n.kind != TNode::Text || n.text.parts.empty()) return;
    auto& part = front ? n.text.parts.front() : n.text.parts.back();
    if (part.expr) return;
    std::string& s = part.text;
    if (front) s.erase(0, s.find_first_not_of(' ') == std::string::npos ? s.size() : s.find_first_not_of(' '));
    else s.erase(s.find_last_not_of(' ') + 1);
    if (s.empty()) (front ? n.text.parts.erase(n.text.parts.begin()) : n.text.parts.erase(n.text.parts.end() - 1));
  };
  if (body.empty()) return;
  trim(body.front(), true);
  if (body.front().kind == TNode::Text && body.front().text.empty()) body.erase(body.begin());
  if (body.empty()) return;
  trim(body.back(), false);
  if (body.back().kind == TNode::Text && body.back().text.empty()) body.pop_back();
}

// ---- Evaluation --------------------------------------------------------------

struct Render {
  const Template* tpl = nullptr;  // the template whose nodes are being evaluated (for file:line)
  Scope scope;
  std::map<std::string, int> counters;

  [[noreturn]] void fail(int line, const ExprError& e) {
    throw Error(ErrorKind::Template, diag(e.id, tpl->display, line, e.pointer, e.message));
  }
  [[noreturn]] void fail(const TNode& n, const ExprError& e) { fail(n.line, e); }

  std::string text(const Interp& in, const TNode& n) {
    std::string out;
    for (const auto& p : in.parts) {
      if (!p.expr) {
        out += p.text;
        continue;
      }
      try {
        // A value is text: its line breaks and tabs become spaces (then collapse).
        std::string v = to_text(use(*p.expr, scope));
        std::replace_if(v.begin(), v.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
        out += v;
      } catch (const ExprError& e) {
        fail(p.line ? p.line : n.line, e);
      }
    }
    return out;
  }

  std::string attr(const TNode& n, const char* name, const std::string& def = "") {
    auto it = n.attrs.find(name);
    return it == n.attrs.end() ? def : text(it->second, n);
  }

  bool test(const ExprPtr& e, int line) {
    try {
      return truthy(use(*e, scope).get());
    } catch (const ExprError& err) {
      fail(line, err);
    }
  }

  // Walks nodes; control nodes are handled here, the rest go to `leaf`.
  void walk(const std::vector<TNode>& nodes, const std::function<void(const TNode&)>& leaf) {
    for (const auto& n : nodes) {
      switch (n.kind) {
        case TNode::If:
          for (const auto& b : n.branches)
            if (!b.test || test(b.test, b.line)) {
              walk(b.body, leaf);
              break;
            }
          break;
        case TNode::For: {
          Value list;
          try {
            list = use(*n.expr, scope);
          } catch (const ExprError& e) {
            fail(n, e);
          }
          const json& arr = list.get();
          if (!arr.is_array())
            fail(n, ExprError{"trame.template.E202", list.pointer, "« for » attend une liste, reçu : " + arr.dump()});
          size_t size = scope.bindings.size();
          for (size_t i = 0; i < arr.size(); ++i) {
            Value item;
            item.ref = &arr[i];
            item.own = list.own;
            item.pointer = list.pointer + "/" + std::to_string(i);
            scope.bindings.push_back({n.name, item});
            if (n.loop_meta)
              scope.bindings.push_back({"loop", Value::owned(json{{"index", i + 1}, {"first", i == 0},
                                                                  {"last", i + 1 == arr.size()}, {"length", arr.size()}})});
            walk(n.children, leaf);
            scope.bindings.resize(size);
          }
          break;
        }
        case TNode::Let: {
          Value v;
          try {
            v = use(*n.expr, scope);
          } catch (const ExprError& e) {
            fail(n, e);
          }
          scope.bindings.push_back({n.name, v});
          walk(n.children, leaf);
          scope.bindings.pop_back();
          break;
        }
        case TNode::Include: {
          const Template* saved = tpl;
          tpl = tpl->partials.at(n.name);
          walk(tpl->body, leaf);
          tpl = saved;
          break;
        }
        default:
          leaf(n);
      }
    }
  }

  // ---- inline content ----
  void inlines(const std::vector<TNode>& nodes, Inlines& out, bool bold, bool italic) {
    walk(nodes, [&](const TNode& n) {
      if (n.kind == TNode::Text) {
        out.push_back(doc::Text{text(n.text, n), bold, italic});
      } else if (n.kind == TNode::Counter) {
        out.push_back(doc::Text{std::to_string(++counters[n.name]), bold, italic});
      } else if (n.name == "b") {
        inlines(n.children, out, true, italic);
      } else if (n.name == "i") {
        inlines(n.children, out, bold, true);
      } else if (n.name == "br") {
        out.push_back(doc::LineBreak{});
      } else if (n.name == "page-number") {
        out.push_back(doc::Field{doc::Field::PageNumber});
      } else if (n.name == "page-count") {
        out.push_back(doc::Field{doc::Field::PageCount});
      } else {
        fail(n, ExprError{"trame.template.E108", "", "élément <" + n.name + "> interdit dans un texte"});
      }
    });
  }

  // Merges runs of the same style, collapses spaces across runs, trims around
  // line breaks and at both ends.
  static Inlines tidy(Inlines in) {
    Inlines out;
    for (auto& i : in) {
      if (auto* t = std::get_if<doc::Text>(&i)) {
        if (!out.empty())
          if (auto* prev = std::get_if<doc::Text>(&out.back()); prev && prev->bold == t->bold && prev->italic == t->italic) {
            prev->text += t->text;
            continue;
          }
      }
      out.push_back(std::move(i));
    }
    // Collapse double spaces across the whole run sequence, trim at edges and line breaks.
    bool prev_space = true;  // at start: drop leading spaces
    for (size_t k = 0; k < out.size(); ++k) {
      if (auto* t = std::get_if<doc::Text>(&out[k])) {
        const std::string& text = t->text;
        if (text.empty()) continue;
        if (!(prev_space && text.front() == ' ') && text.find("  ") == std::string::npos) {
          prev_space = text.back() == ' ';  // nothing to collapse in this run
          continue;
        }
        std::string s;
        s.reserve(text.size());
        for (char c : text) {
          if (c == ' ') {
            if (prev_space) continue;
            prev_space = true;
          } else {
            prev_space = false;
          }
          s += c;
        }
        t->text = std::move(s);
      } else if (std::holds_alternative<doc::LineBreak>(out[k])) {
        // drop the space before the break
        for (size_t j = k; j-- > 0;) {
          auto* t = std::get_if<doc::Text>(&out[j]);
          if (!t) break;
          while (!t->text.empty() && t->text.back() == ' ') t->text.pop_back();
          if (!t->text.empty()) break;
        }
        prev_space = true;
      } else {
        prev_space = false;
      }
    }
    for (size_t j = out.size(); j-- > 0;) {
      auto* t = std::get_if<doc::Text>(&out[j]);
      if (!t) break;
      while (!t->text.empty() && t->text.back() == ' ') t->text.pop_back();
      if (!t->text.empty()) break;
    }
    Inlines cleaned;
    for (auto& i : out)
      if (auto* t = std::get_if<doc::Text>(&i); !t || !t->text.empty()) cleaned.push_back(std::move(i));
    return cleaned;
  }

  Inlines content(const TNode& n) {
    Inlines out;
    inlines(n.children, out, false, false);
    return tidy(std::move(out));
  }

  static doc::Align align(const std::string& a, doc::Align def) {
    if (a == "left") return doc::Align::Left;
    if (a == "right") return doc::Align::Right;
    if (a == "center") return doc::Align::Center;
    if (a == "justify") return doc::Align::Justify;
    return def;
  }

  // In a list, table, row or signature block: whitespace is skipped, the
  // expected element is handled, anything else (e.g. from a partial included
  // at the wrong place) is an error.
  bool skip(const TNode& n, const char* expected) {
    if (n.kind == TNode::Text) {
      if (text(n.text, n).find_first_not_of(' ') == std::string::npos) return true;
    } else if (n.kind == TNode::Element && n.name == expected) {
      return false;
    }
    fail(n, ExprError{"trame.template.E108", "",
                      (n.kind == TNode::Text ? std::string("texte") : "élément <" + (n.kind == TNode::Counter ? std::string("counter") : n.name) + ">") +
                          " inattendu ici : <" + expected + "> attendu"});
  }

  // ---- blocks ----
  void blocks(const std::vector<TNode>& nodes, std::vector<doc::Block>& out) {
    walk(nodes, [&](const TNode& n) {
      if (n.kind == TNode::Text) {
        std::string t = text(n.text, n);
        if (t.find_first_not_of(' ') != std::string::npos)
          fail(n, ExprError{"trame.template.E108", "", "texte hors paragraphe : « " + t + " »"});
        return;
      }
      const std::string& e = n.name;
      if (e == "p" || e == "title" || e == "subtitle") {
        doc::Paragraph p;
        p.style = e == "p" ? attr(n, "style", "body") : e;
        doc::Align def = (e == "p" && p.style != "address") ? doc::Align::Justify
                         : (e == "p" ? doc::Align::Left : doc::Align::Center);
        if (p.style == "small" && e == "p") def = doc::Align::Justify;
        p.align = align(attr(n, "align"), def);
        p.keep_with_next = attr(n, "keep-with-next") == "true";
        p.content = content(n);
        out.push_back(std::move(p));
      } else if (e.size() == 2 && e[0] == 'h' && e[1] >= '1' && e[1] <= '4') {
        doc::Heading h;
        h.level = e[1] - '0';
        h.content = content(n);
        out.push_back(std::move(h));
      } else if (e == "ul" || e == "ol") {
        doc::List l;
        l.ordered = e == "ol";
        walk(n.children, [&](const TNode& li) {
          if (skip(li, "li")) return;
          doc::ListItem item;
          item.level = attr(li, "level") == "1" ? 1 : 0;
          item.content = content(li);
          l.items.push_back(std::move(item));
        });
        out.push_back(std::move(l));
      } else if (e == "table") {
        doc::Table t;
        std::string widths = attr(n, "widths");
        size_t pos = 0;
        while (pos < widths.size()) {
          size_t end = widths.find(' ', pos);
          std::string w = widths.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
          if (!w.empty()) {
            double v = 0;
            try {
              size_t used = 0;
              v = std::stod(w, &used);
              if (used != w.size()) v = -1;
            } catch (...) {
              v = -1;
            }
            if (v <= 0)
              fail(n, ExprError{"trame.template.E204", "", "largeurs de colonnes invalides « " + widths + " » (nombres positifs attendus)"});
            t.widths.push_back(v);
          }
          if (end == std::string::npos) break;
          pos = end + 1;
        }
        t.caption = attr(n, "caption");
        walk(n.children, [&](const TNode& tr) {
          if (skip(tr, "tr")) return;
          doc::TableRow row;
          row.header = attr(tr, "header") == "true";
          row.total = attr(tr, "total") == "true";
          walk(tr.children, [&](const TNode& td) {
            if (skip(td, "td")) return;
            doc::TableCell cell;
            cell.align = align(attr(td, "align"), doc::Align::Left);
            cell.bold = attr(td, "bold") == "true";
            std::string span = attr(td, "colspan");
            cell.colspan = span.empty() ? 1 : std::max(1, std::stoi(span));
            cell.content = content(td);
            row.cells.push_back(std::move(cell));
          });
          t.rows.push_back(std::move(row));
        });
        out.push_back(std::move(t));
      } else if (e == "pagebreak") {
        out.push_back(doc::PageBreak{});
      } else if (e == "space") {
        std::string pts = attr(n, "points", "12");
        out.push_back(doc::Spacer{std::stod(pts)});
      } else if (e == "toc") {
        out.push_back(doc::TableOfContents{attr(n, "title", "Sommaire"), std::stoi(attr(n, "depth", "2"))});
      } else if (e == "signatures") {
        doc::SignatureBlock s;
        s.place_date = collapse(attr(n, "place-date"));
        walk(n.children, [&](const TNode& sg) {
          if (skip(sg, "signatory")) return;
          s.signatories.push_back({collapse(attr(sg, "organisation")), collapse(attr(sg, "name")),
                                   collapse(attr(sg, "role"))});
        });
        out.push_back(std::move(s));
      } else {
        fail(n, ExprError{"trame.template.E108", "",
                          "élément <" + (n.kind == TNode::Counter ? std::string("counter") : e) + "> inattendu entre des blocs"});
      }
    });
  }
};

}  // namespace

// ---- Engine ----------------------------------------------------------------

struct Engine::Impl {
  fs::path dir;
  fs::path schema_file;
  xmlRelaxNGPtr schema = nullptr;  // compiled once; validation contexts are per call
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<Template>> cache;  // entries are never removed: pointers stay valid

  ~Impl() {
    if (schema) xmlRelaxNGFree(schema);
  }

  std::string display_name(const fs::path& p) const {
    std::error_code ec;
    fs::path base = dir.parent_path();
    fs::path rel = fs::relative(p, base, ec);
    if (!ec && !rel.empty() && rel.native().rfind("..", 0) != 0) return rel.string();
    return p.string();
  }

  void ensure_schema() {
    if (schema) return;
    ParseState st{schema_file.string(), {}, {}, {}};
    xmlRelaxNGParserCtxtPtr ctxt = xmlRelaxNGNewParserCtxt(schema_file.c_str());
    xmlRelaxNGSetParserStructuredErrors(ctxt, ParseState::on_error, &st);
    schema = xmlRelaxNGParse(ctxt);
    xmlRelaxNGFreeParserCtxt(ctxt);
    if (!schema) {
      std::vector<Diagnostic> errs = st.parse_errors;
      if (errs.empty()) errs.push_back(diag("trame.template.E100", schema_file.string(), 0, "", "schéma des modèles illisible"));
      throw Error(ErrorKind::Template, errs);
    }
  }

  // Parses, validates and compiles one file (not its partials). Requires mutex held.
  std::unique_ptr<Template> compile_file(const std::string& key, bool partial) {
    ensure_schema();
    auto t = std::make_unique<Template>();
    t->name = key;
    t->is_partial = partial;
    t->file = template_file(dir, key + ".xml");
    t->display = display_name(t->file);
    std::string bytes = read_file(t->file);

    if (int line = doctype_line(bytes))
      throw Error(ErrorKind::Template,
                  diag("trame.template.E103", t->display, line, "",
                       "déclaration <!DOCTYPE> interdite dans un modèle (les entités et DTD ne sont pas admises)"));
    ParseState st{t->display, {}, {}, {}};
    xmlDocPtr d = parse_xml(bytes, st);
    if (!d) {
      if (st.parse_errors.empty()) st.parse_errors.push_back(diag("trame.template.E101", t->display, 0, "", "XML mal formé"));
      throw Error(ErrorKind::Template, st.parse_errors);
    }
    std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> guard(d, xmlFreeDoc);
    if (d->intSubset || d->extSubset)  // defence in depth: doctype_line() already refused it
      throw Error(ErrorKind::Template, diag("trame.template.E103", t->display, 1, "",
                                            "déclaration <!DOCTYPE> interdite dans un modèle"));
    xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(schema);
    xmlRelaxNGSetValidStructuredErrors(v, ParseState::on_error, &st);
    int rc = xmlRelaxNGValidateDoc(v, d);
    xmlRelaxNGFreeValidCtxt(v);
    if (rc != 0) {
      if (st.rng_errors.empty())
        st.rng_errors.push_back(diag("trame.template.E106", t->display, 0, "", "modèle non conforme au schéma"));
      throw Error(ErrorKind::Template, st.rng_errors);
    }
    xmlNodePtr root = xmlDocGetRootElement(d);
    bool root_is_partial = xmlStrEqual(root->name, BAD_CAST "partial");
    if (root_is_partial != partial)
      throw Error(ErrorKind::Template, diag("trame.template.E106", t->display, static_cast<int>(xmlGetLineNo(root)), "",
                                            partial ? "un partiel doit avoir pour racine <partial>"
                                                    : "un modèle doit avoir pour racine <document>"));
    std::vector<Diagnostic> errors;
    Loader loader{t->display, &errors, &st.text_start};
    for (xmlNodePtr c = root->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "meta")) {
        t->meta_line = static_cast<int>(xmlGetLineNo(c));
        for (xmlAttrPtr a = c->properties; a; a = a->next) {
          xmlChar* val = xmlNodeListGetString(d, a->children, 1);
          t->meta[reinterpret_cast<const char*>(a->name)] =
              loader.interp(val ? reinterpret_cast<char*>(val) : "", t->meta_line, true);
          if (val) xmlFree(val);
        }
        continue;
      }
      loader.add_child(c, *t, t->body);
    }
    if (partial) trim_ends(t->body);
    if (!errors.empty()) throw Error(ErrorKind::Template, errors);
    return t;
  }

  // Loads KEY ("NAME" or "partials/NAME") and, depth first, every partial it
  // includes; `stack` holds the files being loaded, to detect cycles. Requires mutex held.
  const Template& load_locked(const std::string& key, bool partial, std::vector<std::string>& stack) {
    if (auto it = cache.find(key); it != cache.end()) return *it->second;
    if (!partial && !fs::exists(template_file(dir, key + ".xml")))
      throw Error(ErrorKind::Template,
                  diag("trame.template.E100", display_name(dir / (key + ".xml")), 0, "", "modèle introuvable"));
    std::unique_ptr<Template> t = compile_file(key, partial);
    stack.push_back(key);
    std::vector<Diagnostic> errors;
    for (const auto& [inc, line] : t->includes) {
      std::string inc_key = "partials/" + inc;
      if (std::find(stack.begin(), stack.end(), inc_key) != stack.end()) {
        std::string chain;
        for (auto it = std::find(stack.begin(), stack.end(), inc_key); it != stack.end(); ++it)
          chain += (it->rfind("partials/", 0) == 0 ? it->substr(9) : *it) + " → ";
        errors.push_back(diag("trame.template.E109", t->display, line, "", "inclusion circulaire : " + chain + inc));
        continue;
      }
      if (!fs::exists(template_file(dir, inc_key + ".xml"))) {
        errors.push_back(diag("trame.template.E110", t->display, line, "",
                              "partiel introuvable « " + inc + " » (attendu : " +
                                  display_name(dir / (inc_key + ".xml")) + ")"));
        continue;
      }
      t->partials[inc] = &load_locked(inc_key, true, stack);
    }
    stack.pop_back();
    if (!errors.empty()) throw Error(ErrorKind::Template, errors);
    auto& ref = *t;
    cache[key] = std::move(t);
    return ref;
  }
};

Engine::Engine(fs::path templates_dir, fs::path schema_rng) : impl_(std::make_unique<Impl>()) {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
  impl_->dir = std::move(templates_dir);
  impl_->schema_file = std::move(schema_rng);
}

Engine::~Engine() = default;

const Template& Engine::load(const std::string& name) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  std::vector<std::string> stack;
  return impl_->load_locked(name, false, stack);
}

doc::Document Engine::render(const std::string& name, const nlohmann::json& context) {
  return render(name, context, nlohmann::json::object());
}

doc::Document Engine::render(const std::string& name, const nlohmann::json& root, const nlohmann::json& computed) {
  const Template& t = load(name);  // the only locked step; evaluation reads the immutable tree
  Render r;
  r.tpl = &t;
  r.scope.root = &root;
  if (computed.is_object())
    for (const auto& [key, value] : computed.items())
      r.scope.bindings.push_back(Binding{key, Value{&value, nullptr, "/" + json_pointer_escape(key), false}});
  doc::Document out;
  TNode meta_node;
  meta_node.line = t.meta_line;
  auto meta = [&](const char* key) {
    auto it = t.meta.find(key);
    if (it == t.meta.end()) return std::string();
    std::string s = collapse(r.text(it->second, meta_node));
    size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  out.meta.title = meta("title");
  out.meta.subject = meta("subject");
  out.meta.author = meta("author");
  out.meta.keywords = meta("keywords");
  out.meta.date = meta("date");
  out.meta.header = meta("header");
  r.blocks(t.body, out.blocks);
  return out;
}

std::vector<fs::path> Engine::dependencies(const std::string& name) {
  const Template& t = load(name);
  std::vector<fs::path> out{t.file};
  std::vector<const Template*> todo{&t};
  std::set<const Template*> seen{&t};
  while (!todo.empty()) {
    const Template* cur = todo.back();
    todo.pop_back();
    for (const auto& [inc, line] : cur->includes) {
      const Template* p = cur->partials.at(inc);
      if (!seen.insert(p).second) continue;
      out.push_back(p->file);
      todo.push_back(p);
    }
  }
  return out;
}

}  // namespace trame::tpl
