#pragma once
// A growing delay after repeated failures (passwords, join codes, sign-in codes), kept in the
// database so every instance sees it. Past the threshold each further failure doubles the lock.
#include <string>
#include <vector>

#include "consult/clock.h"
#include "consult/storage.h"

namespace ln {

class Throttle {
 public:
  Throttle(AccountStore& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Throws TooManyRequests (429, Retry-After) while any of the keys is locked.
  void check(const std::vector<std::string>& keys);
  // Counts a failure; from `threshold` failures on, locks the key for base × 2^(extra failures),
  // at most 15 minutes.
  void failed(const std::string& key, int threshold, std::chrono::seconds base);
  void succeeded(const std::string& key) { store_.clear_failures(key); }

 private:
  AccountStore& store_;
  const Clock& clock_;
};

}  // namespace ln
