#include <algorithm>
#include <map>
#include <tuple>

#include "moderation/detectors.h"

namespace ln::moderation {

void RangeIndex::index() {
  std::sort(ranges_.begin(), ranges_.end(),
            [](const Range& a, const Range& b) { return a.begin < b.begin; });
  running_end_.reserve(ranges_.size());
  std::size_t end = 0;
  for (const auto& r : ranges_) {
    end = std::max(end, r.end);
    running_end_.push_back(end);
  }
}

bool RangeIndex::overlaps(const Range& r) const {
  // Ranges starting before r ends; one of them overlaps iff the furthest end passes r.begin.
  const auto it = std::lower_bound(ranges_.begin(), ranges_.end(), r.end,
                                   [](const Range& a, std::size_t end) { return a.begin < end; });
  const auto count = static_cast<std::size_t>(it - ranges_.begin());
  return count > 0 && running_end_[count - 1] > r.begin;
}

bool RangeIndex::contains(const Range& r) const {
  const auto it =
      std::upper_bound(ranges_.begin(), ranges_.end(), r.begin,
                       [](std::size_t begin, const Range& a) { return begin < a.begin; });
  const auto count = static_cast<std::size_t>(it - ranges_.begin());
  return count > 0 && running_end_[count - 1] >= r.end;
}

void drop_contained(std::vector<Finding>& findings) {
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.label, a.category, a.range.begin, b.range.end, b.severity) <
           std::tie(b.label, b.category, b.range.begin, a.range.end, a.severity);
  });
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  std::size_t furthest = 0;
  for (auto& f : findings) {
    const bool same_group =
        !kept.empty() && kept.back().label == f.label && kept.back().category == f.category;
    if (!same_group) furthest = 0;
    if (same_group && f.range.end <= furthest && f.severity <= kept.back().severity) continue;
    furthest = std::max(furthest, f.range.end);
    kept.push_back(std::move(f));
  }
  findings = std::move(kept);
}

}  // namespace ln::moderation
