#include "document/theme.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"
#include "common/files.hpp"

namespace trame::doc {

std::string Rgb::hex() const {
  auto c = [](double v) { return static_cast<int>(v * 255.0 + 0.5); };
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c(r), c(g), c(b));
  return buf;
}

static Rgb parse_rgb(const std::string& s) {
  unsigned r = 0, g = 0, b = 0;
  if (s.size() != 7 || std::sscanf(s.c_str(), "#%02x%02x%02x", &r, &g, &b) != 3)
    throw std::runtime_error("couleur invalide dans le thème : " + s);
  return Rgb{r / 255.0, g / 255.0, b / 255.0};
}

namespace {

FontFamily font_family(const nlohmann::json& f) {
  FontFamily family;
  const std::filesystem::path dir = f.at("dir").get<std::string>();
  family.name = f.at("name").get<std::string>();
  family.regular = dir / f.at("regular").get<std::string>();
  family.bold = dir / f.at("bold").get<std::string>();
  family.italic = dir / f.at("italic").get<std::string>();
  family.bold_italic = dir / f.at("bold_italic").get<std::string>();
  family.index = f.value("index", 0u);
  return family;
}

}  // namespace

Theme Theme::load(const std::filesystem::path& theme_json) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_file(theme_json));
    Theme t;
    t.font = font_family(j.at("font"));
    for (const auto& f : j.value("fallbacks", nlohmann::json::array())) t.fallbacks.push_back(font_family(f));
    const auto& s = j.at("sizes");
    t.body_size = s.at("body");
    t.small_size = s.at("small");
    t.title_size = s.at("title");
    t.subtitle_size = s.at("subtitle");
    for (int i = 0; i < 4; ++i) t.heading_sizes[i] = s.at("headings").at(i);
    t.table_size = s.at("table");
    t.header_footer_size = s.at("header_footer");
    const auto& sp = j.at("spacing");
    t.line_height = sp.at("line_height");
    t.paragraph_space_after = sp.at("paragraph_after");
    t.heading_space_before = sp.at("heading_before");
    t.heading_space_after = sp.at("heading_after");
    t.list_indent = sp.at("list_indent");
    t.cell_padding = sp.at("cell_padding");
    const auto& p = j.at("page_mm");
    t.page_width_mm = p.at("width");
    t.page_height_mm = p.at("height");
    t.margin_top_mm = p.at("top");
    t.margin_bottom_mm = p.at("bottom");
    t.margin_left_mm = p.at("left");
    t.margin_right_mm = p.at("right");
    t.header_offset_mm = p.at("header_offset");
    t.footer_offset_mm = p.at("footer_offset");
    const auto& c = j.at("colours");
    t.text = parse_rgb(c.at("text"));
    t.heading = parse_rgb(c.at("heading"));
    t.rule = parse_rgb(c.at("rule"));
    t.header_fill = parse_rgb(c.at("header_fill"));
    t.total_fill = parse_rgb(c.at("total_fill"));
    t.muted = parse_rgb(c.at("muted"));
    t.hyphenation_dictionary = j.value("hyphenation", "");
    return t;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(ErrorKind::Template,
                Diagnostic{Severity::Error, "trame.theme.E001", theme_json.string(), 0, 0, "",
                           std::string("thème invalide : ") + e.what()});
  }
}

const Theme& Theme::bundled() {
  static const Theme theme = load(data_dir() / "templates" / "theme.json");
  return theme;
}

}  // namespace trame::doc
