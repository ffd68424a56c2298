// libFuzzer: the template parser from XML text (libxml2, RELAX NG, compile)
// and the render of what compiles, against a sample dossier.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "common/files.hpp"
#include "fuzz_common.hpp"
#include "template/engine.hpp"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("trame_fuzz_template_" + std::to_string(::getpid()));
    fs::create_directories(d / "partials");
    // The bundled partials, so that fuzzed templates can include them.
    for (const auto& e : fs::directory_iterator(fs::path(TRAME_SOURCE_DIR) / "templates" / "partials"))
      fs::copy_file(e.path(), d / "partials" / e.path().filename(), fs::copy_options::overwrite_existing);
    return d;
  }();
  static const nlohmann::json root =
      nlohmann::json::parse(trame::read_file(fs::path(TRAME_SOURCE_DIR) / "samples" / "sud-manche.json"));
  {
    std::ofstream out(dir / "f.xml", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  trame::tpl::Engine engine(dir, fs::path(TRAME_SOURCE_DIR) / "models" / "template.rng");  // fresh cache
  trame::fuzz::expect_user_errors_only([&] { engine.render("f", root); });
  return 0;
}
