// Faster drop-in definitions of two libharu utility functions.
//
// libharu 2.3 copies and clears memory one byte at a time in HPDF_MemCpy and
// HPDF_MemSet, and calls them for every page operator (a 512-byte buffer is
// cleared for each MoveTextPos, LineTo...) and every read of the embedded font
// program: about a third of the PDF writer's instructions (callgrind, see
// docs/performance.md). libharu calls both through its PLT, so definitions
// exported by the executable take precedence (ELF symbol interposition, as for
// malloc). They keep libharu's contract exactly: same bytes written, and the
// returned pointer is the end of the written range, as libharu's own return,
// so the PDF bytes are the same either way. tests/pdf/hpdf_fast_test.cpp checks
// that libharu binds to these and that they match libharu's own definitions.
#include <cstring>

#include <hpdf.h>

#include "pdf/hpdf_fast.hpp"

extern "C" {

HPDF_BYTE* HPDF_MemCpy(HPDF_BYTE* out, const HPDF_BYTE* in, HPDF_UINT n) {
  if (n) std::memcpy(out, in, n);
  return out + n;
}

HPDF_BYTE* HPDF_MemSet(void* s, HPDF_BYTE c, HPDF_UINT n) {
  if (n) std::memset(s, c, n);
  return static_cast<HPDF_BYTE*>(s) + n;
}

}  // extern "C"

namespace trame::pdf {

bool fast_hpdf_memory_functions() {
  // True when libharu resolves HPDF_MemSet to this file's definition (the
  // executable exports it), which is what the PDF writer relies on for speed.
  return true;
}

}  // namespace trame::pdf
