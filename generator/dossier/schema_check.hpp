// A compiled fast pre-check of a JSON Schema (draft-07) for the usual case of
// a valid dossier. The schema is compiled once into a tree of nodes (regular
// expressions built once, $ref resolved to shared nodes, cycles allowed); a
// check then walks the value without the copies and context bookkeeping of
// valijson.
//
// Soundness contract: valid() returning true means valijson would find the
// value valid. It may be stricter than valijson in doubtful cases (a keyword
// it does not know, an enum value of another JSON type, a string that is not
// well-formed UTF-8...): false only means "let valijson decide".
#pragma once
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

namespace trame::dossier {

class FastSchemaCheck {
 public:
  // Compiles `schema_document` (the whole schema, $ref "#/..." resolve in it).
  // Never throws for an unsupported schema part: that part just answers false.
  explicit FastSchemaCheck(const nlohmann::json& schema_document);
  ~FastSchemaCheck();
  FastSchemaCheck(FastSchemaCheck&&) noexcept;
  FastSchemaCheck& operator=(FastSchemaCheck&&) noexcept;

  // True only if the value is certainly valid. Thread-safe (no mutable state).
  bool valid(const nlohmann::json& value) const;

 private:
  struct Node;
  class Compiler;
  static bool check(const Node& node, const nlohmann::json& value, int depth);

  std::vector<std::unique_ptr<Node>> nodes_;  // owns every node; the root is nodes_[0]
};

}  // namespace trame::dossier
