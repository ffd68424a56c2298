#include "odt/xml_writer.hpp"

#include <mutex>

#include <libxml/parser.h>

#include "common/diagnostic.hpp"

namespace trame::odt {

void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

namespace {

// Length of the valid UTF-8 sequence at s[i] that is also an XML 1.0 Char, or 0.
size_t valid_char(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') ? 1 : 0;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
  char32_t cp = c & (0xFF >> (n + 1));
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;  // overlong, out of range
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) return 0;           // not XML Chars
  return n;
}

}  // namespace

std::string clean_xml_text(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {  // fast path: most text is clean
    size_t n = valid_char(s, i);
    if (n == 0) break;
    i += n;
  }
  if (i == s.size()) return std::string(s);
  std::string out(s.substr(0, i));
  while (i < s.size()) {
    size_t n = valid_char(s, i);
    if (n > 0) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      if (static_cast<unsigned char>(s[i]) >= 0x80) out += "\xEF\xBF\xBD";  // U+FFFD; C0 controls are dropped
      ++i;
    }
  }
  return out;
}

XmlWriter::XmlWriter(Mode mode) : mode_(mode) {
  init_libxml();
  buf_ = xmlBufferCreate();
  w_ = buf_ ? xmlNewTextWriterMemory(buf_, 0) : nullptr;
  if (!w_) {
    failed_ = true;
    return;
  }
  if (mode_ == Document) check(xmlTextWriterStartDocument(w_, "1.0", "UTF-8", nullptr));
}

XmlWriter::~XmlWriter() {
  if (w_) xmlFreeTextWriter(w_);
  if (buf_) xmlBufferFree(buf_);
}

XmlWriter& XmlWriter::attr(const char* name, std::string_view value) {
  std::string v = clean_xml_text(value);
  check(xmlTextWriterWriteAttribute(w_, BAD_CAST name, BAD_CAST v.c_str()));
  return *this;
}

XmlWriter& XmlWriter::text(std::string_view s) {
  if (s.empty()) return *this;
  std::string v = clean_xml_text(s);
  check(xmlTextWriterWriteString(w_, BAD_CAST v.c_str()));
  return *this;
}

std::string XmlWriter::finish() {
  if (w_) {
    if (mode_ == Document) check(xmlTextWriterEndDocument(w_));
    else check(xmlTextWriterFlush(w_));
    xmlFreeTextWriter(w_);
    w_ = nullptr;
  }
  if (failed_ || !buf_)
    throw Error(ErrorKind::Internal, Diagnostic{Severity::Error, "trame.odt.E002", "", 0, 0, "",
                                                "écriture XML du document ODT impossible (libxml2)"});
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buf_)), xmlBufferLength(buf_));
}

}  // namespace trame::odt
