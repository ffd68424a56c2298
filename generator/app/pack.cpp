#include "app/pack.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "common/files.hpp"
#include "common/overlay.hpp"
#include "document/theme.hpp"
#include "funding/table.hpp"

namespace trame::app {
namespace fs = std::filesystem;
using nlohmann::json;

static const std::string& shared_inputs(const fs::path& data) {
  // Theme, schema and every ACI table: the same for every document of a process.
  static std::once_flag once;
  static std::string bytes;
  std::call_once(once, [&] {
    bytes += read_file(template_file(data / "templates", "theme.json"));
    bytes += read_file(template_file(data / "templates", "contrat-aci.articles.json"));  // cited by avenant documents
    // The fonts embedded in every PDF (a rebuilt font subset changes the files).
    const doc::Theme& theme = doc::Theme::bundled();
    for (const auto* font : {&theme.font.regular, &theme.font.bold, &theme.font.italic, &theme.font.bold_italic})
      bytes += sha256_hex(read_file(*font));
    if (!theme.icc_profile.empty()) bytes += sha256_hex(read_file(theme.icc_profile));  // the PDF/A output intent
    // The fallback fonts by identity (installed or not, path, face, size, date): installing or
    // upgrading Noto CJK changes how a name in Chinese prints. Their content is not read
    // (Noto CJK is tens of megabytes).
    for (const auto& family : theme.fallbacks)
      for (const auto* font : {&family.regular, &family.bold, &family.italic, &family.bold_italic}) {
        std::error_code ec;
        const auto size = fs::file_size(*font, ec);
        bytes += font->string() + '#' + std::to_string(family.index) + ':';
        if (ec) {
          bytes += "absente\n";
          continue;
        }
        const auto time = fs::last_write_time(*font, ec).time_since_epoch().count();
        bytes += std::to_string(size) + ':' + std::to_string(static_cast<long long>(time)) + '\n';
      }
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

// Digest of what does not change during a process: the template and its
// partials, theme, schema, tables and version (computed once per document).
static std::string static_digest(Pipeline& pipeline, const DocumentSpec& spec) {
  static std::mutex m;
  static std::map<std::string, std::string> cache;
  std::lock_guard<std::mutex> lock(m);
  auto it = cache.find(spec.name);
  if (it != cache.end()) return it->second;
  std::string all;
  for (const auto& dep : pipeline.engine().dependencies(spec.template_name)) all += read_file(dep);
  all += shared_inputs(pipeline.data());
  return cache[spec.name] = sha256_hex(all);
}

std::string inputs_hash(Pipeline& pipeline, const DocumentSpec& spec, const json& dossier, const std::string& date) {
  // The sections the document reads, serialised in place (no copy), then its date.
  std::string bytes;
  for (auto it = dossier.begin(); it != dossier.end(); ++it) {
    if (!spec.reads_section(it.key()) || it.key() == "_date") continue;
    bytes += it.key();
    bytes += '=';
    bytes += it.value().dump();
    bytes += '\n';
  }
  // A draft and the final document differ (the « PROJET » mark): one never stands for the other.
  if (pipeline.draft()) bytes += "projet\n";
  return sha256_hex(bytes + "date=" + date + "\n" + static_digest(pipeline, spec));
}

std::string run_key(Pipeline& pipeline, const std::string& inputs_bytes, unsigned formats, const std::string& as_of) {
  static std::once_flag once;
  static std::string documents;  // every document's static digest, once a process
  std::call_once(once, [&] {
    for (const auto& spec : catalogue()) documents += spec.name + "=" + static_digest(pipeline, spec) + "\n";
  });
  return sha256_hex(inputs_bytes + "\nformats=" + std::to_string(formats) + "\ndate=" + as_of + "\n" + documents);
}

bool pack_is_current(const json& previous, const fs::path& dir, const std::string& key, int& files) {
  files = 0;
  if (!previous.is_object() || previous.value("run_sha256", "") != key) return false;
  auto list = previous.find("files");
  if (list == previous.end() || !list->is_array()) return false;
  for (const auto& f : *list) {
    if (!f.is_object() || !f.contains("file") || !f["file"].is_string() || !f.contains("size")) return false;
    const std::string name = f["file"].get<std::string>();
    if (name.empty() || name.find('/') != std::string::npos || name[0] == '.') return false;
    std::error_code ec;
    const fs::path p = dir / name;
    if (!fs::is_regular_file(fs::symlink_status(p, ec)) || fs::file_size(p, ec) != f.value("size", size_t(0)) || ec)
      return false;
    ++files;
  }
  return true;
}

Pack build_pack(Pipeline& pipeline, const dossier::History& history, const std::string& inputs_bytes,
                const std::string& dossier_name, unsigned formats, const PackOptions& options) {
  return build_pack_incremental(pipeline, history, inputs_bytes, dossier_name, formats, json(), {}, true, "", options);
}

// The manifest entry of `file` in a previous manifest, if its `key` ("inputs_sha256"
// or "sha256") is `hash` and the file on disk still has the recorded content.
static const json* reusable(const json& previous, const fs::path& dir, const std::string& file, const std::string& hash,
                            const char* key = "inputs_sha256") {
  if (!previous.is_object() || !previous.contains("files")) return nullptr;
  for (const auto& f : previous["files"]) {
    if (f.value("file", "") != file || f.value(key, "") != hash) continue;
    // The file must still be there with its size; re-hashing every kept file
    // would cost more than rendering it (--force rewrites everything).
    std::error_code ec;
    fs::path p = dir / file;
    if (!fs::exists(p, ec) || fs::file_size(p, ec) != f.value("size", size_t(0))) return nullptr;
    return &f;
  }
  return nullptr;
}

Pack build_pack_incremental(Pipeline& pipeline, const dossier::History& history, const std::string& inputs_bytes,
                            const std::string& dossier_name, unsigned formats, const json& previous,
                            const fs::path& dir, bool force, const std::string& run_key, const PackOptions& options) {
  Pack pack;
  const json& dossier = history.latest();
  // Decide, for each instance of each available document, whether it must be rendered.
  struct Job {
    const DocumentSpec* spec;
    std::string instance;
    std::string date;  // the document's date: it is rendered from the dossier as it stood then
    std::string hash;
    std::vector<json> kept;  // manifest entries reused as they are
    bool render = false;
    std::vector<Output> outputs;
    std::exception_ptr error;
  };
  std::vector<Job> jobs;
  // With nothing to reuse, every document renders: its inputs hash (which compiles its
  // template the first time) is computed in its own thread, alongside the others.
  const bool fresh = force || previous.is_null();
  auto decide = [&](Job& job) {
    job.date = job.spec->date(history, job.instance);
    job.hash = inputs_hash(pipeline, *job.spec, *history.shared_at(job.date), job.date);
    for (const char* ext : {"pdf", "odt"}) {
      unsigned bit = std::string(ext) == "pdf" ? kPdf : kOdt;
      if (!(formats & bit)) continue;
      const json* e = force ? nullptr : reusable(previous, dir, job.spec->stem(job.instance) + "." + ext, job.hash);
      if (e) job.kept.push_back(*e);
      else job.render = true;
    }
  };
  for (const auto& spec : catalogue()) {
    if (!spec.available(dossier)) continue;
    for (const auto& key : spec.keys(dossier)) {
      jobs.push_back(Job{&spec, key, "", "", {}, fresh, {}, nullptr});
      if (!fresh) decide(jobs.back());
    }
  }
  // Render what must be, the documents of one dossier in parallel (options.render_threads,
  // or up to four threads a core).
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < jobs.size();) {
      Job& job = jobs[i];
      if (!job.render) continue;
      try {
        if (fresh) decide(job);
        job.outputs = pipeline.render_one(*job.spec, job.instance, history.at(job.date), formats);
      } catch (...) {
        job.error = std::current_exception();
      }
    }
  };
  // Threads only for the jobs that render (an incremental run often renders nothing).
  const size_t to_render = static_cast<size_t>(std::count_if(jobs.begin(), jobs.end(), [](const Job& j) { return j.render; }));
  std::vector<std::thread> threads;
  const size_t limit = options.render_threads ? options.render_threads : std::max(1u, std::thread::hardware_concurrency()) * 4;
  const size_t width = std::min<size_t>(to_render, limit);
  for (size_t t = 1; t < width; ++t) threads.emplace_back(work);
  if (to_render > 0) work();
  for (auto& t : threads) t.join();
  json files = json::array();
  for (auto& job : jobs) {
    if (job.error) std::rethrow_exception(job.error);
    if (!job.render) {
      for (auto& e : job.kept) files.push_back(e);
      pack.unchanged += static_cast<int>(job.kept.size());
      continue;
    }
    for (auto& o : job.outputs) {
      const std::string digest = sha256_hex(o.bytes);
      files.push_back({{"file", o.file_name}, {"document", job.spec->name}, {"title", job.spec->title}, {"format", o.format},
                       {"size", o.bytes.size()}, {"sha256", digest}, {"inputs_sha256", job.hash}});
      // Rendered again (an input changed) but to the very bytes already on disk: the
      // file is left as it is (its date too); only its manifest entry changes.
      if (!force && reusable(previous, dir, o.file_name, digest, "sha256")) {
        ++pack.unchanged;
        continue;
      }
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
  if (!run_key.empty()) pack.manifest["run_sha256"] = run_key;
  if (force || pack.written > 0 || previous != pack.manifest)
    pack.outputs.push_back({"manifest.json", "json", pack.manifest.dump(2) + "\n"});
  return pack;
}

}  // namespace trame::app
