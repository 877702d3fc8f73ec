#include "moderation/screening_record.h"

#include <algorithm>

namespace ln::moderation {

namespace {
std::vector<std::string> strings_of(const nlohmann::json& list) {
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const auto& v : list) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}
}  // namespace

std::vector<std::string> labels_of(const nlohmann::json& screening) {
  if (!screening.is_object() || !screening.contains("labels")) return {};
  return strings_of(screening["labels"]);
}

DecisionRecord decision_of(const std::string& decision_json) {
  DecisionRecord record;
  const auto d = nlohmann::json::parse(decision_json, nullptr, false);
  if (!d.is_object()) return record;
  if (d.contains("decision") && d["decision"].is_string()) record.decision = d["decision"];
  if (d.contains("wrong_flags")) record.wrong_flags = strings_of(d["wrong_flags"]);
  return record;
}

}  // namespace ln::moderation
