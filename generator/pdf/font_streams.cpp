#include "pdf/font_streams.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <vector>

#include "pdf/fast_deflate.hpp"

namespace trame::pdf {
namespace {

struct Object {
  long long number;
  size_t offset;
  std::string_view body;  // "N 0 obj ... endobj\n", exactly as in the file
  std::string rewritten;  // the new body when it changed
  bool changed = false;
};

// Reads a non-negative decimal at s[i], advancing i; -1 if there is none.
long long read_number(std::string_view s, size_t& i) {
  size_t start = i;
  long long v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 18) v = v * 10 + (s[i++] - '0');
  return i == start ? -1 : v;
}

}  // namespace

std::string deflate_streams(const std::string& pdf_bytes, bool contents, bool fonts) {
  if (!contents && !fonts) return pdf_bytes;
  const std::string_view pdf = pdf_bytes;
  // -- the xref table --
  size_t sx = pdf.rfind("startxref");
  if (sx == std::string_view::npos) return pdf_bytes;
  size_t i = sx + 9;
  while (i < pdf.size() && (pdf[i] == '\r' || pdf[i] == '\n')) ++i;
  long long xref = read_number(pdf, i);
  if (xref <= 0 || static_cast<size_t>(xref) >= sx || pdf.compare(xref, 5, "xref\n") != 0) return pdf_bytes;
  i = xref + 5;
  long long first = read_number(pdf, i);
  if (first != 0 || i >= pdf.size() || pdf[i] != ' ') return pdf_bytes;
  ++i;
  long long count = read_number(pdf, i);
  if (count <= 0 || i >= pdf.size() || pdf[i] != '\n') return pdf_bytes;
  ++i;
  const size_t entries = i;
  if (entries + count * 20 > sx) return pdf_bytes;
  std::vector<Object> objects;
  objects.reserve(static_cast<size_t>(count));
  for (long long n = 0; n < count; ++n) {
    size_t e = entries + n * 20;
    if (pdf[e + 17] != 'n') continue;
    size_t k = e;
    long long off = read_number(pdf, k);
    if (off <= 0 || off >= xref) return pdf_bytes;
    objects.push_back({n, static_cast<size_t>(off), {}, {}});
  }
  const std::string_view trailer = pdf.substr(entries + count * 20, sx - (entries + count * 20));
  std::sort(objects.begin(), objects.end(), [](const Object& a, const Object& b) { return a.offset < b.offset; });
  if (objects.empty()) return pdf_bytes;
  std::vector<long long> index(static_cast<size_t>(count), -1);  // object number -> position in `objects`
  for (size_t k = 0; k < objects.size(); ++k) {
    size_t end = k + 1 < objects.size() ? objects[k + 1].offset : static_cast<size_t>(xref);
    objects[k].body = pdf.substr(objects[k].offset, end - objects[k].offset);
    index[objects[k].number] = static_cast<long long>(k);
  }

  // -- streams: "<<\n/Length M 0 R\n…>>\nstream\r\n" data "\nendstream…"; font programs
  //    are the ones with a /Length1 entry --
  bool changed = false;
  std::string packed;
  for (auto& obj : objects) {
    const std::string_view b = obj.body;
    size_t stream = b.find(">>\nstream\r\n");
    if (stream == std::string_view::npos) continue;
    const std::string_view dict = b.substr(0, stream);
    if (dict.find("/Filter") != std::string_view::npos) continue;
    if (!(dict.find("/Length1 ") != std::string_view::npos ? fonts : contents)) continue;
    size_t lp = dict.find("/Length ");
    if (lp == std::string_view::npos) return pdf_bytes;
    size_t k = lp + 8;
    long long length_obj = read_number(dict, k);
    if (length_obj < 0 || length_obj >= count || dict.compare(k, 4, " 0 R") != 0 || index[length_obj] < 0)
      return pdf_bytes;
    Object& length = objects[static_cast<size_t>(index[length_obj])];
    const std::string_view lb = length.changed ? std::string_view(length.rewritten) : length.body;
    size_t v = lb.find("obj\n");
    if (v == std::string_view::npos) return pdf_bytes;
    size_t vk = v + 4;
    long long n = read_number(lb, vk);
    size_t data = stream + 11;
    if (n < 0 || data + n > b.size() || b.compare(data + n, 10, "\nendstream") != 0) return pdf_bytes;
    packed = fast_zlib(b.substr(data, n));
    std::string body;
    body.reserve(b.size() - n + packed.size() + 24);
    body.append(dict.substr(0, lp)).append("/Filter /FlateDecode\n").append(dict.substr(lp)).append(">>\nstream\r\n");
    body.append(packed).append(b.substr(data + n));
    obj.rewritten = std::move(body);
    obj.changed = true;
    std::string lbody;
    lbody.append(lb.substr(0, v + 4)).append(std::to_string(packed.size())).append(lb.substr(vk));
    length.rewritten = std::move(lbody);
    length.changed = true;
    changed = true;
  }
  if (!changed) return pdf_bytes;

  // -- reassemble with a new xref table --
  std::string out;
  out.reserve(pdf.size());
  out.append(pdf.substr(0, objects.front().offset));
  std::vector<size_t> offsets(static_cast<size_t>(count), 0);
  for (const auto& obj : objects) {
    offsets[obj.number] = out.size();
    out.append(obj.changed ? std::string_view(obj.rewritten) : obj.body);
  }
  size_t new_xref = out.size();
  out.append(pdf.substr(xref, entries - xref));  // "xref\n0 N\n"
  for (long long n = 0; n < count; ++n) {
    const size_t at = out.size();
    out.append(pdf.substr(entries + n * 20, 20));
    if (out[at + 17] == 'n') {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%010zu", offsets[n]);
      out.replace(at, 10, buf, 10);
    }
  }
  out.append(trailer);
  out += "startxref\n" + std::to_string(new_xref) + "\n%%EOF\n";
  return out;
}

}  // namespace trame::pdf
