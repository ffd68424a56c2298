// Catch2 checks shared by the tests: several of the same kind in one call.
#pragma once
#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <utility>

namespace trame::test {

// Checks that `text` contains each of `parts`: one check a part, which names
// the part on failure.
inline void check_contains_all(const std::string& text, std::initializer_list<std::string> parts) {
  for (const std::string& part : parts) {
    INFO("expected: " << part);
    CHECK(text.find(part) != std::string::npos);
  }
}

// Checks that `f` gives each case's expected text: one check a case, which
// names the input on failure.
template <class In, class F>
void check_gives(F f, std::initializer_list<std::pair<In, std::string>> cases) {
  for (const auto& [input, expected] : cases) {
    INFO("input: " << input);
    CHECK(f(input) == expected);
  }
}

}  // namespace trame::test
