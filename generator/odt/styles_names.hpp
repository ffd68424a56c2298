// Names of the styles defined in styles.xml that content.xml refers to.
// LibreOffice's own programmatic names (Text_20_body, Heading_20_1, Title…) are
// written inline; these are Trame's custom styles (French display names).
#pragma once

namespace trame::odt {

inline constexpr const char* kStyleAddress = "Adresse";
inline constexpr const char* kStyleSmall = "Petit_20_texte";
inline constexpr const char* kStyleTableTotal = "Total_20_de_20_tableau";
inline constexpr const char* kStyleCaption = "Legende_20_de_20_tableau";
inline constexpr const char* kListBullet = "Liste_20_a_20_puces";
inline constexpr const char* kListNumbered = "Liste_20_numerotee";

}  // namespace trame::odt
