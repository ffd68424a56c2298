// Images of a PDF (ISO 32000-1 §8.9): one image XObject per distinct image of the
// document, however often it is drawn. JPEG is embedded as it is (DCTDecode); PNG
// as its decoded pixels, deflated, with a soft mask (/SMask) for transparency.
#pragma once
#include <string>
#include <vector>

#include "document/document.hpp"
#include "pdf/pdf_file.hpp"

namespace trame::pdf {

class EmbeddedImages {
 public:
  // The resource index of an image (its name is /Im<index + 1>), registered on first use.
  int resource(const doc::ImageData* image);
  bool empty() const { return images_.empty(); }
  // Writes the XObjects; returns the entries of the /XObject resource dictionary.
  std::string write(PdfFile& file) const;

 private:
  std::vector<const doc::ImageData*> images_;
};

// The page content operators drawing image `resource` in the box (x, y, w, h).
void draw_image(std::string& ops, int resource, double x, double y, double w, double h);

}  // namespace trame::pdf
