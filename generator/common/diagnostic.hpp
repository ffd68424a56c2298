// Diagnostics: every problem found in user input, collected rather than thrown one at a time.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace trame {

enum class Severity { Error, Warning };

// One problem, with a stable id (e.g. "trame.dossier.E201"), where it is
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
  std::string format() const;
};

// Broad classes of failure, each mapped to a documented exit code by the CLI.
enum class ErrorKind {
  InvalidInput = 1,   // dossier, avenant: malformed JSON, schema or business rule
  Usage = 2,          // bad command line
  Template = 3,       // template syntax or evaluation error
  Io = 4,             // cannot read or write a file
  Internal = 5,       // a bug
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

// Turns a JSON Pointer token list into "/a/0/b" with RFC 6901 escaping.
std::string json_pointer_escape(const std::string& token);

}  // namespace trame
