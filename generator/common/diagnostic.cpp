#include "common/diagnostic.hpp"

namespace trame {

std::string Diagnostic::format() const {
  std::string out;
  if (!id.empty()) out += "[" + id + "] ";
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += ":" + std::to_string(line);
      if (column > 0) out += ":" + std::to_string(column);
    }
    out += ": ";
  }
  if (!json_path.empty()) out += "(" + json_path + ") ";
  if (severity == Severity::Warning) out += "avertissement : ";
  out += message;
  return out;
}

static std::string join_messages(const std::vector<Diagnostic>& diags) {
  std::string s;
  for (const auto& d : diags) {
    if (!s.empty()) s += "\n";
    s += d.format();
  }
  return s;
}

Error::Error(ErrorKind kind, std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_messages(diagnostics)), kind_(kind), diagnostics_(std::move(diagnostics)) {}

Error::Error(ErrorKind kind, Diagnostic diagnostic)
    : Error(kind, std::vector<Diagnostic>{std::move(diagnostic)}) {}

std::string json_pointer_escape(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace trame
