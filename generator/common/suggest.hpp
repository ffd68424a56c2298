// « vouliez-vous dire … ? »: the closest known word to a mistyped one.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace trame {

// " (vouliez-vous dire « money » ?)" when one candidate is within a small edit
// distance of `word` (case aside: about one typo in three letters, at most 2),
// else "". Ties go to the first candidate in order.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// The keys of a map, for did_you_mean.
template <class Map>
std::vector<std::string> keys_of(const Map& map) {
  std::vector<std::string> out;
  out.reserve(map.size());
  for (const auto& entry : map) out.push_back(entry.first);
  return out;
}

}  // namespace trame
