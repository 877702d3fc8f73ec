#pragma once
// Reading back what was stored about a child's text: the screener's verdict (screening_json)
// and the moderator's decision (decision_json). Malformed or missing parts read as empty.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ln::moderation {

// The distinct labels of a stored verdict, sorted.
std::vector<std::string> labels_of(const nlohmann::json& screening);

struct DecisionRecord {
  std::string decision;                  // "" before any decision
  std::vector<std::string> wrong_flags;  // labels the moderator marked as wrong
};
DecisionRecord decision_of(const std::string& decision_json);

}  // namespace ln::moderation
