#include "pdf/pdfa.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>

#include "common/diagnostic.hpp"
#include "common/files.hpp"
#include "pdf/deflate.hpp"
#include "pdf/pdf_file.hpp"

namespace trame::pdf {

namespace {

const char kCreator[] = "Trame";

std::string producer() { return std::string("Trame ") + TRAME_VERSION; }

bool iso_date(const std::string& d) {
  return d.size() == 10 && d[4] == '-' && d[7] == '-' &&
         std::all_of(d.begin(), d.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '-'; });
}

// "2025-03-03T00:00:00Z": the XMP form of the same instant as pdf_date.
std::string xmp_date(const std::string& iso) { return iso_date(iso) ? iso + "T00:00:00Z" : std::string(); }

std::string xml_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // XML 1.0 forbids most control characters; the info strings never hold them.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
    }
  }
  return out;
}

// The profile's bytes deflated, read once a process (a theme names one profile).
const std::string& icc_stream(const std::filesystem::path& icc) {
  static std::mutex m;
  static std::map<std::filesystem::path, std::unique_ptr<const std::string>> cache;
  std::lock_guard<std::mutex> lock(m);
  auto& slot = cache[icc];
  if (!slot) {
    std::string bytes;
    try {
      bytes = read_file(icc);
    } catch (const Error&) {
      throw Error(ErrorKind::Internal, Diagnostic{Severity::Error, "trame.pdf.E002", icc.string(), 0, 0, "",
                                                  "écriture du PDF/A impossible : profil de couleurs ICC illisible " +
                                                      icc.string()});
    }
    slot = std::make_unique<const std::string>(deflate_zlib(bytes, 6));
  }
  return *slot;
}

// The XMP packet (ISO 16684-1) of the document's metadata; `archive`: with the PDF/A-2
// identification, level a and PDF/UA-1 (with the extension schema PDF/A asks for pdfuaid)
// when `tagged`, level b otherwise.
std::string xmp(const doc::Metadata& meta, bool archive, bool tagged) {
  std::string x =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  auto alt = [](const char* name, const std::string& v) {
    return std::string("<") + name + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(v) + "</rdf:li></rdf:Alt></" +
           name + ">\n";
  };
  x += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n";
  x += "<dc:format>application/pdf</dc:format>\n";
  if (!meta.title.empty()) x += alt("dc:title", meta.title);
  if (!meta.author.empty()) x += "<dc:creator><rdf:Seq><rdf:li>" + xml_escape(meta.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
  if (!meta.subject.empty()) x += alt("dc:description", meta.subject);
  if (!meta.language.empty()) x += "<dc:language><rdf:Bag><rdf:li>" + xml_escape(meta.language) + "</rdf:li></rdf:Bag></dc:language>\n";
  x += "</rdf:Description>\n";
  x += "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n";
  x += std::string("<xmp:CreatorTool>") + kCreator + "</xmp:CreatorTool>\n";
  if (const std::string d = xmp_date(meta.date); !d.empty())
    x += "<xmp:CreateDate>" + d + "</xmp:CreateDate>\n<xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n";
  x += "</rdf:Description>\n";
  x += "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
  x += "<pdf:Producer>" + xml_escape(producer()) + "</pdf:Producer>\n";
  if (!meta.keywords.empty()) x += "<pdf:Keywords>" + xml_escape(meta.keywords) + "</pdf:Keywords>\n";
  x += "</rdf:Description>\n";
  if (archive)
    x += std::string("<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                     "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>") +
         (tagged ? "A" : "B") + "</pdfaid:conformance>\n</rdf:Description>\n";
  if (archive && tagged) {
    x += "<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
         "<pdfuaid:part>1</pdfuaid:part>\n</rdf:Description>\n"
         "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" "
         "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
         "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
         "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
         "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
         "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
         "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
         "<pdfaProperty:name>part</pdfaProperty:name>\n<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
         "<pdfaProperty:category>internal</pdfaProperty:category>\n"
         "<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>\n"
         "</rdf:li></rdf:Seq></pdfaSchema:property>\n"
         "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n</rdf:Description>\n";
  }
  x += "</rdf:RDF>\n</x:xmpmeta>\n";
  // Room to edit the packet in place, as XMP writers leave.
  for (int i = 0; i < 8; ++i) x += std::string(99, ' ') + "\n";
  return x + "<?xpacket end=\"w\"?>";
}

}  // namespace

std::string pdf_date(const std::string& iso) {
  return iso_date(iso) ? "D:" + iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + "000000Z" : std::string();
}

std::string info_dictionary(const doc::Metadata& meta) {
  std::string inf = "<<";
  auto entry = [&](const char* key, const std::string& v) {
    if (!v.empty()) inf += std::string("/") + key + " " + text_string(v);
  };
  entry("Title", meta.title);
  entry("Author", meta.author);
  entry("Subject", meta.subject);
  entry("Keywords", meta.keywords);
  entry("Creator", kCreator);
  entry("Producer", producer());
  if (const std::string date = pdf_date(meta.date); !date.empty())
    inf += "/CreationDate(" + date + ")/ModDate(" + date + ")";
  return inf + ">>";
}

ArchiveParts write_archive_parts(PdfFile& file, const doc::Metadata& meta, const std::filesystem::path& icc,
                                 bool tagged) {
  ArchiveParts parts;
  const bool archive = !icc.empty();
  parts.metadata = file.reserve();
  file.stream(parts.metadata, "/Type/Metadata/Subtype/XML", xmp(meta, archive, tagged), false);
  if (archive) {
    const int profile = file.reserve();
    file.stream(profile, "/N 3", icc_stream(icc), true);
    parts.output_intent = file.reserve();
    file.object(parts.output_intent,
                "<</Type/OutputIntent/S/GTS_PDFA1/OutputConditionIdentifier(sRGB IEC61966-2.1)"
                "/RegistryName(http://www.color.org)/Info(sRGB IEC61966-2.1)/DestOutputProfile " +
                    ref(profile) + ">>");
  }
  return parts;
}

std::string archive_catalog_entries(const ArchiveParts& parts, int struct_tree_root, const std::string& lang) {
  std::string cat = "/Metadata " + ref(parts.metadata);
  if (parts.output_intent) cat += "/OutputIntents[" + ref(parts.output_intent) + "]";
  if (struct_tree_root) cat += "/StructTreeRoot " + ref(struct_tree_root) + "/MarkInfo<</Marked true>>";
  // The document's language (§14.9.2.1), for screen readers and text-to-speech.
  if (!lang.empty() &&
      std::all_of(lang.begin(), lang.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }))
    cat += "/Lang(" + lang + ")";
  return cat + "/ViewerPreferences<</DisplayDocTitle true>>";
}

}  // namespace trame::pdf
