#include "dossier/source_map.hpp"

#include <cstdint>

namespace trame::dossier {

namespace {

bool has_bom(std::string_view t) { return t.size() >= 3 && t.substr(0, 3) == "\xEF\xBB\xBF"; }

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A cursor over well-formed JSON that keeps the line and column it is at.
struct Cursor {
  std::string_view t;
  std::size_t i = 0;
  int line = 1, col = 1;

  bool done() const { return i >= t.size(); }
  char peek() const { return t[i]; }
  void advance() {
    unsigned char c = t[i++];
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++col;
    }
  }
  void skip_ws() {
    while (!done() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) advance();
  }
  // At an opening quote: returns the decoded string and stops after the closing quote.
  std::string string() {
    std::string out;
    advance();  // "
    while (!done() && peek() != '"') {
      if (peek() != '\\') {
        out += peek();
        advance();
        continue;
      }
      advance();
      char e = peek();
      advance();
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          auto hex4 = [&]() {
            std::uint32_t v = 0;
            for (int k = 0; k < 4 && !done(); ++k) {
              char h = peek();
              advance();
              v = v * 16 + (h >= '0' && h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
            }
            return v;
          };
          std::uint32_t cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < t.size() && t[i] == '\\' && t[i + 1] == 'u') {
            advance();
            advance();
            std::uint32_t lo = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: out += e;  // \" \\ \/
      }
    }
    if (!done()) advance();  // closing "
    return out;
  }
  // Skips a number or a literal (true, false, null).
  void scalar() {
    while (!done()) {
      char c = peek();
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r') break;
      advance();
    }
  }
};

}  // namespace

std::pair<int, int> line_column(std::string_view text, std::size_t byte) {
  int line = 1, col = 1;
  for (std::size_t i = has_bom(text) ? 3 : 0; i < byte && i < text.size(); ++i) {
    unsigned char c = text[i];
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

SourceMap::SourceMap(std::string_view text, Scope scope) {
  const bool record = scope == Scope::Positions;
  Cursor c{text};
  if (has_bom(text)) c.i = 3;
  struct Frame {
    std::string pointer;
    bool object;
    std::size_t index = 0;
    std::unordered_map<std::string, std::pair<int, int>> keys;  // objects only
  };
  std::vector<Frame> stack;
  c.skip_ws();
  if (record) positions_[""] = {c.line, c.col};
  // Reads one value whose pointer is `p` (its position already recorded); `pointer`
  // makes `p`, called only for containers when positions are not recorded.
  auto value = [&](auto&& pointer) {
    if (c.done()) return;
    char ch = c.peek();
    if (ch == '{' || ch == '[') {
      c.advance();
      stack.push_back(Frame{pointer(), ch == '{', 0, {}});
    } else if (ch == '"') {
      c.string();
    } else {
      c.scalar();
    }
  };
  value([] { return std::string(); });
  while (!stack.empty()) {
    c.skip_ws();
    if (c.done()) break;
    Frame& f = stack.back();
    char ch = c.peek();
    if (ch == '}' || ch == ']') {
      c.advance();
      stack.pop_back();
      continue;
    }
    if (ch == ',') {
      c.advance();
      c.skip_ws();
    }
    if (f.object) {
      int line = c.line, col = c.col;
      std::string key = c.string();
      const std::string parent = f.pointer;
      auto pointer = [&] { return parent + '/' + json_pointer_escape(key); };
      auto [it, fresh] = f.keys.emplace(key, std::make_pair(line, col));
      if (!fresh)
        duplicates_.push_back(Duplicate{pointer(), it->second.first, it->second.second, line, col});
      if (record) positions_[pointer()] = {line, col};  // the later occurrence wins, as in the parser
      c.skip_ws();
      if (!c.done() && c.peek() == ':') c.advance();
      c.skip_ws();
      value(pointer);
    } else {
      const std::string parent = f.pointer;
      const std::size_t index = f.index++;
      auto pointer = [&] { return parent + '/' + std::to_string(index); };
      if (record) positions_[pointer()] = {c.line, c.col};
      value(pointer);
    }
  }
}

std::pair<int, int> SourceMap::position(const std::string& pointer) const {
  std::string p = pointer;
  while (true) {
    auto it = positions_.find(p);
    if (it != positions_.end()) return it->second;
    if (p.empty()) return {0, 0};
    p.erase(p.rfind('/') == std::string::npos ? 0 : p.rfind('/'));
  }
}

void SourceMap::locate(std::vector<Diagnostic>& diagnostics) const {
  for (auto& d : diagnostics) {
    if (d.line > 0) continue;
    auto [line, col] = position(d.json_path);
    d.line = line;
    d.column = col;
  }
}

}  // namespace trame::dossier
