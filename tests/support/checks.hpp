// Catch2 checks shared by the tests: several of the same kind in one call.
#pragma once
#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>

namespace trame::test {

// Checks that `text` contains each of `parts`: one check a part, which names
// the part on failure.
inline void check_contains_all(const std::string& text, std::initializer_list<std::string> parts) {
  for (const std::string& part : parts) {
    INFO("expected: " << part);
    CHECK(text.find(part) != std::string::npos);
  }
}

}  // namespace trame::test
