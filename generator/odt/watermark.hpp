// The draft mark of the ODT: « PROJET » across every page (see watermark.cpp).
#pragma once
#include <string>

#include "document/theme.hpp"
#include "odt/xml_writer.hpp"

namespace trame::odt {

// The automatic styles of the mark (in styles.xml's office:automatic-styles).
void write_watermark_styles(XmlWriter& w, const doc::Theme& t);
// The shape, written inside the running header's paragraph.
void write_watermark(XmlWriter& w, const doc::Theme& t, const std::string& text);

}  // namespace trame::odt
