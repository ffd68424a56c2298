// A small RAII layer over libxml2's xmlTextWriter writing to memory.
#pragma once
#include <string>

#include <libxml/xmlwriter.h>

namespace trame::odt {

class XmlWriter {
 public:
  XmlWriter() {
    buf_ = xmlBufferCreate();
    w_ = xmlNewTextWriterMemory(buf_, 0);
    xmlTextWriterStartDocument(w_, "1.0", "UTF-8", nullptr);
  }
  ~XmlWriter() {
    if (w_) xmlFreeTextWriter(w_);
    if (buf_) xmlBufferFree(buf_);
  }
  XmlWriter(const XmlWriter&) = delete;
  XmlWriter& operator=(const XmlWriter&) = delete;

  XmlWriter& start(const char* name) {
    xmlTextWriterStartElement(w_, BAD_CAST name);
    return *this;
  }
  XmlWriter& attr(const char* name, const std::string& value) {
    xmlTextWriterWriteAttribute(w_, BAD_CAST name, BAD_CAST value.c_str());
    return *this;
  }
  XmlWriter& text(const std::string& s) {
    xmlTextWriterWriteString(w_, BAD_CAST s.c_str());
    return *this;
  }
  XmlWriter& end() {
    xmlTextWriterEndElement(w_);
    return *this;
  }
  // An element with attributes given as name/value pairs and no content.
  XmlWriter& empty(const char* name) {
    start(name);
    return end();
  }

  std::string finish() {
    xmlTextWriterEndDocument(w_);
    xmlFreeTextWriter(w_);
    w_ = nullptr;
    std::string out(reinterpret_cast<const char*>(xmlBufferContent(buf_)), xmlBufferLength(buf_));
    return out;
  }

 private:
  xmlBufferPtr buf_ = nullptr;
  xmlTextWriterPtr w_ = nullptr;
};

}  // namespace trame::odt
