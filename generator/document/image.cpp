#include "document/image.hpp"

#include <fstream>
#include <map>
#include <mutex>
#include <tuple>

#include <png.h>

namespace trame::doc {

namespace fs = std::filesystem;

namespace {

// The frame header of a JPEG (SOF0…SOF15 but DHT, JPG and DAC): size and components.
void read_jpeg_header(ImageData& img) {
  const std::string& b = img.bytes;
  auto byte = [&](size_t i) { return static_cast<unsigned char>(b[i]); };
  size_t i = 2;
  while (i + 4 <= b.size()) {
    if (byte(i) != 0xFF) break;
    const unsigned marker = byte(i + 1);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
      i += 2;
      continue;
    }
    const size_t len = (static_cast<size_t>(byte(i + 2)) << 8) | byte(i + 3);
    if (len < 2 || i + 2 + len > b.size()) break;
    const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame) {
      if (len < 8) break;
      img.height_px = (byte(i + 5) << 8) | byte(i + 6);
      img.width_px = (byte(i + 7) << 8) | byte(i + 8);
      img.components = byte(i + 9);
      if (byte(i + 4) != 8) throw ImageError("JPEG de " + std::to_string(byte(i + 4)) + " bits par composante non pris en charge (8 attendus)");
      if (img.components != 1 && img.components != 3)
        throw ImageError("JPEG en " + std::string(img.components == 4 ? "CMJN" : "couleurs inhabituelles") +
                         " non pris en charge : enregistrez-le en RVB");
      if (img.width_px == 0 || img.height_px == 0) break;
      return;
    }
    if (marker == 0xDA || marker == 0xD9) break;  // scan before any frame header
    i += 2 + len;
  }
  throw ImageError("fichier JPEG illisible (en-tête de trame absent ou tronqué)");
}

void decode_png(ImageData& img) {
  png_image p{};
  p.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&p, img.bytes.data(), img.bytes.size()))
    throw ImageError(std::string("fichier PNG illisible (") + p.message + ")");
  if (p.width == 0 || p.height == 0 || p.width > kMaxImageSide || p.height > kMaxImageSide) {
    png_image_free(&p);
    throw ImageError("image trop grande : au plus " + std::to_string(kMaxImageSide) + " pixels de côté");
  }
  const bool alpha = (p.format & PNG_FORMAT_FLAG_ALPHA) != 0, colour = (p.format & PNG_FORMAT_FLAG_COLOR) != 0;
  p.format = colour ? (alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB) : (alpha ? PNG_FORMAT_GA : PNG_FORMAT_GRAY);
  std::string buffer(PNG_IMAGE_SIZE(p), '\0');
  if (!png_image_finish_read(&p, nullptr, buffer.data(), 0, nullptr))
    throw ImageError(std::string("fichier PNG illisible (") + p.message + ")");
  img.width_px = static_cast<int>(p.width);
  img.height_px = static_cast<int>(p.height);
  img.components = colour ? 3 : 1;
  if (!alpha) {
    img.pixels = std::move(buffer);
    return;
  }
  const size_t n = static_cast<size_t>(img.width_px) * static_cast<size_t>(img.height_px);
  const size_t step = static_cast<size_t>(img.components) + 1;
  img.pixels.resize(n * static_cast<size_t>(img.components));
  img.alpha.resize(n);
  bool opaque = true;
  for (size_t k = 0; k < n; ++k) {
    for (int c = 0; c < img.components; ++c) img.pixels[k * img.components + c] = buffer[k * step + c];
    img.alpha[k] = buffer[k * step + step - 1];
    opaque = opaque && static_cast<unsigned char>(img.alpha[k]) == 0xFF;
  }
  if (opaque) img.alpha.clear();  // an alpha channel with nothing transparent: no soft mask
}

}  // namespace

std::shared_ptr<const ImageData> decode_image(std::string bytes, const std::string& name) {
  auto img = std::make_shared<ImageData>();
  img->name = name;
  img->bytes = std::move(bytes);
  const std::string& b = img->bytes;
  if (b.size() >= 8 && b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
    img->format = ImageData::Png;
    decode_png(*img);
  } else if (b.size() >= 4 && b.compare(0, 3, "\xFF\xD8\xFF") == 0) {
    img->format = ImageData::Jpeg;
    read_jpeg_header(*img);
    if (img->width_px > kMaxImageSide || img->height_px > kMaxImageSide)
      throw ImageError("image trop grande : au plus " + std::to_string(kMaxImageSide) + " pixels de côté");
  } else {
    throw ImageError("ce fichier n’est ni une image PNG ni une image JPEG");
  }
  return img;
}

std::shared_ptr<const ImageData> load_image(const fs::path& file, const std::string& name) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw ImageError("fichier introuvable");
  const auto size = fs::file_size(file, ec);
  if (ec) throw ImageError("fichier illisible");
  if (size > kMaxImageBytes) throw ImageError("image trop lourde : au plus 20 Mo");
  const auto time = fs::last_write_time(file, ec).time_since_epoch().count();
  using Key = std::tuple<std::string, std::string, uintmax_t, long long>;
  static std::mutex mutex;
  static std::map<Key, std::shared_ptr<const ImageData>> cache;
  const Key key{file.string(), name, size, static_cast<long long>(time)};
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  std::ifstream in(file, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) throw ImageError("fichier illisible");
  auto img = decode_image(std::move(bytes), name);
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() > 64) cache.clear();  // a bound: images are few
  return cache.emplace(key, std::move(img)).first->second;
}

}  // namespace trame::doc
