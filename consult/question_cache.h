#pragma once
// A consultation's questions parsed once per distinct text, not on every answer: the answer path
// checks each answer set against them, and parsing their JSON (every band's wording) cost more than
// the rest of the request. Keyed by the stored text itself, so an edit is simply a new entry.
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "consult/questions.h"

namespace ln {

class QuestionCache {
 public:
  using Shared = std::shared_ptr<const std::vector<Question>>;
  explicit QuestionCache(std::size_t capacity = 256) : capacity_(capacity) {}
  // Throws Invalid as parse_questions does; a failed parse is not kept.
  Shared of(const std::string& questions_json);

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, Shared> parsed_;
};

}  // namespace ln
