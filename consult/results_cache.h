#pragma once
// A consultation's computed results, kept until its counters or the consultation itself change.
// Computing them reads every counter cell (thousands at millions of answers) and builds every
// breakdown, milliseconds each; officials and moderators read the same results again and again.
// The key is read with the consultation on every request — what results show of it (status,
// title, bands, questions) and `results_version`, which every write of counters raises in the
// same transaction — so no instance ever serves results older than what it has just read.
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "consult/consultation_results.h"

namespace ln {

class ResultsCache {
 public:
  explicit ResultsCache(std::size_t capacity = 64) : capacity_(capacity) {}
  using Shared = std::shared_ptr<const ComputedResults>;
  // The kept results for this version of `c`, or null.
  Shared find(const Consultation& c) const;
  void keep(const Consultation& c, Shared results);

 private:
  static std::string version_of(const Consultation& c);
  struct Entry {
    std::string version;
    QuestionList questions;  // held, so a pointer compared here is never a reused address
    Shared results;
  };
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> by_id_;
};

}  // namespace ln
