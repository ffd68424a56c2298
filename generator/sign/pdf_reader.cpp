// Reading back Trame's PDF files: see pdf_reader.hpp.
#include "sign/pdf_reader.hpp"

#include <charconv>
#include <cstring>

namespace trame::sign {

namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
bool is_delim(char c) { return std::strchr("()<>[]{}/%", c) != nullptr && c != '\0'; }

void skip_space(std::string_view t, size_t& p) {
  while (p < t.size()) {
    if (is_space(t[p])) ++p;
    else if (t[p] == '%') {
      while (p < t.size() && t[p] != '\n' && t[p] != '\r') ++p;
    } else break;
  }
}

[[noreturn]] void fail(const std::string& what, size_t pos) {
  throw ParseError(what + " (octet " + std::to_string(pos) + ")");
}

std::string_view token(std::string_view t, size_t& p) {
  size_t start = p;
  while (p < t.size() && !is_space(t[p]) && !is_delim(t[p])) ++p;
  return t.substr(start, p - start);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads an unsigned integer at p; false if there is none.
bool read_uint(std::string_view t, size_t& p, size_t& out) {
  auto [ptr, ec] = std::from_chars(t.data() + p, t.data() + t.size(), out);
  if (ec != std::errc() || ptr == t.data() + p) return false;
  p = static_cast<size_t>(ptr - t.data());
  return true;
}

constexpr int kMaxDepth = 32;

Value parse(std::string_view t, size_t& p, int depth) {
  if (depth > kMaxDepth) fail("objet imbriqué trop profondément", p);
  skip_space(t, p);
  if (p >= t.size()) fail("fin de fichier inattendue", p);
  Value v;
  char c = t[p];
  if (c == '/') {
    ++p;
    v.kind = Value::Name;
    v.text = std::string(token(t, p));
  } else if (c == '(') {
    v.kind = Value::String;
    int nest = 1;
    ++p;
    while (p < t.size() && nest > 0) {
      char ch = t[p++];
      if (ch == '\\' && p < t.size()) {
        char e = t[p++];
        switch (e) {
          case 'n': v.text += '\n'; break;
          case 'r': v.text += '\r'; break;
          case 't': v.text += '\t'; break;
          case 'b': v.text += '\b'; break;
          case 'f': v.text += '\f'; break;
          case '\r': if (p < t.size() && t[p] == '\n') ++p; break;
          case '\n': break;
          default:
            if (e >= '0' && e <= '7') {
              int o = e - '0';
              for (int k = 0; k < 2 && p < t.size() && t[p] >= '0' && t[p] <= '7'; ++k) o = o * 8 + (t[p++] - '0');
              v.text += static_cast<char>(o);
            } else v.text += e;
        }
      } else {
        if (ch == '(') ++nest;
        if (ch == ')' && --nest == 0) break;
        v.text += ch;
      }
    }
    if (nest != 0) fail("chaîne non terminée", p);
  } else if (c == '<' && p + 1 < t.size() && t[p + 1] == '<') {
    p += 2;
    v.kind = Value::Dict;
    for (;;) {
      skip_space(t, p);
      if (p + 1 < t.size() && t[p] == '>' && t[p + 1] == '>') {
        p += 2;
        break;
      }
      if (p >= t.size() || t[p] != '/') fail("clé de dictionnaire attendue", p);
      ++p;
      std::string key(token(t, p));
      v.dict.emplace_back(std::move(key), parse(t, p, depth + 1));
    }
  } else if (c == '<') {
    ++p;
    v.kind = Value::String;
    int hi = -1;
    while (p < t.size() && t[p] != '>') {
      int d = hex_digit(t[p++]);
      if (d < 0) {
        if (is_space(t[p - 1])) continue;
        fail("chaîne hexadécimale invalide", p);
      }
      if (hi < 0) hi = d;
      else v.text += static_cast<char>(hi * 16 + d), hi = -1;
    }
    if (p >= t.size()) fail("chaîne hexadécimale non terminée", p);
    ++p;
    if (hi >= 0) v.text += static_cast<char>(hi * 16);
  } else if (c == '[') {
    ++p;
    v.kind = Value::Array;
    for (;;) {
      skip_space(t, p);
      if (p < t.size() && t[p] == ']') {
        ++p;
        break;
      }
      v.items.push_back(parse(t, p, depth + 1));
    }
  } else {
    std::string_view w = token(t, p);
    if (w.empty()) fail("valeur attendue", p);
    if (w == "true" || w == "false") {
      v.kind = Value::Bool;
      v.number = w == "true";
    } else if (w == "null") {
      v.kind = Value::Null;
    } else {
      v.kind = Value::Number;
      std::string s(w);
      char* end = nullptr;
      v.number = std::strtod(s.c_str(), &end);
      if (end != s.c_str() + s.size()) fail("valeur inconnue « " + s + " »", p);
      // "n g R": a reference
      size_t q = p, gen = 0;
      skip_space(t, q);
      if (w.find('.') == std::string_view::npos && read_uint(t, q, gen)) {
        skip_space(t, q);
        if (q < t.size() && t[q] == 'R' && (q + 1 == t.size() || is_space(t[q + 1]) || is_delim(t[q + 1]))) {
          v.kind = Value::Ref;
          p = q + 1;
        }
      }
    }
  }
  return v;
}

}  // namespace

const Value* Value::get(std::string_view key) const {
  if (kind != Dict) return nullptr;
  for (const auto& [k, v] : dict)
    if (k == key) return &v;
  return nullptr;
}

Value parse_value(std::string_view text, size_t& pos) { return parse(text, pos, 0); }

PdfReader::PdfReader(std::string bytes) : bytes_(std::move(bytes)) {
  const std::string_view t = bytes_;
  if (t.substr(0, 5) != "%PDF-") throw ParseError("ce n’est pas un fichier PDF");
  size_t sx = t.rfind("startxref");
  if (sx == std::string_view::npos) throw ParseError("mot-clé startxref introuvable");
  size_t p = sx + 9, xref = 0;
  skip_space(t, p);
  if (!read_uint(t, p, xref)) fail("position de la table des références illisible", p);
  std::vector<Revision> chain;  // newest first
  for (int guard = 0; guard < 1000; ++guard) {
    if (xref >= t.size() || t.substr(xref, 4) != "xref")
      fail("table des références attendue (les flux de références ne sont pas lus)", xref);
    Revision r;
    r.xref = xref;
    p = xref + 4;
    for (;;) {
      skip_space(t, p);
      if (t.substr(p, 7) == "trailer") break;
      size_t first = 0, count = 0;
      if (!read_uint(t, p, first)) fail("sous-section de la table des références illisible", p);
      skip_space(t, p);
      if (!read_uint(t, p, count) || count > t.size() / 20) fail("sous-section de la table des références illisible", p);
      skip_space(t, p);
      for (size_t k = 0; k < count; ++k, p += 20) {
        if (p + 20 > t.size()) fail("table des références tronquée", p);
        size_t off = 0, q = p;
        if (!read_uint(t, q, off)) fail("entrée de la table des références illisible", p);
        if (t[p + 17] == 'n' && first + k > 0) r.objects[static_cast<int>(first + k)] = off;
      }
    }
    p += 7;
    r.trailer = parse(t, p, 0);
    if (r.trailer.kind != Value::Dict) fail("dictionnaire de fin (trailer) attendu", p);
    size_t eof = t.find("%%EOF", p);
    if (eof == std::string_view::npos) fail("marque de fin %%EOF introuvable", p);
    r.end = eof + 5;
    if (r.end < t.size() && t[r.end] == '\r') ++r.end;
    if (r.end < t.size() && t[r.end] == '\n') ++r.end;
    const Value* prev = r.trailer.get("Prev");
    chain.push_back(std::move(r));
    if (!prev) break;
    if (prev->kind != Value::Number || prev->number < 0 || prev->number >= static_cast<double>(chain.back().xref))
      fail("lien /Prev invalide", p);
    xref = static_cast<size_t>(prev->number);
  }
  revisions_.assign(chain.rbegin(), chain.rend());
  for (const auto& r : revisions_)
    for (const auto& [n, off] : r.objects) latest_[n] = off;
}

size_t PdfReader::offset(int n) const {
  auto it = latest_.find(n);
  return it == latest_.end() ? 0 : it->second;
}

std::string_view PdfReader::object_text(int n) const {
  const std::string_view t = bytes_;
  size_t p = offset(n);
  if (p == 0 || p >= t.size()) return {};
  size_t num = 0, gen = 0;
  if (!read_uint(t, p, num) || static_cast<int>(num) != n) fail("l’objet " + std::to_string(n) + " n’est pas à sa place", p);
  skip_space(t, p);
  if (!read_uint(t, p, gen)) fail("en-tête d’objet illisible", p);
  skip_space(t, p);
  if (t.substr(p, 3) != "obj") fail("en-tête d’objet illisible", p);
  p += 3;
  skip_space(t, p);
  size_t start = p;
  parse(t, p, 0);
  return t.substr(start, p - start);
}

Value PdfReader::object(int n) const {
  std::string_view text = object_text(n);
  if (text.empty()) return {};
  size_t p = 0;
  return parse(text, p, 0);
}

Value PdfReader::resolve(const Value& v) const { return v.kind == Value::Ref ? object(v.ref()) : v; }

std::string text_to_utf8(const std::string& b) {
  std::string out;
  auto put = [&](char32_t cp) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) out += static_cast<char>(0xC0 | (cp >> 6)), out += static_cast<char>(0x80 | (cp & 0x3F));
    else if (cp < 0x10000)
      out += static_cast<char>(0xE0 | (cp >> 12)), out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
          out += static_cast<char>(0x80 | (cp & 0x3F));
    else
      out += static_cast<char>(0xF0 | (cp >> 18)), out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
          out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), out += static_cast<char>(0x80 | (cp & 0x3F));
  };
  if (b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0xFE && static_cast<unsigned char>(b[1]) == 0xFF) {
    for (size_t i = 2; i + 1 < b.size(); i += 2) {
      char32_t u = (static_cast<unsigned char>(b[i]) << 8) | static_cast<unsigned char>(b[i + 1]);
      if (u >= 0xD800 && u < 0xDC00 && i + 3 < b.size()) {
        char32_t lo = (static_cast<unsigned char>(b[i + 2]) << 8) | static_cast<unsigned char>(b[i + 3]);
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        i += 2;
      }
      put(u);
    }
  } else {
    for (unsigned char c : b) put(c);
  }
  return out;
}

}  // namespace trame::sign
