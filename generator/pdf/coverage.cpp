#include "pdf/coverage.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "pdf/fonts.hpp"

namespace trame::pdf {

namespace {

bool right_to_left(char32_t cp) {
  return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF) ||
         (cp >= 0x10800 && cp <= 0x10FFF) || (cp >= 0x1E800 && cp <= 0x1EFFF);
}

// A character found in a text: its code point and its UTF-8 bytes there.
struct Found {
  char32_t cp;
  std::string utf8;
};

std::string describe(const std::vector<Found>& cps) {
  std::string out;
  for (size_t i = 0; i < cps.size() && i < 5; ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cps[i].cp));
    out += (i ? ", « " : "« ") + cps[i].utf8 + " » (" + code + ")";
  }
  if (cps.size() > 5) out += "…";
  return out;
}

std::string escape_pointer(const std::string& key) {
  std::string out;
  for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

class Checker {
 public:
  Checker(const doc::Theme& theme, const std::string& file) : chain_(font_chains(theme)[Regular]), file_(file) {}
  std::vector<Diagnostic> out;

  void walk(const nlohmann::json& j, const std::string& pointer) {
    if (j.is_object()) {
      for (auto it = j.begin(); it != j.end(); ++it) walk(it.value(), pointer + "/" + escape_pointer(it.key()));
    } else if (j.is_array()) {
      for (size_t i = 0; i < j.size(); ++i) walk(j[i], pointer + "/" + std::to_string(i));
    } else if (j.is_string()) {
      text(j.get_ref<const std::string&>(), pointer);
    }
  }

 private:
  const std::vector<const Face*> chain_;
  std::string file_;
  std::unordered_map<char32_t, bool> covered_;

  bool covered(char32_t cp) {
    auto [it, added] = covered_.try_emplace(cp, false);
    if (added) {
      uint32_t gid = 0;
      for (const Face* f : chain_) it->second = it->second || f->glyph(cp, gid);
      // Printed through the no-break space or the hyphen when a font lacks them.
      if (cp == 0x202F || cp == 0x2007 || cp == 0x2011) it->second = true;
    }
    return it->second;
  }

  void text(const std::string& s, const std::string& pointer) {
    std::vector<Found> missing, rtl;
    for (size_t i = 0; i < s.size();) {
      if (static_cast<unsigned char>(s[i]) < 0x80) {
        ++i;
        continue;
      }
      const size_t start = i;
      const char32_t cp = next_code_point(s, i);
      auto add = [&](std::vector<Found>& v) {
        if (std::none_of(v.begin(), v.end(), [&](const Found& f) { return f.cp == cp; }))
          v.push_back({cp, s.substr(start, i - start)});
      };
      if (right_to_left(cp)) add(rtl);
      else if (!covered(cp)) add(missing);
    }
    if (!missing.empty())
      out.push_back(Diagnostic{Severity::Warning, "trame.pdf.W001", file_, 0, 0, pointer,
                               "caractère(s) " + describe(missing) +
                                   " absent(s) de toutes les polices installées : le PDF les imprime comme un carré "
                                   "vide (le document ODT les garde) ; vérifier l’orthographe ou installer une "
                                   "police qui les contient"});
    if (!rtl.empty())
      out.push_back(Diagnostic{Severity::Warning, "trame.pdf.W002", file_, 0, 0, pointer,
                               "texte écrit de droite à gauche (" + describe(rtl) +
                                   ") : le PDF l’imprime de gauche à droite, lettres non liées ; relire le document "
                                   "ODT, qui le garde correctement"});
  }
};

}  // namespace

std::vector<Diagnostic> character_warnings(const nlohmann::json& dossier, const doc::Theme& theme,
                                           const std::string& file) {
  Checker c(theme, file);
  c.walk(dossier, "");
  return std::move(c.out);
}

}  // namespace trame::pdf
