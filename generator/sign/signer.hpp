// `trame signer`: one signature field of a PDF Trame wrote is signed (PAdES baseline
// B-B, or B-T with a timestamp) in an incremental update appended to the file, so the
// signatures already made stay valid.
#pragma once
#include <ctime>
#include <string>
#include <vector>

#include "sign/cms.hpp"

namespace trame::sign {

// The signature fields of a PDF Trame wrote, in order, with whether each is signed.
struct FieldState {
  std::string name;
  bool signed_ = false;
};

struct SignRequest {
  std::string file;        // for messages
  std::string field;       // the field's name (/T)
  std::string tsa_url;     // empty: no timestamp (baseline B-B)
  std::time_t when = 0;    // the signing time, written in /M
};

// Checks that `pdf` is a file Trame wrote, unchanged since (its /ID is the hash of its
// objects, each later revision a signature that still verifies), and lists its fields.
// Throws trame::Error: ErrorKind::Document.
std::vector<FieldState> check_document(const std::string& file, const std::string& pdf);

// The file with the field signed. Throws trame::Error (Document, Field, Timestamp); the
// input is never changed.
std::string sign_pdf(const std::string& pdf, const SignRequest& request, const Credentials& credentials);

}  // namespace trame::sign
