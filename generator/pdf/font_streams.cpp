#include "pdf/font_streams.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <map>
#include <vector>

#include <zlib.h>

namespace trame::pdf {
namespace {

// Reads a non-negative decimal at s[i], advancing i; -1 if there is none.
long long read_number(const std::string& s, size_t& i) {
  size_t start = i;
  long long v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 18) v = v * 10 + (s[i++] - '0');
  return i == start ? -1 : v;
}

struct Object {
  long long number;
  size_t offset;
  std::string body;  // "N 0 obj ... endobj\n", exactly as in the file
};

bool deflate(const std::string& in, int level, std::string& out) {
  uLongf size = compressBound(static_cast<uLong>(in.size()));
  out.resize(size);
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(in.data()),
                static_cast<uLong>(in.size()), level) != Z_OK)
    return false;
  out.resize(size);
  return true;
}

}  // namespace

std::string deflate_streams(const std::string& pdf, int content_level, int font_level) {
  if (content_level <= 0 && font_level <= 0) return pdf;
  // -- the xref table --
  size_t sx = pdf.rfind("startxref");
  if (sx == std::string::npos) return pdf;
  size_t i = sx + 9;
  while (i < pdf.size() && (pdf[i] == '\r' || pdf[i] == '\n')) ++i;
  long long xref = read_number(pdf, i);
  if (xref <= 0 || static_cast<size_t>(xref) >= sx || pdf.compare(xref, 5, "xref\n") != 0) return pdf;
  i = xref + 5;
  long long first = read_number(pdf, i);
  if (first != 0 || i >= pdf.size() || pdf[i] != ' ') return pdf;
  ++i;
  long long count = read_number(pdf, i);
  if (count <= 0 || i >= pdf.size() || pdf[i] != '\n') return pdf;
  ++i;
  const size_t entries = i;
  if (entries + count * 20 > sx) return pdf;
  std::vector<Object> objects;
  for (long long n = 0; n < count; ++n) {
    size_t e = entries + n * 20;
    if (pdf[e + 17] != 'n') continue;
    size_t k = e;
    long long off = read_number(pdf, k);
    if (off <= 0 || off >= xref) return pdf;
    objects.push_back({n, static_cast<size_t>(off), {}});
  }
  const std::string trailer = pdf.substr(entries + count * 20, sx - (entries + count * 20));
  std::sort(objects.begin(), objects.end(), [](const Object& a, const Object& b) { return a.offset < b.offset; });
  if (objects.empty()) return pdf;
  std::map<long long, size_t> index;  // object number -> position in `objects`
  for (size_t k = 0; k < objects.size(); ++k) {
    size_t end = k + 1 < objects.size() ? objects[k + 1].offset : static_cast<size_t>(xref);
    objects[k].body = pdf.substr(objects[k].offset, end - objects[k].offset);
    index[objects[k].number] = k;
  }

  // -- streams: "<<\n/Length M 0 R\n…>>\nstream\r\n" data "\nendstream…"; font programs
  //    are the ones with a /Length1 entry --
  bool changed = false;
  for (auto& obj : objects) {
    std::string& b = obj.body;
    size_t stream = b.find(">>\nstream\r\n");
    if (stream == std::string::npos) continue;
    std::string dict = b.substr(0, stream);
    if (dict.find("/Filter") != std::string::npos) continue;
    const int level = dict.find("/Length1 ") != std::string::npos ? font_level : content_level;
    if (level <= 0) continue;
    size_t lp = dict.find("/Length ");
    if (lp == std::string::npos) return pdf;
    size_t k = lp + 8;
    long long length_obj = read_number(dict, k);
    if (length_obj < 0 || dict.compare(k, 4, " 0 R") != 0 || !index.count(length_obj)) return pdf;
    std::string& lb = objects[index[length_obj]].body;
    size_t v = lb.find("obj\n");
    if (v == std::string::npos) return pdf;
    size_t vk = v + 4;
    long long length = read_number(lb, vk);
    size_t data = stream + 11;
    if (length < 0 || data + length > b.size() || b.compare(data + length, 10, "\nendstream") != 0) return pdf;
    std::string packed;
    if (!deflate(b.substr(data, length), level, packed)) return pdf;
    b = dict.substr(0, lp) + "/Filter /FlateDecode\n" + dict.substr(lp) + ">>\nstream\r\n" + packed +
        b.substr(data + length);
    lb = lb.substr(0, v + 4) + std::to_string(packed.size()) + lb.substr(vk);
    changed = true;
  }
  if (!changed) return pdf;

  // -- reassemble with a new xref table --
  std::string out = pdf.substr(0, objects.front().offset);
  std::vector<size_t> offsets(count, 0);
  for (const auto& obj : objects) {
    offsets[obj.number] = out.size();
    out += obj.body;
  }
  size_t new_xref = out.size();
  out += pdf.substr(xref, entries - xref);  // "xref\n0 N\n"
  for (long long n = 0; n < count; ++n) {
    std::string e = pdf.substr(entries + n * 20, 20);
    if (e[17] == 'n') {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%010zu", offsets[n]);
      e.replace(0, 10, buf, 10);
    }
    out += e;
  }
  out += trailer;
  out += "startxref\n" + std::to_string(new_xref) + "\n%%EOF\n";
  return out;
}

}  // namespace trame::pdf
