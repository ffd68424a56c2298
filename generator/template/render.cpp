// Evaluating a compiled template against a context: control nodes (if, for,
// let, include), interpolation, inline runs and blocks of the document tree.
#include <algorithm>
#include <functional>
#include <string_view>

#include "template/tree.hpp"

namespace trame::tpl {
using doc::Inline;
using doc::Inlines;
using namespace std::string_view_literals;  // name == "p"sv: lengths compared first, no strlen

namespace {

struct Render {
  const Template* tpl = nullptr;  // the template whose nodes are being evaluated (for file:line)
  Scope scope;
  std::map<std::string, int> counters;
  const std::vector<doc::Numbering>* numberings = nullptr;  // the document's <numbering> declarations
  std::vector<int> numbering_values;                         // each one's current value
  size_t produced = 0, steps = 0;  // against kMaxOutputBytes and kMaxLoopSteps

  [[noreturn]] void too_big(int line, const std::string& what) {
    throw Error(ErrorKind::Template, diag("trame.template.E113", tpl->display, line, "",
                                          "document trop grand : " + what + " (boucles <for> imbriquées ?)"));
  }

  [[noreturn]] void fail(int line, const ExprError& e) {
    throw Error(ErrorKind::Template, diag(e.id, tpl->display, line, e.pointer, e.message));
  }
  [[noreturn]] void fail(const TNode& n, const ExprError& e) { fail(n.line, e); }

  std::string text(const Interp& in, const TNode& n) {
    std::string out;
    for (const auto& p : in.parts) {
      if (!p.expr) {
        out += p.text;
        continue;
      }
      try {
        // A value is text: its line breaks and tabs become spaces (then collapse).
        std::string v = to_text(use(*p.expr, scope));
        std::replace_if(v.begin(), v.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
        out += v;
        if ((produced += v.size()) > kMaxOutputBytes)
          too_big(p.line ? p.line : n.line, "plus de " + std::to_string(kMaxOutputBytes >> 20) + " Mo de texte");
      } catch (const ExprError& e) {
        fail(p.line ? p.line : n.line, e);
      }
    }
    return out;
  }

  std::string attr(const TNode& n, const char* name, const std::string& def = "") {
    auto it = n.attrs.find(name);
    return it == n.attrs.end() ? def : text(it->second, n);
  }

  bool test(const ExprPtr& e, int line) {
    try {
      return truthy(use(*e, scope).get());
    } catch (const ExprError& err) {
      fail(line, err);
    }
  }

  // The value of a <for> or <let> node's expression; an error names the node.
  Value value_of(const TNode& n) {
    try {
      return use(*n.expr, scope);
    } catch (const ExprError& e) {
      fail(n, e);
    }
  }

  // Walks nodes; control nodes are handled here, the rest go to `leaf`.
  template <class Leaf>  // a lambda, called directly (no std::function a node)
  void walk(const std::vector<TNode>& nodes, const Leaf& leaf) {
    for (const auto& n : nodes) {
      switch (n.kind) {
        case TNode::If:
          for (const auto& b : n.branches)
            if (!b.test || test(b.test, b.line)) {
              walk(b.body, leaf);
              break;
            }
          break;
        case TNode::For: {
          const Value list = value_of(n);
          const json& arr = list.get();
          if (!arr.is_array())
            fail(n, ExprError{"trame.template.E202", list.pointer, "« for » attend une liste, reçu : " + shown(arr)});
          size_t size = scope.bindings.size();
          for (size_t i = 0; i < arr.size(); ++i) {
            if (++steps > kMaxLoopSteps)
              too_big(n.line, "plus de " + std::to_string(kMaxLoopSteps) + " tours de boucle");
            Value item;
            item.ref = &arr[i];
            item.own = list.own;
            item.pointer = list.pointer + "/" + std::to_string(i);
            scope.bindings.push_back({n.name, item});
            if (n.loop_meta)
              scope.bindings.push_back({"loop", Value::owned(json{{"index", i + 1}, {"first", i == 0},
                                                                  {"last", i + 1 == arr.size()}, {"length", arr.size()}})});
            walk(n.children, leaf);
            scope.bindings.resize(size);
          }
          break;
        }
        case TNode::Let: {
          scope.bindings.push_back({n.name, value_of(n)});
          walk(n.children, leaf);
          scope.bindings.pop_back();
          break;
        }
        case TNode::Include: {
          const Template* saved = tpl;
          tpl = tpl->partials.at(n.name);
          walk(tpl->body, leaf);
          tpl = saved;
          break;
        }
        default:
          leaf(n);
      }
    }
  }

  // A numbered heading: its numbering advances, those below it restart, and its label is
  // the prefix, the parents' values and its own joined by ".", and the suffix.
  void number(const TNode& n, const std::string& name, doc::Heading& h) {
    const auto& all = *numberings;
    int k = 0;
    while (k < static_cast<int>(all.size()) && all[k].name != name) ++k;
    if (k == static_cast<int>(all.size()))
      fail(n, ExprError{"trame.template.E114", "", "numérotation « " + name + " » non déclarée : ajoutez <numbering name=\"" +
                                                        name + "\"/> en tête du modèle"});
    h.numbering = k;
    h.value = ++numbering_values[k];
    // Children restart (declared after their parents, so one pass in order reaches grandchildren).
    for (size_t c = k + 1; c < all.size(); ++c)
      if (all[c].parent >= 0 && (all[c].parent == k || numbering_values[all[c].parent] == 0)) numbering_values[c] = 0;
    std::string label = std::to_string(h.value);
    for (int p = all[k].parent; p >= 0; p = all[p].parent) label = std::to_string(numbering_values[p]) + "." + label;
    h.number = all[k].prefix + label + all[k].suffix;
  }

  // ---- inline content ----
  void inlines(const std::vector<TNode>& nodes, Inlines& out, bool bold, bool italic) {
    walk(nodes, [&](const TNode& n) {
      if (n.kind == TNode::Text) {
        out.push_back(doc::Text{text(n.text, n), bold, italic});
      } else if (n.kind == TNode::Counter) {
        out.push_back(doc::Text{std::to_string(++counters[n.name]), bold, italic});
      } else if (n.name == "b"sv) {
        inlines(n.children, out, true, italic);
      } else if (n.name == "i"sv) {
        inlines(n.children, out, bold, true);
      } else if (n.name == "br"sv) {
        out.push_back(doc::LineBreak{});
      } else if (n.name == "page-number"sv) {
        out.push_back(doc::Field{doc::Field::PageNumber});
      } else if (n.name == "page-count"sv) {
        out.push_back(doc::Field{doc::Field::PageCount});
      } else {
        fail(n, ExprError{"trame.template.E108", "", "élément <" + n.name + "> interdit dans un texte"});
      }
    });
  }

  // Merges runs of the same style, collapses spaces across runs, trims around
  // line breaks and at both ends.
  // In place: the runs kept are moved to the front.
  static Inlines tidy(Inlines out) {
    size_t kept = 0;
    for (size_t k = 0; k < out.size(); ++k) {
      if (auto* t = std::get_if<doc::Text>(&out[k])) {
        if (kept > 0)
          if (auto* prev = std::get_if<doc::Text>(&out[kept - 1]); prev && prev->bold == t->bold && prev->italic == t->italic) {
            prev->text += t->text;
            continue;
          }
      }
      if (kept != k) out[kept] = std::move(out[k]);
      ++kept;
    }
    out.resize(kept);
    // Collapse double spaces across the whole run sequence, trim at edges and line breaks.
    bool prev_space = true;  // at start: drop leading spaces
    for (size_t k = 0; k < out.size(); ++k) {
      if (auto* t = std::get_if<doc::Text>(&out[k])) {
        const std::string& text = t->text;
        if (text.empty()) continue;
        if (!(prev_space && text.front() == ' ') && text.find("  ") == std::string::npos) {
          prev_space = text.back() == ' ';  // nothing to collapse in this run
          continue;
        }
        std::string s;
        s.reserve(text.size());
        for (char c : text) {
          if (c == ' ') {
            if (prev_space) continue;
            prev_space = true;
          } else {
            prev_space = false;
          }
          s += c;
        }
        t->text = std::move(s);
      } else if (std::holds_alternative<doc::LineBreak>(out[k])) {
        // drop the space before the break
        for (size_t j = k; j-- > 0;) {
          auto* t = std::get_if<doc::Text>(&out[j]);
          if (!t) break;
          while (!t->text.empty() && t->text.back() == ' ') t->text.pop_back();
          if (!t->text.empty()) break;
        }
        prev_space = true;
      } else {
        prev_space = false;
      }
    }
    for (size_t j = out.size(); j-- > 0;) {
      auto* t = std::get_if<doc::Text>(&out[j]);
      if (!t) break;
      while (!t->text.empty() && t->text.back() == ' ') t->text.pop_back();
      if (!t->text.empty()) break;
    }
    out.erase(std::remove_if(out.begin(), out.end(),
                             [](const doc::Inline& i) {
                               auto* t = std::get_if<doc::Text>(&i);
                               return t && t->text.empty();
                             }),
              out.end());
    return out;
  }

  Inlines content(const TNode& n) {
    Inlines out;
    inlines(n.children, out, false, false);
    return tidy(std::move(out));
  }

  static doc::Align align(const std::string& a, doc::Align def) {
    if (a == "left"sv) return doc::Align::Left;
    if (a == "right"sv) return doc::Align::Right;
    if (a == "center"sv) return doc::Align::Center;
    if (a == "justify"sv) return doc::Align::Justify;
    return def;
  }

  // In a list, table, row or signature block: whitespace is skipped, the
  // expected element is handled, anything else (e.g. from a partial included
  // at the wrong place) is an error.
  bool skip(const TNode& n, const char* expected) {
    if (n.kind == TNode::Text) {
      if (text(n.text, n).find_first_not_of(' ') == std::string::npos) return true;
    } else if (n.kind == TNode::Element && n.name == expected) {
      return false;
    }
    fail(n, ExprError{"trame.template.E108", "",
                      (n.kind == TNode::Text ? std::string("texte") : "élément <" + (n.kind == TNode::Counter ? std::string("counter") : n.name) + ">") +
                          " inattendu ici : <" + expected + "> attendu"});
  }

  // <image> and <chart> (media.cpp).
  void media(const TNode& n, std::vector<doc::Block>& out) {
    const AttrFn a = [&](const char* key, const std::string& def) { return attr(n, key, def); };
    try {
      if (n.name == "image"sv) {
        doc::Image image;
        if (image_block(tpl->templates_dir, a, image)) out.push_back(std::move(image));
        return;
      }
      doc::Chart chart;
      chart_block(a, chart);
      const std::string unit = attr(n, "unit", "number");
      walk(n.children, [&](const TNode& bar) {
        if (skip(bar, "bar")) return;
        doc::Chart::Category c;
        try {
          chart_bar(chart, [&](const char* key, const std::string& def) { return attr(bar, key, def); }, unit, c);
        } catch (const ExprError& err) {
          fail(bar, err);
        }
        chart.categories.push_back(std::move(c));
      });
      chart_finish(chart, unit);
      out.push_back(std::move(chart));
    } catch (const ExprError& err) {
      fail(n, err);
    }
  }

  // ---- blocks ----
  void blocks(const std::vector<TNode>& nodes, std::vector<doc::Block>& out) {
    walk(nodes, [&](const TNode& n) {
      if (n.kind == TNode::Text) {
        std::string t = text(n.text, n);
        if (t.find_first_not_of(' ') != std::string::npos)
          fail(n, ExprError{"trame.template.E108", "", "texte hors paragraphe : « " + t + " »"});
        return;
      }
      const std::string& e = n.name;
      if (e == "p"sv || e == "title"sv || e == "subtitle"sv) {
        doc::Paragraph p;
        p.style = e == "p"sv ? attr(n, "style", "body") : e;
        doc::Align def = (e == "p"sv && p.style != "address"sv) ? doc::Align::Justify
                         : (e == "p"sv ? doc::Align::Left : doc::Align::Center);
        if (p.style == "small"sv && e == "p"sv) def = doc::Align::Justify;
        p.align = align(attr(n, "align"), def);
        p.keep_with_next = attr(n, "keep-with-next") == "true"sv;
        p.content = content(n);
        out.push_back(std::move(p));
      } else if (e.size() == 2 && e[0] == 'h' && e[1] >= '1' && e[1] <= '4') {
        doc::Heading h;
        h.level = e[1] - '0';
        if (std::string name = attr(n, "number"); !name.empty()) number(n, name, h);
        h.content = content(n);
        out.push_back(std::move(h));
      } else if (e == "ul"sv || e == "ol"sv) {
        doc::List l;
        l.ordered = e == "ol"sv;
        walk(n.children, [&](const TNode& li) {
          if (skip(li, "li")) return;
          doc::ListItem item;
          item.level = attr(li, "level") == "1"sv ? 1 : 0;
          item.content = content(li);
          l.items.push_back(std::move(item));
        });
        out.push_back(std::move(l));
      } else if (e == "table"sv) {
        doc::Table t;
        std::string widths = attr(n, "widths");
        size_t pos = 0;
        while (pos < widths.size()) {
          size_t end = widths.find(' ', pos);
          std::string w = widths.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
          if (!w.empty()) {
            double v = 0;
            try {
              size_t used = 0;
              v = std::stod(w, &used);
              if (used != w.size()) v = -1;
            } catch (...) {
              v = -1;
            }
            if (v <= 0)
              fail(n, ExprError{"trame.template.E204", "", "largeurs de colonnes invalides « " + widths + " » (nombres positifs attendus)"});
            t.widths.push_back(v);
          }
          if (end == std::string::npos) break;
          pos = end + 1;
        }
        t.caption = attr(n, "caption");
        walk(n.children, [&](const TNode& tr) {
          if (skip(tr, "tr")) return;
          doc::TableRow row;
          row.header = attr(tr, "header") == "true"sv;
          row.total = attr(tr, "total") == "true"sv;
          row.keep_with_next = attr(tr, "keep-with-next") == "true"sv;
          walk(tr.children, [&](const TNode& td) {
            if (skip(td, "td")) return;
            doc::TableCell cell;
            cell.align = align(attr(td, "align"), doc::Align::Left);
            cell.bold = attr(td, "bold") == "true"sv;
            std::string span = attr(td, "colspan");
            cell.colspan = span.empty() ? 1 : std::max(1, std::stoi(span));
            cell.content = content(td);
            row.cells.push_back(std::move(cell));
          });
          t.rows.push_back(std::move(row));
        });
        out.push_back(std::move(t));
      } else if (e == "pagebreak"sv) {
        out.push_back(doc::PageBreak{});
      } else if (e == "space"sv) {
        std::string pts = attr(n, "points", "12");
        out.push_back(doc::Spacer{std::stod(pts)});
      } else if (e == "toc"sv) {
        out.push_back(doc::TableOfContents{attr(n, "title", "Sommaire"), std::stoi(attr(n, "depth", "2"))});
      } else if (e == "signatures"sv) {
        doc::SignatureBlock s;
        s.place_date = collapse(attr(n, "place-date"));
        walk(n.children, [&](const TNode& sg) {
          if (skip(sg, "signatory")) return;
          s.signatories.push_back({collapse(attr(sg, "organisation")), collapse(attr(sg, "name")),
                                   collapse(attr(sg, "role")), collapse(attr(sg, "field"))});
        });
        out.push_back(std::move(s));
      } else if (e == "image"sv || e == "chart"sv) {
        media(n, out);
      } else {
        fail(n, ExprError{"trame.template.E108", "",
                          "élément <" + (n.kind == TNode::Counter ? std::string("counter") : e) + "> inattendu entre des blocs"});
      }
    });
  }
};

}  // namespace

doc::Document render_template(const Template& t, const nlohmann::json& root, const nlohmann::json& computed) {
  Render r;
  r.tpl = &t;
  r.numberings = &t.numberings;
  r.numbering_values.assign(t.numberings.size(), 0);
  r.scope.root = &root;
  if (computed.is_object())
    for (const auto& [key, value] : computed.items())
      r.scope.bindings.push_back(Binding{key, Value{&value, nullptr, "/" + json_pointer_escape(key), false}});
  doc::Document out;
  TNode meta_node;
  meta_node.line = t.meta_line;
  auto meta = [&](const char* key) {
    auto it = t.meta.find(key);
    if (it == t.meta.end()) return std::string();
    std::string s = collapse(r.text(it->second, meta_node));
    size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  out.meta.title = meta("title");
  out.meta.subject = meta("subject");
  out.meta.author = meta("author");
  out.meta.keywords = meta("keywords");
  out.meta.date = meta("date");
  out.meta.header = meta("header");
  r.blocks(t.body, out.blocks);
  out.numberings = t.numberings;
  return out;
}

}  // namespace trame::tpl
