// The PDF file syntax (ISO 32000-1 §7): numbered objects, streams, the cross-reference
// table and the trailer, written into one buffer in the order given. The writer decides
// the objects; this class only serialises them. No /ID and no clock: deterministic.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace trame::pdf {

class PdfFile {
 public:
  PdfFile();
  // A new object number, to refer to before the object is written.
  int reserve();
  // Writes object n: `body` is a complete PDF value ("<< … >>", "[ … ]"…).
  void object(int n, std::string_view body);
  // Writes object n as a stream: `dict` holds the entries other than /Length
  // (and /Filter, added when `deflated` says the data is already Flate-encoded).
  void stream(int n, std::string_view dict, std::string_view data, bool deflated);
  // Appends the cross-reference table and trailer and returns the file. With
  // `content_id`, the trailer's /ID is the first 16 bytes of the SHA-256 of the bytes
  // before the cross-reference table, twice: a reader (`trame signer`) can tell the
  // objects were not changed since they were written.
  std::string finish(int root, int info, bool content_id = false);

 private:
  std::string out_;
  std::vector<size_t> offsets_;  // of object i + 1; 0 while not written
};

// "n 0 R"
std::string ref(int n);
// A PDF text string (§7.9.2.2) of UTF-8 text: UTF-16BE with a byte order mark, in hex.
std::string text_string(std::string_view utf8);
// v rounded to 1/scale, without trailing zeros ("12.5", "-3", "0.125"), appended to out.
void append_number(std::string& out, double v, long long scale = 1000);

}  // namespace trame::pdf
