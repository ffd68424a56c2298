// The template engine: loads (once, cached, under a mutex) a template and the
// partials it includes, and renders it (engine.hpp).
#include <algorithm>
#include <functional>
#include <mutex>
#include <set>

#include <libxml/parser.h>

#include "common/files.hpp"
#include "template/engine.hpp"

#include "common/overlay.hpp"
#include "template/tree.hpp"

namespace trame::tpl {

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

  // Loads KEY ("NAME" or "partials/NAME") and, depth first, every partial it
  // includes; `stack` holds the files being loaded, to detect cycles. Requires mutex held.
  const Template& load_locked(const std::string& key, bool partial, std::vector<std::string>& stack) {
    if (auto it = cache.find(key); it != cache.end()) return *it->second;
    if (!partial && !fs::exists(template_file(dir, key + ".xml")))
      throw Error(ErrorKind::Template,
                  diag("trame.template.E100", display_name(dir / (key + ".xml")), 0, "", "modèle introuvable"));
    if (!schema) schema = load_template_schema(schema_file);
    const fs::path file = template_file(dir, key + ".xml");
    std::unique_ptr<Template> t = compile_template(file, key, display_name(file), partial, schema);
    t->templates_dir = dir;
    stack.push_back(key);
    std::vector<Diagnostic> errors;
    const int own_depth = t->depth;
    int total_depth = own_depth;
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
      if (stack.size() >= kMaxIncludeChain) {
        errors.push_back(diag("trame.template.E111", t->display, line, "",
                              "inclusions trop imbriquées : plus de " + std::to_string(kMaxIncludeChain) +
                                  " partiels inclus les uns dans les autres"));
        break;
      }
      const Template& p = load_locked(inc_key, true, stack);
      t->partials[inc] = &p;
      total_depth = std::max(total_depth, own_depth + p.depth);
      if (total_depth > kMaxTotalDepth) {
        errors.push_back(diag("trame.template.E112", t->display, line, "",
                              "éléments trop imbriqués à travers les inclusions (au plus " +
                                  std::to_string(kMaxTotalDepth) + " niveaux)"));
        break;
      }
    }
    stack.pop_back();
    if (!errors.empty()) throw Error(ErrorKind::Template, errors);
    t->depth = total_depth;
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
  return render_template(t, root, computed);
}

std::vector<fs::path> Engine::dependencies(const std::string& name) {
  const Template& t = load(name);
  std::vector<fs::path> out{t.file};
  std::vector<const Template*> todo{&t};
  std::set<const Template*> seen{&t};
  // Images named literally (<image src="logo.png"/>) are dependencies too, when present.
  const std::function<void(const std::vector<TNode>&)> images = [&](const std::vector<TNode>& nodes) {
    for (const auto& n : nodes) {
      if (const std::string name = literal_image(n); !name.empty()) {
        const fs::path file = template_file(impl_->dir, "images/" + name);
        std::error_code ec;
        if (fs::exists(file, ec)) out.push_back(file);
      }
      images(n.children);
      for (const auto& b : n.branches) images(b.body);
    }
  };
  while (!todo.empty()) {
    const Template* cur = todo.back();
    todo.pop_back();
    images(cur->body);
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
