// The .odt package: a zip with "mimetype" first and stored, the other parts
// deflated, fixed DOS timestamps, built in memory with libzip.
#include <mutex>
#include <stdexcept>

#include <libxml/parser.h>
#include <zip.h>

#include "common/diagnostic.hpp"
#include "odt/odt_writer.hpp"

namespace trame::odt {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw Error(ErrorKind::Internal,
              Diagnostic{Severity::Error, "trame.odt.E001", "", 0, 0, "", "écriture du paquet ODT impossible : " + what});
}

struct Part {
  const char* name;
  std::string data;
  bool store;
};

}  // namespace

std::string render(const doc::Document& document, const doc::Theme& theme) {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });

  std::vector<Part> parts;
  parts.push_back({"mimetype", "application/vnd.oasis.opendocument.text", true});
  parts.push_back({"content.xml", content_xml(document, theme), false});
  parts.push_back({"styles.xml", styles_xml(document, theme), false});
  parts.push_back({"meta.xml", meta_xml(document), false});
  parts.push_back({"META-INF/manifest.xml", manifest_xml(), false});

  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!buffer) fail(zip_error_strerror(&err));
  zip_source_keep(buffer);
  zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &err);
  if (!za) {
    zip_source_free(buffer);
    fail(zip_error_strerror(&err));
  }
  for (const auto& p : parts) {
    zip_source_t* s = zip_source_buffer(za, p.data.data(), p.data.size(), 0);
    zip_int64_t idx = s ? zip_file_add(za, p.name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) : -1;
    if (idx < 0) {
      if (s) zip_source_free(s);
      zip_discard(za);
      zip_source_free(buffer);
      fail(p.name);
    }
    zip_set_file_compression(za, idx, p.store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, p.store ? 0 : 6);
    // 1980-01-01 00:00, written as DOS fields: no clock, no time zone.
    zip_file_set_dostime(za, idx, 0, (0 << 9) | (1 << 5) | 1, 0);
  }
  if (zip_close(za) != 0) {
    std::string why = zip_strerror(za);
    zip_discard(za);
    zip_source_free(buffer);
    fail(why);
  }
  std::string out;
  zip_stat_t st;
  if (zip_source_stat(buffer, &st) != 0 || zip_source_open(buffer) != 0) {
    zip_source_free(buffer);
    fail("lecture du tampon");
  }
  out.resize(st.size);
  zip_int64_t n = zip_source_read(buffer, out.data(), st.size);
  zip_source_close(buffer);
  zip_source_free(buffer);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) fail("lecture du tampon");
  return out;
}

}  // namespace trame::odt
