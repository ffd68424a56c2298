// Where things are in a JSON text: the line and column of every member and
// element by JSON Pointer, so that a schema or business-rule diagnostic (which
// only knows its pointer) names the line a user must edit. Also finds the
// members written twice in one object, which the JSON parser silently collapses
// (the last one wins).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/diagnostic.hpp"

namespace trame::dossier {

// Line (1-based) and column (1-based, counted in characters, not bytes) of a
// byte offset. A UTF-8 byte order mark at the start of the text is not counted.
std::pair<int, int> line_column(std::string_view text, std::size_t byte);

class SourceMap {
 public:
  // Positions: the position of every member and element, and the duplicates.
  // Duplicates: only the duplicates (a faster scan, for a dossier that may well
  // have nothing to report); position() then knows nothing.
  enum class Scope { Positions, Duplicates };
  // `text` must be well-formed JSON (already parsed without error); it is not
  // kept. Iterative: any nesting depth is fine.
  explicit SourceMap(std::string_view text, Scope scope = Scope::Positions);

  // Line and column of the member (at its key) or element (at its value) the
  // pointer names; "" is the root value. For a pointer that does not exist (a
  // missing member), those of its nearest existing parent. {0, 0} if none.
  std::pair<int, int> position(const std::string& pointer) const;

  struct Duplicate {
    std::string pointer;            // "/territoire/population"
    int first_line = 0, first_column = 0;
    int line = 0, column = 0;       // the later occurrence, the one the parser keeps
  };
  const std::vector<Duplicate>& duplicates() const { return duplicates_; }

  // Fills line and column of every diagnostic that has no line yet, from its json_path.
  void locate(std::vector<Diagnostic>& diagnostics) const;

 private:
  std::unordered_map<std::string, std::pair<int, int>> positions_;
  std::vector<Duplicate> duplicates_;
};

}  // namespace trame::dossier
