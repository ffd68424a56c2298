#include "batch/batch.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "app/pack.hpp"
#include "app/pipeline.hpp"
#include "common/files.hpp"
#include "dossier/history.hpp"
#include "dossier/dossier.hpp"

namespace trame::batch {
namespace fs = std::filesystem;
using nlohmann::json;

std::vector<fs::path> expand_inputs(const std::vector<fs::path>& inputs) {
  std::vector<fs::path> out;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(in))
        if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else {
      out.push_back(in);
    }
  }
  return out;
}

static DossierResult process(app::Pipeline& pipeline, const fs::path& file, const Options& o) {
  DossierResult r;
  r.file = file;
  r.name = file.stem().string();
  try {
    dossier::History history = dossier::load_history(file, o.avenants, o.date);
    std::string inputs = read_file(file);
    for (const auto& a : history.avenants()) inputs += a.bytes;
    fs::path dir = o.out / r.name;
    json previous;
    std::error_code ec;
    if (fs::exists(dir / "manifest.json", ec)) {
      try {
        previous = json::parse(read_file(dir / "manifest.json"));
      } catch (...) {
        previous = json();  // unreadable: everything is rendered again
      }
    }
    auto pack = app::build_pack_incremental(pipeline, history, inputs, file.filename().string(), o.formats, previous, dir,
                                            o.force);
    // Everything was rendered in memory: only now is anything written, each file atomically.
    for (const auto& p : app::write_outputs(pack.outputs, dir))
      if (p.filename() != "manifest.json") r.written.push_back(p.filename().string());
    r.unchanged = pack.unchanged;
  } catch (const Error& e) {
    r.failed = true;
    r.errors = e.diagnostics();
  } catch (const std::exception& e) {
    r.failed = true;
    r.errors.push_back(Diagnostic{Severity::Error, "trame.batch.E001", file.string(), 0, 0, "",
                                  std::string("erreur interne : ") + e.what()});
  }
  return r;
}

Summary run(const Options& o) {
  std::vector<fs::path> files = expand_inputs(o.inputs);
  Summary s;
  s.results.resize(files.size());
  app::Pipeline pipeline;  // templates parsed once, shared by every worker
  unsigned jobs = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, std::max<size_t>(1, files.size()));
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex progress_mutex;
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < files.size();) {
      s.results[i] = process(pipeline, files[i], o);
      size_t d = ++done;
      if (o.progress) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        o.progress(d, files.size());
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned k = 1; k < jobs; ++k) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  for (const auto& r : s.results) {
    s.written += static_cast<int>(r.written.size());
    s.unchanged += r.unchanged;
    if (r.failed) ++s.failed;
  }
  write_file_atomic(o.out / "batch-manifest.json", s.manifest().dump(2) + "\n");
  return s;
}

json Summary::manifest() const {
  json dossiers = json::array();
  for (const auto& r : results) {
    json errs = json::array();
    for (const auto& e : r.errors) errs.push_back(e.format());
    dossiers.push_back({{"dossier", r.file.string()}, {"sortie", r.name}, {"statut", r.failed ? "echec" : r.written.empty() ? "inchange" : "ecrit"},
                        {"fichiers_ecrits", r.written}, {"fichiers_inchanges", r.unchanged}, {"erreurs", errs}});
  }
  return {{"trame_version", TRAME_VERSION},
          {"dossiers", dossiers},
          {"totaux", {{"fichiers_ecrits", written}, {"fichiers_inchanges", unchanged}, {"dossiers_en_echec", failed},
                      {"dossiers", results.size()}}}};
}

}  // namespace trame::batch
