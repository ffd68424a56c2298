// Inside the template stage: the compiled template tree (built once at load,
// immutable afterwards), its limits, and the two steps the engine chains —
// compiling a file (load.cpp) and evaluating a tree (render.cpp).
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <libxml/relaxng.h>
#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"
#include "document/document.hpp"
#include "template/expr.hpp"

namespace trame::tpl {
namespace fs = std::filesystem;

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
  std::vector<doc::Numbering> numberings;  // <numbering> declarations, parents checked (no cycle)
  std::vector<std::pair<std::string, int>> includes;  // partial name, line of the <include>
  int depth = 0;                                      // element nesting, partials included
  std::map<std::string, const Template*> partials;    // resolved at load: render needs no lock
  fs::path templates_dir;                             // the engine's: images are read from its images/ folder
};


// Limits of templates and of what they produce (docs/guide/limites-et-erreurs.md):
// nested loops and includes cannot make a document without end.
constexpr int kMaxElementDepth = 64;        // elements inside one another in one file (bundled: 12)
constexpr int kMaxTotalDepth = 128;         // the same through <include>
constexpr size_t kMaxIncludeChain = 16;     // partials including partials (bundled: 2)
constexpr size_t kMaxOutputBytes = 32u << 20;  // characters of text in one document (bundled: < 200 Ko)
constexpr size_t kMaxLoopSteps = 1000000;   // iterations of <for> in one document


Diagnostic diag(const std::string& id, const std::string& file, int line, const std::string& pointer,
                const std::string& message);

// Collapses runs of XML whitespace into one space (HTML-like). U+00A0 and
// U+202F are not XML whitespace: non-breaking spaces are kept.
std::string collapse(const std::string& s);

// Parses and compiles models/template.rng. Throws Error(Template).
xmlRelaxNGPtr load_template_schema(const fs::path& schema_file);

// Parses, validates against `schema` and compiles one file (not its partials):
// `key` is "NAME" or "partials/NAME", `display` the file name shown in messages.
std::unique_ptr<Template> compile_template(const fs::path& file, const std::string& key, const std::string& display,
                                           bool partial, xmlRelaxNGPtr schema);

// <image> and <chart> (media.cpp): the blocks of an element's evaluated attributes
// (`attr` gives an attribute's text, `def` when absent). Throw ExprError (E205, E206).
// image_block returns false for an optional image whose file is absent.
using AttrFn = std::function<std::string(const char* name, const std::string& def)>;
bool image_block(const fs::path& templates_dir, const AttrFn& attr, doc::Image& out);
void chart_block(const AttrFn& attr, doc::Chart& out);
// One <bar> of a chart: its label and values ("1 500;2 000,5": one a series, French numbers).
void chart_bar(const doc::Chart& chart, const AttrFn& attr, const std::string& unit, doc::Chart::Category& out);
// The chart's value axis and value labels, once its bars are known.
void chart_finish(doc::Chart& chart, const std::string& unit);
// A literal image name of the templates' images/ folder ("" if none or not literal), for dependencies.
std::string literal_image(const TNode& n);

// Evaluates a loaded template (its partials resolved) against `root`, the names
// of `computed` bound over it.
doc::Document render_template(const Template& t, const nlohmann::json& root, const nlohmann::json& computed);

}  // namespace trame::tpl
