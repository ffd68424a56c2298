#include "pdf/drawer.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "document/document.hpp"
#include "pdf/image.hpp"
#include "pdf/pdf_file.hpp"

namespace trame::pdf {

void Drawer::colour(const Rgb& c, const char* op) {
  std::string& b = page_.ops;
  append_number(b, c.r, 10000), b += ' ';
  append_number(b, c.g, 10000), b += ' ';
  append_number(b, c.b, 10000), b += ' ';
  b += op;
  b += '\n';
}

void Drawer::num(double v) {
  append_number(page_.ops, v, 1000);
  page_.ops += ' ';
}

void Drawer::rect(const RectOp& r) {
  colour(r.fill, "rg");
  num(r.x), num(r.y), num(r.w), num(r.h);
  page_.ops += "re\nf\n";
}

void Drawer::stroke(const LineOp* begin, const LineOp* end) {
  if (begin == end) return;
  colour(begin->colour, "RG");
  num(begin->width);
  page_.ops += "w\n";
  for (const LineOp* l = begin; l != end; ++l) {
    num(l->x1), num(l->y1);
    page_.ops += "m\n";
    num(l->x2), num(l->y2);
    page_.ops += "l\n";
  }
  page_.ops += "S\n";
}

void Drawer::begin_text() {
  current_font_ = -1;
  current_size_ = 0;
  current_colour_ = Rgb{-1, -1, -1};
  line_x_ = line_y_ = 0;
  page_.ops += "BT\n";
}

void Drawer::end_text() {
  end_marked();
  page_.ops += "ET\n";
}

void Drawer::mark(int tag) {
  if (!tree || tag == open_tag_) return;
  end_marked();
  open_tag_ = tag;
  if (tag == kArtifact) {
    page_.ops += "/Artifact BMC\n";
    return;
  }
  const int mcid = static_cast<int>(page_.mcid_parents.size());
  page_.mcid_parents.push_back(tag);
  tree->content(tag, page_index, mcid);
  page_.ops += '/';
  page_.ops += (*tree)[tag].type;
  page_.ops += "<</MCID ";
  page_.ops += std::to_string(mcid);
  page_.ops += ">>BDC\n";
}

void Drawer::end_marked() {
  if (open_tag_ == kNone) return;
  page_.ops += "EMC\n";
  open_tag_ = kNone;
}

void Drawer::watermark(const std::string& label, int style, double page_w, double page_h, const Rgb& colour) {
  const double angle = std::atan2(page_h, page_w);
  const double size = 110;
  const double w = fonts_.width(label, style, size);
  // The text's middle (half its width along the diagonal, a third of its size across) at the page's centre.
  const double c = std::cos(angle), s = std::sin(angle);
  const double x = page_w / 2 - c * w / 2 + s * size * 0.35, y = page_h / 2 - s * w / 2 - c * size * 0.35;
  mark(kArtifact);
  begin_text();
  for (double v : {c, s, -s, c, x, y}) num(v);
  page_.ops += "Tm\n";
  text({0, 0, size, style, colour, label});
  page_.ops += "ET\n";
  end_marked();
}

void Drawer::text(const TextOp& op) {
  mark(op.tag);
  std::string& b = page_.ops;
  if (op.colour.r != current_colour_.r || op.colour.g != current_colour_.g || op.colour.b != current_colour_.b) {
    colour(op.colour, "rg");
    current_colour_ = op.colour;
  }
  std::string field;
  if (op.field >= 0) field = std::to_string(op.field == doc::Field::PageNumber ? page_number : page_count);
  const std::string_view utf8 = op.field >= 0 ? std::string_view(field) : std::string_view(op.utf8);
  const long long tx = std::llround(op.x * 1000), ty = std::llround(op.y * 1000);
  append_number(b, static_cast<double>(tx - line_x_) / 1000.0), b += ' ';
  append_number(b, static_cast<double>(ty - line_y_) / 1000.0);
  b += " Td\n";
  line_x_ = tx;
  line_y_ = ty;
  // Runs of one font; each Tj/TJ moves the text position past its glyphs (the /W widths
  // are the layout's), so runs follow each other with no move in between.
  const bool justified = op.word_spacing != 0;
  b.reserve(b.size() + 3 * utf8.size() + 64);
  std::string adjust;  // after each space of a justified line: -extra / size in thousandths
  if (justified) {
    adjust = ")";
    append_number(adjust, -op.word_spacing * 1000.0 / op.size, 1000);
    adjust += "(";
  }
  bool open = false;
  auto close = [&] {
    if (open) b += justified ? ")]TJ\n" : ")Tj\n";
    open = false;
  };
  for (size_t i = 0; i < utf8.size();) {
    const unsigned char c0 = static_cast<unsigned char>(utf8[i]);
    const char32_t cp = c0 < 0x80 ? (++i, c0) : next_code_point(utf8, i);
    if (cp < 0x20) continue;
    const Glyph& g = fonts_.glyph(op.style, cp);
    if (op.style != last_style_ || g.face != last_face_) {
      last_style_ = op.style;
      last_face_ = g.face;
      last_resource_ = embedded_.resource(op.style, g.face);
    }
    if (last_resource_ != current_font_ || op.size != current_size_) {
      close();
      b += "/F";
      b += std::to_string(last_resource_ + 1);
      b += ' ';
      append_number(b, op.size);
      b += " Tf\n";
      current_font_ = last_resource_;
      current_size_ = op.size;
    }
    if (!open) {
      b += justified ? "[(" : "(";
      open = true;
    }
    embedded_.use(last_resource_, g.gid, cp);
    // Two placeholder bytes, written with the subset's id by renumber().
    page_.glyphs.push_back({static_cast<uint32_t>(b.size()), static_cast<uint16_t>(last_resource_),
                            static_cast<uint16_t>(g.gid)});
    b.push_back('\0');
    b.push_back('\0');
    if (justified && cp == ' ') b += adjust;
  }
  close();
}

void Drawer::image(int resource, const ImageOp& op) { draw_image(page_.ops, resource, op.x, op.y, op.w, op.h); }

PageContent Drawer::take() {
  end_marked();
  PageContent out = std::move(page_);
  page_ = PageContent{};
  reserve();
  return out;
}

void renumber(PageContent& content, const EmbeddedFonts& embedded) {
  // The placeholders become the subset's ids, big-endian, in literal strings: the five
  // bytes a literal string cannot hold as they are (§7.3.4.2) are escaped.
  const std::string& in = content.ops;
  // At most one escape a byte, and 16 bytes of room for the short copies below.
  std::string out(in.size() + 2 * content.glyphs.size() + 16, '\0');
  char* w = out.data();
  size_t from = 0;
  auto put = [&w](unsigned char c) {
    switch (c) {
      case '(': case ')': case '\\': *w++ = '\\', *w++ = static_cast<char>(c); break;
      case '\n': *w++ = '\\', *w++ = 'n'; break;
      case '\r': *w++ = '\\', *w++ = 'r'; break;
      default: *w++ = static_cast<char>(c);
    }
  };
  for (const auto& at : content.glyphs) {
    // The operators between two glyphs; none between the glyphs of one run.
    if (const size_t gap = at.offset - from; gap > 0) {
      // Most gaps are a few bytes (a justified line's word spacing): one 16-byte copy,
      // of which the bytes past the gap are overwritten next, rather than a call.
      if (gap <= 16 && from + 16 <= in.size()) std::memcpy(w, in.data() + from, 16);
      else std::memcpy(w, in.data() + from, gap);
      w += gap;
    }
    const uint32_t g = embedded.renumber(at.resource, at.gid);
    put(static_cast<unsigned char>(g >> 8));
    put(static_cast<unsigned char>(g & 0xFF));
    from = at.offset + 2;
  }
  std::memcpy(w, in.data() + from, in.size() - from);
  w += in.size() - from;
  out.resize(static_cast<size_t>(w - out.data()));
  content.ops = std::move(out);
  content.glyphs.clear();
}

// The segments of [begin, end) with collinear horizontal or vertical ones joined.
std::vector<LineOp> merge_segments(const LineOp* begin, const LineOp* end) {
  struct Span {
    long long key;  // the fixed coordinate, in 1e-4 pt
    double fixed, lo, hi;
    bool operator<(const Span& o) const { return key != o.key ? key < o.key : lo < o.lo; }
  };
  std::vector<Span> vertical, horizontal;
  std::vector<LineOp> out;
  for (const LineOp* l = begin; l != end; ++l) {
    if (std::llround(l->x1 * 1e4) == std::llround(l->x2 * 1e4))
      vertical.push_back({std::llround(l->x1 * 1e4), l->x1, std::min(l->y1, l->y2), std::max(l->y1, l->y2)});
    else if (std::llround(l->y1 * 1e4) == std::llround(l->y2 * 1e4))
      horizontal.push_back({std::llround(l->y1 * 1e4), l->y1, std::min(l->x1, l->x2), std::max(l->x1, l->x2)});
    else
      out.push_back(*l);
  }
  auto join = [](std::vector<Span>& spans, auto emit) {
    std::sort(spans.begin(), spans.end());
    for (size_t i = 0; i < spans.size();) {
      Span cur = spans[i++];
      while (i < spans.size() && spans[i].key == cur.key && spans[i].lo <= cur.hi + 1e-4)
        cur.hi = std::max(cur.hi, spans[i++].hi);
      emit(cur);
    }
  };
  const Rgb colour = begin != end ? begin->colour : Rgb{};
  const double width = begin != end ? begin->width : 0;
  join(vertical, [&](const Span& s) { out.push_back({s.fixed, s.hi, s.fixed, s.lo, width, colour}); });
  join(horizontal, [&](const Span& s) { out.push_back({s.lo, s.fixed, s.hi, s.fixed, width, colour}); });
  return out;
}

}  // namespace trame::pdf
