#include "base/write_limits.h"

#include <algorithm>
#include <cmath>

#include "base/client_network.h"
#include "base/errors.h"

namespace ln {
namespace {

double rate_per_second(WriteLimit limit) {
  return limit.per_minute / 60.0;
}

}  // namespace

WriteLimits::Bucket& WriteLimits::refill(const std::string& key, WriteLimit limit, TimePoint now) {
  auto [it, created] = buckets_.try_emplace(key, Bucket{double(limit.per_minute), now});
  Bucket& bucket = it->second;
  if (!created && now > bucket.updated) {
    double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens =
        std::min<double>(limit.per_minute, bucket.tokens + elapsed * rate_per_second(limit));
  }
  bucket.updated = std::max(bucket.updated, now);
  return bucket;
}

void WriteLimits::forget_full_buckets(TimePoint now) {
  // A full bucket is the same as no bucket; dropping them bounds memory under address floods.
  std::erase_if(buckets_, [&](const auto& entry) {
    const auto& [key, bucket] = entry;
    WriteLimit limit = key.rfind("a:", 0) == 0 ? per_account_ : per_address_;
    double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    return bucket.tokens + elapsed * rate_per_second(limit) >= limit.per_minute;
  });
}

void WriteLimits::take(const std::string& account_id, const std::string& client_address) {
  if (per_account_.per_minute <= 0 && per_address_.per_minute <= 0) return;  // no limits: no lock
  auto now = clock_.now();
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= next_prune_) {
    forget_full_buckets(now);
    next_prune_ = std::max(max_keys_, 2 * buckets_.size());
  }

  struct Taken {
    Bucket* bucket;
    WriteLimit limit;
  };
  std::vector<Taken> wanted;
  if (per_account_.per_minute > 0 && !account_id.empty())
    wanted.push_back({&refill("a:" + account_id, per_account_, now), per_account_});
  if (per_address_.per_minute > 0 && !client_address.empty())
    wanted.push_back(
        {&refill("c:" + client_network(client_address), per_address_, now), per_address_});

  double wait_seconds = 0;
  for (const auto& [bucket, limit] : wanted)
    if (bucket->tokens < 1.0)
      wait_seconds = std::max(wait_seconds, (1.0 - bucket->tokens) / rate_per_second(limit));
  if (wait_seconds > 0)
    throw TooManyRequests("Too many changes in a short time. Please wait and try again.",
                          std::chrono::seconds(static_cast<long long>(std::ceil(wait_seconds))));
  for (const auto& [bucket, limit] : wanted) bucket->tokens -= 1.0;
}

}  // namespace ln
