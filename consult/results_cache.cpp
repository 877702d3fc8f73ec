#include "consult/results_cache.h"

namespace ln {

// Everything of the consultation that results show, and its counters' version (its questions are
// compared apart, as values). Not `updated_at`:
// it has whole seconds, and closing then publishing within one second would keep the old status.
std::string ResultsCache::version_of(const Consultation& c) {
  std::string v = std::to_string(c.results_version) + '\n' + std::string(word(c.status)) + '\n' +
                  c.title + '\n';
  for (const auto& band : c.audience_bands) v += band + ',';
  return v;
}

ResultsCache::Shared ResultsCache::find(const Consultation& c) const {
  const std::string version = version_of(c);
  std::lock_guard lock(mutex_);
  auto it = by_id_.find(c.id);
  if (it == by_id_.end() || it->second.version != version) return nullptr;
  const auto& kept = it->second.questions;
  if (kept != c.questions && *kept != *c.questions) return nullptr;
  return it->second.results;
}

void ResultsCache::keep(const Consultation& c, Shared results) {
  std::string version = version_of(c);
  std::lock_guard lock(mutex_);
  if (by_id_.size() >= capacity_ && !by_id_.count(c.id)) by_id_.clear();
  by_id_[c.id] = {std::move(version), c.questions, std::move(results)};
}

}  // namespace ln
