#include "consult/question_cache.h"

namespace ln {

QuestionList QuestionCache::of(const std::string& text) {
  {
    std::lock_guard lock(mutex_);
    auto it = parsed_.find(text);
    if (it != parsed_.end()) return it->second;
  }
  // Parsed outside the lock: two threads may parse the same text once each, and both results
  // are equal.
  auto parsed = std::make_shared<const std::vector<Question>>(parse_(text));
  std::lock_guard lock(mutex_);
  if (parsed_.size() >= capacity_) parsed_.clear();  // old versions of edited consultations
  parsed_.emplace(text, parsed);
  return parsed;
}

}  // namespace ln
