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

char32_t next_code_point(std::string_view s, size_t& i) {
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

namespace {

// Code points below this bound (Latin, Greek, Cyrillic, general punctuation, the
// euro and trade mark signs) are found in one flat table built once.
constexpr char32_t kFlat = 0x2200;

const std::vector<Coded>& flat() {
  static const std::vector<Coded> table = [] {
    const Tables& t = tables();
    std::vector<Coded> v(kFlat, Coded{-1, '?'});
    for (size_t e = t.maps.size(); e-- > 0;)  // the first encoding that has it wins
      for (const auto& [cp, byte] : t.maps[e])
        if (cp < kFlat) v[cp] = Coded{static_cast<int>(e), byte};
    return v;
  }();
  return table;
}

}  // namespace

Coded code_of(char32_t cp) {
  if (cp == 0x202F || cp == 0x2007) cp = 0x00A0;
  if (cp == 0x2011) cp = '-';
  if (cp < kFlat) {
    Coded c = flat()[cp];
    return c.encoding < 0 ? Coded{0, '?'} : c;
  }
  const Tables& t = tables();
  for (size_t e = 0; e < t.maps.size(); ++e) {
    auto it = t.maps[e].find(cp);
    if (it != t.maps[e].end()) return Coded{static_cast<int>(e), it->second};
  }
  return Coded{0, '?'};
}

}  // namespace trame::pdf
