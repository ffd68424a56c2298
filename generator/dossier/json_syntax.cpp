// JSON syntax errors in French: nlohmann's messages name the parser's state;
// these say what to change and point where the change belongs.
#include <algorithm>
#include <cctype>
#include <vector>

#include "dossier/dossier.hpp"
#include "dossier/input_limits.hpp"
#include "dossier/json_builder.hpp"
#include "dossier/json_fast.hpp"
#include "dossier/source_map.hpp"

namespace trame::dossier {
using nlohmann::json;

namespace {

// ---- JSON syntax ---------------------------------------------------------

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+'; }

// Start of the token that ends at byte `last` (a string's opening quote, a
// number's first digit, a punctuation mark itself).
size_t token_start(std::string_view t, size_t last) {
  if (last >= t.size()) return t.size();
  if (t[last] == '"') {
    for (size_t k = last; k-- > 0;) {
      if (t[k] != '"') continue;
      size_t backslashes = 0;
      while (k >= backslashes + 1 && t[k - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return k;
    }
    return 0;
  }
  size_t k = last;
  while (k > 0 && is_word(t[k]) && is_word(t[k - 1])) --k;
  return k;
}

// Byte just after the last token before `pos` (where a missing comma belongs).
size_t after_previous_token(std::string_view t, size_t pos) {
  size_t k = std::min(pos, t.size());
  while (k > 0 && is_ws(t[k - 1])) --k;
  return k;
}

// Last non-blank byte before `pos`, or npos.
size_t previous_char(std::string_view t, size_t pos) {
  size_t k = after_previous_token(t, pos);
  return k == 0 ? std::string_view::npos : k - 1;
}

// The innermost « { » or « [ » still open at byte `end` (strings skipped).
size_t unclosed_bracket(std::string_view t, size_t end) {
  std::vector<size_t> open;
  bool in_string = false;
  for (size_t i = 0; i < end && i < t.size(); ++i) {
    char c = t[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      open.push_back(i);
    } else if ((c == '}' || c == ']') && !open.empty()) {
      open.pop_back();
    }
  }
  return open.empty() ? std::string_view::npos : open.back();
}

std::string where(std::string_view t, size_t byte) {
  auto [l, c] = line_column(t, byte);
  return "ligne " + std::to_string(l) + ", colonne " + std::to_string(c);
}

struct SyntaxError {
  size_t offset;
  std::string message;
};

// nlohmann's messages are English and name the parser's state: say in French
// what the user has to change, and point where the change belongs.
SyntaxError explain_parse_error(std::string_view t, const nlohmann::json::parse_error& e) {
  const std::string what = e.what();
  auto between = [&](const std::string& from, const std::string& to) {
    size_t a = what.find(from);
    if (a == std::string::npos) return std::string();
    a += from.size();
    size_t b = to.empty() ? std::string::npos : what.find(to, a);
    return what.substr(a, b == std::string::npos ? std::string::npos : b - a);
  };
  const std::string context = between("while parsing ", " - ");  // value, object, object key, array...
  const std::string detail = between(" - ", "");
  const size_t last = e.byte == 0 ? 0 : e.byte - 1;  // last byte the parser read
  const bool at_end = last >= t.size();
  const std::string prefix = "JSON mal formé : ";

  if (detail.rfind("unexpected ", 0) == 0) {
    std::string found = detail.substr(11, detail.find(';') - 11);
    std::string expected = between("; expected ", "");
    size_t start = at_end ? t.size() : token_start(t, last);
    if (found == "end of input") {
      size_t open = unclosed_bracket(t, t.size());
      if (open != std::string_view::npos) {
        bool brace = t[open] == '{';
        return {after_previous_token(t, t.size()),
                prefix + "le fichier s’arrête alors " + (brace ? "qu’une accolade « { »" : "qu’un crochet « [ »") +
                    " ouvert" + (brace ? "e" : "") + " " + where(t, open) + " n’est pas refermé" + (brace ? "e" : "") +
                    " (il manque « " + (brace ? "}" : "]") + " »)"};
      }
      return {0, prefix + "le fichier est vide ou ne contient pas de dossier (il doit commencer par « { »)"};
    }
    if (expected == "end of input")
      return {start, prefix + "texte en trop après la fin du dossier (une accolade « } » fermante de trop, ou un "
                              "bloc collé après la dernière accolade ?)"};
    if (context == "object key" || (context == "value" && found == "']'")) {
      size_t prev = previous_char(t, start);
      bool comma = prev != std::string_view::npos && t[prev] == ',';
      if (comma && (found == "'}'" || found == "']'"))
        return {prev, prefix + "virgule en trop avant « " + found.substr(1, 1) +
                          " » (le dernier élément d’un objet ou d’une liste n’est pas suivi d’une virgule)"};
      if (comma && found == "number literal" && prev > 0 && std::isdigit(static_cast<unsigned char>(t[prev - 1])))
        return {prev, prefix + "nombre écrit avec une virgule : le séparateur décimal est le point (8.1 et non 8,1)"};
      if (context == "object key")
        return {start, prefix + "nom de champ entre guillemets droits attendu, par exemple \"nom\""};
    }
    if (context == "object separator")
      return {start, prefix + "deux-points « : » attendu entre le nom du champ et sa valeur"};
    if (context == "object" && found == "']'")
      return {start, prefix + "« ] » inattendu : l’accolade « { » ouverte " + where(t, unclosed_bracket(t, start)) +
                         " n’est pas refermée par « } »"};
    if (context == "array" && found == "'}'")
      return {start, prefix + "« } » inattendu : le crochet « [ » ouvert " + where(t, unclosed_bracket(t, start)) +
                         " n’est pas refermé par « ] »"};
    if (context == "object" || context == "array") {
      size_t prev = previous_char(t, start);
      if (found == "number literal" && prev != std::string_view::npos && prev + 1 < start &&
          std::isdigit(static_cast<unsigned char>(t[prev])) && t.substr(prev + 1, start - prev - 1).find('\n') ==
                                                                      std::string_view::npos) {
        // « 18 000 »: a number written with a space between the thousands.
        size_t first = token_start(t, prev), end = start;
        while (end < t.size() && (std::isdigit(static_cast<unsigned char>(t[end])) || t[end] == '.')) ++end;
        std::string left(t.substr(first, prev + 1 - first)), right(t.substr(start, end - start));
        return {first, prefix + "écrire les nombres sans espace : " + left + right + " (et non « " + left + " " + right +
                           " »)"};
      }
      size_t digits = start < t.size() && t[start] == '-' ? start + 1 : start;
      if (found == "number literal" && digits + 1 < t.size() && t[digits] == '0' &&
          std::isdigit(static_cast<unsigned char>(t[digits + 1])))
        return {start, prefix + "nombre mal écrit : pas de zéro en tête (écrire 7 et non 07 ; un code s’écrit entre "
                               "guillemets, \"07\")"};
      return {after_previous_token(t, start),
              prefix + "virgule manquante" +
                  (context == "object" ? " entre deux champs (ou accolade fermante « } » oubliée)"
                                       : " entre deux éléments de la liste (ou crochet fermant « ] » oublié)")};
    }
    return {start, prefix + "valeur attendue ici (un texte entre guillemets, un nombre, true, false, null, "
                            "un objet { … } ou une liste [ … ])"};
  }

  const size_t at = std::min(last, t.size());
  if (detail.find("invalid string: control character U+000A") != std::string::npos ||
      detail.find("invalid string: control character U+000D") != std::string::npos)
    return {at, prefix + "retour à la ligne dans un texte : un texte tient sur une seule ligne (écrire \\n pour "
                         "passer à la ligne), ou il manque le guillemet fermant"};
  if (detail.find("invalid string: control character U+0009") != std::string::npos)
    return {at, prefix + "tabulation dans un texte : la remplacer par une espace (ou écrire \\t)"};
  if (detail.find("invalid string: control character") != std::string::npos)
    return {at, prefix + "caractère de contrôle invisible dans un texte : le supprimer"};
  if (detail.find("missing closing quote") != std::string::npos)
    return {at, prefix + "texte sans guillemet fermant"};
  if (detail.find("ill-formed UTF-8") != std::string::npos) {
    // The parser stops on the byte after a bad lead byte: go back to it.
    size_t k = at;
    for (int step = 0; step < 4 && k > 0 && (k >= t.size() || static_cast<unsigned char>(t[k]) < 0x80); ++step) --k;
    while (k > 0 && (static_cast<unsigned char>(t[k]) & 0xC0) == 0x80) --k;
    return {k, prefix + "caractère illisible : le fichier doit être enregistré en UTF-8 (option « Encodage » de "
                         "l’éditeur)"};
  }
  if (detail.find("after backslash") != std::string::npos)
    return {at > 0 ? at - 1 : 0, prefix + "barre oblique inverse « \\ » mal employée dans un texte (écrire \\\\ "
                                          "pour une barre oblique inverse, \\\" pour un guillemet)"};
  if (detail.find("\\u") != std::string::npos || detail.find("surrogate") != std::string::npos)
    return {at, prefix + "séquence « \\u » invalide : quatre chiffres hexadécimaux attendus (\\u00e9)"};
  if (detail.find("invalid number") != std::string::npos)
    return {token_start(t, at > 0 ? at - 1 : 0),
            prefix + "nombre mal écrit (chiffres seulement, point décimal : 8.1 ; pas d’espace entre les milliers)"};
  if (detail.find("invalid literal") != std::string::npos) {
    unsigned char c = at < t.size() ? t[at] : 0;
    std::string_view rest = at < t.size() ? t.substr(at) : std::string_view();
    if (detail.find("expected end of input") != std::string::npos)
      return {at, prefix + "texte en trop après la fin du dossier (après la dernière accolade « } »)"};
    if (c == '/')
      return {at, prefix + "les commentaires (// … ou /* … */) ne sont pas permis en JSON : les supprimer"};
    if (c == '\'')
      return {at, prefix + "guillemets simples : un texte s’écrit entre guillemets droits doubles, \"comme ceci\""};
    if (rest.rfind("\xE2\x80\x9C", 0) == 0 || rest.rfind("\xE2\x80\x9D", 0) == 0 || rest.rfind("\xC2\xAB", 0) == 0)
      return {at, prefix + "guillemets typographiques (“ ” ou « ») : un texte s’écrit entre guillemets droits \"…\""};
    if (c >= 0x80)
      return {at, prefix + "caractère inattendu : un texte s’écrit entre guillemets droits \"…\" (le fichier doit "
                           "aussi être enregistré en UTF-8)"};
    if (context == "object key")
      return {at, prefix + "nom de champ sans guillemets : l’écrire entre guillemets droits, \"nom\""};
    return {at, prefix + "valeur invalide : un texte s’écrit entre guillemets droits \"…\" ; sans guillemets, seuls "
                         "les nombres et true, false, null sont permis (en minuscules)"};
  }
  return {at, prefix + "caractère inattendu"};
}


}  // namespace

json parse_json(std::string_view text, const std::string& file_name, ParseFindings* findings) {
  // A NUL byte first (memchr: fast): nlohmann would call it a control character.
  if (text.find('\0') != std::string_view::npos) check_text(text, file_name);
  // A limit passed, or bad syntax: check_text (below) locates the first limit passed,
  // reported even when a syntax error comes earlier; else the syntax error is.
  if (auto fast = parse_json_fast(text, findings)) return std::move(*fast);
  try {
    json result;
    JsonBuilder builder(result);
    json::sax_parse(text.begin(), text.end(), &builder);
    if (findings) *findings = {builder.duplicates(), builder.huge_numbers()};
    return result;
  } catch (const JsonBuilder::LimitExceeded&) {
    check_text(text, file_name);
    throw Error(ErrorKind::Internal, Diagnostic{Severity::Error, "trame.dossier.E003", file_name, 0, 0, "",
                                                "limite de taille du dossier dépassée"});
  } catch (const json::parse_error& e) {
    check_text(text, file_name);
    SyntaxError se = explain_parse_error(text, e);
    auto [line, col] = line_column(text, se.offset);
    throw Error(ErrorKind::InvalidInput,
                Diagnostic{Severity::Error, "trame.dossier.E001", file_name, line, col, "", se.message});
  } catch (const json::out_of_range& e) {
    check_text(text, file_name);
    // "number overflow parsing '1e400'": a number beyond what a double holds.
    std::string what = e.what();
    size_t a = what.find('\''), b = what.rfind('\'');
    std::string literal = a != std::string::npos && b > a ? what.substr(a + 1, b - a - 1) : "";
    size_t at = literal.empty() ? 0 : text.find(literal);
    auto [line, col] = line_column(text, at == std::string_view::npos ? 0 : at);
    throw Error(ErrorKind::InvalidInput,
                Diagnostic{Severity::Error, "trame.dossier.E001", file_name, line, col, "",
                           "JSON mal formé : nombre " + (literal.empty() ? std::string() : "« " + literal + " » ") +
                               "bien trop grand (aucun montant ni effectif n’approche cette valeur)"});
  }
}


}  // namespace trame::dossier
