#include "pdf/fonts.hpp"

#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>

#include <hb-ot.h>
#include <hb.h>

#include "common/diagnostic.hpp"

namespace trame::pdf {

namespace {

int16_t be16(const char* p) { return static_cast<int16_t>((static_cast<uint8_t>(p[0]) << 8) | static_cast<uint8_t>(p[1])); }
int32_t be32(const char* p) {
  return static_cast<int32_t>((uint32_t{static_cast<uint8_t>(p[0])} << 24) | (uint32_t{static_cast<uint8_t>(p[1])} << 16) |
                              (uint32_t{static_cast<uint8_t>(p[2])} << 8) | uint32_t{static_cast<uint8_t>(p[3])});
}

// The bytes of one table of the face (empty if absent); the blob is released at return.
template <class F>
void with_table(hb_face_t* face, const char (&tag)[5], F&& f) {
  hb_blob_t* blob = hb_face_reference_table(face, HB_TAG(tag[0], tag[1], tag[2], tag[3]));
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  f(data, len);
  hb_blob_destroy(blob);
}

}  // namespace

const Face* Face::get(const std::filesystem::path& file, unsigned index) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, unsigned>, std::unique_ptr<Face>> faces;  // a null entry: unreadable
  std::lock_guard<std::mutex> lock(mutex);
  auto [it, added] = faces.try_emplace({file.string(), index});
  if (!added) return it->second.get();
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str());
  if (!blob) return nullptr;
  hb_face_t* hb = hb_face_create(blob, index);
  hb_blob_destroy(blob);
  if (hb_face_get_glyph_count(hb) == 0) {
    hb_face_destroy(hb);
    return nullptr;
  }
  std::unique_ptr<Face> f(new Face);
  f->face_ = hb;
  f->font_ = hb_font_create(hb);
  f->upem_ = hb_face_get_upem(hb);
  f->glyphs_ = hb_face_get_glyph_count(hb);
  hb_font_set_scale(f->font_, static_cast<int>(f->upem_), static_cast<int>(f->upem_));
  hb_font_make_immutable(f->font_);
  hb_face_make_immutable(hb);
  with_table(hb, "CFF ", [&](const char*, unsigned len) { f->cff_ = len > 0; });
  const double k = 1000.0 / f->upem_;
  auto scaled = [&](double v) { return static_cast<int>(std::lround(v * k)); };
  with_table(hb, "head", [&](const char* d, unsigned len) {
    if (len >= 44)
      f->bbox = {scaled(be16(d + 36)), scaled(be16(d + 38)), scaled(be16(d + 40)), scaled(be16(d + 42))};
  });
  with_table(hb, "post", [&](const char* d, unsigned len) {
    if (len >= 8) f->italic_angle = be32(d + 4) / 65536.0;
  });
  hb_position_t v = 0;
  if (hb_ot_metrics_get_position(f->font_, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v)) f->ascent = scaled(v);
  if (hb_ot_metrics_get_position(f->font_, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v)) f->descent = scaled(v);
  if (hb_ot_metrics_get_position(f->font_, HB_OT_METRICS_TAG_CAP_HEIGHT, &v)) f->cap_height = scaled(v);
  if (f->cap_height == 0) f->cap_height = f->ascent;
  char name[128];
  unsigned size = sizeof name;
  hb_ot_name_get_utf8(hb, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, name);
  // A PDF name: printable ASCII without delimiters.
  for (unsigned i = 0; i < size && name[i]; ++i) {
    const char c = name[i];
    if (c > 0x20 && c < 0x7F && !std::strchr("()<>[]{}/%#", c)) f->ps_name_ += c;
  }
  if (f->ps_name_.empty()) f->ps_name_ = "Font";
  return (it->second = std::move(f)).get();
}

Face::~Face() {
  hb_font_destroy(font_);
  hb_face_destroy(face_);
}

bool Face::glyph(char32_t cp, uint32_t& gid) const {
  hb_codepoint_t g = 0;
  if (!hb_font_get_nominal_glyph(font_, cp, &g)) return false;
  gid = g;
  return true;
}

int Face::width(uint32_t gid) const {
  return static_cast<int>(std::lround(hb_font_get_glyph_h_advance(font_, gid) * 1000.0 / upem_));
}

std::array<std::vector<const Face*>, 4> font_chains(const doc::Theme& theme) {
  std::array<std::vector<const Face*>, 4> chains;
  auto files = [](const doc::FontFamily& f) {
    return std::array<const std::filesystem::path*, 4>{&f.regular, &f.bold, &f.italic, &f.bold_italic};
  };
  for (int s = 0; s < 4; ++s) {
    const std::filesystem::path& own = *files(theme.font)[s];
    const Face* face = Face::get(own, theme.font.index);
    if (!face)
      throw Error(ErrorKind::Internal, Diagnostic{Severity::Error, "trame.pdf.E001", own.string(), 0, 0, "",
                                                  "écriture du PDF impossible : police illisible " + own.string()});
    chains[s].push_back(face);
    for (const auto& fallback : theme.fallbacks)
      if (const Face* f = Face::get(*files(fallback)[s], fallback.index)) chains[s].push_back(f);
  }
  return chains;
}

Fonts::Fonts(const doc::Theme& theme) : chains_(font_chains(theme)) {
  // The Latin-1 glyphs of the last font chains met on this thread (faces live as long as
  // the process): a batch's documents share them.
  thread_local std::array<std::vector<const Face*>, 4> last_chains;
  thread_local std::array<std::array<Glyph, 256>, 4> last_latin1;
  if (chains_ == last_chains) {
    latin1_ = last_latin1;
    return;
  }
  for (int s = 0; s < 4; ++s)
    for (char32_t c = 0; c < 256; ++c) latin1_[s][c] = c < 0x20 ? Glyph{0, 0, 0, true} : find(s, c);
  last_chains = chains_;
  last_latin1 = latin1_;
}

Glyph Fonts::find(int style, char32_t cp) const {
  const auto& chain = chains_[style];
  uint32_t gid = 0;
  for (size_t i = 0; i < chain.size(); ++i)
    if (chain[i]->glyph(cp, gid))
      return Glyph{gid, static_cast<int16_t>(chain[i]->width(gid)), static_cast<uint8_t>(i), true};
  return Glyph{0, static_cast<int16_t>(chain[0]->width(0)), 0, false};
}

const Glyph& Fonts::lookup(int style, char32_t cp) {
  const uint64_t key = (uint64_t(style) << 32) | cp;
  auto it = others_.find(key);
  if (it == others_.end()) {
    Glyph g;
    // No-break spaces a font lacks print as its no-break space; the non-breaking hyphen as '-'.
    if (cp == 0x202F || cp == 0x2007) {
      g = find(style, cp);
      if (!g.found) g = find(style, 0xA0);
    } else if (cp == 0x2011) {
      g = find(style, cp);
      if (!g.found) g = find(style, '-');
    } else {
      g = find(style, cp);
    }
    it = others_.emplace(key, g).first;
  }
  return it->second;
}

double Fonts::width(std::string_view utf8, int style, double size) {
  long units = 0;
  const auto& latin1 = latin1_[style];
  for (size_t i = 0; i < utf8.size();) {
    const unsigned char b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      units += latin1[b].width;
      ++i;
    } else if ((b == 0xC2 || b == 0xC3) && i + 1 < utf8.size() &&
               (static_cast<unsigned char>(utf8[i + 1]) & 0xC0) == 0x80) {
      // U+0080 to U+00FF in two bytes (é, à, ç, « », the no-break space).
      units += latin1[((b & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu)].width;
      i += 2;
    } else {
      units += lookup(style, next_code_point(utf8, i)).width;
    }
  }
  return units * size / 1000.0;
}

char32_t next_code_point(std::string_view s, size_t& i) {
  const unsigned char b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) {
    const unsigned char c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += len;
  return cp;
}

}  // namespace trame::pdf
