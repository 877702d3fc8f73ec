#include "consult/question_cache.h"

namespace ln {

QuestionCache::Shared QuestionCache::of(const std::string& questions_json) {
  {
    std::lock_guard lock(mutex_);
    auto it = parsed_.find(questions_json);
    if (it != parsed_.end()) return it->second;
  }
  // Parsed outside the lock: two threads may parse the same text once each, and both results
  // are equal.
  auto parsed = std::make_shared<const std::vector<Question>>(
      parse_questions(nlohmann::json::parse(questions_json)));
  std::lock_guard lock(mutex_);
  if (parsed_.size() >= capacity_) parsed_.clear();  // old versions of edited consultations
  parsed_.emplace(questions_json, parsed);
  return parsed;
}

}  // namespace ln
