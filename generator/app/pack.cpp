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

std::string inputs_hash(Pipeline& pipeline, const DocumentSpec& spec, const std::string& dossier_bytes) {
  std::string all = dossier_bytes;
  for (const auto& dep : pipeline.engine().dependencies(spec.template_name)) all += read_file(dep);
  all += shared_inputs(pipeline.data());
  return sha256_hex(all);
}

Pack build_pack(Pipeline& pipeline, const json& dossier, const std::string& dossier_bytes,
                const std::string& dossier_name, unsigned formats) {
  Pack pack;
  json files = json::array();
  for (const auto& spec : catalogue()) {
    if (!spec.available(dossier)) continue;
    std::string hash = inputs_hash(pipeline, spec, dossier_bytes);
    for (auto& o : pipeline.render(spec, dossier, formats)) {
      files.push_back({{"file", o.file_name}, {"document", spec.name}, {"title", spec.title}, {"format", o.format},
                       {"size", o.bytes.size()}, {"sha256", sha256_hex(o.bytes)}, {"inputs_sha256", hash}});
      pack.outputs.push_back(std::move(o));
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
  pack.manifest = {{"trame_version", TRAME_VERSION}, {"dossier", dossier_name}, {"dossier_sha256", sha256_hex(dossier_bytes)},
                   {"aci_table_version", table}, {"files", files}};
  pack.outputs.push_back({"manifest.json", "json", pack.manifest.dump(2) + "\n"});
  return pack;
}

}  // namespace trame::app
