// The dossier schema's $ref graph, checked before valijson or the pre-check
// follow it: a loop of references (« a » → « b » → « a », or a definition that
// refers to itself) would have them recurse until the stack overflows, an
// external reference would have them look outside the installation.
#include <set>
#include <vector>

#include "dossier/schema_access.hpp"

namespace trame::dossier::detail {
using nlohmann::json;

namespace {

Error schema_error(const std::filesystem::path& file, const std::string& message) {
  return Error(ErrorKind::Template, Diagnostic{Severity::Error, "trame.modeles.E002", file.string(), 0, 0, "", message});
}

// Every "$ref" string under `node`, without recursion (a deep schema is fine).
std::vector<std::string> refs_under(const json& node) {
  std::vector<std::string> out;
  std::vector<const json*> todo{&node};
  while (!todo.empty()) {
    const json* n = todo.back();
    todo.pop_back();
    if (n->is_object()) {
      for (auto it = n->begin(); it != n->end(); ++it) {
        if (it.key() == "$ref" && it->is_string()) out.push_back(it->get<std::string>());
        else todo.push_back(&*it);
      }
    } else if (n->is_array()) {
      for (const auto& x : *n) todo.push_back(&x);
    }
  }
  return out;
}

}  // namespace

void check_schema_refs(const json& document, const std::filesystem::path& file) {
  // Each reference names a part of this file ("#/definitions/personne"), which exists.
  auto target = [&](const std::string& ref) -> const json& {
    if (ref != "#" && ref.rfind("#/", 0) != 0)
      throw schema_error(file, "référence « $ref » : « " + printable(ref) +
                                   " » désigne un autre fichier ; le modèle de dossier ne peut renvoyer qu’à ses propres "
                                   "définitions (« #/definitions/… »)");
    try {
      return document.at(json::json_pointer(ref.substr(1)));
    } catch (const json::exception&) {
      throw schema_error(file, "référence « $ref » introuvable : « " + printable(ref) + " »");
    }
  };
  // Depth-first over the referenced parts, iteratively: a reference back to a part
  // on the current path is a loop, reported with that path.
  struct Frame {
    std::string ref;
    std::vector<std::string> next;
    size_t at = 0;
  };
  std::set<std::string> done;
  for (const std::string& start : refs_under(document)) {
    if (done.count(start)) continue;
    std::vector<Frame> path{{start, refs_under(target(start))}};
    while (!path.empty()) {
      Frame& top = path.back();
      if (top.at == top.next.size()) {
        done.insert(top.ref);
        path.pop_back();
        continue;
      }
      const std::string ref = top.next[top.at++];
      for (size_t i = 0; i < path.size(); ++i)
        if (path[i].ref == ref) {
          std::string loop;
          for (size_t k = i; k < path.size(); ++k) loop += printable(path[k].ref) + " → ";
          throw schema_error(file, "boucle de références « $ref » dans le modèle de dossier : " + loop + printable(ref) +
                                       " ; une définition ne peut pas renvoyer à elle-même");
        }
      if (!done.count(ref)) path.push_back({ref, refs_under(target(ref))});
    }
  }
}

}  // namespace trame::dossier::detail
