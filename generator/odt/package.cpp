// The .odt package: a zip built in memory with libzip, "mimetype" first and
// stored (so readers find the media type at offset 38), the other parts
// deflated, every entry dated 1980-01-01 00:00 with no extra fields: the same
// document gives the same bytes.
#include <memory>
#include <vector>

#include <zip.h>

#include "common/diagnostic.hpp"
#include "odt/drawing.hpp"
#include "odt/namespaces.hpp"
#include "odt/odt_writer.hpp"

namespace trame::odt {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw Error(ErrorKind::Internal,
              Diagnostic{Severity::Error, "trame.odt.E001", "", 0, 0, "", "écriture du paquet ODT impossible : " + what});
}

struct SourceFree {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};
struct ArchiveDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};

struct Part {
  std::string name;
  std::string data;
  bool stored;
};

constexpr zip_uint16_t kDosTime = 0;                         // 00:00:00
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01

}  // namespace

std::string render(const doc::Document& document, const doc::Theme& theme, const std::vector<int>* toc_pages) {
  init_libxml();
  const auto images = pictures(document);  // Pictures/…, stored: PNG and JPEG are compressed already
  std::vector<std::pair<std::string, std::string>> listed;
  for (const auto& [path, data] : images) listed.emplace_back(path, media_type(*data));
  std::vector<Part> parts = {
      {"mimetype", kMimeType, true},
      {"content.xml", content_xml(document, theme, toc_pages), false},
      {"styles.xml", styles_xml(document, theme), false},
      {"meta.xml", meta_xml(document), false},
      {"META-INF/manifest.xml", manifest_xml(listed), false},
  };
  for (const auto& [path, data] : images) parts.push_back({path, data->bytes, true});

  zip_error_t err;
  zip_error_init(&err);
  // The buffer source holds the archive; kept alive past zip_close to read the bytes back.
  std::unique_ptr<zip_source_t, SourceFree> buffer(zip_source_buffer_create(nullptr, 0, 0, &err));
  if (!buffer) fail(zip_error_strerror(&err));
  zip_source_keep(buffer.get());
  std::unique_ptr<zip_t, ArchiveDiscard> archive(zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &err));
  if (!archive) {
    std::string why = zip_error_strerror(&err);
    zip_error_fini(&err);
    fail(why);
  }
  zip_t* za = archive.get();
  for (const auto& p : parts) {
    zip_source_t* s = zip_source_buffer(za, p.data.data(), p.data.size(), 0);  // the data outlives zip_close
    if (!s) fail(p.name);
    zip_int64_t idx = zip_file_add(za, p.name.c_str(), s, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
      zip_source_free(s);
      fail(std::string(p.name) + " : " + zip_strerror(za));
    }
    auto i = static_cast<zip_uint64_t>(idx);
    if (zip_set_file_compression(za, i, p.stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, p.stored ? 0 : 1) != 0 ||
        zip_file_set_dostime(za, i, kDosTime, kDosDate, 0) != 0)
      fail(std::string(p.name) + " : " + zip_strerror(za));
  }
  if (zip_close(za) != 0) fail(zip_strerror(za));
  archive.release();  // closed and freed by zip_close

  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(buffer.get(), &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(buffer.get()) != 0)
    fail("lecture du tampon");
  std::string out(st.size, '\0');
  zip_int64_t n = zip_source_read(buffer.get(), out.data(), st.size);
  zip_source_close(buffer.get());
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) fail("lecture du tampon");
  return out;
}

}  // namespace trame::odt
