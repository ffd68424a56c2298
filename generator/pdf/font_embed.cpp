#include "pdf/font_embed.hpp"

#include <map>
#include <memory>
#include <mutex>

#include <hb-subset.h>
#include <hb.h>

#include "common/diagnostic.hpp"
#include "pdf/deflate.hpp"

namespace trame::pdf {

namespace {

constexpr int kFontLevel = 6;  // libdeflate level of font programs (kept across documents, see subset())

// A subset font program, deflated, and the full font's glyph id of each of its glyphs.
struct Subset {
  std::string program;
  std::vector<uint32_t> old_gid;
};

std::shared_ptr<const Subset> make_subset(const Face& face, const std::vector<uint32_t>& gids) {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) throw std::bad_alloc();
  hb_set_t* glyphs = hb_subset_input_glyph_set(input);
  for (uint32_t g : gids) hb_set_add(glyphs, g);
  // No hinting (print and viewers do without), no layout tables (glyphs are placed here).
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "kern", "hdmx", "VORG", "vhea", "vmtx", "DSIG", "gasp"})
    hb_set_add(drop, HB_TAG(tag[0], tag[1], tag[2], tag[3]));
  hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(face.hb_face(), input);
  hb_subset_input_destroy(input);
  hb_face_t* result = plan ? hb_subset_plan_execute_or_fail(plan) : nullptr;
  if (!result) {
    if (plan) hb_subset_plan_destroy(plan);
    throw Error(ErrorKind::Internal, Diagnostic{Severity::Error, "trame.pdf.E002", "", 0, 0, "",
                                                "écriture du PDF impossible : sous-ensemble de la police " +
                                                    face.postscript_name() + " impossible"});
  }
  auto out = std::make_shared<Subset>();
  const hb_map_t* new_to_old = hb_subset_plan_new_to_old_glyph_mapping(plan);
  const unsigned count = hb_face_get_glyph_count(result);
  out->old_gid.resize(count);
  for (unsigned g = 0; g < count; ++g) {
    const hb_codepoint_t old = hb_map_get(new_to_old, g);
    out->old_gid[g] = old == HB_MAP_VALUE_INVALID ? 0 : old;
  }
  hb_blob_t* blob = hb_face_reference_blob(result);
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  out->program = deflate_zlib({data, len}, kFontLevel);
  hb_blob_destroy(blob);
  hb_face_destroy(result);
  hb_subset_plan_destroy(plan);
  return out;
}

// Subsetting and deflating a font costs about as much as laying out a short document;
// the same glyphs of the same font recur across the documents of a pack or batch, so
// the last subsets made are kept for the process (bounded).
std::shared_ptr<const Subset> subset(const Face& face, const std::vector<uint32_t>& gids) {
  static std::mutex mutex;
  static std::map<std::pair<const Face*, std::vector<uint32_t>>, std::shared_ptr<const Subset>> cache;
  std::pair<const Face*, std::vector<uint32_t>> key{&face, gids};
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  auto made = make_subset(face, gids);
  std::lock_guard<std::mutex> lock(mutex);
  if (cache.size() >= 256) cache.clear();
  cache.emplace(std::move(key), made);
  return made;
}

void hex4(std::string& out, uint32_t v) {
  static const char* hex = "0123456789ABCDEF";
  for (int shift = 12; shift >= 0; shift -= 4) out += hex[(v >> shift) & 0xF];
}

// The ToUnicode CMap (ISO 32000-1 §9.10.3; Adobe technical note 5411): each glyph id
// of the subset to the UTF-16BE text it was drawn for, by blocks of at most 100.
std::string to_unicode(const std::vector<std::pair<uint32_t, char32_t>>& map) {
  std::string s =
      "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n"
      "/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n";
  for (size_t i = 0; i < map.size(); i += 100) {
    const size_t n = std::min<size_t>(100, map.size() - i);
    s += std::to_string(n) + " beginbfchar\n";
    for (size_t k = i; k < i + n; ++k) {
      s += '<';
      hex4(s, map[k].first);
      s += "><";
      const char32_t cp = map[k].second;
      if (cp >= 0x10000) {
        hex4(s, 0xD800 + ((cp - 0x10000) >> 10));
        hex4(s, 0xDC00 + ((cp - 0x10000) & 0x3FF));
      } else {
        hex4(s, cp);
      }
      s += ">\n";
    }
    s += "endbfchar\n";
  }
  s += "endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n";
  return s;
}

// The ToUnicode CMap, deflated: the same font and codes recur across a pack's or a
// batch's documents, so the last ones made on this thread are kept (bounded).
const std::string& deflated_to_unicode(const Face& face, const std::vector<std::pair<uint32_t, char32_t>>& cmap) {
  thread_local std::map<std::pair<const Face*, std::vector<std::pair<uint32_t, char32_t>>>, std::string> kept;
  auto key = std::make_pair(&face, cmap);
  if (auto it = kept.find(key); it != kept.end()) return it->second;
  if (kept.size() >= 64) kept.clear();
  return kept.emplace(std::move(key), deflate_zlib(to_unicode(cmap), 1)).first->second;
}

// Six capital letters naming a subset (§9.6.4), from its glyphs: same glyphs, same tag.
std::string subset_tag(const Face& face, const std::vector<uint32_t>& gids) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
  for (char c : face.postscript_name()) mix(static_cast<unsigned char>(c));
  for (uint32_t g : gids) mix(g);
  std::string tag;
  for (int i = 0; i < 6; ++i, h /= 26) tag += static_cast<char>('A' + h % 26);
  return tag;
}

}  // namespace

int EmbeddedFonts::resource(int style, int face) {
  for (size_t i = 0; i < used_.size(); ++i)
    if (used_[i].style == style && used_[i].face == face) return static_cast<int>(i);
  const Face& f = fonts_.face(style, face);
  used_.push_back(Used{style, face, &f, std::vector<char32_t>(f.glyph_count(), 0), {}});
  return static_cast<int>(used_.size() - 1);
}

std::string EmbeddedFonts::write(PdfFile& file) {
  std::string resources;
  for (size_t r = 0; r < used_.size(); ++r) {
    Used& u = used_[r];
    const Face& face = *u.font;
    std::vector<uint32_t> gids;
    for (uint32_t g = 0; g < u.unicode.size(); ++g)
      if (u.unicode[g] != 0 || g == 0) gids.push_back(g);
    const auto sub = subset(face, gids);
    u.new_gid.assign(u.unicode.size(), 0);
    std::vector<std::pair<uint32_t, char32_t>> cmap;
    std::string widths = "[0[";
    for (uint32_t n = 0; n < sub->old_gid.size(); ++n) {
      const uint32_t old = sub->old_gid[n];
      u.new_gid[old] = n;
      if (u.unicode[old] != 0) cmap.emplace_back(n, u.unicode[old]);
      if (n > 0) widths += ' ';
      widths += std::to_string(face.width(old));
    }
    widths += "]]";
    const std::string name = "/" + subset_tag(face, gids) + "+" + face.postscript_name();
    const int type0 = file.reserve(), cid = file.reserve(), descriptor = file.reserve(), program = file.reserve(),
              unicode = file.reserve();
    file.object(type0, "<</Type/Font/Subtype/Type0/BaseFont" + name + "/Encoding/Identity-H/DescendantFonts[" +
                           ref(cid) + "]/ToUnicode " + ref(unicode) + ">>");
    file.object(cid, std::string("<</Type/Font/Subtype/") + (face.cff() ? "CIDFontType0" : "CIDFontType2") +
                         "/BaseFont" + name +
                         "/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor " +
                         ref(descriptor) + "/W" + widths + (face.cff() ? "" : "/CIDToGIDMap/Identity") + ">>");
    std::string d = "<</Type/FontDescriptor/FontName" + name + "/Flags " +
                    std::to_string(32 + (face.italic_angle != 0 ? 64 : 0)) + "/FontBBox[";
    for (int k = 0; k < 4; ++k) d += (k ? " " : "") + std::to_string(face.bbox[k]);
    d += "]/ItalicAngle ";
    append_number(d, face.italic_angle, 100);
    d += "/Ascent " + std::to_string(face.ascent) + "/Descent " + std::to_string(face.descent) + "/CapHeight " +
         std::to_string(face.cap_height) + "/StemV 80" + (face.cff() ? "/FontFile3 " : "/FontFile2 ") +
         ref(program) + ">>";
    file.object(descriptor, d);
    file.stream(program, face.cff() ? "/Subtype/OpenType" : "", sub->program, true);
    file.stream(unicode, "", deflated_to_unicode(face, cmap), true);
    resources += "/F" + std::to_string(r + 1) + " " + ref(type0);
  }
  return resources;
}

}  // namespace trame::pdf
