// Trame's HPDF_MemCpy / HPDF_MemSet (generator/pdf/hpdf_fast.cpp) replace libharu's
// byte loops for speed: they must be the ones libharu calls, and behave exactly as
// libharu's own definitions, which are looked up inside the library itself.
#include <catch2/catch.hpp>

#include <dlfcn.h>

#include <array>
#include <cstdint>
#include <random>

#include <hpdf.h>

#include "pdf/hpdf_fast.hpp"

extern "C" {
HPDF_BYTE* HPDF_MemCpy(HPDF_BYTE* out, const HPDF_BYTE* in, HPDF_UINT n);
HPDF_BYTE* HPDF_MemSet(void* s, HPDF_BYTE c, HPDF_UINT n);
}

namespace {

using MemCpy = HPDF_BYTE* (*)(HPDF_BYTE*, const HPDF_BYTE*, HPDF_UINT);
using MemSet = HPDF_BYTE* (*)(void*, HPDF_BYTE, HPDF_UINT);

void* libharu() {
  // The library this program is linked with, found through one of its own functions.
  Dl_info info{};
  REQUIRE(dladdr(reinterpret_cast<void*>(&HPDF_New), &info) != 0);
  void* handle = dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD);
  REQUIRE(handle != nullptr);
  return handle;
}

}  // namespace

TEST_CASE("libharu's memory helpers resolve to Trame's definitions in the executable") {
  REQUIRE(trame::pdf::fast_hpdf_memory_functions());
  // What libharu's PLT binds to is the global lookup's answer.
  CHECK(dlsym(RTLD_DEFAULT, "HPDF_MemCpy") == reinterpret_cast<void*>(&HPDF_MemCpy));
  CHECK(dlsym(RTLD_DEFAULT, "HPDF_MemSet") == reinterpret_cast<void*>(&HPDF_MemSet));
  // And they are not libharu's own.
  void* lib = libharu();
  CHECK(dlsym(lib, "HPDF_MemCpy") != reinterpret_cast<void*>(&HPDF_MemCpy));
}

TEST_CASE("Trame's HPDF_MemCpy and HPDF_MemSet write and return what libharu's own do") {
  void* lib = libharu();
  auto own_cpy = reinterpret_cast<MemCpy>(dlsym(lib, "HPDF_MemCpy"));
  auto own_set = reinterpret_cast<MemSet>(dlsym(lib, "HPDF_MemSet"));
  REQUIRE(own_cpy != nullptr);
  REQUIRE(own_set != nullptr);
  std::mt19937 rng(42);
  for (HPDF_UINT n : {0u, 1u, 7u, 64u, 511u, 512u, 4096u}) {
    INFO("n = " << n);
    std::array<HPDF_BYTE, 5000> src{}, a{}, b{};
    for (auto& c : src) c = static_cast<HPDF_BYTE>(rng());
    a.fill(0xAB);
    b.fill(0xAB);
    CHECK(HPDF_MemCpy(a.data() + 3, src.data(), n) - a.data() == own_cpy(b.data() + 3, src.data(), n) - b.data());
    CHECK(a == b);
    CHECK(HPDF_MemSet(a.data() + 5, 0x5C, n) - a.data() == own_set(b.data() + 5, 0x5C, n) - b.data());
    CHECK(a == b);
  }
}
