// libFuzzer: an avenant file (JSON Patch) read and applied to a sample dossier
// through its history, the amended dossier re-checked.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "common/files.hpp"
#include "dossier/avenant.hpp"
#include "dossier/history.hpp"
#include "dossier/dossier.hpp"
#include "fuzz_common.hpp"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fs::path file = fs::temp_directory_path() / ("trame_fuzz_avenant_" + std::to_string(::getpid()) + ".json");
  static const nlohmann::json dossier =
      trame::dossier::load(fs::path(TRAME_SOURCE_DIR) / "samples" / "sud-manche.json");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  trame::fuzz::expect_user_errors_only([&] {
    auto a = trame::dossier::load_avenant(file);
    // Dates checked, the patch applied and re-checked, its changes worded, the dossier at its signature.
    const trame::dossier::History history(dossier, {a});
    (void)history.at(a.signature);
  });
  return 0;
}
