// <image> and <chart>: the template elements that produce pictures. An image's file
// name is checked (a plain name of the templates' images/ folder, whatever a dossier
// value put in it) before anything is read; a chart's axis and labels are computed
// here, in French, so that writers only draw.
#include <algorithm>
#include <cmath>
#include <limits>

#include "common/overlay.hpp"
#include "document/image.hpp"
#include "locale/format.hpp"
#include "template/tree.hpp"

namespace trame::tpl {

namespace {

[[noreturn]] void image_error(const std::string& message) { throw ExprError{"trame.template.E205", "", message}; }
[[noreturn]] void chart_error(const std::string& message) { throw ExprError{"trame.template.E206", "", message}; }

// A file name of the images folder: letters, digits, "_", "-", "." (never first), ending in .png/.jpg/.jpeg.
bool valid_image_name(const std::string& s) {
  if (s.empty() || s.size() > 100 || s[0] == '.' || s[0] == '-') return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  std::string lower = s;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto ends = [&](const char* e) {
    const std::string x(e);
    return lower.size() > x.size() && lower.compare(lower.size() - x.size(), x.size(), x) == 0;
  };
  return ends(".png") || ends(".jpg") || ends(".jpeg");
}

// A length in millimetres ("40", "40.5", "40,5"); 0 when empty.
double millimetres(const std::string& text, const char* what, double max, void (*error)(const std::string&)) {
  if (text.empty()) return 0;
  std::string t = text;
  std::replace(t.begin(), t.end(), ',', '.');
  double v = -1;
  try {
    size_t used = 0;
    v = std::stod(t, &used);
    if (used != t.size()) v = -1;
  } catch (...) {
  }
  if (!(v > 0 && v <= max))
    error(std::string(what) + " invalide « " + text + " » (millimètres, de 0 à " + std::to_string(static_cast<int>(max)) + ")");
  return v;
}

doc::Align alignment(const std::string& a) {
  if (a == "center") return doc::Align::Center;
  if (a == "right") return doc::Align::Right;
  return doc::Align::Left;
}

// A number as the template printed it: French ("17 500", "8,1") or plain ("17500.5").
// NaN for an empty value or a dash (no value).
double parse_value(std::string text) {
  std::string t;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ') continue;
    if (text.compare(i, 2, "\xC2\xA0") == 0) { ++i; continue; }          // U+00A0
    if (text.compare(i, 3, "\xE2\x80\xAF") == 0) { i += 2; continue; }   // U+202F
    t += c == ',' ? '.' : static_cast<char>(c);
  }
  if (t.empty() || t == "-" || t == "\xE2\x80\x94" || t == "\xE2\x80\x93") return std::numeric_limits<double>::quiet_NaN();
  double v = 0;
  try {
    size_t used = 0;
    v = std::stod(t, &used);
    if (used != t.size() || !std::isfinite(v)) chart_error("valeur non numérique « " + text + " » dans un graphique");
  } catch (const std::logic_error&) {
    chart_error("valeur non numérique « " + text + " » dans un graphique");
  }
  if (v < 0) chart_error("valeur négative « " + text + " » dans un graphique (les barres partent de zéro)");
  return v;
}

std::string format_value(double v, const std::string& unit) {
  if (unit == "money") return locale::money(v);
  if (unit == "percent") return locale::percent(v);
  return locale::number(v);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    const size_t end = s.find(sep, pos);
    std::string part = s.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    const size_t b = part.find_first_not_of(' '), e = part.find_last_not_of(' ');
    out.push_back(b == std::string::npos ? std::string() : part.substr(b, e - b + 1));
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return out;
}

}  // namespace

bool image_block(const fs::path& templates_dir, const AttrFn& attr, doc::Image& out) {
  const std::string src = attr("src", "");
  if (!valid_image_name(src))
    image_error("nom d’image invalide « " + src +
                " » : un nom de fichier du dossier images/ des modèles (lettres, chiffres, « _ », « - », « . »), en .png, .jpg ou .jpeg");
  const fs::path file = template_file(templates_dir, "images/" + src);
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    if (attr("optional", "false") == "true") return false;
    image_error("image introuvable « images/" + src + " » (dans le dossier des modèles)");
  }
  try {
    out.data = doc::load_image(file, src);
  } catch (const doc::ImageError& e) {
    image_error("image « images/" + src + " » : " + e.what());
  }
  // PDF/UA-1 (ISO 14289-1 §7.3): an image that means something has a text alternative; a
  // decorative one says so and is drawn as an artifact. No default either way.
  out.alt = collapse(attr("alt", ""));
  if (out.alt.find_first_not_of(' ') == std::string::npos) out.alt.clear();  // blank: none
  const bool decorative = attr("decorative", "false") == "true";
  if (decorative && !out.alt.empty())
    image_error("image « " + src + " » : une image décorative (decorative=\"true\") n’a pas de texte de remplacement (alt)");
  if (!decorative && out.alt.empty())
    image_error("image « " + src + " » sans texte de remplacement : donnez-lui un attribut alt non vide (lu par les "
                "lecteurs d’écran), ou decorative=\"true\" si elle n’apporte rien au texte");
  out.width_mm = millimetres(attr("width", ""), "largeur d’image", 170, image_error);
  out.height_mm = millimetres(attr("height", ""), "hauteur d’image", 250, image_error);
  if (out.width_mm == 0 && out.height_mm == 0)  // the natural size at 150 dpi, within the text width
    out.width_mm = std::min(170.0, out.data->width_px * 25.4 / 150);
  if (out.width_mm == 0) out.width_mm = out.height_mm * out.data->width_px / out.data->height_px;
  if (out.height_mm == 0) out.height_mm = out.width_mm * out.data->height_px / out.data->width_px;
  out.align = alignment(attr("align", "left"));
  return true;
}

void chart_block(const AttrFn& attr, doc::Chart& out) {
  out.kind = attr("kind", "columns") == "bars" ? doc::Chart::Bars : doc::Chart::Columns;
  out.caption = collapse(attr("caption", ""));
  out.alt = collapse(attr("alt", ""));
  const std::string series = attr("series", "");
  if (!series.empty()) out.series = split(collapse(series), ';');
  out.height_mm = millimetres(attr("height", ""), "hauteur de graphique", 250, chart_error);
}

void chart_bar(const doc::Chart& chart, const AttrFn& attr, const std::string& unit, doc::Chart::Category& out) {
  out.label = collapse(attr("label", ""));
  const auto values = split(attr("values", ""), ';');
  const size_t expected = std::max<size_t>(1, chart.series.size());
  if (values.size() != expected)
    chart_error("barre « " + out.label + " » : " + std::to_string(values.size()) + " valeur(s) pour " +
                std::to_string(expected) + " série(s) (valeurs séparées par « ; »)");
  for (const auto& v : values) {
    out.values.push_back(parse_value(v));
    out.labels.push_back(std::isnan(out.values.back()) ? "—" : format_value(out.values.back(), unit));
  }
}

void chart_finish(doc::Chart& chart, const std::string& unit) {
  if (chart.categories.empty()) chart_error("graphique sans barre : au moins un <bar> attendu");
  double max = 0;
  for (const auto& c : chart.categories)
    for (double v : c.values)
      if (!std::isnan(v)) max = std::max(max, v);
  // A "nice" step (1, 2, 2.5 or 5 times a power of ten) giving at most five intervals.
  double step = unit == "percent" ? 0.25 : 1;
  if (max > 0) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(max / 5)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
      step = m * magnitude;
      if (max / step <= 5 + 1e-9) break;
    }
  }
  const int intervals = std::max(1, static_cast<int>(std::ceil(max / step - 1e-9)));
  for (int k = 0; k <= intervals; ++k) chart.ticks.push_back({k * step, format_value(k * step, unit)});
}

std::string literal_image(const TNode& n) {
  if (n.kind != TNode::Element || n.name != "image") return "";
  auto it = n.attrs.find("src");
  if (it == n.attrs.end() || it->second.parts.size() != 1 || it->second.parts[0].expr) return "";
  return valid_image_name(it->second.parts[0].text) ? it->second.parts[0].text : "";
}

}  // namespace trame::tpl
