#include "odt/numbering.hpp"

#include <array>
#include <set>

#include "odt/xml_writer.hpp"

namespace trame::odt {
using doc::Heading;

namespace {

constexpr int kLevels = 4;  // heading levels of the document tree

}  // namespace

NumberingPlan plan_numbering(const doc::Document& d) {
  NumberingPlan plan;
  const size_t n = d.numberings.size();
  plan.schemes.resize(n);
  std::vector<std::set<int>> levels(n);
  std::vector<std::array<int, kLevels + 1>> uses(n, std::array<int, kLevels + 1>{});
  std::vector<const Heading*> headings;
  for (const auto& b : d.blocks)
    if (const auto* h = std::get_if<Heading>(&b)) {
      headings.push_back(h);
      // A heading kept out of the outline is written as a paragraph: no style counts it.
      if (h->numbered_toc && h->numbering >= 0 && static_cast<size_t>(h->numbering) < n && h->level >= 1 &&
          h->level <= kLevels) {
        levels[h->numbering].insert(h->level);
        ++uses[h->numbering][h->level];
      }
    }

  // Level by level, so that a parent is placed before its children.
  for (int level = 1; level <= kLevels; ++level) {
    int chosen = -1;
    for (size_t k = 0; k < n; ++k) {
      if (levels[k] != std::set<int>{level}) continue;
      const int p = d.numberings[k].parent;
      const bool parent_counted =
          p < 0 || (plan.schemes[p].kind == NumberingPlan::Outline && plan.schemes[p].level == level - 1);
      if (parent_counted && (chosen < 0 || uses[k][level] > uses[chosen][level])) chosen = static_cast<int>(k);
    }
    for (size_t k = 0; k < n; ++k) {
      if (levels[k] != std::set<int>{level}) continue;
      auto& s = plan.schemes[k];
      if (static_cast<int>(k) == chosen) {
        s.kind = NumberingPlan::Outline;
        s.level = level;
        const int p = d.numberings[k].parent;
        s.display_levels = p < 0 ? 1 : plan.schemes[p].display_levels + 1;
        plan.outline = true;
      } else if (d.numberings[k].parent < 0) {
        s.kind = NumberingPlan::List;
        s.list_style = "Numerotation_" + d.numberings[k].name;
      }
    }
  }

  // What each heading writes: the counts the styles will make, set where ours differ.
  std::array<int, kLevels + 1> outline_count{};
  std::vector<int> list_count(n, 0);
  std::vector<bool> list_open(n, false);
  for (const Heading* h : headings) {
    NumberingPlan::Heading out;
    const bool numbered = h->numbered_toc && h->numbering >= 0 && static_cast<size_t>(h->numbering) < n;
    const NumberingPlan::Scheme* s = numbered ? &plan.schemes[h->numbering] : nullptr;
    if (s && s->kind == NumberingPlan::Outline) {
      out.kind = NumberingPlan::Outline;
      const int level = s->level;
      if (outline_count[level] + 1 != h->value) out.start_value = h->value;
      outline_count[level] = h->value;
      for (int deeper = level + 1; deeper <= kLevels; ++deeper) outline_count[deeper] = 0;
    } else if (s && s->kind == NumberingPlan::List) {
      out.kind = NumberingPlan::List;
      const int k = h->numbering;
      if (list_count[k] + 1 != h->value) out.start_value = h->value;
      list_count[k] = h->value;
      out.first_of_list = !list_open[k];
      list_open[k] = true;
    } else {
      out.list_header = plan.outline;  // counted by nothing, and restarts nothing
    }
    plan.headings.push_back(out);
  }
  return plan;
}

namespace {

// A number label: prefix, the value(s), suffix, then straight on to the heading's text.
void number_level(XmlWriter& w, const doc::Numbering& n, int display_levels) {
  w.attr("style:num-format", "1");
  if (!n.prefix.empty()) w.attr("style:num-prefix", n.prefix);
  if (!n.suffix.empty()) w.attr("style:num-suffix", n.suffix);
  if (display_levels > 1) w.attr("text:display-levels", std::to_string(display_levels));
  w.start("style:list-level-properties").attr("text:list-level-position-and-space-mode", "label-alignment");
  w.start("style:list-level-label-alignment").attr("text:label-followed-by", "nothing")
      .attr("fo:text-indent", "0cm").attr("fo:margin-left", "0cm").end();
  w.end();
}

}  // namespace

void write_numbering_styles(XmlWriter& w, const doc::Document& d, const NumberingPlan& plan) {
  std::array<int, 11> outline_of{};  // level -> numbering index + 1
  for (size_t k = 0; k < plan.schemes.size(); ++k)
    if (plan.schemes[k].kind == NumberingPlan::Outline) outline_of[plan.schemes[k].level] = static_cast<int>(k) + 1;
  w.start("text:outline-style").attr("style:name", "Outline");
  for (int level = 1; level <= 10; ++level) {
    w.start("text:outline-level-style").attr("text:level", std::to_string(level));
    if (int k = outline_of[level]) number_level(w, d.numberings[k - 1], plan.schemes[k - 1].display_levels);
    else w.attr("style:num-format", "");
    w.end();
  }
  w.end();
  for (size_t k = 0; k < plan.schemes.size(); ++k) {
    if (plan.schemes[k].kind != NumberingPlan::List) continue;
    w.start("text:list-style").attr("style:name", plan.schemes[k].list_style)
        .attr("style:display-name", "Numérotation " + d.numberings[k].name);
    w.start("text:list-level-style-number").attr("text:level", "1");
    number_level(w, d.numberings[k], 1);
    w.end();
    w.end();
  }
}

}  // namespace trame::odt
