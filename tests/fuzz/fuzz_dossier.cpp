// libFuzzer: the dossier loader (limits, JSON syntax, schema, dates, rules).
#include <cstdint>
#include <string_view>

#include "dossier/dossier.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  trame::fuzz::expect_user_errors_only([&] { trame::dossier::load_text(text, "fuzz.json"); });
  return 0;
}
