#pragma once
// Guess limits for every credential (sign-in, class and guardian codes, passwords), kept in the
// database so every instance sees them. Wrong guesses are counted per credential space and
// target, per client address (per hour and per day) and across all addresses (per hour). No
// success on another credential clears a count; the windows end by themselves. A limit never
// refuses an address that has not guessed wrong itself, so the right person elsewhere gets in.
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/guess_limit.h"
#include "consult/storage.h"

namespace ln {

// One guess: what kind of credential, which target inside that space ("" for codes, where the
// code itself is the whole secret; the account's username for a password), and who guesses.
struct Guess {
  const GuessLimit& limit;
  std::string target;
  std::string address;
};

// Wrong and refused guesses per credential space since this process started (for /metrics).
class GuessCounts {
 public:
  struct Count {
    std::uint64_t failed = 0;
    std::uint64_t refused = 0;
  };
  void failed(const std::string& space);
  void refused(const std::string& space);
  std::map<std::string, Count> snapshot() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Count> counts_;
};

class Throttle {
 public:
  Throttle(AccountStore& store, const Clock& clock, GuessCounts* counts = nullptr)
      : store_(store), clock_(clock), counts_(counts) {}

  // Throws TooManyRequests (429, Retry-After) while this guess must wait.
  void check(const Guess& guess);
  // Counts a wrong guess in every window it belongs to.
  void failed(const Guess& guess);
  // The right secret for this target from this address: clears this target's count for this
  // address only (never the count across addresses, never another target's or space's).
  void succeeded(const Guess& guess);

  // The primitives underneath. check_keys: throws while any of the keys is locked.
  // count_failure: counts a failure; from `threshold` failures on, locks the key for
  // base × 2^(extra failures), at most `longest`. Returns the count.
  void check_keys(const std::vector<std::string>& keys);
  int count_failure(const std::string& key, int threshold, std::chrono::seconds base,
                    std::chrono::seconds longest = std::chrono::hours(1));

 private:
  std::chrono::seconds wait_for(const std::vector<std::string>& keys, TimePoint now);

  AccountStore& store_;
  const Clock& clock_;
  GuessCounts* counts_;
};

}  // namespace ln
