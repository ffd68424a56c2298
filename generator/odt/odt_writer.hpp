// ODT writer: content.xml/styles.xml/meta.xml with libxml2's xmlwriter, packaged with libzip.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "document/document.hpp"
#include "document/theme.hpp"

namespace trame::odt {

// The parts of the package, each a complete XML document (UTF-8).
// toc_pages: the page of each heading of the table of contents (as the PDF lays the
// document out), stored as the entries' page numbers; null: "1" until LibreOffice updates them.
std::string content_xml(const doc::Document& document, const doc::Theme& theme,
                        const std::vector<int>* toc_pages = nullptr);
std::string styles_xml(const doc::Document& document, const doc::Theme& theme);
std::string meta_xml(const doc::Document& document);
// The manifest; `pictures`: the package paths of the images ("Pictures/logo.png") and their media types.
std::string manifest_xml(const std::vector<std::pair<std::string, std::string>>& pictures = {});

// The whole .odt (zip: "mimetype" first and stored, fixed timestamps), as bytes.
// Deterministic: same inputs, same bytes.
std::string render(const doc::Document& document, const doc::Theme& theme, const std::vector<int>* toc_pages = nullptr);

}  // namespace trame::odt
