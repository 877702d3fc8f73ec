#include <algorithm>
#include <map>
#include <string_view>
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
  // Sort keys of plain integers (a hostile text can have tens of thousands of findings, and
  // comparing their strings dominated screening it).
  using Group = std::pair<std::string_view, std::string_view>;
  std::map<Group, std::size_t> groups;
  for (const auto& f : findings) groups.emplace(Group(f.label, f.category), 0);
  std::size_t number = 0;
  for (auto& [key, value] : groups) value = number++;
  struct Key {
    std::size_t group, begin, end;
    int severity;
    std::size_t index;
  };
  std::vector<Key> keys;
  keys.reserve(findings.size());
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    keys.push_back(
        {groups.at(Group(f.label, f.category)), f.range.begin, f.range.end, f.severity, i});
  }
  // By group, then start; at the same start the longest and then the most severe first.
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return std::tie(a.group, a.begin, b.end, b.severity) <
           std::tie(b.group, b.begin, a.end, a.severity);
  });
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  std::size_t furthest = 0, group = 0;
  for (const Key& key : keys) {
    Finding& f = findings[key.index];
    const bool same_group = !kept.empty() && key.group == group;
    if (!same_group) furthest = 0;
    if (same_group && f.range.end <= furthest && f.severity <= kept.back().severity) continue;
    furthest = std::max(furthest, f.range.end);
    group = key.group;
    kept.push_back(std::move(f));
  }
  findings = std::move(kept);
}

}  // namespace ln::moderation
