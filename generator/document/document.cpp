#include "document/document.hpp"

namespace trame::doc {

std::string plain_text(const Inlines& inlines) {
  std::string out;
  for (const auto& in : inlines) {
    if (auto* t = std::get_if<Text>(&in)) out += t->text;
    else if (std::holds_alternative<LineBreak>(in)) out += "\n";
    else out += "#";
  }
  return out;
}

}  // namespace trame::doc
