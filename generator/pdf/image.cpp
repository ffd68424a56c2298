#include "pdf/image.hpp"

#include "pdf/deflate.hpp"

namespace trame::pdf {

namespace {
constexpr int kImageLevel = 6;  // libdeflate level of PNG pixels (images are few and written once)
}

int EmbeddedImages::resource(const doc::ImageData* image) {
  for (size_t i = 0; i < images_.size(); ++i)
    if (images_[i] == image || (images_[i]->name == image->name && images_[i]->bytes == image->bytes))
      return static_cast<int>(i);
  images_.push_back(image);
  return static_cast<int>(images_.size() - 1);
}

std::string EmbeddedImages::write(PdfFile& file) const {
  std::string entries;
  for (size_t i = 0; i < images_.size(); ++i) {
    const doc::ImageData& im = *images_[i];
    const int n = file.reserve();
    std::string dict = "/Type/XObject/Subtype/Image/Width " + std::to_string(im.width_px) + "/Height " +
                       std::to_string(im.height_px) + "/BitsPerComponent 8/ColorSpace/" +
                       (im.components == 1 ? "DeviceGray" : "DeviceRGB");
    if (im.format == doc::ImageData::Jpeg) {
      file.stream(n, dict + "/Filter/DCTDecode", im.bytes, false);
    } else {
      if (!im.alpha.empty()) {
        const int mask = file.reserve();
        file.stream(mask,
                    "/Type/XObject/Subtype/Image/Width " + std::to_string(im.width_px) + "/Height " +
                        std::to_string(im.height_px) + "/BitsPerComponent 8/ColorSpace/DeviceGray",
                    deflate_zlib(im.alpha, kImageLevel), true);
        dict += "/SMask " + ref(mask);
      }
      file.stream(n, dict, deflate_zlib(im.pixels, kImageLevel), true);
    }
    entries += "/Im" + std::to_string(i + 1) + " " + ref(n);
  }
  return entries;
}

void draw_image(std::string& ops, int resource, double x, double y, double w, double h) {
  ops += "q\n";
  append_number(ops, w), ops += " 0 0 ";
  append_number(ops, h), ops += ' ';
  append_number(ops, x), ops += ' ';
  append_number(ops, y);
  ops += " cm\n/Im" + std::to_string(resource + 1) + " Do\nQ\n";
}

}  // namespace trame::pdf
