#include "template/engine.hpp"

#include <cstdarg>
#include <cstring>
#include <functional>
#include <set>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "common/diagnostic.hpp"
#include "common/files.hpp"
#include "template/expr.hpp"

namespace trame::tpl {
namespace fs = std::filesystem;
using doc::Inline;
using doc::Inlines;

// ---- Compiled template tree ------------------------------------------------

// Text with {{ expr }} interpolations, compiled once.
struct Interp {
  struct Part {
    std::string text;
    ExprPtr expr;  // null for literal text
  };
  std::vector<Part> parts;
  bool empty() const { return parts.empty(); }
};

struct TNode {
  enum Kind { Element, Text, If, For, Include, Let, Counter } kind = Element;
  int line = 0;
  std::string name;                      // element name / for variable / let name / include partial / counter
  std::map<std::string, Interp> attrs;   // Element attributes (interpolated)
  Interp text;                           // Text
  std::vector<std::pair<ExprPtr, std::vector<TNode>>> branches;  // If: (test, body)...; else has null test
  ExprPtr expr;                          // For: each; Let: value
  std::vector<TNode> children;           // Element, For, Let bodies
};

struct Template {
  std::string name;
  fs::path file;
  std::string display;  // file name as shown in messages (relative to the data dir when possible)
  std::vector<TNode> body;
  bool is_partial = false;
  std::map<std::string, Interp> meta;
  std::vector<std::string> includes;
};

namespace {

const char* const kNs = "urn:trame:template:1";

Diagnostic diag(const std::string& id, const std::string& file, int line, const std::string& pointer,
                const std::string& message) {
  return Diagnostic{Severity::Error, id, file, line, 0, pointer, message};
}

// Collapses runs of ASCII whitespace into one space (HTML-like).
std::string collapse(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
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

struct Loader {
  std::string display;
  std::vector<Diagnostic>* errors;

  Interp interp(const std::string& raw, int line, bool collapse_ws) {
    Interp out;
    size_t pos = 0;
    while (pos < raw.size()) {
      size_t open = raw.find("{{", pos);
      std::string lit = raw.substr(pos, open == std::string::npos ? std::string::npos : open - pos);
      if (!lit.empty()) out.parts.push_back({collapse_ws ? collapse(lit) : lit, nullptr});
      if (open == std::string::npos) break;
      size_t close = raw.find("}}", open + 2);
      if (close == std::string::npos) {
        errors->push_back(diag("trame.template.E102", display, line, "", "« {{ » sans « }} » correspondant"));
        break;
      }
      std::string src = raw.substr(open + 2, close - open - 2);
      try {
        out.parts.push_back({"", compile(src)});
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
      n.line = static_cast<int>(xmlGetLineNo(c));
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
      ExprPtr test = expr_attr(e, "test");
      std::vector<TNode> body;
      for (xmlNodePtr c = e->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && (xmlStrEqual(c->name, BAD_CAST "elif") || xmlStrEqual(c->name, BAD_CAST "else"))) {
          n.branches.emplace_back(test, std::move(body));
          body.clear();
          test = xmlStrEqual(c->name, BAD_CAST "elif") ? expr_attr(c, "test") : nullptr;
          continue;
        }
        add_child(c, t, body);
      }
      n.branches.emplace_back(test, std::move(body));
      return n;
    }
    if (name == "for") {
      n.kind = TNode::For;
      n.expr = expr_attr(e, "each");
      n.name = plain_attr(e, "as");
      n.children = children(e, t);
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
      t.includes.push_back(n.name);
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

// Structured libxml2 errors (parser and RELAX NG) collected as diagnostics.
struct XmlErrors {
  std::string display;
  std::vector<Diagnostic> list;
  static void handler(void* ctx, xmlErrorPtr err) {
    auto* self = static_cast<XmlErrors*>(ctx);
    std::string msg = err->message ? err->message : "erreur XML";
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    int line = err->line;
    if (line == 0 && err->node) line = static_cast<int>(xmlGetLineNo(static_cast<xmlNodePtr>(err->node)));
    self->list.push_back(diag(err->domain == XML_FROM_RELAXNGV ? "trame.template.E106" : "trame.template.E101",
                              self->display, line, "",
                              (err->domain == XML_FROM_RELAXNGV ? "modèle non conforme au schéma : "
                                                                : "XML mal formé : ") + msg));
  }
};

// ---- Evaluation --------------------------------------------------------------

struct Render {
  const Engine* engine;
  std::function<const Template&(const std::string&)> partial;
  const Template* tpl = nullptr;  // the template whose nodes are being evaluated (for file:line)
  Scope scope;
  std::map<std::string, int> counters;

  [[noreturn]] void fail(const TNode& n, const ExprError& e) {
    throw Error(ErrorKind::Template, diag(e.id, tpl->display, n.line, e.pointer, e.message));
  }

  std::string text(const Interp& in, const TNode& n) {
    std::string out;
    for (const auto& p : in.parts) {
      if (!p.expr) {
        out += p.text;
        continue;
      }
      try {
        out += to_text(use(*p.expr, scope));
      } catch (const ExprError& e) {
        fail(n, e);
      }
    }
    return out;
  }

  std::string attr(const TNode& n, const char* name, const std::string& def = "") {
    auto it = n.attrs.find(name);
    return it == n.attrs.end() ? def : text(it->second, n);
  }

  bool test(const ExprPtr& e, const TNode& n) {
    try {
      return truthy(use(*e, scope).get());
    } catch (const ExprError& err) {
      fail(n, err);
    }
  }

  // Walks nodes; control nodes are handled here, the rest go to `leaf`.
  void walk(const std::vector<TNode>& nodes, const std::function<void(const TNode&)>& leaf) {
    for (const auto& n : nodes) {
      switch (n.kind) {
        case TNode::If:
          for (const auto& [cond, body] : n.branches)
            if (!cond || test(cond, n)) {
              walk(body, leaf);
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
            Value meta = Value::owned(json{{"index", i + 1}, {"first", i == 0}, {"last", i + 1 == arr.size()},
                                           {"length", arr.size()}});
            scope.bindings.push_back({n.name, item});
            scope.bindings.push_back({"loop", meta});
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
          const Template& p = partial(n.name);
          const Template* saved = tpl;
          tpl = &p;
          walk(p.body, leaf);
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
        fail(n, ExprError{"trame.template.E108", "", "élément « " + n.name + " » interdit dans un texte"});
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
        std::string s;
        for (char c : t->text) {
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
          if (li.kind == TNode::Text) return;
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
          if (tr.kind == TNode::Text) return;
          doc::TableRow row;
          row.header = attr(tr, "header") == "true";
          row.total = attr(tr, "total") == "true";
          walk(tr.children, [&](const TNode& td) {
            if (td.kind == TNode::Text) return;
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
        out.push_back(doc::TableOfContents{attr(n, "title", "Sommaire")});
      } else if (e == "signatures") {
        doc::SignatureBlock s;
        s.place_date = collapse(attr(n, "place-date"));
        walk(n.children, [&](const TNode& sg) {
          if (sg.kind == TNode::Text) return;
          s.signatories.push_back({collapse(attr(sg, "organisation")), collapse(attr(sg, "name")),
                                   collapse(attr(sg, "role"))});
        });
        out.push_back(std::move(s));
      } else {
        fail(n, ExprError{"trame.template.E108", "", "élément « " + e + " » inattendu à cet endroit"});
      }
    });
  }
};

}  // namespace

// ---- Engine ----------------------------------------------------------------

struct Engine::Impl {
  fs::path dir;
  fs::path schema_file;
  xmlRelaxNGPtr schema = nullptr;
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<Template>> cache;

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
    XmlErrors errs{schema_file.string(), {}};
    xmlRelaxNGParserCtxtPtr ctxt = xmlRelaxNGNewParserCtxt(schema_file.c_str());
    xmlRelaxNGSetParserStructuredErrors(ctxt, XmlErrors::handler, &errs);
    schema = xmlRelaxNGParse(ctxt);
    xmlRelaxNGFreeParserCtxt(ctxt);
    if (!schema) {
      if (errs.list.empty())
        errs.list.push_back(diag("trame.template.E100", schema_file.string(), 0, "", "schéma des modèles illisible"));
      throw Error(ErrorKind::Template, errs.list);
    }
  }

  // Requires mutex held.
  const Template& load_locked(const std::string& key, bool partial, std::vector<std::string>& stack) {
    if (auto it = cache.find(key); it != cache.end()) return *it->second;
    for (const auto& s : stack)
      if (s == key) {
        std::string chain;
        for (const auto& c : stack) chain += c + " → ";
        throw Error(ErrorKind::Template,
                    diag("trame.template.E109", display_name(dir / (stack.front() + ".xml")), 0, "",
                         "inclusion circulaire : " + chain + key));
      }
    ensure_schema();
    auto t = std::make_unique<Template>();
    t->name = key;
    t->is_partial = partial;
    t->file = dir / (key + ".xml");
    t->display = display_name(t->file);
    if (!fs::exists(t->file))
      throw Error(ErrorKind::Template,
                  diag(partial ? "trame.template.E105" : "trame.template.E100", t->display, 0, "",
                       partial ? "partiel introuvable « " + key.substr(9) + " »" : "modèle introuvable"));
    std::string bytes = read_file(t->file);

    XmlErrors errs{t->display, {}};
    xmlParserCtxtPtr pctxt = xmlNewParserCtxt();
    xmlSetStructuredErrorFunc(&errs, XmlErrors::handler);
    // Safe parsing: no network, no entity substitution, no DTD loading.
    xmlDocPtr d = xmlCtxtReadMemory(pctxt, bytes.data(), static_cast<int>(bytes.size()), t->file.c_str(), "UTF-8",
                                    XML_PARSE_NONET | XML_PARSE_NOCDATA);
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    xmlFreeParserCtxt(pctxt);
    if (!d) {
      if (errs.list.empty()) errs.list.push_back(diag("trame.template.E101", t->display, 0, "", "XML mal formé"));
      throw Error(ErrorKind::Template, errs.list);
    }
    std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> guard(d, xmlFreeDoc);
    if (d->intSubset || d->extSubset)
      throw Error(ErrorKind::Template,
                  diag("trame.template.E103", t->display, d->intSubset ? static_cast<int>(xmlGetLineNo((xmlNodePtr)d->intSubset)) : 1,
                       "", "déclaration DOCTYPE ou entité interdite dans un modèle"));
    xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(schema);
    xmlRelaxNGSetValidStructuredErrors(v, XmlErrors::handler, &errs);
    int rc = xmlRelaxNGValidateDoc(v, d);
    xmlRelaxNGFreeValidCtxt(v);
    if (rc != 0) {
      if (errs.list.empty()) errs.list.push_back(diag("trame.template.E106", t->display, 0, "", "modèle non conforme au schéma"));
      throw Error(ErrorKind::Template, errs.list);
    }
    xmlNodePtr root = xmlDocGetRootElement(d);
    bool root_is_partial = xmlStrEqual(root->name, BAD_CAST "partial");
    if (root_is_partial != partial)
      throw Error(ErrorKind::Template, diag("trame.template.E106", t->display, static_cast<int>(xmlGetLineNo(root)), "",
                                            partial ? "un partiel doit avoir pour racine <partial>"
                                                    : "un modèle doit avoir pour racine <document>"));
    std::vector<Diagnostic> errors;
    Loader loader{t->display, &errors};
    for (xmlNodePtr c = root->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "meta")) {
        for (xmlAttrPtr a = c->properties; a; a = a->next) {
          xmlChar* val = xmlNodeListGetString(d, a->children, 1);
          t->meta[reinterpret_cast<const char*>(a->name)] =
              loader.interp(val ? reinterpret_cast<char*>(val) : "", static_cast<int>(xmlGetLineNo(c)), true);
          if (val) xmlFree(val);
        }
      }
    }
    // Body: every child except <meta>.
    xmlNodePtr meta = nullptr;
    for (xmlNodePtr c = root->children; c; c = c->next)
      if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "meta")) meta = c;
    if (meta) {
      xmlUnlinkNode(meta);
      xmlFreeNode(meta);
    }
    t->body = loader.children(root, *t);
    if (!errors.empty()) throw Error(ErrorKind::Template, errors);

    stack.push_back(key);
    for (const auto& inc : t->includes) load_locked("partials/" + inc, true, stack);
    stack.pop_back();
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
  const Template& t = load(name);
  Render r;
  r.engine = this;
  r.tpl = &t;
  r.scope.root = &context;
  r.partial = [this](const std::string& p) -> const Template& {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    std::vector<std::string> stack;
    return impl_->load_locked("partials/" + p, true, stack);
  };
  doc::Document out;
  TNode meta_node;
  meta_node.line = 1;
  auto meta = [&](const char* key) {
    auto it = t.meta.find(key);
    return it == t.meta.end() ? std::string() : collapse(r.text(it->second, meta_node));
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
  std::lock_guard<std::mutex> lock(impl_->mutex);
  std::vector<const Template*> todo{&t};
  std::set<std::string> seen{name};
  while (!todo.empty()) {
    const Template* cur = todo.back();
    todo.pop_back();
    for (const auto& inc : cur->includes) {
      std::string key = "partials/" + inc;
      if (!seen.insert(key).second) continue;
      auto it = impl_->cache.find(key);
      if (it == impl_->cache.end()) continue;
      out.push_back(it->second->file);
      todo.push_back(it->second.get());
    }
  }
  return out;
}

}  // namespace trame::tpl
