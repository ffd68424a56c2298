// The PDF writer: lays the document out (layout.cpp), draws each page (drawer.cpp),
// embeds the fonts drawn with (font_embed.cpp) and writes the file's objects
// (pdf_file.cpp): catalog, page tree, outline, information dictionary.
#include "pdf/pdf_writer.hpp"

#include <algorithm>
#include <memory>

#include "common/diagnostic.hpp"
#include "pdf/deflate.hpp"
#include "pdf/drawer.hpp"
#include "pdf/font_embed.hpp"
#include "pdf/fonts.hpp"
#include "pdf/image.hpp"
#include "pdf/layout.hpp"
#include "pdf/pdf_file.hpp"
#include "pdf/pdfa.hpp"
#include "pdf/structure.hpp"
#include "pdf/signature_fields.hpp"

namespace trame::pdf {

using namespace doc;

namespace {

constexpr int kContentLevel = 1;  // libdeflate level of page contents (docs/performance.md)

// Text cut at a word (or character) boundary with an ellipsis to fit in max_width.
std::string fit(Fonts& fonts, const std::string& text, int style, double size, double max_width) {
  if (fonts.width(text, style, size) <= max_width) return text;
  std::string t = text;
  while (!t.empty()) {
    size_t cut = t.find_last_of(' ');
    if (cut != std::string::npos && cut > 0) {
      t.resize(cut);
    } else {
      // drop one UTF-8 character: its continuation bytes, then its lead byte
      while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80) t.pop_back();
      if (!t.empty()) t.pop_back();
    }
    if (fonts.width(t + " …", style, size) <= max_width) return t + " …";
  }
  return std::string("…");
}

// The outline (bookmarks, §12.3.3): one item a heading, nested by level, closed.
void write_outline(PdfFile& file, int root, const std::vector<HeadingMark>& headings,
                   const std::vector<int>& page_objects) {
  struct Item {
    int object, parent, first = 0, last = 0, prev = 0, next = 0, count = 0;
    const HeadingMark* mark;
  };
  std::vector<Item> items;
  items.reserve(headings.size());
  std::vector<size_t> stack;  // open ancestors (indices into items)
  int top_first = 0, top_last = 0, top_count = 0;
  for (const auto& h : headings) {
    while (!stack.empty() && items[stack.back()].mark->level >= h.level) stack.pop_back();
    Item it{file.reserve(), stack.empty() ? root : items[stack.back()].object, 0, 0, 0, 0, 0, &h};
    int& first = stack.empty() ? top_first : items[stack.back()].first;
    int& last = stack.empty() ? top_last : items[stack.back()].last;
    if (!first) first = it.object;
    if (last) {
      it.prev = last;
      for (auto& o : items)
        if (o.object == last) o.next = it.object;
    }
    last = it.object;
    if (stack.empty()) ++top_count;
    else ++items[stack.back()].count;
    items.push_back(it);
    stack.push_back(items.size() - 1);
  }
  for (const auto& it : items) {
    std::string o = "<</Title " + text_string(it.mark->title) + "/Parent " + ref(it.parent);
    if (it.prev) o += "/Prev " + ref(it.prev);
    if (it.next) o += "/Next " + ref(it.next);
    if (it.first) o += "/First " + ref(it.first) + "/Last " + ref(it.last) + "/Count -" + std::to_string(it.count);
    o += "/Dest[" + ref(page_objects[static_cast<size_t>(it.mark->page)]) + "/FitH ";
    append_number(o, it.mark->y);
    file.object(it.object, o + "]>>");
  }
  file.object(root, "<</Type/Outlines/First " + ref(top_first) + "/Last " + ref(top_last) + "/Count " +
                        std::to_string(top_count) + ">>");
}

// The document on pages; fields measured with as many digits as the page count has.
LaidOut final_layout(const Document& document, const Theme& theme, Fonts& fonts) {
  LaidOut layout = lay_out(document, theme, fonts);
  if (layout.has_fields) {
    const int digits = static_cast<int>(std::to_string(layout.pages.size()).size());
    if (digits != 2) layout = lay_out(document, theme, fonts, digits);
  }
  return layout;
}

}  // namespace

std::vector<int> heading_pages(const Document& document, const Theme& theme) {
  Fonts fonts(theme);
  std::vector<int> pages;
  for (const auto& h : final_layout(document, theme, fonts).headings) pages.push_back(h.page + 1);
  return pages;
}

std::string render(const Document& document, const Theme& theme, const Options& options) {
  Fonts fonts(theme);
  LaidOut layout = final_layout(document, theme, fonts);

  if (options.heading_pages)
    for (const auto& h : layout.headings) options.heading_pages->push_back(h.page + 1);

  PdfFile file;
  const int catalog = file.reserve(), page_tree = file.reserve(), resources = file.reserve(), info = file.reserve();
  const int outline = layout.headings.empty() ? 0 : file.reserve();
  const int total = static_cast<int>(layout.pages.size());
  std::vector<int> page_objects, content_objects;
  for (int i = 0; i < total; ++i) {
    page_objects.push_back(file.reserve());
    content_objects.push_back(file.reserve());
  }
  SignatureFields signature_fields(file, layout.signature_areas);

  EmbeddedFonts embedded(fonts);
  Drawer draw(fonts, embedded);
  EmbeddedImages images;
  const double page_w = mm_to_pt(theme.page_width_mm), page_h = mm_to_pt(theme.page_height_mm);
  const double left = mm_to_pt(theme.margin_left_mm), right = page_w - mm_to_pt(theme.margin_right_mm);
  std::vector<PageContent> contents;
  contents.reserve(layout.pages.size());
  StructTree& tree = layout.tree;
  if (options.tagged) draw.tree = &tree;
  // Link annotations of each page (§12.5.6.5), as dictionaries: printed (/F 4, as PDF/A
  // asks), described (/Contents, as PDF/UA asks), each in the Link element `tag`.
  std::vector<std::vector<std::string>> annotations(layout.pages.size());
  std::vector<std::vector<bool>> annotation_tagged(layout.pages.size());
  auto link = [&](int page, double x0, double y0, double x1, double y1, const std::string& action,
                  const std::string& description, int tag) {
    std::string a = "<</Type/Annot/Subtype/Link/F 4/Border[0 0 0]/Rect[";
    for (double v : {x0, y0, x1, y1}) append_number(a, v), a += ' ';
    a.back() = ']';
    auto& list = annotations[static_cast<size_t>(page)];
    if (!options.tagged) tag = kArtifact;
    if (tag >= 0) tree.annotation(tag, page, static_cast<int>(list.size()));
    annotation_tagged[static_cast<size_t>(page)].push_back(tag >= 0);
    list.push_back(a + "/Contents " + text_string(description) + action);  // closed once /StructParent is known
  };
  for (int i = 0; i < total; ++i) {
    const Page& p = layout.pages[static_cast<size_t>(i)];
    draw.page_index = i;
    if (document.meta.draft) draw.watermark("PROJET", Bold, page_w, page_h, theme.watermark);
    // Fills and rules: artifacts.
    draw.mark(kArtifact);
    for (const auto& r : p.rects) draw.rect(r);
    // Decorative images (no text alternative): artifacts.
    for (const auto& im : p.images)
      if (im.tag == kArtifact) draw.image(images.resource(im.data), im);
    // Lines: consecutive ones of the same colour and width form one path, stroked once,
    // in which collinear segments that touch or overlap (a column's borders row after
    // row, the bottom of a row and the top of the next) are one segment.
    for (size_t k = 0; k < p.lines.size();) {
      const LineOp& first = p.lines[k];
      size_t end = k;
      while (end < p.lines.size() && p.lines[end].width == first.width && p.lines[end].colour.r == first.colour.r &&
             p.lines[end].colour.g == first.colour.g && p.lines[end].colour.b == first.colour.b)
        ++end;
      const std::vector<LineOp> merged = merge_segments(p.lines.data() + k, p.lines.data() + end);
      draw.stroke(merged.data(), merged.data() + merged.size());
      k = end;
    }
    draw.end_marked();
    // Running header and footer.
    const double hs = theme.header_footer_size;
    const double hy = page_h - mm_to_pt(theme.header_offset_mm);
    const LineOp rule{left, hy - 4, right, hy - 4, 0.5, theme.rule};
    draw.stroke(&rule, &rule + 1);
    const std::string footer = "Page " + std::to_string(i + 1) + " / " + std::to_string(total);
    const double fw = fonts.width(footer, Regular, hs);
    // The running header (left) within its half of the line; the title in what remains.
    const std::string running_header = fit(fonts, document.meta.header, Regular, hs, (right - left) / 2 - 12);
    const double hw = fonts.width(running_header, Regular, hs);
    const std::string running_title = fit(fonts, document.meta.title, Regular, hs, std::max(0.0, right - left - hw - 24));
    const double tw = fonts.width(running_title, Regular, hs);
    draw.page_number = i + 1;
    draw.page_count = total;
    draw.begin_text();
    // Table of contents lines of this page: titles, dot leaders (artifacts) and the page where
    // each heading landed, drawn at their place among the page's texts (reading order).
    // (The slots and signature areas of this page, in their order, looked up once a page
    // rather than once a text.)
    std::vector<const decltype(layout.toc_slots)::value_type*> page_slots;
    for (const auto& slot : layout.toc_slots)
      if (slot.page == i) page_slots.push_back(&slot);
    std::vector<const decltype(layout.signature_areas)::value_type*> page_areas;
    for (const auto& a : layout.signature_areas)
      if (options.tagged && a.page == i && a.tag >= 0) page_areas.push_back(&a);
    auto toc_lines = [&](size_t text_index) {
      for (const auto* slot_at : page_slots) {
        const auto& slot = *slot_at;
        if (slot.text_index != text_index || slot.heading >= layout.headings.size()) continue;
        const auto& h = layout.headings[slot.heading];
        const double size = theme.body_size;
        const int style = slot.level == 1 ? Bold : Regular;
        const double indent = 14.0 * (slot.level - 1);
        const std::string num = std::to_string(h.page + 1);
        const double nw = fonts.width(num, style, size);
        const std::string title = fit(fonts, h.title, style, size, right - left - indent - nw - 24);
        draw.text({left + indent, slot.y, size, style, theme.text, title, -1, 0, slot.tag});
        const double start = left + indent + fonts.width(title, style, size) + 6, end = right - nw - 6;
        const double pair = fonts.width(". ", Regular, size);
        const int count = pair > 0 ? static_cast<int>((end - start) / pair) : 0;
        std::string dots;
        for (int k = 0; k < count; ++k) dots += ". ";
        if (!dots.empty()) draw.text({end - fonts.width(dots, Regular, size), slot.y, size, Regular, theme.muted, dots});
        draw.text({right - nw, slot.y, size, style, theme.text, num, -1, 0, slot.tag});
        std::string dest = "/Dest[" + ref(page_objects[static_cast<size_t>(h.page)]) + "/FitH ";
        append_number(dest, h.y);
        link(i, left + indent, slot.y - size * 0.3, right, slot.y + size * 0.9, dest + "]",
             h.title + ", page " + num, slot.tag);
      }
    };
    // Figures (drawn between text objects) and signature fields' Form elements, at their
    // place among the page's texts (reading order).
    auto placed = [&](size_t text_index) {
      for (const auto& im : p.images)
        if (im.tag != kArtifact && im.text_index == text_index) {
          draw.end_text();
          draw.mark(im.tag);
          draw.image(images.resource(im.data), im);
          draw.end_marked();
          draw.begin_text();
        }
      for (const auto* a : page_areas)
        if (a->text_index == text_index) tree.attach(a->tag);
    };
    for (size_t k = 0; k < p.texts.size(); ++k) {
      toc_lines(k);
      placed(k);
      draw.text(p.texts[k]);
    }
    toc_lines(p.texts.size());
    placed(p.texts.size());
    // Links in the text: each in the Link element of its word, after the word's content.
    for (const auto& l : p.links) {
      std::string uri;  // a PDF string of ASCII (link_target keeps ASCII only in e-mail addresses)
      for (char c : l.uri) {
        if (c == '(' || c == ')' || c == '\\') uri += '\\';
        uri += c;
      }
      const int tag = l.text >= 0 ? p.texts[static_cast<size_t>(l.text)].tag : kArtifact;
      const bool mail = l.uri.rfind("mailto:", 0) == 0;
      link(i, l.x0, l.y0, l.x1, l.y1, "/A<</S/URI/URI(" + uri + ")>>",
           (mail ? "Écrire à " + l.uri.substr(7) : "Ouvrir " + l.uri), tag);
    }
    if (options.tagged) signature_fields.tag(tree, i, static_cast<int>(annotations[static_cast<size_t>(i)].size()));
    // Running header and footer: artifacts (texts of no element).
    draw.text({left, hy, hs, Regular, theme.muted, running_header});
    draw.text({right - tw, hy, hs, Regular, theme.muted, running_title});
    draw.text({(page_w - fw) / 2, mm_to_pt(theme.footer_offset_mm), hs, Regular, theme.muted, footer});
    draw.end_text();
    contents.push_back(draw.take());
  }

  file.object(resources, "<</Font<<" + embedded.write(file) + ">>" +
                            (images.empty() ? "/ProcSet[/PDF/Text]" : "/XObject<<" + images.write(file) + ">>/ProcSet[/PDF/Text/ImageB/ImageC]") + ">>");
  std::vector<std::vector<int>> mcid_parents(static_cast<size_t>(total)), annotation_objects(static_cast<size_t>(total)),
      annotation_keys(static_cast<size_t>(total));
  int next_key = total;  // parent tree keys: one a page (its StructParents), then one an annotation
  std::string kids;
  std::string media_box = "[0 0 ";
  append_number(media_box, page_w);
  media_box += ' ';
  append_number(media_box, page_h);
  media_box += ']';
  for (int i = 0; i < total; ++i) {
    PageContent& c = contents[static_cast<size_t>(i)];
    renumber(c, embedded);
    if (options.compress) file.stream(content_objects[i], "", deflate_zlib(c.ops, kContentLevel), true);
    else file.stream(content_objects[i], "", c.ops, false);
    std::string annots;
    for (size_t k = 0; k < annotations[static_cast<size_t>(i)].size(); ++k) {
      const std::string& a = annotations[static_cast<size_t>(i)][k];
      const int n = file.reserve();
      const int key = annotation_tagged[static_cast<size_t>(i)][k] ? next_key++ : -1;
      file.object(n, a + (key >= 0 ? "/StructParent " + std::to_string(key) : std::string()) + ">>");
      annotation_objects[static_cast<size_t>(i)].push_back(n);
      annotation_keys[static_cast<size_t>(i)].push_back(key);
      annots += (annots.empty() ? "" : " ") + ref(n);
    }
    if (!signature_fields.empty()) {
      signature_fields.number(i, options.tagged, next_key, annotation_objects[static_cast<size_t>(i)],
                              annotation_keys[static_cast<size_t>(i)]);
      annots += signature_fields.annotations_of(i);
      if (!annots.empty() && annots[0] == ' ') annots.erase(0, 1);
    }
    mcid_parents[static_cast<size_t>(i)] = std::move(c.mcid_parents);
    // /Tabs /S: the tab order of the annotations follows the structure (PDF/UA).
    file.object(page_objects[i], "<</Type/Page/Parent " + ref(page_tree) + "/MediaBox" + media_box + "/Resources " +
                                     ref(resources) + "/Contents " + ref(content_objects[i]) +
                                     (options.tagged ? "/StructParents " + std::to_string(i) : std::string()) +
                                     (annots.empty() ? "" : "/Annots[" + annots + "]/Tabs/S") + ">>");
    kids += (i ? " " : "") + ref(page_objects[i]);
  }
  file.object(page_tree, "<</Type/Pages/Kids[" + kids + "]/Count " + std::to_string(total) + ">>");
  if (outline) write_outline(file, outline, layout.headings, page_objects);
  signature_fields.write(file, page_objects);

  // Information dictionary; dates from the dossier, never the clock.
  file.object(info, info_dictionary(document.meta));
  const int struct_tree =
      options.tagged ? tree.write(file, page_objects, mcid_parents, annotation_objects, annotation_keys) : 0;
  const ArchiveParts archive = write_archive_parts(file, document.meta, options.pdf_a ? theme.icc_profile : std::filesystem::path(), options.tagged);

  std::string cat = "<</Type/Catalog/Pages " + ref(page_tree);
  if (outline) cat += "/Outlines " + ref(outline) + "/PageMode/UseOutlines";
  cat += archive_catalog_entries(archive, struct_tree, document.meta.language);
  cat += signature_fields.catalog_entry();
  file.object(catalog, cat + ">>");
  // The /ID is the content's hash (PDF/A asks for an ID; `trame signer` checks it).
  return file.finish(catalog, info, true);
}

}  // namespace trame::pdf
