#include "pdf/encoding.hpp"

#include <array>
#include <mutex>
#include <unordered_map>

#include <hpdf.h>

namespace trame::pdf {

const std::vector<std::string>& encodings() {
  static const std::vector<std::string> e = {"CP1252", "CP1250", "CP1257", "ISO8859-2", "ISO8859-4",
                                             "CP1251", "CP1253", "CP1254", "ISO8859-3", "ISO8859-16"};
  return e;
}

namespace {

// Unicode -> byte for every encoding, read from libharu's own encoders once.
struct Tables {
  std::vector<std::unordered_map<char32_t, unsigned char>> maps;
};

const Tables& tables() {
  static std::once_flag once;
  static Tables t;
  std::call_once(once, [] {
    HPDF_Doc doc = HPDF_New(nullptr, nullptr);
    for (const auto& name : encodings()) {
      std::unordered_map<char32_t, unsigned char> m;
      HPDF_Encoder enc = HPDF_GetEncoder(doc, name.c_str());
      if (enc) {
        for (int b = 0x20; b <= 0xFF; ++b) {
          HPDF_UNICODE u = HPDF_Encoder_GetUnicode(enc, static_cast<HPDF_UINT16>(b));
          if (u != 0 && !m.count(u)) m[u] = static_cast<unsigned char>(b);
        }
      }
      t.maps.push_back(std::move(m));
    }
    HPDF_Free(doc);
  });
  return t;
}

}  // namespace

char32_t next_code_point(const std::string& s, size_t& i) {
  unsigned char c = s[i];
  char32_t cp;
  int extra;
  if (c < 0x80) {
    ++i;
    return c;
  } else if ((c & 0xE0) == 0xC0) {
    cp = c & 0x1F;
    extra = 1;
  } else if ((c & 0xF0) == 0xE0) {
    cp = c & 0x0F;
    extra = 2;
  } else if ((c & 0xF8) == 0xF0) {
    cp = c & 0x07;
    extra = 3;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + extra >= s.size()) {
    i = s.size();
    return 0xFFFD;
  }
  for (int k = 1; k <= extra; ++k) {
    unsigned char cc = s[i + k];
    if ((cc & 0xC0) != 0x80) {
      i += k;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += extra + 1;
  return cp;
}

std::vector<Segment> encode(const std::string& utf8) {
  const Tables& t = tables();
  std::vector<Segment> out;
  size_t i = 0;
  while (i < utf8.size()) {
    char32_t cp = next_code_point(utf8, i);
    if (cp == 0x202F || cp == 0x2007) cp = 0x00A0;
    if (cp == 0x2011) cp = '-';
    int enc = -1;
    unsigned char byte = '?';
    for (size_t e = 0; e < t.maps.size(); ++e) {
      auto it = t.maps[e].find(cp);
      if (it != t.maps[e].end()) {
        enc = static_cast<int>(e);
        byte = it->second;
        break;
      }
    }
    if (enc < 0) enc = 0;
    if (out.empty() || out.back().encoding != enc) out.push_back({enc, ""});
    out.back().bytes.push_back(static_cast<char>(byte));
  }
  return out;
}

std::string pdf_doc_encoding(const std::string& utf8) {
  static const std::unordered_map<char32_t, unsigned char> special = {
      {0x2022, 0x80}, {0x2020, 0x81}, {0x2021, 0x82}, {0x2026, 0x83}, {0x2014, 0x84}, {0x2013, 0x85},
      {0x0192, 0x86}, {0x2044, 0x87}, {0x2039, 0x88}, {0x203A, 0x89}, {0x2212, 0x8A}, {0x2030, 0x8B},
      {0x201E, 0x8C}, {0x201C, 0x8D}, {0x201D, 0x8E}, {0x2018, 0x8F}, {0x2019, 0x90}, {0x201A, 0x91},
      {0x2122, 0x92}, {0xFB01, 0x93}, {0xFB02, 0x94}, {0x0141, 0x95}, {0x0152, 0x96}, {0x0160, 0x97},
      {0x0178, 0x98}, {0x017D, 0x99}, {0x0131, 0x9A}, {0x0142, 0x9B}, {0x0153, 0x9C}, {0x0161, 0x9D},
      {0x017E, 0x9E}, {0x20AC, 0xA0}, {0x202F, 0x20}, {0x00A0, 0x20}};
  std::string out;
  size_t i = 0;
  while (i < utf8.size()) {
    char32_t cp = next_code_point(utf8, i);
    auto it = special.find(cp);
    if (it != special.end()) out.push_back(static_cast<char>(it->second));
    else if (cp < 0x80 || (cp >= 0xA1 && cp <= 0xFF)) out.push_back(static_cast<char>(cp));
    else out.push_back('?');
  }
  return out;
}

}  // namespace trame::pdf
