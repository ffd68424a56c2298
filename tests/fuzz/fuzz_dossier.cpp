// libFuzzer: the dossier loader (limits, JSON syntax, schema, dates, rules), and
// the fast JSON path (simdjson) against nlohmann's json::parse: when the fast path
// answers, json::parse must take the text and build the same document.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dossier/dossier.hpp"
#include "dossier/json_fast.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto fast = trame::dossier::parse_json_fast(text, nullptr)) {
    nlohmann::json slow;
    try {
      slow = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception&) {
      std::abort();  // the fast path took a text json::parse refuses
    }
    // Types apart (a signed and an unsigned 0 compare equal): the dumps show floats as such.
    if (*fast != slow || fast->dump() != slow.dump()) std::abort();
  }
  trame::fuzz::expect_user_errors_only([&] { trame::dossier::load_text(text, "fuzz.json"); });
  return 0;
}
