// Every optional field and section may be left out (issue 15): a sample
// without it validates and renders every document it has the data for, or is
// refused by validation with a clear French error (never a template error
// naming an internal value, never an internal error).
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/pipeline.hpp"
#include "common/files.hpp"
#include "dossier/dossier.hpp"
#include "dossier/history.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const json& schema() {
  static const json s = json::parse(trame::read_file(fs::path(TRAME_SOURCE_DIR) / "models" / "dossier.schema.json"));
  return s;
}

const json& deref(const json& s) {
  const json* p = &s;
  for (int guard = 0; guard < 16 && p->is_object() && p->contains("$ref"); ++guard)
    p = &schema().at(json::json_pointer((*p)["$ref"].get<std::string>().substr(1)));
  return *p;
}

// The object schema's parts: itself and its allOf parts, dereferenced.
std::vector<const json*> parts(const json& s) {
  std::vector<const json*> out{&deref(s)};
  if (out[0]->contains("allOf"))
    for (const auto& sub : (*out[0])["allOf"]) out.push_back(&deref(sub));
  return out;
}

// JSON pointers of the optional members the value has, the first item of each list visited.
void optional_members(const json& value, const json& s, const std::string& at, std::vector<std::string>& out) {
  if (value.is_object()) {
    std::set<std::string> required;
    std::map<std::string, const json*> props;
    for (const json* p : parts(s)) {
      if (p->contains("required"))
        for (const auto& r : (*p)["required"]) required.insert(r.get<std::string>());
      if (p->contains("properties"))
        for (const auto& [k, v] : (*p)["properties"].items()) props[k] = &v;
    }
    for (const auto& [k, v] : value.items()) {
      if (!props.count(k)) continue;
      std::string here = at + "/" + trame::json_pointer_escape(k);
      if (!required.count(k) && k != "$schema") out.push_back(here);
      optional_members(v, *props[k], here, out);
    }
  } else if (value.is_array() && !value.empty()) {
    const json& d = deref(s);
    if (d.contains("items") && d["items"].is_object()) optional_members(value[0], d["items"], at + "/0", out);
  }
}

}  // namespace

TEST_CASE("every optional field or section, left out of a sample, still renders every document or is a clear error") {
  trame::app::Pipeline pipeline;
  for (const char* name : {"sud-manche.json", "vallee-du-loir.json"}) {
    const json sample = json::parse(trame::read_file(fs::path(TRAME_SOURCE_DIR) / "samples" / name));
    std::vector<std::string> pointers;
    optional_members(sample, schema(), "", pointers);
    REQUIRE(pointers.size() > 20);
    for (const auto& pointer : pointers) {
      json d = sample;
      json::json_pointer p(pointer);
      d[p.parent_pointer()].erase(p.back());
      INFO(name << " without " << pointer);
      json loaded;
      try {
        loaded = trame::dossier::load_text(d.dump(2), name);
      } catch (const trame::Error& e) {
        // Refused by the rules: a dossier error, named in French with its path.
        CHECK(e.kind() == trame::ErrorKind::InvalidInput);
        for (const auto& diag : e.diagnostics()) CHECK(diag.message.find("interne") == std::string::npos);
        continue;
      }
      for (const auto& spec : trame::app::catalogue()) {
        if (!spec.available(loaded)) continue;
        INFO("document " << spec.name);
        try {
          auto outputs = pipeline.render(spec, trame::dossier::History(loaded), trame::app::kPdf | trame::app::kOdt);
          CHECK(!outputs.empty());
        } catch (const trame::Error& e) {
          FAIL_CHECK(e.what());
        } catch (const std::exception& e) {
          FAIL_CHECK(std::string("erreur interne : ") + e.what());
        }
      }
    }
  }
}
