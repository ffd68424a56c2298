// Diagnostics: every problem found in user input, collected rather than thrown one at a time.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace trame {

enum class Severity { Error, Warning };

// One problem, with a stable id (e.g. "trame.dossier.E303"), where it is
// (file, line, column; json_path as a JSON Pointer) and a French message.
struct Diagnostic {
  Severity severity = Severity::Error;
  std::string id;
  std::string file;
  int line = 0;
  int column = 0;
  std::string json_path;
  std::string message;

  // "[id] file:line:col: (json_path) message" — parts that are empty are left out.
  // Control characters (a line break in a file name or a quoted value) are
  // shown escaped: one diagnostic is always one line, and cannot forge another.
  std::string format() const;

 private:
  std::string format_raw() const;
};

// Broad classes of failure, each mapped to a documented exit code by the CLI.
enum class ErrorKind {
  InvalidInput = 1,   // dossier, avenant: malformed JSON, schema or business rule
  Usage = 2,          // bad command line
  Template = 3,       // template syntax or evaluation error
  Io = 4,             // cannot read or write a file
  Internal = 5,       // a bug
  // trame signer (generator/sign)
  Certificate = 6,    // PKCS#12 file unreadable, wrong password, key and certificate apart, out of validity
  Document = 7,       // a PDF Trame did not write, or changed since it was written
  Field = 8,          // no such signature field, or already signed
  Timestamp = 9,      // the timestamp authority cannot be reached or refuses
};

// An error carrying one or more diagnostics.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::vector<Diagnostic> diagnostics);
  Error(ErrorKind kind, Diagnostic diagnostic);
  ErrorKind kind() const { return kind_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  ErrorKind kind_;
  std::vector<Diagnostic> diagnostics_;
};

// `text` with its control characters escaped as \n, \r, \t or \u00XX: safe on one line.
std::string printable(std::string_view text);

// Levenshtein distance between two words, to suggest the name a typo meant
// (a dossier property, a command).
size_t edit_distance(std::string_view a, std::string_view b);

// Turns a JSON Pointer token list into "/a/0/b" with RFC 6901 escaping.
std::string json_pointer_escape(const std::string& token);

}  // namespace trame
