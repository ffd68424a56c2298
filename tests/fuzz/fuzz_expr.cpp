// libFuzzer: template expressions, compiled then evaluated against a sample dossier.
#include <cstdint>
#include <filesystem>
#include <string>

#include "common/files.hpp"
#include "template/expr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const nlohmann::json root =
      nlohmann::json::parse(trame::read_file(std::filesystem::path(TRAME_SOURCE_DIR) / "samples" / "sud-manche.json"));
  std::string src(reinterpret_cast<const char*>(data), size);
  try {
    trame::tpl::Scope scope;
    scope.root = &root;
    auto e = trame::tpl::compile(src);
    trame::tpl::Value v = trame::tpl::evaluate(*e, scope);
    if (!v.missing) (void)trame::tpl::truthy(v.get());
  } catch (const trame::tpl::ExprError&) {
    // a template error, reported with its line by the engine
  }
  return 0;
}
