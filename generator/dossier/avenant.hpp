// Avenants: amendments to a dossier, each an RFC 6902 JSON Patch with a number,
// a signature date, an effective date and an object. Applied in order of
// number (then effective date) to give the effective dossier at a date.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace trame::dossier {

// The largest avenant number (a contract's avenants are numbered 1, 2, 3…; « n° 001 »).
inline constexpr int kMaxAvenantNumber = 999;

struct Avenant {
  std::filesystem::path file;
  int number = 0;
  std::string signature;   // YYYY-MM-DD
  std::string effective;   // YYYY-MM-DD
  std::string object;      // French
  std::string place;       // lieu_signature (optional: "" for the contract's place)
  nlohmann::json patch;    // RFC 6902 operations
  std::string bytes;       // the file's bytes (for input hashes)
};

// Reads and checks one avenant file (JSON syntax with line/column, required
// fields, a patch that is an array of operations). Throws Error(InvalidInput).
Avenant load_avenant(const std::filesystem::path& file);

// The avenants of a dossier: DIR/<dossier stem>/*.json, sorted by number.
// Returns none if the directory does not exist. Numbers checked by check_numbering.
std::vector<Avenant> avenants_for(const std::filesystem::path& dir, const std::filesystem::path& dossier_file);

// The numbers of avenants sorted by number are 1, 2, 3… with neither repeat nor gap;
// otherwise Error(InvalidInput, trame.avenant.E408) naming the file and /numero.
void check_numbering(const std::vector<Avenant>& sorted);

// Applies the avenants (History applies them one at a time), operation by
// operation: an operation that does not apply is refused naming the avenant file,
// the operation index and its JSON path; the result is checked like a dossier
// (schema and rules), problems naming the avenant. Throws Error(InvalidInput).
nlohmann::json apply_avenants(const nlohmann::json& dossier, const std::vector<Avenant>& avenants);

}  // namespace trame::dossier
