// The theme's "tagged_pdf" (issue 13): true by default, the PDF is tagged and claims
// PDF/A-2a and PDF/UA-1; false, it has no structure tree and claims PDF/A-2b only (the
// level that asks for no tags), which the PDF/A checker of tests/pdf accepts; any other
// value is a theme error. Also what bench/bench_batch.sh --plain runs to measure the cost.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "e2e/e2e.hpp"

namespace fs = std::filesystem;
using namespace trame::test;
using nlohmann::json;

namespace {

// Renders the contract of the sample with the bundled theme with "tagged_pdf" set to `tagged`.
RunResult render_with_theme(const fs::path& overlay, const fs::path& out, const json& tagged) {
  json theme = json::parse(trame::read_file(src("templates/theme.json")));
  theme["tagged_pdf"] = tagged;
  fs::create_directories(overlay);
  write_text(overlay / "theme.json", theme.dump(2));
  return run(isolated_cmd("--modeles " + quote(overlay.string()) + " render contrat-aci " +
                          quote(sample("sud-manche.json").string()) + " --format pdf --out " + quote(out.string())));
}

std::string xmp_of(const fs::path& pdf) { return run("pdfinfo -meta " + quote(pdf.string())).out; }

}  // namespace

TEST_CASE("theme tagged_pdf: false gives an untagged PDF/A-2b, true (the default) a tagged PDF/A-2a", "[e2e][pdfa]") {
  TempDir dir("trame_untagged");
  const fs::path plain = dir.path / "plain", tagged = dir.path / "tagged";
  auto r = render_with_theme(dir.path / "theme-plain", plain, false);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(run(isolated_cmd("render contrat-aci " + quote(sample("sud-manche.json").string()) + " --format pdf --out " +
                           quote(tagged.string()))).exit_code == 0);
  const fs::path plain_pdf = plain / "contrat-aci.pdf", tagged_pdf = tagged / "contrat-aci.pdf";

  // The bundled theme: level a and PDF/UA, a structure tree.
  CHECK(contains(xmp_of(tagged_pdf), "<pdfaid:conformance>A</pdfaid:conformance>"));
  CHECK(contains(xmp_of(tagged_pdf), "<pdfuaid:part>1</pdfuaid:part>"));
  CHECK(contains(run("pdfinfo " + quote(tagged_pdf.string())).out, "Tagged:          yes"));

  // Untagged: level b, no PDF/UA claim, no structure tree, still a valid PDF/A-2 file.
  const std::string meta = xmp_of(plain_pdf);
  CHECK(contains(meta, "<pdfaid:part>2</pdfaid:part>"));
  CHECK(contains(meta, "<pdfaid:conformance>B</pdfaid:conformance>"));
  CHECK_FALSE(contains(meta, "pdfuaid"));
  CHECK(contains(run("pdfinfo " + quote(plain_pdf.string())).out, "Tagged:          no"));
  CHECK(run("qpdf --check " + quote(plain_pdf.string())).exit_code == 0);
  auto check = run("python3 " + quote(src("tests/pdf/pdfa_check.py").string()) + " " + quote(plain_pdf.string()));
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  // The same words on the pages, and a smaller file.
  CHECK(run("pdftotext " + quote(plain_pdf.string()) + " -").out == run("pdftotext " + quote(tagged_pdf.string()) + " -").out);
  CHECK(fs::file_size(plain_pdf) < fs::file_size(tagged_pdf));
}

TEST_CASE("theme tagged_pdf: anything but true or false is a theme error that writes nothing", "[e2e][pdfa]") {
  TempDir dir("trame_untagged_bad");
  auto r = render_with_theme(dir.path / "theme", dir.path / "out", "non");
  CHECK(r.exit_code == 3);
  CHECK(contains(r.err, "tagged_pdf"));
  CHECK(contains(r.err, "true ou false"));
  CHECK((!fs::exists(dir.path / "out") || fs::is_empty(dir.path / "out")));
}
