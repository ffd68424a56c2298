// Shared by the libFuzzer harnesses: every failure a user can cause is a
// trame::Error of a user kind; anything else (another exception, an internal
// error, a crash, a sanitizer report) is a finding.
#pragma once
#include <cstdlib>
#include <cstdio>
#include <exception>

#include "common/diagnostic.hpp"

namespace trame::fuzz {

template <class F>
void expect_user_errors_only(F&& f) {
  try {
    f();
  } catch (const trame::Error& e) {
    if (e.kind() == trame::ErrorKind::Internal) {
      std::fprintf(stderr, "erreur interne : %s\n", e.what());
      std::abort();
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "exception non traduite : %s\n", e.what());
    std::abort();
  }
}

}  // namespace trame::fuzz
