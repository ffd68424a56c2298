#pragma once

namespace trame::pdf {

// Defined next to Trame's own HPDF_MemCpy, HPDF_MemSet, HPDF_FileReader_New and
// HPDF_TTFontDef_SaveFontData (hpdf_fast.cpp);
// calling it links them into every program that writes PDF.
bool fast_hpdf_memory_functions();

}  // namespace trame::pdf
