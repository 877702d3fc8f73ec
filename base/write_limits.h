#pragma once
// Rate limits on writes: a token bucket per account and per client address, in memory on each
// instance (behind several instances each holds its own, so the real ceiling is N × the limit).
// Sign-in failures have their own growing lock (throttle.h); this caps everything that writes.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/clock.h"

namespace ln {

struct WriteLimit {
  int per_minute = 0;  // 0: no limit; also the burst (the bucket holds a minute's worth)
};

class WriteLimits {
 public:
  WriteLimits(const Clock& clock, WriteLimit per_account, WriteLimit per_address,
              std::size_t max_keys = 100000)
      : clock_(clock), per_account_(per_account), per_address_(per_address), max_keys_(max_keys) {}

  // Takes one write from the account's and the address's buckets (either may be empty), or
  // throws TooManyRequests (429) with the seconds until both have a write again; a refused write
  // takes nothing. Thread-safe.
  void take(const std::string& account_id, const std::string& client_address);

  // How many buckets are held (full ones are forgotten once there are max_keys of them).
  std::size_t tracked() const {
    std::lock_guard lock(mutex_);
    return buckets_.size();
  }

 private:
  struct Bucket {
    double tokens = 0;
    TimePoint updated;
  };
  // Tokens in the bucket now (refilled since its last update); creates a full one.
  Bucket& refill(const std::string& key, WriteLimit limit, TimePoint now);
  void forget_full_buckets(TimePoint now);

  const Clock& clock_;
  WriteLimit per_account_, per_address_;
  std::size_t max_keys_;
  std::size_t next_prune_ = max_keys_;  // doubles while nothing can be forgotten: no O(n²)
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace ln
