// Shared by the funding tests: the one diagnostic of a refusal.
#pragma once
#include <catch2/catch.hpp>

#include "common/diagnostic.hpp"

namespace trame::test {

// The one diagnostic of the trame::Error that `f` throws; the test fails if `f`
// throws none (with `expected` as the failure's message) or one with several.
template <class F>
Diagnostic only_diagnostic(F&& f, const char* expected = "expected trame::Error") {
  try {
    f();
  } catch (const Error& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics()[0];
  }
  FAIL(expected);
  return {};
}

}  // namespace trame::test
