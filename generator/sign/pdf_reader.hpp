// Reading back a PDF Trame wrote (and the incremental updates `trame signer` appended):
// classic cross-reference tables, trailers, and the direct objects of dictionaries.
// Not a general PDF parser: streams are skipped, object streams and cross-reference
// streams are refused (Trame writes neither).
#pragma once
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trame::sign {

struct Value {
  enum Kind { Null, Bool, Number, Name, String, Array, Dict, Ref } kind = Null;
  double number = 0;   // Number; Bool (1 or 0); Ref: the object number
  std::string text;    // Name (without '/'), String (the bytes, escapes and hex decoded)
  std::vector<Value> items;                          // Array
  std::vector<std::pair<std::string, Value>> dict;   // Dict, in file order
  const Value* get(std::string_view key) const;      // nullptr if absent or not a Dict
  int ref() const { return kind == Ref ? static_cast<int>(number) : 0; }
};

// One revision: the original file or an incremental update.
struct Revision {
  size_t xref = 0;              // offset of its "xref" keyword
  size_t end = 0;               // offset just past its "%%EOF" line
  std::map<int, size_t> objects;  // objects it (re)defines: number -> offset
  Value trailer;
};

class PdfReader {
 public:
  // Throws ParseError (message in French) if the file is not one this reader follows.
  explicit PdfReader(std::string bytes);
  const std::string& bytes() const { return bytes_; }
  const std::vector<Revision>& revisions() const { return revisions_; }  // oldest first
  const Value& trailer() const { return revisions_.back().trailer; }
  // Object n as of the last revision (Null if free or absent).
  Value object(int n) const;
  // Follows a reference (a direct value is returned as is).
  Value resolve(const Value& v) const;
  // Offset of object n in the last revision (0 if absent) and its text "<<…>>" between
  // "n 0 obj" and "endobj", as written.
  size_t offset(int n) const;
  std::string_view object_text(int n) const;

 private:
  std::string bytes_;
  std::vector<Revision> revisions_;
  std::map<int, size_t> latest_;
};

struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses one value at `pos` of `text` (advancing pos).
Value parse_value(std::string_view text, size_t& pos);
// A PDF text string's bytes (UTF-16BE with a byte order mark, or PDFDocEncoding read as
// Latin-1) as UTF-8.
std::string text_to_utf8(const std::string& bytes);

}  // namespace trame::sign
