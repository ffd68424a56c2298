// Hyphenation points from libhyphen (hyph_fr.dic). A dictionary is loaded once per
// process and path, then only read: safe to use from several threads at once.
#pragma once
#include <string>
#include <vector>

typedef struct _HyphenDict HyphenDict;

namespace trame::pdf {

class Hyphenator {
 public:
  // The hyphenator for a dictionary file, loaded on first use and kept for the life of
  // the process; null if the path is empty or the file cannot be read (no hyphenation).
  static const Hyphenator* get(const std::string& dictionary_path);

  // Byte offsets in the UTF-8 word `s` where a hyphen may be inserted, ascending.
  // Leading and trailing punctuation stays outside; words with digits, a capital first
  // letter (proper names, acronyms), '-', '/', '@' are not hyphenated; at least
  // 2 letters before a break and 3 after.
  std::vector<size_t> points(const std::string& s) const;

  ~Hyphenator();
  Hyphenator(const Hyphenator&) = delete;
  Hyphenator& operator=(const Hyphenator&) = delete;

 private:
  explicit Hyphenator(HyphenDict* dict) : dict_(dict) {}
  HyphenDict* dict_;
};

}  // namespace trame::pdf
