// ODF namespaces and small helpers shared by the parts of the ODT writer.
#pragma once
#include <string>

#include "odt/xml_writer.hpp"

namespace trame::odt {

inline constexpr const char* kMimeType = "application/vnd.oasis.opendocument.text";

inline void write_namespaces(XmlWriter& w) {
  w.attr("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
      .attr("xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0")
      .attr("xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0")
      .attr("xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0")
      .attr("xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0")
      .attr("xmlns:draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0")
      .attr("xmlns:svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0")
      .attr("xmlns:number", "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0")
      .attr("xmlns:xlink", "http://www.w3.org/1999/xlink")
      .attr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
      .attr("xmlns:meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0");
}

// Opens the root element of a part (office:document-content, office:document-styles):
// namespaces, ODF version and the declaration of the document's one font face.
inline void start_root(XmlWriter& w, const char* element, const std::string& font_name) {
  w.start(element);
  write_namespaces(w);
  w.attr("office:version", "1.3");
  w.start("office:font-face-decls");
  w.start("style:font-face").attr("style:name", font_name).attr("svg:font-family", "'" + font_name + "'")
      .attr("style:font-family-generic", "swiss").attr("style:font-pitch", "variable").end();
  w.end();
}

// Lengths and numbers, written with '.' whatever the C locale says.
std::string num(double v, int decimals);  // "12.5" style, trailing zeros trimmed
std::string pt(double v);                 // "12.5pt"
std::string cm(double v);                 // "1.5cm"
std::string percent(double v);            // "116%"

// LibreOffice's proportional line spacing is a fraction of the font's own line
// (ascent + descent: 1.117 em for Liberation Sans), whereas the theme's
// line_height is a multiple of the font size as in the PDF writer.
inline constexpr double kFontLineEm = 1.117;

}  // namespace trame::odt
