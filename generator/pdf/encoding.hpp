// Text encoding for the PDF: libharu 2.3's UTF-8 font encoding writes a
// ToUnicode CMap poppler rejects, so text is written with single-byte
// encodings of the same TrueType font: CP1252 (WinAnsi, all of French) first,
// then other libharu encodings for names outside it (ł, ő, č…).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trame::pdf {

// The encodings tried, in order; index 0 is CP1252.
const std::vector<std::string>& encodings();

// The encoding (index in encodings(), the first that has it) and byte of a code
// point; narrow no-break and figure spaces are written as no-break spaces, the
// non-breaking hyphen as a hyphen, anything no encoding has as '?' in the first.
struct Coded {
  int encoding;
  unsigned char byte;
};
Coded code_of(char32_t cp);

// Decodes one UTF-8 code point at s[i], advancing i (invalid bytes give U+FFFD).
char32_t next_code_point(std::string_view s, size_t& i);

// Calls f(Coded) for each code point of UTF-8 text, in order (printable ASCII
// without the code-point table: it is the same byte in CP1252).
template <class F>
void each_coded(std::string_view utf8, F&& f) {
  for (size_t i = 0; i < utf8.size();) {
    const unsigned char b = static_cast<unsigned char>(utf8[i]);
    if (b >= 0x20 && b < 0x7F) {
      f(Coded{0, b});
      ++i;
    } else {
      f(code_of(next_code_point(utf8, i)));
    }
  }
}

}  // namespace trame::pdf
