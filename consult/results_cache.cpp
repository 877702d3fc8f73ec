#include "consult/results_cache.h"

namespace ln {

// Everything of the consultation that results show, and its counters' version. Not `updated_at`:
// it has whole seconds, and closing then publishing within one second would keep the old status.
std::string ResultsCache::version_of(const Consultation& c) {
  std::string v = std::to_string(c.results_version) + '\n' + c.status + '\n' + c.title + '\n';
  for (const auto& band : c.audience_bands) v += band + ',';
  return v + '\n' + c.questions_json;
}

std::optional<nlohmann::json> ResultsCache::find(const Consultation& c) const {
  std::lock_guard lock(mutex_);
  auto it = by_id_.find(c.id);
  if (it == by_id_.end() || it->second.version != version_of(c)) return std::nullopt;
  return it->second.results;
}

void ResultsCache::keep(const Consultation& c, const nlohmann::json& results) {
  std::lock_guard lock(mutex_);
  if (by_id_.size() >= capacity_ && !by_id_.count(c.id)) by_id_.clear();
  by_id_[c.id] = {version_of(c), results};
}

}  // namespace ln
