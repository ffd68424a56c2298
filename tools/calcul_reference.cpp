// Writes docs/guide/calcul.md, the reference of every `calcul.*` value a
// template can read: for each document, each value's path, its type and an
// example, found by building the document's context for every sample dossier
// (with its avenants). Usage: trame_calcul_reference [SOURCE_DIR] > docs/guide/calcul.md
// A test compares its output with the committed file.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/pipeline.hpp"
#include "dossier/history.hpp"
#include "dossier/dossier.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Entry {
  std::string type;
  std::string example;
};
using Reference = std::map<std::string, Entry>;  // path -> first type and example seen

std::string type_of(const json& v) {
  switch (v.type()) {
    case json::value_t::boolean: return "oui/non";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "entier";
    case json::value_t::number_float: return "nombre";
    case json::value_t::string: return "texte";
    case json::value_t::array: return "liste";
    case json::value_t::object: return "objet";
    default: return "vide";
  }
}

std::string example_of(const json& v) {
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s.size() > 60) {
      size_t cut = 57;
      while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
      s = s.substr(0, cut) + "…";
    }
    for (size_t p = 0; (p = s.find('|', p)) != std::string::npos; p += 2) s.replace(p, 1, "\\|");
    return "« " + s + " »";
  }
  if (v.is_boolean()) return v.get<bool>() ? "oui" : "non";
  if (v.is_array()) return v.empty() ? "liste vide" : std::to_string(v.size()) + " élément(s)";
  if (v.is_object()) return "";
  return v.dump();
}

void walk(const json& v, const std::string& path, Reference& ref) {
  auto [it, fresh] = ref.try_emplace(path, Entry{type_of(v), example_of(v)});
  if (!fresh && it->second.type == "vide") it->second = Entry{type_of(v), example_of(v)};
  if (v.is_object())
    for (auto i = v.begin(); i != v.end(); ++i) walk(i.value(), path + "." + i.key(), ref);
  else if (v.is_array())
    for (const auto& item : v) walk(item, path + "[]", ref);
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path source = argc > 1 ? fs::path(argv[1]) : fs::path(".");
  std::vector<fs::path> samples;
  for (const auto& e : fs::directory_iterator(source / "samples"))
    if (e.path().extension() == ".json") samples.push_back(e.path());
  std::sort(samples.begin(), samples.end());

  std::map<std::string, Reference> by_document;
  for (const auto& file : samples) {
    const trame::dossier::History history = trame::dossier::load_history(file, source / "samples" / "avenants");
    const json& dossier = history.latest();
    for (const auto& spec : trame::app::catalogue()) {
      if (!spec.available(dossier)) continue;
      std::vector<json> contexts;  // each instance from the dossier at its own date, as documents are rendered
      for (const auto& key : spec.keys(dossier)) {
        const json at = history.at(spec.date(history, key));
        contexts.push_back(spec.instances ? spec.instance_context(at, key) : spec.context(at));
      }
      for (const auto& ctx : contexts)
        if (ctx.contains("calcul")) walk(ctx["calcul"], "calcul", by_document[spec.name]);
    }
  }

  std::cout << "# Valeurs calculées (`calcul.*`)\n\n"
               "Ce que Trame calcule pour chaque document et qu’un modèle peut lire sous `calcul`\n"
               "(voir [le langage des modèles](modeles.md)). Tout le reste du contexte est le dossier\n"
               "lui-même ([les champs](dossier.md#les-champs)).\n\n"
               "Cette page est produite par le programme : `build/tools/trame_calcul_reference . >\n"
               "docs/guide/calcul.md` ; un test vérifie qu’elle est à jour. Les exemples viennent des\n"
               "dossiers de `samples/` (le premier qui a la valeur). `[]` désigne chaque élément d’une\n"
               "liste : `calcul.categories[].nombre` se lit dans une boucle\n"
               "`<for each=\"calcul.categories\" as=\"c\">…{{ c.nombre }}…</for>`.\n";
  for (const auto& spec : trame::app::catalogue()) {
    std::cout << "\n## " << spec.title << " (`" << spec.name << "`)\n\n";
    auto it = by_document.find(spec.name);
    if (it == by_document.end() || it->second.size() <= 1) {
      std::cout << "Aucune valeur calculée.\n";
      continue;
    }
    std::cout << "| valeur | type | exemple |\n|---|---|---|\n";
    for (const auto& [path, e] : it->second)
      if (path != "calcul") std::cout << "| `" << path << "` | " << e.type << " | " << e.example << " |\n";
  }
  return 0;
}
