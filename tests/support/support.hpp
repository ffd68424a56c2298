// Helpers for tests that read the output as a real reader does.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace trame::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a shell command; captures stdout and stderr separately.
RunResult run(const std::string& command);

// Shell-quotes one argument.
std::string quote(const std::string& arg);

// A fresh empty temporary directory, removed by the destructor.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& prefix);
  ~TempDir();
};

// Validates an XML document (in memory) against one of the OASIS ODF 1.3
// RELAX NG schemas (compiled once per process). Returns the validity errors,
// empty if valid.
std::vector<std::string> validate_odf_part(const std::string& xml, bool manifest = false);

// Reads one entry of a zip file (via libzip). Throws if absent.
std::string zip_entry(const std::filesystem::path& zip, const std::string& name);
// Names of the entries, in the order of the central directory.
std::vector<std::string> zip_names(const std::filesystem::path& zip);
// Compression method of an entry (0 = stored, 8 = deflate).
int zip_method(const std::filesystem::path& zip, const std::string& name);

// Replaces U+00A0 and U+202F by plain spaces and collapses runs of spaces: pdftotext
// output compared with expected French strings.
std::string normalize_spaces(const std::string& s);

// A PDF's text as one line (pdftotext, line ends as spaces, spaces normalised).
std::string pdf_line(const std::filesystem::path& pdf);

// Whether `text` contains `what`.
inline bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

}  // namespace trame::test
