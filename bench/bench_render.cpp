// Benchmark (not a test): renders a document N times in-process and as whole
// CLI runs, and prints per-document times. Usage:
//   trame_bench [--n N] [--cli-runs M] [--document NAME] [--only pdf|odt] [--compare-plain] [DOSSIER]
// --compare-plain: each iteration also writes the PDF without PDF/A and tagging, to give
// their cost in the same run.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "app/pipeline.hpp"
#include "common/files.hpp"
#include "dossier/dossier.hpp"
#include "odt/odt_writer.hpp"
#include "pdf/pdf_writer.hpp"

using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

int main(int argc, char** argv) {
  int n = 200, cli_runs = 20;
  std::string document = "lettre-intention";
  trame::pdf::Options pdf_options;
  bool want_pdf = true, want_odt = true;  // --only pdf|odt: one format a loop, as a peer renders it
  bool compare_plain = false;
  trame::pdf::Options plain_options;
  plain_options.pdf_a = plain_options.tagged = false;
  std::string dossier_path = (trame::data_dir() / "samples" / "sud-manche.json").string();
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--n" && i + 1 < argc) n = std::atoi(argv[++i]);
    else if (a == "--cli-runs" && i + 1 < argc) cli_runs = std::atoi(argv[++i]);
    else if (a == "--document" && i + 1 < argc) document = argv[++i];
    else if (a == "--compare-plain") compare_plain = true;
    else if (a == "--only" && i + 1 < argc) {
      std::string f = argv[++i];
      want_pdf = f == "pdf";
      want_odt = f == "odt";
    }
    else dossier_path = a;
  }
  const auto* spec = trame::app::find_document(document);
  if (!spec) {
    std::cerr << "document inconnu : " << document << "\n";
    return 2;
  }
  trame::app::Pipeline pipeline;
  auto t0 = Clock::now();
  auto dossier = trame::dossier::load(dossier_path);
  double load_first = ms_since(t0);
  t0 = Clock::now();
  auto tree = pipeline.build(*spec, dossier);  // parses the template once
  double first_build = ms_since(t0);

  double t_load = 0, t_build = 0, t_pdf = 0, t_odt = 0, t_plain = 0;
  size_t pdf_bytes = 0, odt_bytes = 0, plain_bytes = 0;
  for (int i = 0; i < n; ++i) {
    auto a = Clock::now();
    auto d = trame::dossier::load(dossier_path);
    t_load += ms_since(a);
    a = Clock::now();
    auto doc = pipeline.build(*spec, d);
    t_build += ms_since(a);
    if (want_pdf) {
      a = Clock::now();
      pdf_bytes = trame::pdf::render(doc, pipeline.theme(), pdf_options).size();
      t_pdf += ms_since(a);
      if (compare_plain) {
        a = Clock::now();
        plain_bytes = trame::pdf::render(doc, pipeline.theme(), plain_options).size();
        t_plain += ms_since(a);
      }
    }
    if (want_odt) {
      a = Clock::now();
      odt_bytes = trame::odt::render(doc, pipeline.theme()).size();
      t_odt += ms_since(a);
    }
  }
  std::printf("document: %s, dossier: %s, %d in-process iterations\n", document.c_str(), dossier_path.c_str(), n);
  std::printf("first load+validate  %8.2f ms (schema compiled once)\n", load_first);
  std::printf("first template build %8.2f ms (template parsed once)\n", first_build);
  std::printf("per document, in-process (mean):\n");
  std::printf("  load+validate      %8.3f ms\n", t_load / n);
  std::printf("  template -> tree   %8.3f ms\n", t_build / n);
  std::printf("  PDF writer         %8.3f ms  (%zu bytes)\n", t_pdf / n, pdf_bytes);
  std::printf("  ODT writer         %8.3f ms  (%zu bytes)\n", t_odt / n, odt_bytes);
  if (compare_plain && want_pdf)
    std::printf("  PDF without PDF/A and tags %8.3f ms  (%zu bytes): PDF/A + tagging cost %+.1f %%\n", t_plain / n,
                plain_bytes, t_plain > 0 ? (t_pdf / t_plain - 1) * 100 : 0.0);
  double pair = (t_load + t_build + t_pdf + t_odt) / n;
  if (want_pdf && want_odt) std::printf("  PDF+ODT pair total %8.3f ms  (target < 15 ms)\n", pair);
  else std::printf("  %s alone, total    %8.3f ms\n", want_pdf ? "PDF" : "ODT", pair);

  if (cli_runs > 0) {
    std::string exe = (std::filesystem::path(argv[0]).parent_path() / ".." / "generator" / "cli" / "trame").string();
    std::string cmd = "'" + exe + "' render " + document + " '" + dossier_path + "' --out /tmp/trame_bench_out >/dev/null";
    auto a = Clock::now();
    for (int i = 0; i < cli_runs; ++i)
      if (std::system(cmd.c_str()) != 0) {
        std::cerr << "échec de la commande : " << cmd << "\n";
        return 1;
      }
    double per_run = ms_since(a) / cli_runs;
    std::printf("whole CLI run (PDF+ODT, cold process), mean of %d: %8.2f ms\n", cli_runs, per_run);
    std::printf("ratio CLI run / in-process pair: %.1fx\n", per_run / pair);
  }
  return 0;
}
