// meta.xml and META-INF/manifest.xml. Dates come from the dossier (never the
// clock), so two renders of the same dossier are byte-identical.
#include "odt/namespaces.hpp"
#include "odt/odt_writer.hpp"

namespace trame::odt {
namespace {

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\n"), e = s.find_last_not_of(" \t\n");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

// "CPTS, essai; santé" -> {"CPTS", "essai", "santé"}: one meta:keyword each, as ODF asks.
std::vector<std::string> split_keywords(const std::string& keywords) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= keywords.size()) {
    size_t end = keywords.find_first_of(",;", start);
    if (end == std::string::npos) end = keywords.size();
    if (std::string k = trim(std::string_view(keywords).substr(start, end - start)); !k.empty()) out.push_back(k);
    start = end + 1;
  }
  return out;
}

// "YYYY-MM-DD" -> "YYYY-MM-DDT00:00:00"; anything else is left out rather than written invalid.
std::string date_time(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return {};
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (date[i] < '0' || date[i] > '9') return {};
  return date + "T00:00:00";
}

}  // namespace

std::string meta_xml(const doc::Document& d) {
  XmlWriter w;
  w.start("office:document-meta");
  w.attr("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0")
      .attr("xmlns:meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0")
      .attr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
      .attr("office:version", "1.3");
  w.start("office:meta");
  w.start("meta:generator").text(std::string("Trame/") + TRAME_VERSION).end();
  if (!d.meta.title.empty()) w.start("dc:title").text(d.meta.title).end();
  if (!d.meta.subject.empty()) w.start("dc:subject").text(d.meta.subject).end();
  for (const auto& k : split_keywords(d.meta.keywords)) w.start("meta:keyword").text(k).end();
  if (!d.meta.author.empty()) {
    w.start("meta:initial-creator").text(d.meta.author).end();
    w.start("dc:creator").text(d.meta.author).end();
  }
  if (std::string when = date_time(d.meta.date); !when.empty()) {
    w.start("meta:creation-date").text(when).end();
    w.start("dc:date").text(when).end();
  }
  if (!d.meta.language.empty()) w.start("dc:language").text(d.meta.language).end();
  w.end();
  w.end();
  return w.finish();
}

std::string manifest_xml(const std::vector<std::pair<std::string, std::string>>& pictures) {
  XmlWriter w;
  w.start("manifest:manifest").attr("xmlns:manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0")
      .attr("manifest:version", "1.3");
  w.start("manifest:file-entry").attr("manifest:full-path", "/").attr("manifest:version", "1.3")
      .attr("manifest:media-type", kMimeType).end();
  for (const char* part : {"content.xml", "styles.xml", "meta.xml"})
    w.start("manifest:file-entry").attr("manifest:full-path", part).attr("manifest:media-type", "text/xml").end();
  for (const auto& [path, type] : pictures)
    w.start("manifest:file-entry").attr("manifest:full-path", path).attr("manifest:media-type", type).end();
  w.end();
  return w.finish();
}

}  // namespace trame::odt
