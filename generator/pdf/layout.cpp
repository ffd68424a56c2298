#include "pdf/layout.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "pdf/chart.hpp"
#include "pdf/line_breaking.hpp"
#include "pdf/table_widths.hpp"

namespace trame::pdf {
namespace {

using namespace doc;

class Layout {
 public:
  // field_digits: digits reserved for a page number or count field (digits are all as wide).
  Layout(const Document& d, const Theme& t, Fonts& f, int field_digits = 2)
      : doc_(d), t_(t), fonts_(f), lb_(f, Hyphenator::get(t.hyphenation_dictionary), field_digits) {
    page_w_ = mm_to_pt(t.page_width_mm);
    page_h_ = mm_to_pt(t.page_height_mm);
    left_ = mm_to_pt(t.margin_left_mm);
    right_ = page_w_ - mm_to_pt(t.margin_right_mm);
    top_ = page_h_ - mm_to_pt(t.margin_top_mm);
    bottom_ = mm_to_pt(t.margin_bottom_mm);
  }

  std::vector<Page> pages;
  std::vector<HeadingMark> headings;
  std::vector<TocSlot> toc_slots;
  StructTree tree;
  std::vector<SignatureArea> signature_areas;

  void run() {
    for (const auto& b : doc_.blocks)
      if (const auto* toc = std::get_if<TableOfContents>(&b)) toc_depth_ = std::clamp(toc->depth, 1, 4);
    new_page();
    for (size_t i = 0; i < doc_.blocks.size(); ++i) {
      next_index_ = i + 1;
      block(doc_.blocks[i]);
    }
  }

  double width() const { return right_ - left_; }
  bool has_fields() const { return lb_.has_fields; }

 private:
  const Document& doc_;
  const Theme& t_;
  Fonts& fonts_;
  LineBreaker lb_;
  // Column widths of each table at the width they were computed for: a table measured
  // for a keep-with-next decision is laid out with the same widths.
  std::map<std::pair<const Table*, double>, std::vector<double>> column_widths_;
  int toc_depth_ = 2;  // headings down to this level go into the TOC and the outline
  double page_w_, page_h_, left_, right_, top_, bottom_;
  double y_ = 0;  // top of the free space on the current page
  size_t next_index_ = 0;  // the block after the one being laid out
  bool at_page_top_ = true;
  int tag_ = kArtifact;  // the structure element the texts laid out now belong to

  Page& page() { return pages.back(); }

  // Tags the texts added to the current page from index n0 with tag_, and each linked
  // word among them (links from index l0) with a Link element of its own inside tag_.
  void tag_texts(size_t n0, size_t l0) {
    Page& pg = page();
    for (size_t i = n0; i < pg.texts.size(); ++i) pg.texts[i].tag = tag_;
    if (tag_ == kArtifact) return;
    for (size_t i = l0; i < pg.links.size(); ++i)
      if (pg.links[i].text >= static_cast<int>(n0)) pg.texts[static_cast<size_t>(pg.links[i].text)].tag = tree.add("Link", tag_);
  }
  // Lays out a line (LineBreaker::draw_line) and tags its texts with tag_.
  void draw_line(const Line& line, double x, double baseline, double max_width, double size, Align align,
                 const Rgb& colour, bool as_last = false) {
    const size_t n0 = page().texts.size(), l0 = page().links.size();
    lb_.draw_line(line, x, baseline, max_width, size, align, colour, page(), as_last);
    tag_texts(n0, l0);
  }
  void new_page() {
    pages.emplace_back();
    y_ = top_;
    at_page_top_ = true;
  }
  void ensure(double h) {
    if (y_ - h < bottom_ && !at_page_top_) new_page();
  }

  double line_height(double size) const { return size * t_.line_height; }

  // Lays out a paragraph of inlines across pages; returns nothing, moves y_.
  void flow(const Inlines& content, double size, Align align, const Rgb& colour, double indent = 0,
            int base_style = Regular, const std::string& bullet = "", double right_indent = 0) {
    double w = width() - indent - right_indent;
    auto lines = lb_.break_lines(lb_.words_of(content, base_style), size, w, align == Align::Justify);
    double lh = line_height(size);
    for (size_t i = 0; i < lines.size(); ++i) {
      // Avoid a lone first line at the bottom (orphan) and a lone last line at the top (widow).
      bool orphan_guard = i == 0 && lines.size() >= 2;
      bool widow_guard = lines.size() >= 3 && i == lines.size() - 2;
      ensure(lh * ((orphan_guard || widow_guard) ? 2 : 1));
      double baseline = y_ - size * 0.95;
      if (i == 0 && !bullet.empty()) {
        // The label (Lbl) of a list item, then its body (LBody, the parent's last kid).
        const int body = tag_;
        tag_ = tree.add("Lbl", tree[body].parent);
        page().texts.push_back({left_ + indent - t_.list_indent * 0.8, baseline, size, base_style, colour, bullet});
        page().texts.back().tag = tag_;
        tag_ = body;
      }
      draw_line(lines[i], left_ + indent, baseline, w, size, align, colour);
      y_ -= lh;
      at_page_top_ = false;
    }
  }

  // Height a block of inlines takes in a given width (for keep-together decisions).
  double measure(const Inlines& content, double size, double w, int base_style = Regular) {
    return lb_.break_lines(lb_.words_of(content, base_style), size, w, false).size() * line_height(size);
  }

  // Height that must fit below a block that keeps with the next one: the start of block
  // `index` (its first `lines` lines; a heading and everything it keeps with; a whole
  // signature block; a table's caption, header rows and first row).
  double keep_height(size_t index, int lines) {
    if (index >= doc_.blocks.size()) return 0;
    const Block& b = doc_.blocks[index];
    if (auto* h = std::get_if<Heading>(&b)) {
      int level = std::clamp(h->level, 1, 4);
      double size = t_.heading_sizes[level - 1];
      return heading_before(level) + measure(heading_inlines(*h), size, width(), Bold) + t_.heading_space_after +
             keep_height(index + 1, 3);
    }
    if (auto* p = std::get_if<Paragraph>(&b)) {
      auto st = paragraph_style(*p);
      double full = measure(p->content, st.size, width() - st.indent - st.right_indent, st.base);
      // A paragraph kept with the next block moves whole with it (paragraph()): a heading
      // before it must keep with all of that, or it stays alone at the page foot.
      if (p->keep_with_next) return full + st.after + keep_height(index + 1, 2);
      return std::min(full, lines * line_height(st.size));
    }
    if (auto* t = std::get_if<Table>(&b)) {
      auto rows = table_rows(*t, 2);
      return 2 + (t->caption.empty() ? 0 : line_height(t_.small_size) + 2) + rows.header_height + first_rows(rows);
    }
    if (auto* l = std::get_if<List>(&b)) {
      double h = 0;
      for (size_t i = 0; i < l->items.size() && i < 2; ++i)
        h += measure(l->items[i].content, t_.body_size, width() - t_.list_indent * (1 + l->items[i].level)) + 2;
      return std::min(h, 2 * line_height(t_.body_size) + 4);
    }
    if (auto* s = std::get_if<SignatureBlock>(&b)) return signature_layout(*s).height;
    if (auto* im = std::get_if<Image>(&b)) return image_size(*im).second;
    if (auto* c = std::get_if<Chart>(&b)) return 2 + caption_height(c->caption) + chart_picture(*c, width(), t_, lb_).height;
    if (std::holds_alternative<TableOfContents>(b)) return line_height(t_.heading_sizes[0]) + 2 * line_height(t_.body_size);
    return 0;
  }

  double heading_before(int level) const { return t_.heading_space_before * (level == 1 ? 1.0 : 0.7); }


  // -- blocks --

  void block(const Block& b) {
    if (auto* h = std::get_if<Heading>(&b)) heading(*h);
    else if (auto* p = std::get_if<Paragraph>(&b)) paragraph(*p);
    else if (auto* l = std::get_if<List>(&b)) list(*l);
    else if (auto* tb = std::get_if<Table>(&b)) table(*tb);
    else if (std::holds_alternative<PageBreak>(b)) {
      if (!at_page_top_) new_page();
    } else if (auto* s = std::get_if<SignatureBlock>(&b)) signatures(*s);
    else if (auto* toc = std::get_if<TableOfContents>(&b)) table_of_contents(*toc);
    else if (auto* sp = std::get_if<Spacer>(&b)) {
      if (!at_page_top_) y_ -= sp->points;
    } else if (auto* im = std::get_if<Image>(&b)) image(*im);
    else if (auto* c = std::get_if<Chart>(&b)) chart(*c);
  }

  // -- images and charts (pdf/image.cpp, pdf/chart.cpp) --

  // An image's printed size: as the template asks, within the text width and a page's height.
  std::pair<double, double> image_size(const Image& im) const {
    double w = mm_to_pt(im.width_mm), h = mm_to_pt(im.height_mm);
    const double scale = std::min({1.0, width() / w, (top_ - bottom_) / h});
    return {w * scale, h * scale};
  }

  // The /BBox of element e: its box on the page, in points.
  void box(int e, double x0, double y0, double x1, double y1) {
    double* b = tree[e].bbox;
    b[0] = x0, b[1] = y0, b[2] = x1, b[3] = y1;
  }

  void image(const Image& im) {
    const auto [w, h] = image_size(im);
    ensure(h);
    const double x = im.align == Align::Center ? left_ + (width() - w) / 2 : im.align == Align::Right ? right_ - w : left_;
    page().images.push_back({x, y_ - h, w, h, im.data.get()});
    if (!im.alt.empty()) {  // a Figure with its text alternative; decorative (no alt): an artifact
      ImageOp& op = page().images.back();
      op.tag = tree.add("Figure", StructTree::kRoot);
      op.text_index = page().texts.size();
      tree[op.tag].alt = im.alt;
      box(op.tag, x, y_ - h, x + w, y_);
    }
    y_ -= h + t_.paragraph_space_after;
    at_page_top_ = false;
  }

  double caption_height(const std::string& caption) const { return caption.empty() ? 0 : line_height(t_.small_size) + 2; }

  void chart(const Chart& c) {
    const doc::ChartPicture picture = chart_picture(c, width(), t_, lb_);
    y_ -= 2;
    ensure(caption_height(c.caption) + picture.height);  // the caption stays with its chart, never split
    // Tagged PDF: the chart is a Figure with its text alternative; its caption and
    // its labels (axis ticks, values) are the Figure's content, in drawing order.
    const int figure = tree.add("Figure", StructTree::kRoot);
    tree[figure].alt = c.alt.empty() ? c.caption : c.alt;
    const double figure_top = y_;
    if (!c.caption.empty()) {
      tag_ = tree.add("Caption", figure);
      flow({Text{c.caption, true}}, t_.small_size, Align::Left, t_.text, 0, Bold);
      y_ -= 2;
    }
    const size_t first_label = page().texts.size();
    draw_chart(picture, left_, y_, lb_, page());
    for (size_t i = first_label; i < page().texts.size(); ++i) page().texts[i].tag = figure;
    box(figure, left_, y_ - picture.height, left_ + picture.width, figure_top);
    y_ -= picture.height + t_.paragraph_space_after + 4;
    at_page_top_ = false;
  }

  void heading(const Heading& h) {
    int level = std::clamp(h.level, 1, 4);
    double size = t_.heading_sizes[level - 1];
    double before = at_page_top_ ? 0 : heading_before(level);
    const Inlines content = heading_inlines(h);
    double own = measure(content, size, width(), Bold);
    // Keep with next: never alone at the bottom of a page (nor a chain of headings).
    ensure(before + own + t_.heading_space_after + keep_height(next_index_, 3));
    if (!at_page_top_) y_ -= before;
    if (level <= toc_depth_ && h.numbered_toc)
      headings.push_back({level, plain_text(content), static_cast<int>(pages.size()) - 1, y_ + 2});
    tag_ = tree.add("H" + std::to_string(level), StructTree::kRoot);
    flow(content, size, Align::Left, t_.heading, 0, Bold);
    if (level == 1) {
      double ry = y_ + size * 0.15;
      page().lines.push_back({left_, ry, right_, ry, 0.6, t_.heading});
    }
    y_ -= t_.heading_space_after;
  }

  struct ParaStyle {
    double size;
    Rgb colour;
    int base;
    double after;
    double indent;        // left
    double right_indent;
  };

  ParaStyle paragraph_style(const Paragraph& p) const {
    ParaStyle st{t_.body_size, t_.text, Regular, t_.paragraph_space_after, 0, 0};
    if (p.style == "title") {
      st.size = t_.title_size;
      st.colour = t_.heading;
      st.base = Bold;
      st.after = 4;
    } else if (p.style == "subtitle") {
      st.size = t_.subtitle_size;
      st.colour = t_.heading;
      st.after = 4;
    } else if (p.style == "small") {
      st.size = t_.small_size;
    } else if (p.style == "address") {
      st.after = 0;
    } else if (p.style == "quote") {
      st.base = Italic;
      st.indent = st.right_indent = 28;
    }
    return st;
  }

  void paragraph(const Paragraph& p) {
    ParaStyle st = paragraph_style(p);
    if (p.keep_with_next)
      ensure(measure(p.content, st.size, width() - st.indent - st.right_indent, st.base) + st.after +
             keep_height(next_index_, 2));
    tag_ = tree.add("P", StructTree::kRoot);
    flow(p.content, st.size, p.align, st.colour, st.indent, st.base, "", st.right_indent);
    y_ -= st.after;
  }

  void list(const List& l) {
    int n = 0;
    // L of LI (Lbl, LBody); the items of a deeper level in an L inside the item before them.
    const int top = tree.add("L", StructTree::kRoot);
    int last_item = -1, nested = -1;
    for (const auto& item : l.items) {
      if (item.level == 0 || last_item < 0) {
        last_item = tree.add("LI", top);
        nested = -1;
        tag_ = tree.add("LBody", last_item);
      } else {
        if (nested < 0) nested = tree.add("L", last_item);
        tag_ = tree.add("LBody", tree.add("LI", nested));
      }
      double indent = t_.list_indent * (1 + item.level);
      std::string bullet = l.ordered ? (item.level == 0 ? std::to_string(++n) + "." : "–") : (item.level == 0 ? "•" : "–");
      flow(item.content, t_.body_size, Align::Left, t_.text, indent, Regular, bullet);
      y_ -= 2;
    }
    y_ -= t_.paragraph_space_after - 2;
  }

  // -- tables --

  struct CellBox {
    std::vector<Line> lines;
    double x, w;
    Align align;
    int style;
    int tag = kArtifact;  // its TH or TD element
  };

  struct RowBox {
    std::vector<CellBox> cells;
    double height;
    const TableRow* row;
  };

  RowBox row_box(const TableRow& r, const std::vector<double>& cw) {
    RowBox box{{}, 0, &r};
    double size = t_.table_size, pad = t_.cell_padding;
    size_t col = 0;
    double x = left_;
    size_t max_lines = 1;
    for (const auto& c : r.cells) {
      int span = std::max(1, c.colspan);
      double w = 0;
      for (int k = 0; k < span && col + k < cw.size(); ++k) w += cw[col + k];
      int style = (r.header || r.total || c.bold) ? Bold : Regular;
      CellBox cb{lb_.break_lines(lb_.words_of(c.content, style), size, w - 2 * pad, false), x, w, c.align, style};
      max_lines = std::max(max_lines, cb.lines.size());
      box.cells.push_back(std::move(cb));
      x += w;
      col += span;
    }
    // Empty cells to the full width keep the grid closed.
    while (col < cw.size()) {
      box.cells.push_back(CellBox{{}, x, cw[col], Align::Left, Regular});
      x += cw[col++];
    }
    box.height = max_lines * line_height(size) + 2 * pad;
    return box;
  }

  // Structure elements of a table's rows: a TR each, TH (column headers) or TD a cell.
  void tag_rows(std::vector<RowBox>& rows, int table) {
    for (auto& r : rows) {
      const int tr = tree.add("TR", table);
      for (auto& c : r.cells) {
        c.tag = tree.add(r.row->header ? "TH" : "TD", tr);
        if (r.row->header) tree[c.tag].scope = "Column";
      }
    }
  }

  // repeated: header rows drawn again at the top of a new page (artifacts).
  void draw_row(const RowBox& box, bool repeated = false) {
    const TableRow& r = *box.row;
    double size = t_.table_size, pad = t_.cell_padding;
    double top = y_, bottom = y_ - box.height;
    if (r.header || r.total)
      page().rects.push_back({left_, bottom, width(), box.height, r.header ? t_.header_fill : t_.total_fill});
    for (const auto& cb : box.cells) {
      double baseline = top - pad - size * 0.95;
      tag_ = repeated ? kArtifact : cb.tag;
      for (const auto& line : cb.lines) {
        draw_line(line, cb.x + pad, baseline, cb.w - 2 * pad, size, cb.align, t_.text, true);
        baseline -= line_height(size);
      }
      page().lines.push_back({cb.x, top, cb.x, bottom, 0.4, t_.rule});
      page().lines.push_back({cb.x + cb.w, top, cb.x + cb.w, bottom, 0.4, t_.rule});
    }
    page().lines.push_back({left_, top, right_, top, r.total ? 1.0 : 0.4, r.total ? t_.text : t_.rule});
    page().lines.push_back({left_, bottom, right_, bottom, 0.4, t_.rule});
    y_ = bottom;
    at_page_top_ = false;
  }

  struct TableRows {
    std::vector<RowBox> header, body;
    double header_height = 0;
  };

  // Rows laid out in the table's column widths; only the first `max_body` body rows
  // when a caller needs no more (the keep-with-next height of a table).
  TableRows table_rows(const Table& t, size_t max_body = SIZE_MAX) {
    TableRows out;
    size_t cols = t.widths.size();
    for (const auto& r : t.rows) {
      size_t n = 0;
      for (const auto& c : r.cells) n += std::max(1, c.colspan);
      cols = std::max(cols, n);
    }
    if (cols == 0) return out;
    auto [slot, fresh] = column_widths_.try_emplace({&t, width()});
    // The cells' words, cut and measured for the widths, serve the rows' lines too
    // (same inlines, style and size; the tree is not changed during the layout), each
    // once: rows measured for a keep-with-next decision take theirs, the others wait
    // for the table's layout.
    if (fresh) {
      lb_.keep_words(true);
      slot->second = table_column_widths(t, cols, width(), lb_, t_.table_size, t_.cell_padding);
      lb_.keep_words(false);
    }
    const std::vector<double>& cw = slot->second;
    for (const auto& r : t.rows) {
      const bool header = r.header && out.body.empty();
      if (!header && out.body.size() >= max_body) break;
      (header ? out.header : out.body).push_back(row_box(r, cw));
    }
    for (const auto& h : out.header) out.header_height += h.height;
    return out;
  }

  // Lines [from, from + n) of every cell of a row: a slice of a row taller than a page.
  RowBox row_slice(const RowBox& r, size_t from, size_t n) {
    RowBox out{{}, 0, r.row};
    size_t max_lines = 0;
    for (const auto& c : r.cells) {
      CellBox cb = c;
      cb.lines.clear();
      for (size_t i = from; i < from + n && i < c.lines.size(); ++i) cb.lines.push_back(c.lines[i]);
      max_lines = std::max(max_lines, cb.lines.size());
      out.cells.push_back(std::move(cb));
    }
    out.height = std::max<size_t>(1, max_lines) * line_height(t_.table_size) + 2 * t_.cell_padding;
    return out;
  }

  // Height of the first two body rows (the first alone if two would not fit on a page).
  double first_rows(const TableRows& rows) const {
    if (rows.body.empty()) return 0;
    const double one = rows.body[0].height;
    const double two = rows.body.size() > 1 ? one + rows.body[1].height : one;
    return two <= top_ - bottom_ - rows.header_height ? two : one;
  }

  void table(const Table& t) {
    TableRows rows = table_rows(t);
    if (rows.header.empty() && rows.body.empty()) return;
    const int table_tag = tree.add("Table", StructTree::kRoot);
    tag_rows(rows.header, table_tag);
    tag_rows(rows.body, table_tag);
    double caption_h = t.caption.empty() ? 0 : line_height(t_.small_size) + 2;
    y_ -= 2;
    // The caption, the header rows and the first two rows stay together.
    ensure(caption_h + rows.header_height + first_rows(rows));
    if (!t.caption.empty()) {
      tag_ = tree.add("Caption", table_tag);
      flow({Text{t.caption, true}}, t_.small_size, Align::Left, t_.text, 0, Bold);
      y_ -= 2;
    }
    auto continue_on_new_page = [&] {
      new_page();
      for (const auto& h : rows.header) draw_row(h, true);  // the header rows repeated on each page
    };
    for (const auto& h : rows.header) draw_row(h);
    const double lh = line_height(t_.table_size), pad = t_.cell_padding;
    const double page_room = top_ - bottom_ - rows.header_height;  // room for body rows on a fresh page
    size_t on_page = 0;  // body rows drawn on the current page
    for (size_t k = 0; k < rows.body.size(); ++k) {
      const RowBox& r = rows.body[k];
      // A total row never goes alone to a new page: the row before it goes with it.
      if (on_page > 0 && k + 1 < rows.body.size() && rows.body[k + 1].row->total && !r.row->total &&
          y_ - r.height >= bottom_ - 0.01 && y_ - r.height - rows.body[k + 1].height < bottom_ - 0.01 &&
          r.height + rows.body[k + 1].height <= page_room) {
        continue_on_new_page();
        on_page = 0;
      }
      // A row kept with the next one (a subtotal heading its detail) never ends a page.
      if (on_page > 0 && r.row->keep_with_next && k + 1 < rows.body.size() && y_ - r.height >= bottom_ - 0.01 &&
          y_ - r.height - rows.body[k + 1].height < bottom_ - 0.01 && r.height + rows.body[k + 1].height <= page_room) {
        continue_on_new_page();
        on_page = 0;
      }
      ++on_page;
      if (y_ - r.height >= bottom_ - 0.01) {
        draw_row(r);
        continue;
      }
      on_page = 1;
      if (r.height <= page_room) {  // a row is never cut in half: it moves to the next page
        continue_on_new_page();
        draw_row(r);
        continue;
      }
      // A row taller than a whole page: cut it between lines, filling each page.
      size_t total = 0;
      for (const auto& c : r.cells) total = std::max(total, c.lines.size());
      size_t done = 0;
      while (done < total) {
        auto fit = static_cast<size_t>(std::max(0.0, std::floor((y_ - bottom_ - 2 * pad) / lh + 1e-6)));
        if (fit == 0) {
          continue_on_new_page();
          continue;
        }
        size_t n = std::min(fit, total - done);
        draw_row(row_slice(r, done, n));
        done += n;
        if (done < total) continue_on_new_page();
      }
    }
    y_ -= t_.paragraph_space_after + 4;
  }

  // -- signatures, table of contents --

  struct SignatureLayout {
    size_t per_row = 1, rows = 0;
    double col_w = 0, height = 0;
    // Lines of each signatory's three parts: "Pour …", name (bold), role.
    std::vector<std::array<std::vector<Line>, 3>> cells;
    // Per row of signatories: lines of each part (the most in the row, so parts line up).
    std::vector<std::array<size_t, 3>> part_lines;
  };

  SignatureLayout signature_layout(const SignatureBlock& s) {
    SignatureLayout L;
    double size = t_.body_size, lh = line_height(size);
    L.per_row = std::min<size_t>(3, std::max<size_t>(1, s.signatories.size()));
    L.col_w = width() / L.per_row;
    L.rows = (s.signatories.size() + L.per_row - 1) / L.per_row;
    L.part_lines.assign(L.rows, {0, 0, 0});
    for (size_t i = 0; i < s.signatories.size(); ++i) {
      const auto& g = s.signatories[i];
      const Inlines parts[3] = {{Text{"Pour " + g.organisation}}, {Text{g.name, true}}, {Text{g.role}}};
      std::array<std::vector<Line>, 3> cell;
      for (int k = 0; k < 3; ++k) {
        cell[k] = lb_.break_lines(lb_.words_of(parts[k]), size, L.col_w - 8, false);
        L.part_lines[i / L.per_row][k] = std::max(L.part_lines[i / L.per_row][k], cell[k].size());
      }
      L.cells.push_back(std::move(cell));
    }
    double place = s.place_date.empty() ? 0 : measure({Text{s.place_date}}, size, width()) + 8;
    L.height = 8 + place;
    for (const auto& pl : L.part_lines) L.height += row_height(pl, lh);
    return L;
  }

  // « Signature de la CPTS Sud Manche (Marie Martin) »: the field's tooltip (/TU).
  static std::string signature_tooltip(const Signatory& g) {
    const std::string& o = g.organisation;
    std::string t = o.rfind("le ", 0) == 0 ? "Signature du " + o.substr(3)
                    : o.rfind("les ", 0) == 0 ? "Signature des " + o.substr(4)
                                              : "Signature de " + o;
    return g.name.empty() ? t : t + " (" + g.name + ")";
  }

  static double row_height(const std::array<size_t, 3>& part_lines, double lh) {
    return (part_lines[0] + part_lines[1] + part_lines[2]) * lh + 62;  // 62 pt: room to sign
  }

  void signatures(const SignatureBlock& s) {
    SignatureLayout L = signature_layout(s);
    double size = t_.body_size, lh = line_height(size);
    ensure(L.height);  // a signature block is never split across pages
    y_ -= 8;
    // A Div of paragraphs: the place and date, then each signatory's three parts.
    const int block = tree.add("Div", StructTree::kRoot);
    if (!s.place_date.empty()) {
      tag_ = tree.add("P", block);
      flow({Text{s.place_date}}, size, Align::Left, t_.text);
      y_ -= 8;
    }
    for (size_t r = 0; r < L.rows; ++r) {
      double top = y_;
      double text_h = 0;
      for (size_t part : L.part_lines[r]) text_h += part * lh;
      for (size_t k = 0; k < L.per_row && r * L.per_row + k < L.cells.size(); ++k) {
        double x = left_ + k * L.col_w + 4, baseline = top - size * 0.95;
        const Signatory& g = s.signatories[r * L.per_row + k];
        for (int part = 0; part < 3; ++part) {
          double part_top = baseline;
          tag_ = tree.add("P", block);
          for (const auto& line : L.cells[r * L.per_row + k][part]) {
            draw_line(line, x, baseline, L.col_w - 8, size, Align::Left, t_.text, true);
            baseline -= lh;
          }
          baseline = part_top - L.part_lines[r][part] * lh;
        }
        // The room to sign, under the role: where the PDF's signature field goes, a Form
        // element after the signatory's name and role.
        if (!g.field.empty()) {
          SignatureArea a{static_cast<int>(pages.size()) - 1, x, top - text_h - 58, x + L.col_w - 8, top - text_h - 4,
                          g.field, signature_tooltip(g), tree.add("Form", block), page().texts.size()};
          box(a.tag, a.x0, a.y0, a.x1, a.y1);
          signature_areas.push_back(std::move(a));
        }
      }
      y_ = top - row_height(L.part_lines[r], lh);
      at_page_top_ = false;
    }
  }

  void table_of_contents(const TableOfContents& toc) {
    int entries = 0;
    for (const auto& b : doc_.blocks)
      if (auto* h = std::get_if<Heading>(&b); h && h->level <= toc_depth_ && h->numbered_toc) ++entries;
    double size = t_.body_size, lh = line_height(size) + 1.5;
    ensure(line_height(t_.heading_sizes[0]) + t_.heading_space_after + std::min(entries, 6) * lh);
    tag_ = tree.add("H1", StructTree::kRoot);
    flow({Text{toc.title, true}}, t_.heading_sizes[0], Align::Left, t_.heading, 0, Bold);
    y_ -= t_.heading_space_after;
    const int toc_tag = tree.add("TOC", StructTree::kRoot);
    size_t heading_index = 0;
    for (const auto& b : doc_.blocks) {
      auto* h = std::get_if<Heading>(&b);
      if (!h || h->level > toc_depth_ || !h->numbered_toc) continue;
      ensure(lh);
      toc_slots.push_back({static_cast<int>(pages.size()) - 1, y_ - size * 0.95, heading_index++, h->level,
                           tree.add("Link", tree.add("TOCI", toc_tag)), page().texts.size()});
      y_ -= lh;
      at_page_top_ = false;
    }
    y_ -= t_.paragraph_space_after * 2;
  }
};

}  // namespace

LaidOut lay_out(const Document& document, const Theme& theme, Fonts& fonts, int field_digits) {
  Layout layout(document, theme, fonts, field_digits);
  layout.run();
  return LaidOut{std::move(layout.pages), std::move(layout.headings), std::move(layout.toc_slots),
                 layout.has_fields(), std::move(layout.tree), std::move(layout.signature_areas)};
}

}  // namespace trame::pdf
