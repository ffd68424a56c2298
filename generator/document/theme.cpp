#include "document/theme.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"
#include "common/files.hpp"
#include "common/overlay.hpp"

namespace trame::doc {

std::string Rgb::hex() const {
  auto c = [](double v) { return static_cast<int>(v * 255.0 + 0.5); };
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c(r), c(g), c(b));
  return buf;
}

namespace {
using nlohmann::json;

[[noreturn]] void invalid(const std::string& message) { throw std::runtime_error(message); }

// j[a][b]... with a French message naming the missing or mistyped entry.
const json& entry(const json& j, const std::string& key, const std::string& where) {
  if (!j.is_object() || !j.contains(key)) invalid("valeur absente : " + where + key);
  return j[key];
}
double number_at(const json& j, const std::string& key, const std::string& where) {
  const json& v = entry(j, key, where);
  if (!v.is_number()) invalid("nombre attendu pour " + where + key);
  return v.get<double>();
}
std::string string_at(const json& j, const std::string& key, const std::string& where) {
  const json& v = entry(j, key, where);
  if (!v.is_string() || v.get<std::string>().empty()) invalid("texte attendu pour " + where + key);
  return v.get<std::string>();
}

Rgb colour(const json& colours, const std::string& key) {
  const std::string s = string_at(colours, key, "colours.");
  unsigned r = 0, g = 0, b = 0;
  char end = 0;
  if (s.size() != 7 || std::sscanf(s.c_str(), "#%02x%02x%02x%c", &r, &g, &b, &end) != 3 ||
      s.find_first_not_of("#0123456789abcdefABCDEF") != std::string::npos)
    invalid("couleur invalide « " + s + " » pour colours." + key +
            " : format attendu « #rrggbb », un dièse et six chiffres hexadécimaux (par exemple « #004387 »)");
  return Rgb{r / 255.0, g / 255.0, b / 255.0};
}

// A font family of the theme: its folder absolute, or relative to theme.json's folder
// (a user's theme beside its own fonts); by default theme.json's folder itself.
FontFamily font_family(const json& f, const std::filesystem::path& theme_json, const std::string& where) {
  FontFamily family;
  std::filesystem::path dir = f.contains("dir") ? std::filesystem::path(string_at(f, "dir", where)) : std::filesystem::path();
  if (dir.is_relative()) dir = theme_json.parent_path() / dir;
  family.name = string_at(f, "name", where);
  std::filesystem::path* files[4] = {&family.regular, &family.bold, &family.italic, &family.bold_italic};
  const char* styles[4] = {"regular", "bold", "italic", "bold_italic"};
  for (int i = 0; i < 4; ++i) *files[i] = dir / string_at(f, styles[i], where);
  family.index = f.value("index", 0u);
  return family;
}

bool installed(const FontFamily& family) {
  std::error_code ec;
  for (const auto* file : {&family.regular, &family.bold, &family.italic, &family.bold_italic})
    if (!std::filesystem::is_regular_file(*file, ec)) return false;
  return true;
}

}  // namespace

Theme Theme::load(const std::filesystem::path& theme_json) {
  try {
    const json j = json::parse(read_file(theme_json));
    Theme t;
    t.font = font_family(entry(j, "font", ""), theme_json, "font.");
    {
      std::filesystem::path* files[4] = {&t.font.regular, &t.font.bold, &t.font.italic, &t.font.bold_italic};
      const char* styles[4] = {"regular", "bold", "italic", "bold_italic"};
      std::error_code ec;
      for (int i = 0; i < 4; ++i)
        if (!std::filesystem::is_regular_file(*files[i], ec))
          invalid("police introuvable pour font." + std::string(styles[i]) + " : " + files[i]->string());
    }
    // Fallback fonts for characters the main font lacks, each used when installed (Noto CJK is optional).
    if (j.contains("fallbacks")) {
      if (!j["fallbacks"].is_array()) invalid("fallbacks : liste de polices attendue");
      for (size_t i = 0; i < j["fallbacks"].size(); ++i) {
        FontFamily family = font_family(j["fallbacks"][i], theme_json, "fallbacks[" + std::to_string(i) + "].");
        if (installed(family)) t.fallbacks.push_back(std::move(family));
      }
    }
    // Every number of the theme: section, key, member.
    struct Number {
      const char* section;
      const char* key;
      double Theme::*member;
    };
    static const Number numbers[] = {
        {"sizes", "body", &Theme::body_size}, {"sizes", "small", &Theme::small_size},
        {"sizes", "title", &Theme::title_size}, {"sizes", "subtitle", &Theme::subtitle_size},
        {"sizes", "table", &Theme::table_size}, {"sizes", "header_footer", &Theme::header_footer_size},
        {"spacing", "line_height", &Theme::line_height}, {"spacing", "paragraph_after", &Theme::paragraph_space_after},
        {"spacing", "heading_before", &Theme::heading_space_before},
        {"spacing", "heading_after", &Theme::heading_space_after}, {"spacing", "list_indent", &Theme::list_indent},
        {"spacing", "cell_padding", &Theme::cell_padding}, {"page_mm", "width", &Theme::page_width_mm},
        {"page_mm", "height", &Theme::page_height_mm}, {"page_mm", "top", &Theme::margin_top_mm},
        {"page_mm", "bottom", &Theme::margin_bottom_mm}, {"page_mm", "left", &Theme::margin_left_mm},
        {"page_mm", "right", &Theme::margin_right_mm}, {"page_mm", "header_offset", &Theme::header_offset_mm},
        {"page_mm", "footer_offset", &Theme::footer_offset_mm}};
    for (const auto& n : numbers)
      t.*n.member = number_at(entry(j, n.section, ""), n.key, std::string(n.section) + ".");
    const json& headings = entry(entry(j, "sizes", ""), "headings", "sizes.");
    if (!headings.is_array() || headings.size() != 4) invalid("sizes.headings : quatre nombres attendus, un par niveau de titre");
    for (int i = 0; i < 4; ++i) {
      if (!headings[i].is_number()) invalid("sizes.headings : quatre nombres attendus, un par niveau de titre");
      t.heading_sizes[i] = headings[i].get<double>();
    }
    const json& c = entry(j, "colours", "");
    t.text = colour(c, "text");
    t.heading = colour(c, "heading");
    t.rule = colour(c, "rule");
    t.header_fill = colour(c, "header_fill");
    t.total_fill = colour(c, "total_fill");
    t.muted = colour(c, "muted");
    if (c.contains("watermark")) t.watermark = colour(c, "watermark");
    t.hyphenation_dictionary = j.contains("hyphenation") ? string_at(j, "hyphenation", "") : "";
    if (j.contains("tagged_pdf")) {
      if (!j["tagged_pdf"].is_boolean()) invalid("tagged_pdf : true ou false attendu");
      t.tagged_pdf = j["tagged_pdf"].get<bool>();
    }
    if (j.contains("icc_profile")) {
      std::filesystem::path icc = string_at(j, "icc_profile", "");
      if (!icc.empty() && icc.is_relative()) icc = theme_json.parent_path() / icc;
      if (!icc.empty() && !std::filesystem::exists(icc))
        invalid("profil de couleurs ICC introuvable (icc_profile) : " + icc.string() +
                " ; installez le paquet icc-profiles-free");
      t.icc_profile = icc;
    }
    // libhyphen opens the dictionary with fopen: a FIFO would block it for ever.
    if (std::error_code ec; !t.hyphenation_dictionary.empty() && std::filesystem::exists(t.hyphenation_dictionary, ec) &&
                            !std::filesystem::is_regular_file(t.hyphenation_dictionary, ec))
      invalid("hyphenation : « " + t.hyphenation_dictionary + " » n’est pas un fichier ordinaire (tube, périphérique…)");
    return t;
  } catch (const Error&) {
    throw;
  } catch (const json::parse_error& e) {
    throw Error(ErrorKind::Template,
                Diagnostic{Severity::Error, "trame.theme.E001", theme_json.string(), 0, 0, "",
                           "thème invalide : JSON mal formé (octet " + std::to_string(e.byte) + ")"});
  } catch (const std::exception& e) {
    throw Error(ErrorKind::Template,
                Diagnostic{Severity::Error, "trame.theme.E001", theme_json.string(), 0, 0, "",
                           std::string("thème invalide : ") + e.what()});
  }
}

const Theme& Theme::bundled() {
  static const Theme theme = load(template_file(data_dir() / "templates", "theme.json"));
  return theme;
}

}  // namespace trame::doc
