#include "pdf/pdf_file.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "common/files.hpp"
#include "pdf/fonts.hpp"

namespace trame::pdf {

PdfFile::PdfFile() {
  out_.reserve(1 << 18);  // the contract (14 pages) is 185 KB: no copy as the file grows
  out_ += "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";  // a comment of high bytes: the file is binary
}

int PdfFile::reserve() {
  offsets_.push_back(0);
  return static_cast<int>(offsets_.size());
}

void PdfFile::object(int n, std::string_view body) {
  offsets_.at(static_cast<size_t>(n - 1)) = out_.size();
  out_ += std::to_string(n);
  out_ += " 0 obj\n";
  out_ += body;
  out_ += "\nendobj\n";
}

void PdfFile::stream(int n, std::string_view dict, std::string_view data, bool deflated) {
  offsets_.at(static_cast<size_t>(n - 1)) = out_.size();
  out_ += std::to_string(n);
  out_ += " 0 obj\n<<";
  out_ += dict;
  if (deflated) out_ += "/Filter/FlateDecode";
  out_ += "/Length ";
  out_ += std::to_string(data.size());
  out_ += ">>\nstream\n";
  out_ += data;
  out_ += "\nendstream\nendobj\n";
}

std::string PdfFile::finish(int root, int info, bool content_id) {
  const size_t xref = out_.size();
  const std::string id = content_id ? "<" + sha256_hex(out_).substr(0, 32) + ">" : std::string();
  out_ += "xref\n0 " + std::to_string(offsets_.size() + 1) + "\n0000000000 65535 f \n";
  // Each entry is 20 bytes: a 10-digit offset, « 00000 n » and a two-byte end of line.
  size_t at = out_.size();
  out_.resize(at + 20 * offsets_.size());
  for (size_t offset : offsets_) {
    char* e = out_.data() + at;
    for (int k = 9; k >= 0; --k, offset /= 10) e[k] = static_cast<char>('0' + offset % 10);
    std::memcpy(e + 10, " 00000 n \n", 10);
    at += 20;
  }
  out_ += "trailer\n<</Size " + std::to_string(offsets_.size() + 1) + "/Root " + ref(root);
  if (info > 0) out_ += "/Info " + ref(info);
  if (content_id) out_ += "/ID[" + id + id + "]";
  out_ += ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return std::move(out_);
}

std::string ref(int n) { return std::to_string(n) + " 0 R"; }

std::string text_string(std::string_view utf8) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "<FEFF";
  auto unit = [&](unsigned u) {
    for (int shift = 12; shift >= 0; shift -= 4) out += hex[(u >> shift) & 0xF];
  };
  for (size_t i = 0; i < utf8.size();) {
    const char32_t cp = next_code_point(utf8, i);
    if (cp >= 0x10000) {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out + ">";
}

void append_number(std::string& out, double v, long long scale) {
  long long m = std::llround(v * static_cast<double>(scale));
  char text[32];
  char* p = text;
  if (m < 0) {
    *p++ = '-';
    m = -m;
  }
  p = std::to_chars(p, text + sizeof text, m / scale).ptr;
  if (long long frac = m % scale) {
    *p++ = '.';
    for (long long d = scale / 10; d > 0 && frac > 0; d /= 10) {
      *p++ = static_cast<char>('0' + frac / d);
      frac %= d;
    }
  }
  out.append(text, p);
}

}  // namespace trame::pdf
