// Reading PNG and JPEG images for the document tree: checked once (format, size,
// decodable), shared by every document that uses the same unchanged file.
#pragma once
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "document/document.hpp"

namespace trame::doc {

// The largest image accepted: a file of 20 MB, 10 000 pixels a side.
constexpr size_t kMaxImageBytes = 20u << 20;
constexpr int kMaxImageSide = 10000;

// Thrown with a French message when an image is missing, too big or not a readable PNG/JPEG.
struct ImageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads and checks `file` (PNG or JPEG by content, not by name); `name` is how the
// template calls it. Cached by path, size and modification time. Thread-safe.
std::shared_ptr<const ImageData> load_image(const std::filesystem::path& file, const std::string& name);

// Checks and decodes image bytes (the part of load_image that reads no file).
std::shared_ptr<const ImageData> decode_image(std::string bytes, const std::string& name);

}  // namespace trame::doc
