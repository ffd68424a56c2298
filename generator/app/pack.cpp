#include "app/pack.hpp"

#include <algorithm>
#include <mutex>

#include "common/files.hpp"
#include "funding/table.hpp"

namespace trame::app {
namespace fs = std::filesystem;
using nlohmann::json;

static const std::string& shared_inputs(const fs::path& data) {
  // Theme, schema and every ACI table: the same for every document of a process.
  static std::once_flag once;
  static std::string bytes;
  std::call_once(once, [&] {
    bytes += read_file(data / "templates" / "theme.json");
    bytes += read_file(data / "models" / "dossier.schema.json");
    std::vector<fs::path> tables;
    for (const auto& e : fs::directory_iterator(data / "models" / "aci"))
      if (e.path().extension() == ".json") tables.push_back(e.path());
    std::sort(tables.begin(), tables.end());
    for (const auto& t : tables) bytes += read_file(t);
    bytes += TRAME_VERSION;
  });
  return bytes;
}

std::string inputs_hash(Pipeline& pipeline, const DocumentSpec& spec, const json& dossier) {
  std::string all = spec.relevant(dossier).dump();
  for (const auto& dep : pipeline.engine().dependencies(spec.template_name)) all += read_file(dep);
  all += shared_inputs(pipeline.data());
  return sha256_hex(all);
}

Pack build_pack(Pipeline& pipeline, const json& dossier, const std::string& inputs_bytes,
                const std::string& dossier_name, unsigned formats) {
  return build_pack_incremental(pipeline, dossier, inputs_bytes, dossier_name, formats, json(), {}, true);
}

// The manifest entry of `file` in a previous manifest, if its inputs hash is
// `hash` and the file on disk still has the recorded content.
static const json* reusable(const json& previous, const fs::path& dir, const std::string& file, const std::string& hash) {
  if (!previous.is_object() || !previous.contains("files")) return nullptr;
  for (const auto& f : previous["files"]) {
    if (f.value("file", "") != file || f.value("inputs_sha256", "") != hash) continue;
    std::error_code ec;
    fs::path p = dir / file;
    if (!fs::exists(p, ec) || fs::file_size(p, ec) != f.value("size", size_t(0))) return nullptr;
    if (sha256_hex(read_file(p)) != f.value("sha256", "")) return nullptr;
    return &f;
  }
  return nullptr;
}

Pack build_pack_incremental(Pipeline& pipeline, const json& dossier, const std::string& inputs_bytes,
                            const std::string& dossier_name, unsigned formats, const json& previous,
                            const fs::path& dir, bool force) {
  Pack pack;
  json files = json::array();
  for (const auto& spec : catalogue()) {
    if (!spec.available(dossier)) continue;
    std::string hash = inputs_hash(pipeline, spec, dossier);
    std::vector<const json*> kept;
    bool all_kept = !force;
    for (const char* ext : {"pdf", "odt"}) {
      unsigned bit = std::string(ext) == "pdf" ? kPdf : kOdt;
      if (!(formats & bit)) continue;
      const json* e = force ? nullptr : reusable(previous, dir, spec.name + "." + ext, hash);
      if (!e) all_kept = false;
      kept.push_back(e);
    }
    if (all_kept) {
      for (const json* e : kept) files.push_back(*e);
      pack.unchanged += static_cast<int>(kept.size());
      continue;
    }
    for (auto& o : pipeline.render(spec, dossier, formats)) {
      files.push_back({{"file", o.file_name}, {"document", spec.name}, {"title", spec.title}, {"format", o.format},
                       {"size", o.bytes.size()}, {"sha256", sha256_hex(o.bytes)}, {"inputs_sha256", hash}});
      pack.outputs.push_back(std::move(o));
      ++pack.written;
    }
  }
  std::string table = "";
  if (dossier.contains("contrat")) {
    const auto& c = dossier["contrat"];
    table = c.contains("table_aci") ? c["table_aci"].get<std::string>()
                                    : funding::table_for_date(c["signature"]["date"].get<std::string>()).version;
  } else if (dossier.contains("lettre_intention")) {
    table = funding::table_for_date(dossier["lettre_intention"]["date"].get<std::string>()).version;
  }
  pack.manifest = {{"trame_version", TRAME_VERSION}, {"dossier", dossier_name}, {"dossier_sha256", sha256_hex(inputs_bytes)},
                   {"aci_table_version", table}, {"files", files}};
  if (force || pack.written > 0 || previous != pack.manifest)
    pack.outputs.push_back({"manifest.json", "json", pack.manifest.dump(2) + "\n"});
  return pack;
}

}  // namespace trame::app
