// A small RAII layer over libxml2's xmlTextWriter writing to memory.
// Text and attribute values are cleaned on the way in (invalid UTF-8 becomes
// U+FFFD, control characters XML 1.0 forbids are dropped), so a stray byte in
// a dossier can never make a part that LibreOffice refuses to open.
#pragma once
#include <string>
#include <string_view>

#include <libxml/xmlwriter.h>

namespace trame::odt {

// Initialises libxml2 once per process, safely from any thread.
void init_libxml();

// `s` as valid XML 1.0 character data (UTF-8). Returns `s` unchanged when it is already clean.
std::string clean_xml_text(std::string_view s);

class XmlWriter {
 public:
  enum Mode { Document, Fragment };  // Fragment: no XML declaration (spliced into another writer)
  explicit XmlWriter(Mode mode = Document);
  ~XmlWriter();
  XmlWriter(const XmlWriter&) = delete;
  XmlWriter& operator=(const XmlWriter&) = delete;

  XmlWriter& start(const char* name) {
    check(xmlTextWriterStartElement(w_, BAD_CAST name));
    return *this;
  }
  XmlWriter& attr(const char* name, std::string_view value);
  XmlWriter& text(std::string_view s);
  XmlWriter& end() {
    check(xmlTextWriterEndElement(w_));
    return *this;
  }
  // An element with no attributes and no content.
  XmlWriter& empty(const char* name) {
    start(name);
    return end();
  }
  // Already-serialised XML (a Fragment writer's output).
  XmlWriter& raw(const std::string& xml) {
    if (!xml.empty()) check(xmlTextWriterWriteRawLen(w_, BAD_CAST xml.data(), static_cast<int>(xml.size())));
    return *this;
  }

  // Closes every open element and returns the serialised XML. Throws
  // trame::Error(Internal) if libxml2 reported a failure on the way.
  std::string finish();

 private:
  void check(int rc) {
    if (rc < 0) failed_ = true;
  }
  Mode mode_;
  xmlBufferPtr buf_ = nullptr;
  xmlTextWriterPtr w_ = nullptr;
  bool failed_ = false;
};

}  // namespace trame::odt
