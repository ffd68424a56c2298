// Bench tool: renders one template file with an empty context to ODT (used to
// make the Carbone template of bench/bench_peers.sh). Usage: trame_template_odt T.xml OUT.odt
#include <filesystem>
#include <iostream>

#include "common/files.hpp"
#include "document/theme.hpp"
#include "odt/odt_writer.hpp"
#include "template/engine.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage : trame_template_odt MODELE.xml SORTIE.odt\n";
    return 2;
  }
  std::filesystem::path tpl = std::filesystem::absolute(argv[1]);
  trame::tpl::Engine engine(tpl.parent_path(), trame::data_dir() / "models" / "template.rng");
  auto doc = engine.render(tpl.stem().string(), nlohmann::json::object());
  trame::write_file_atomic(argv[2], trame::odt::render(doc, trame::doc::Theme::bundled()));
  return 0;
}
