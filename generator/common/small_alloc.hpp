// Trame's global operator new/delete (small_alloc.cpp): freed blocks of up to 512 bytes
// are kept per thread and 16-byte size class, and given back first.
#pragma once
#include <cstddef>

namespace trame {

// False in sanitizer builds, where the standard operators are left in place.
bool small_alloc_enabled();

// How many freed blocks of the size class of an n-byte request this thread keeps.
std::size_t small_alloc_kept(std::size_t n);

}  // namespace trame
