#include "dossier/source_map.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>

namespace trame::dossier {

namespace {

bool has_bom(std::string_view t) { return t.size() >= 3 && t.substr(0, 3) == "\xEF\xBB\xBF"; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
// The end of a number or literal (true, false, null) in well-formed JSON.
bool ends_scalar(char c) { return c == ',' || c == '}' || c == ']' || is_space(c); }

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
    while (!done() && is_space(peek())) advance();
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
    while (!done() && !ends_scalar(peek())) advance();
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

namespace {

// The duplicated members of well-formed JSON, in the order of their later occurrence.
// One pass over the bytes: no line counting (positions are computed for the few
// duplicates found), keys compared as they are written unless they hold an escape.
std::vector<SourceMap::Duplicate> find_duplicates(std::string_view t) {
  struct Frame {
    bool object;
    std::string segment;  // this container's name in its parent ("" for the root)
    std::size_t index = 0;
    std::vector<std::pair<std::string_view, std::size_t>> keys;  // key, offset of its quote
  };
  std::vector<SourceMap::Duplicate> out;
  std::vector<Frame> stack;
  std::vector<std::unique_ptr<std::string>> owned;  // keys with escapes, decoded
  std::size_t i = has_bom(t) ? 3 : 0;
  auto ws = [&] {
    while (i < t.size() && is_space(t[i])) ++i;
  };
  // At an opening quote: the raw content, i after the closing quote.
  auto raw_string = [&]() -> std::string_view {
    std::size_t start = ++i;
    while (i < t.size() && t[i] != '"') i += t[i] == '\\' ? 2 : 1;
    std::string_view raw = t.substr(start, std::min(i, t.size()) - start);
    ++i;
    return raw;
  };
  auto skip_value = [&](std::string segment) {
    if (i >= t.size()) return;
    char ch = t[i];
    if (ch == '{' || ch == '[') {
      ++i;
      stack.push_back(Frame{ch == '{', std::move(segment), 0, {}});
    } else if (ch == '"') {
      raw_string();
    } else {
      while (i < t.size() && !ends_scalar(t[i])) ++i;
    }
  };
  ws();
  skip_value("");
  while (!stack.empty()) {
    ws();
    if (i >= t.size()) break;
    char ch = t[i];
    if (ch == '}' || ch == ']') {
      ++i;
      stack.pop_back();
      continue;
    }
    if (ch == ',') {
      ++i;
      ws();
    }
    Frame& f = stack.back();
    if (f.object) {
      const std::size_t at = i;
      std::string_view key = raw_string();
      if (key.find('\\') != std::string_view::npos) {
        Cursor c{t};
        c.i = at;
        owned.push_back(std::make_unique<std::string>(c.string()));
        key = *owned.back();
      }
      auto first = std::find_if(f.keys.begin(), f.keys.end(), [&](const auto& kv) { return kv.first == key; });
      if (first == f.keys.end()) {
        f.keys.emplace_back(key, at);
      } else {
        std::string pointer;
        for (const auto& frame : stack) pointer += frame.segment;
        pointer += '/' + json_pointer_escape(std::string(key));
        auto [l1, c1] = line_column(t, first->second);
        auto [l2, c2] = line_column(t, at);
        out.push_back(SourceMap::Duplicate{pointer, l1, c1, l2, c2});
      }
      ws();
      if (i < t.size() && t[i] == ':') ++i;
      ws();
      if (i < t.size() && (t[i] == '{' || t[i] == '[')) skip_value('/' + json_pointer_escape(std::string(key)));
      else skip_value("");
    } else {
      const std::size_t index = f.index++;
      if (i < t.size() && (t[i] == '{' || t[i] == '[')) skip_value('/' + std::to_string(index));
      else skip_value("");
    }
  }
  return out;
}

}  // namespace

SourceMap::SourceMap(std::string_view text, Scope scope) {
  if (scope == Scope::Duplicates) {
    duplicates_ = find_duplicates(text);
    return;
  }
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
  positions_[""] = {c.line, c.col};
  // Reads one value whose pointer is `p` (its position already recorded); `pointer`
  // makes `p`, called for containers.
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
      positions_[pointer()] = {line, col};  // the later occurrence wins, as in the parser
      c.skip_ws();
      if (!c.done() && c.peek() == ':') c.advance();
      c.skip_ws();
      value(pointer);
    } else {
      const std::string parent = f.pointer;
      const std::size_t index = f.index++;
      auto pointer = [&] { return parent + '/' + std::to_string(index); };
      positions_[pointer()] = {c.line, c.col};
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
