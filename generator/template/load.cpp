#include "template/tree.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <mutex>
#include <set>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "common/diagnostic.hpp"
#include "common/files.hpp"
#include "template/expr.hpp"

namespace trame::tpl {
using doc::Inline;
using doc::Inlines;

Diagnostic diag(const std::string& id, const std::string& file, int line, const std::string& pointer,
                const std::string& message) {
  return Diagnostic{Severity::Error, id, file, line, 0, pointer, message};
}

static bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

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

// A <numbering> declaration (literal attributes: the ODT's outline style carries them). Its
// parent must be declared before it, which also rules out cycles.
void add_numbering(xmlNodePtr c, Template& t, std::vector<Diagnostic>& errors) {
  auto get = [&](const char* name) {
    xmlChar* v = xmlGetProp(c, BAD_CAST name);
    std::string s = v ? reinterpret_cast<char*>(v) : "";
    if (v) xmlFree(v);
    return s;
  };
  const int line = static_cast<int>(xmlGetLineNo(c));
  auto index_of = [&](const std::string& name) {
    for (size_t i = 0; i < t.numberings.size(); ++i)
      if (t.numberings[i].name == name) return static_cast<int>(i);
    return -1;
  };
  doc::Numbering n{get("name"), get("prefix"), get("suffix"), -1};
  if (index_of(n.name) >= 0)
    errors.push_back(diag("trame.template.E114", t.display, line, "", "numérotation « " + n.name + " » déclarée deux fois"));
  if (std::string parent = get("parent"); !parent.empty()) {
    n.parent = index_of(parent);
    if (n.parent < 0)
      errors.push_back(diag("trame.template.E114", t.display, line, "",
                            "numérotation parente « " + parent + " » inconnue : déclarez-la avant « " + n.name + " »"));
  }
  t.numberings.push_back(std::move(n));
}

int count_newlines(const char* b, const char* e) { return static_cast<int>(std::count(b, e, '\n')); }

// ---- Parsing with libxml2 -------------------------------------------------------

// Elements of the language and their attributes (required ones first, marked
// with *), used to turn libxml2's RELAX NG messages into useful French ones.
const std::map<std::string, std::vector<std::string>>& known_elements() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"document", {}}, {"partial", {}},
      {"meta", {"title", "subject", "author", "keywords", "date", "header"}},
      {"numbering", {"*name", "prefix", "suffix", "parent"}},
      {"title", {}}, {"subtitle", {}}, {"h1", {"number"}}, {"h2", {"number"}}, {"h3", {"number"}}, {"h4", {"number"}},
      {"p", {"style", "align", "keep-with-next"}}, {"ul", {}}, {"ol", {}}, {"li", {"level"}},
      {"table", {"*widths", "caption"}}, {"tr", {"header", "total"}}, {"td", {"align", "bold", "colspan"}},
      {"pagebreak", {}}, {"space", {"points"}}, {"toc", {"title"}}, {"signatures", {"place-date"}},
      {"signatory", {"*organisation", "*name", "*role", "field"}}, {"b", {}}, {"i", {}}, {"br", {}},
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

  // A node that binds a name to an expression over its children (<for each as>,
  // <let value name>): the expression, the name, then the children, in that order.
  void binding(TNode& n, TNode::Kind kind, xmlNodePtr e, Template& t, const char* expr_name, const char* name_attr) {
    n.kind = kind;
    n.expr = expr_attr(e, expr_name);
    n.name = plain_attr(e, name_attr);
    n.children = children(e, t);
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
      binding(n, TNode::For, e, t, "each", "as");
      n.loop_meta = mentions_loop(e);
      return n;
    }
    if (name == "let") {
      binding(n, TNode::Let, e, t, "value", "name");
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

// Element nesting of an XML tree (the root is level 1), without recursion.
int element_depth(xmlNodePtr root) {
  int depth = 1, max = 1;
  for (xmlNodePtr n = root;;) {
    if (n->type == XML_ELEMENT_NODE && n->children) {
      n = n->children;
      max = std::max(max, ++depth);
      continue;
    }
    while (n != root && !n->next) {
      n = n->parent;
      --depth;
    }
    if (n == root) return max;
    n = n->next;
  }
}

}  // namespace

// Installation files are read with the same care as user files: a regular
// file (a FIFO would block), of a bounded size.
static std::string read_installed_file(const fs::path& path, const std::string& display) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (fs::exists(st) && !fs::is_regular_file(st))
    throw Error(ErrorKind::Template, diag("trame.template.E100", display, 0, "",
                                          "ce n’est pas un fichier ordinaire (tube, périphérique, dossier…)"));
  constexpr uintmax_t kMaxTemplateBytes = 4u << 20;
  if (fs::is_regular_file(st) && fs::file_size(path, ec) > kMaxTemplateBytes)
    throw Error(ErrorKind::Template, diag("trame.template.E100", display, 0, "", "fichier trop gros (au plus 4 Mo)"));
  return read_file(path);
}

// While the template schema loads, libxml2 may open only .rng files of its own
// folder: an externalRef or include elsewhere (/etc/passwd) is refused.
static std::mutex loader_mutex;
static fs::path schema_dir;
static xmlExternalEntityLoader default_loader = nullptr;

static xmlParserInputPtr restricted_loader(const char* url, const char* id, xmlParserCtxtPtr ctxt) {
  std::string u = url ? url : "";
  if (u.rfind("file://", 0) == 0) u = u.substr(7);
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(u, ec), ec);
  if (!ec && !schema_dir.empty() && p.extension() == ".rng" && p.parent_path() == schema_dir && fs::is_regular_file(p, ec))
    return default_loader(p.c_str(), id, ctxt);
  return nullptr;  // libxml2 reports the load failure; the schema is refused
}

xmlRelaxNGPtr load_template_schema(const fs::path& schema_file) {
  read_installed_file(schema_file, schema_file.string());  // a regular file of bounded size
  std::lock_guard<std::mutex> lock(loader_mutex);
  std::error_code ec;
  schema_dir = fs::weakly_canonical(fs::absolute(schema_file, ec), ec).parent_path();
  if (!default_loader) default_loader = xmlGetExternalEntityLoader();
  xmlSetExternalEntityLoader(restricted_loader);
  ParseState st{schema_file.string(), {}, {}, {}};
  xmlRelaxNGParserCtxtPtr ctxt = xmlRelaxNGNewParserCtxt(schema_file.c_str());
  xmlRelaxNGSetParserStructuredErrors(ctxt, ParseState::on_error, &st);
  xmlRelaxNGPtr schema = xmlRelaxNGParse(ctxt);
  xmlRelaxNGFreeParserCtxt(ctxt);
  xmlSetExternalEntityLoader(default_loader);
  if (!schema) {
    std::vector<Diagnostic> errs = st.parse_errors;
    if (errs.empty()) errs.push_back(diag("trame.template.E100", schema_file.string(), 0, "", "schéma des modèles illisible"));
    throw Error(ErrorKind::Template, errs);
  }
  return schema;
}

std::unique_ptr<Template> compile_template(const fs::path& file, const std::string& key, const std::string& display,
                                         bool partial, xmlRelaxNGPtr schema) {
  auto t = std::make_unique<Template>();
  t->name = key;
  t->is_partial = partial;
  t->file = file;
  t->display = display;
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
  t->depth = element_depth(root);
  if (t->depth > kMaxElementDepth)
    throw Error(ErrorKind::Template, diag("trame.template.E112", t->display, 0, "",
                                          "éléments trop imbriqués (" + std::to_string(t->depth) + " niveaux ; au plus " +
                                              std::to_string(kMaxElementDepth) + ")"));
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
    if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST "numbering")) {
      add_numbering(c, *t, errors);
      continue;
    }
    loader.add_child(c, *t, t->body);
  }
  if (partial) trim_ends(t->body);
  if (!errors.empty()) throw Error(ErrorKind::Template, errors);
  return t;
}

}  // namespace trame::tpl
