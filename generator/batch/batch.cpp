#include "batch/batch.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "app/pack.hpp"
#include "app/pipeline.hpp"
#include "pdf/coverage.hpp"
#include "batch/output_folder.hpp"
#include "common/files.hpp"
#include "common/system_error.hpp"
#include "dossier/history.hpp"
#include "dossier/dossier.hpp"

namespace trame::batch {
namespace fs = std::filesystem;
using nlohmann::json;

std::vector<fs::path> expand_inputs(const std::vector<fs::path>& inputs) {
  std::vector<fs::path> out;
  std::set<fs::path> seen;
  auto take = [&](const fs::path& p) {
    std::error_code ec;
    fs::path key = fs::weakly_canonical(fs::absolute(p, ec), ec);
    if (seen.insert(ec ? p : key).second) out.push_back(p);
  };
  for (const auto& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<fs::path> files;
      for (fs::directory_iterator it(in, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && it->path().extension() == ".json") files.push_back(it->path());
      if (ec)
        throw Error(ErrorKind::Io, Diagnostic{Severity::Error, "trame.batch.E012", in.string(), 0, 0, "",
                                              "impossible de lire le dossier : " + system_message(ec)});
      std::sort(files.begin(), files.end());
      for (const auto& f : files) take(f);
    } else {
      take(in);
    }
  }
  return out;
}

std::vector<std::string> output_names(const std::vector<fs::path>& files) {
  std::vector<std::string> names;
  std::map<std::string, int> count;
  for (const auto& f : files) ++count[names.emplace_back(f.stem().string())];
  std::map<std::string, int> used;
  for (const auto& n : names) used[n] = count[n] == 1 ? 1 : 0;  // a shared stem names no folder
  for (size_t i = 0; i < files.size(); ++i) {
    if (count[files[i].stem().string()] == 1) continue;
    std::error_code ec;
    fs::path abs = fs::weakly_canonical(fs::absolute(files[i], ec), ec);
    std::string parent = abs.parent_path().filename().string();
    std::string name = names[i] + "-" + parent;
    if (parent.empty() || used.count(name) || !unsafe_name_reason(parent).empty())
      name = names[i] + "-" + sha256_hex(abs.string()).substr(0, 8);
    used[name] = 1;
    names[i] = name;
  }
  return names;
}

static DossierResult process(app::Pipeline& pipeline, const fs::path& file, const std::string& name, const Options& o) {
  DossierResult r;
  r.file = file;
  r.name = name;
  WriteReport report;
  try {
    if (std::string why = unsafe_name_reason(name); !why.empty())
      throw Error(ErrorKind::InvalidInput, Diagnostic{Severity::Error, "trame.batch.E002", file.string(), 0, 0, "",
                                                      "nom de dossier inutilisable pour la sortie : " + why});
    // The avenants of the dossier are in AVENANTS/<its output folder name>/; each document is
    // rendered from the dossier as it stood on its own date (dossier::History).
    auto avenants = dossier::avenants_for(o.avenants, fs::path(name + ".json"));
    const std::string dossier_bytes = read_file(file);
    std::string inputs = dossier_bytes;  // every avenant, also those after --date (the key records the date)
    for (const auto& a : avenants) inputs += a.bytes;
    fs::path dir = o.out / r.name;
    check_plain_folder(dir);
    json previous = previous_manifest(dir);
    // Same dossier, avenants, date, formats, templates and version as the pack already
    // there, every file intact: nothing to load, check or render.
    const std::string key = app::run_key(pipeline, inputs, o.formats, o.date);
    if (int files = 0; !o.force && app::pack_is_current(previous, dir, key, files) && !has_stale_temporaries(dir)) {
      r.unchanged = files;
      return r;
    }
    dossier::History history(dossier::load(file), std::move(avenants), file.string(), o.date);
    // Characters no font has: said when the documents are rendered (not again for a pack left as it is).
    if (o.formats & app::kPdf) r.warnings = pdf::character_warnings(history.latest(), doc::Theme::bundled(), file.string());
    std::string signed_inputs = dossier_bytes;  // what the documents read: the avenants signed by --date
    for (const auto& a : history.avenants()) signed_inputs += a.bytes;
    auto pack = app::build_pack_incremental(pipeline, history, signed_inputs, file.filename().string(), o.formats, previous, dir,
                                            o.force, key);
    // Everything was rendered in memory: only now is anything written, each file
    // atomically, under the folder's lock (a `trame pack` there waits its turn).
    FolderLock lock(dir);
    remove_stale_temporaries(dir);
    write_protected(std::move(pack.outputs), dir, previous, o.force, report);
    r.unchanged = pack.unchanged + report.same;
  } catch (const Error& e) {
    r.failed = true;
    r.kind = e.kind();
    r.errors = e.diagnostics();
  } catch (const fs::filesystem_error& e) {
    // An unreadable avenants folder, a permission: the user's to fix, not a bug.
    r.failed = true;
    r.kind = ErrorKind::Io;
    r.errors.push_back(Diagnostic{Severity::Error, "trame.batch.E003", e.path1().empty() ? file.string() : e.path1().string(),
                                  0, 0, "", "lecture ou écriture impossible : " + system_message(e.code())});
  } catch (const std::exception& e) {
    r.failed = true;
    r.kind = ErrorKind::Internal;
    r.errors.push_back(Diagnostic{Severity::Error, "trame.batch.E001", file.string(), 0, 0, "",
                                  std::string("erreur interne : ") + e.what()});
  }
  r.written = report.written;
  r.edited = report.edited;
  return r;
}

Summary run(const Options& o) {
  std::vector<fs::path> files = expand_inputs(o.inputs);
  std::vector<std::string> names = output_names(files);
  // One batch at a time in OUT: a second one would mix its files with the first's.
  FolderLock lock(o.out);
  remove_stale_temporaries(o.out);
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
      s.results[i] = process(pipeline, files[i], names[i], o);
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
    s.edited += static_cast<int>(r.edited.size());
    if (r.failed) ++s.failed;
  }
  try {
    write_file_atomic(o.out / "batch-manifest.json", s.manifest().dump(2) + "\n");
  } catch (const Error& e) {
    s.manifest_errors = e.diagnostics();
  }
  return s;
}

json Summary::manifest() const {
  json dossiers = json::array();
  for (const auto& r : results) {
    json errs = json::array();
    for (const auto& e : r.errors) errs.push_back(e.format());
    dossiers.push_back({{"dossier", r.file.string()}, {"sortie", r.name}, {"statut", r.failed ? "echec" : r.written.empty() ? "inchange" : "ecrit"},
                        {"fichiers_ecrits", r.written}, {"fichiers_modifies_conserves", r.edited}, {"fichiers_inchanges", r.unchanged}, {"erreurs", errs}});
  }
  return {{"trame_version", TRAME_VERSION},
          {"dossiers", dossiers},
          {"totaux", {{"fichiers_ecrits", written}, {"fichiers_inchanges", unchanged}, {"dossiers_en_echec", failed},
                      {"fichiers_modifies_conserves", edited},
                      {"dossiers", results.size()}}}};
}

}  // namespace trame::batch
