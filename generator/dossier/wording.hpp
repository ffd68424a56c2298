// An avenant's change as a sentence of a contract (« La mission « qualité et
// pertinence des soins » est ajoutée au contrat à compter du 15 avril 2027 »).
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace trame::dossier {

// The sentence for one JSON Patch operation between the dossier before and after it,
// or "" when the change is not one Trame knows how to word (the document then gives
// the element and its old and new values).
std::string change_sentence(const nlohmann::json& before, const nlohmann::json& after, const nlohmann::json& op);

}  // namespace trame::dossier
