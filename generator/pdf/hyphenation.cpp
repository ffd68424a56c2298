#include "pdf/hyphenation.hpp"

#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>

#include <hyphen.h>

namespace trame::pdf {

const Hyphenator* Hyphenator::get(const std::string& dictionary_path) {
  static std::mutex m;
  static std::map<std::string, std::unique_ptr<Hyphenator>> loaded;  // shared by all renders, freed at exit
  std::lock_guard<std::mutex> lock(m);
  auto it = loaded.find(dictionary_path);
  if (it != loaded.end()) return it->second.get();
  HyphenDict* d = dictionary_path.empty() ? nullptr : hnj_hyphen_load(dictionary_path.c_str());
  auto& slot = loaded[dictionary_path];
  if (d) slot.reset(new Hyphenator(d));
  return slot.get();
}

Hyphenator::~Hyphenator() { hnj_hyphen_free(dict_); }

std::vector<size_t> Hyphenator::points(const std::string& s) const {
  std::vector<size_t> out;
  size_t a = 0, b = s.size();
  auto starts_with = [&](size_t at, const char* p) { return s.compare(at, std::strlen(p), p) == 0; };
  while (a < b && ((s[a] && std::strchr("(\"'", s[a])) || starts_with(a, "\xC2\xAB") || starts_with(a, "\xC2\xA0"))) a += (s[a] & 0x80) ? 2 : 1;
  while (b > a) {
    if (s[b - 1] && std::strchr(".,;:!?)\"'", s[b - 1])) --b;
    else if (b - a >= 2 && (s.compare(b - 2, 2, "\xC2\xBB") == 0 || s.compare(b - 2, 2, "\xC2\xA0") == 0)) b -= 2;
    else break;
  }
  if (b - a < 5) return out;
  std::string core = s.substr(a, b - a);
  if (core.find_first_of("0123456789-/@_\xC2") != std::string::npos) return out;  // \xC2: NBSP, « » inside
  if (core[0] >= 'A' && core[0] <= 'Z') return out;
  if (static_cast<unsigned char>(core[0]) == 0xC3 && static_cast<unsigned char>(core[1]) < 0xA0) return out;  // À..Þ
  // Character index -> byte offset (libhyphen reports positions in characters for UTF-8 dictionaries).
  std::vector<size_t> char_at;
  for (size_t i = 0; i < core.size(); ++i)
    if ((static_cast<unsigned char>(core[i]) & 0xC0) != 0x80) char_at.push_back(i);
  char_at.push_back(core.size());
  std::vector<char> hyphens(core.size() + 5, 0);
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  int rc = hnj_hyphen_hyphenate3(dict_, core.c_str(), static_cast<int>(core.size()), hyphens.data(), nullptr, &rep,
                                 &pos, &cut, 2, 3, 2, 3);
  if (rep) {  // non-standard hyphenation (not used by the French patterns): ignore
    for (size_t i = 0; i < core.size(); ++i) free(rep[i]);
    free(rep);
    free(pos);
    free(cut);
    return out;
  }
  if (rc != 0) return out;
  for (size_t i = 0; i + 2 < char_at.size(); ++i)
    if (hyphens[i] & 1) out.push_back(a + char_at[i + 1]);
  return out;
}

}  // namespace trame::pdf
