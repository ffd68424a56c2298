#pragma once

namespace trame::pdf {

// Defined next to Trame's own HPDF_MemCpy, HPDF_MemSet and HPDF_FileReader_New (hpdf_fast.cpp);
// calling it links them into every program that writes PDF.
bool fast_hpdf_memory_functions();

}  // namespace trame::pdf
