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

Inlines heading_inlines(const Heading& h) {
  if (h.number.empty()) return h.content;
  Inlines out;
  out.reserve(h.content.size() + 1);
  out.push_back(Text{h.number});
  out.insert(out.end(), h.content.begin(), h.content.end());
  return out;
}

}  // namespace trame::doc
