// ODF namespaces and small shared helpers of the ODT writer.
#pragma once
#include <functional>
#include <string>

#include "odt/xml_writer.hpp"

namespace trame::odt {

inline void write_namespaces(XmlWriter& w) {
  w.attr("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
      .attr("xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0")
      .attr("xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0")
      .attr("xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0")
      .attr("xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0")
      .attr("xmlns:svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0")
      .attr("xmlns:xlink", "http://www.w3.org/1999/xlink")
      .attr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
      .attr("xmlns:meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0");
}

std::string pt(double v);  // "12.00pt"
std::string cm(double v);  // "1.500cm"

}  // namespace trame::odt
