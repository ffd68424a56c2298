// List items of a dossier named as a person would: « 7e professionnel (Anne
// Cormerais) », « 1er COPIL (20 mai 2027) », beside the JSON path that
// diagnostics keep (a path counts from 0; people count from 1).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/diagnostic.hpp"

namespace trame::dossier {

// The item `index` of the list at `list_pointer` ("/collectif/professionnels"):
// ordinal, noun and the item's own name when it has one; "" for a list the
// dossier model does not name (a list of paragraphs, of yearly targets).
std::string item_label(const nlohmann::json& dossier, const std::string& list_pointer, std::size_t index);

// Every named list item along `pointer`, outermost first, joined by " › ":
// « 1er COPIL (20 mai 2027) › 3e participant (Jean Dupont) ». "" if none.
std::string items_along(const nlohmann::json& dossier, const std::string& pointer);

// Starts the message of each diagnostic whose path goes through a named list
// item with that item (unless the message already names it).
void name_items(const nlohmann::json& dossier, std::vector<Diagnostic>& diagnostics);

}  // namespace trame::dossier
