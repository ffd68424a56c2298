// ODT writer: content.xml/styles.xml/meta.xml with libxml2's xmlwriter, packaged with libzip.
#pragma once
#include <string>

#include "document/document.hpp"
#include "document/theme.hpp"

namespace trame::odt {

// The parts of the package, each a complete XML document (UTF-8).
std::string content_xml(const doc::Document& document, const doc::Theme& theme);
std::string styles_xml(const doc::Document& document, const doc::Theme& theme);
std::string meta_xml(const doc::Document& document);
std::string manifest_xml();

// The whole .odt (zip: "mimetype" first and stored, fixed timestamps), as bytes.
// Deterministic: same inputs, same bytes.
std::string render(const doc::Document& document, const doc::Theme& theme);

}  // namespace trame::odt
