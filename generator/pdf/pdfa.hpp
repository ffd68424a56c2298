// PDF/A-2 (ISO 19005-2) and PDF/UA-1 (ISO 14289-1) identification: the XMP metadata
// stream that repeats the information dictionary, the sRGB output intent, and the
// catalog entries of an archivable, accessible file. The rest of the conformance
// (fonts embedded with ToUnicode, tagged content, no encryption, the file ID) is the
// work of the other parts of the writer; tests/pdf/pdfa_check.py checks the result.
#pragma once
#include <filesystem>
#include <string>

#include "document/document.hpp"

namespace trame::pdf {

class PdfFile;

// "D:20250303000000Z" of an ISO date "2025-03-03"; empty if the date is not one.
std::string pdf_date(const std::string& iso);

// The information dictionary (§14.3.3): title, author, subject, keywords, creator,
// producer, dates from the document (never the clock).
std::string info_dictionary(const doc::Metadata& meta);

// Objects that make a file PDF/A-2a and PDF/UA-1.
struct ArchiveParts {
  int metadata = 0;       // the XMP stream
  int output_intent = 0;  // the OutputIntent dictionary (0: none, the file claims no PDF/A)
};

// Writes the XMP metadata (uncompressed, as PDF/A asks) matching info_dictionary(meta),
// with the PDF/A part and conformance when `icc` is a profile (a and PDF/UA-1 when `tagged`,
// b otherwise), and the output intent with that ICC profile (read and deflated once a process).
ArchiveParts write_archive_parts(PdfFile& file, const doc::Metadata& meta, const std::filesystem::path& icc,
                                 bool tagged = true);

// The catalog entries of a tagged, archivable file: /Metadata, /OutputIntents,
// /StructTreeRoot, /MarkInfo, /Lang and /ViewerPreferences (the title shown).
std::string archive_catalog_entries(const ArchiveParts& parts, int struct_tree_root, const std::string& lang);

}  // namespace trame::pdf
