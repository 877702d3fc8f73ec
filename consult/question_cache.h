#pragma once
// A consultation's questions parsed once per distinct stored text, not on every read: the answer
// path checks each answer set against them, and parsing every band's wording cost more than the
// rest of the request. Keyed by the stored text itself, so an edit is simply a new entry. The
// parsing itself is the store's (store/consultation_columns.h); the cache does not know the format.
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "consult/question_types.h"

namespace ln {

class QuestionCache {
 public:
  using Parse = std::function<std::vector<Question>(const std::string&)>;
  explicit QuestionCache(Parse parse, std::size_t capacity = 256)
      : parse_(std::move(parse)), capacity_(capacity) {}
  // Throws what `parse` throws; a failed parse is not kept.
  QuestionList of(const std::string& text);

 private:
  Parse parse_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, QuestionList> parsed_;
};

}  // namespace ln
