#pragma once
// What was read of sign-in and audience data, kept under the storage's reference epoch (see
// Storage::reference_epoch): an entry is served only to a request that read the same epoch, and
// an entry read under a newer epoch clears everything older. Bounded: when full, it starts over.
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace ln {

template <typename V>
class EpochCache {
 public:
  explicit EpochCache(std::size_t capacity) : capacity_(capacity) {}

  std::optional<V> get(std::int64_t epoch, const std::string& key) const {
    std::lock_guard lock(mutex_);
    if (epoch != epoch_) return std::nullopt;
    auto it = items_.find(key);
    if (it == items_.end()) return std::nullopt;
    return it->second;
  }

  // `value` must have been read after `epoch` was (so it is at least as new as the epoch says).
  void put(std::int64_t epoch, const std::string& key, V value) {
    std::lock_guard lock(mutex_);
    if (epoch < epoch_) return;
    if (epoch > epoch_ || items_.size() >= capacity_) {
      items_.clear();
      epoch_ = epoch;
    }
    items_.insert_or_assign(key, std::move(value));
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return items_.size();
  }

 private:
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::int64_t epoch_ = -1;
  std::unordered_map<std::string, V> items_;
};

}  // namespace ln
