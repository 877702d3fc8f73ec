#include "consult/throttle.h"

#include <algorithm>

#include "base/client_network.h"
#include "base/errors.h"

namespace ln {
namespace {

using std::chrono::seconds;
constexpr seconds kHour{3600};
constexpr seconds kDay{86400};

// The window `now` falls in, numbered from the epoch, and when it ends.
long long window_of(TimePoint now, seconds length) {
  return std::chrono::duration_cast<seconds>(now.time_since_epoch()).count() / length.count();
}
TimePoint window_end(long long window, seconds length) {
  return TimePoint(seconds((window + 1) * length.count()));
}

std::string prefix(const Guess& g) {
  return "guess:" + g.limit.space + ":" + g.target + ":";
}
std::string address_key(const Guess& g, const char* unit, long long window) {
  return prefix(g) + "addr:" + client_network(g.address) + ":" + unit + std::to_string(window);
}
std::string all_key(const Guess& g, long long window) {
  return prefix(g) + "all:h" + std::to_string(window);
}

const char* kWait = "Too many attempts. Please wait and try again.";

}  // namespace

void GuessCounts::failed(const std::string& space) {
  std::lock_guard lock(mutex_);
  ++counts_[space].failed;
}

void GuessCounts::refused(const std::string& space) {
  std::lock_guard lock(mutex_);
  ++counts_[space].refused;
}

std::map<std::string, GuessCounts::Count> GuessCounts::snapshot() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

seconds Throttle::wait_for(const std::vector<std::string>& keys, TimePoint now) {
  seconds wait{0};
  for (const auto& key : keys) {
    auto state = store_.failures(key);
    if (!state.locked_until) continue;
    auto until = parse_time(*state.locked_until);
    if (until && *until > now) wait = std::max(wait, std::chrono::ceil<seconds>(*until - now));
  }
  return wait;
}

void Throttle::check_keys(const std::vector<std::string>& keys) {
  auto wait = wait_for(keys, clock_.now());
  if (wait.count() > 0) throw TooManyRequests(kWait, wait);
}

int Throttle::count_failure(const std::string& key, int threshold, seconds base, seconds longest) {
  // Counted in one statement: parallel wrong guesses cannot overwrite each other's count.
  int failures = store_.add_failure(key, clock_.now_text());
  if (failures >= threshold) {
    int doublings = std::min(failures - threshold, 16);
    auto lock = std::min<seconds>(base * (1LL << doublings), longest);
    store_.lock_failures_until(key, format_time(clock_.now() + lock));
  }
  return failures;
}

void Throttle::check(const Guess& guess) {
  auto now = clock_.now();
  auto hour = window_of(now, kHour), day = window_of(now, kDay);
  // A lock set late in the last hour still holds in this one.
  auto this_hour = address_key(guess, "h", hour);
  auto wait =
      wait_for({this_hour, address_key(guess, "h", hour - 1), address_key(guess, "d", day)}, now);
  // Under pressure from many addresses, an address that has guessed wrong waits till the hour
  // ends; one that has not (the right person, elsewhere) still passes.
  if (wait.count() == 0 && store_.failures(this_hour).failures >= guess.limit.under_pressure &&
      store_.failures(all_key(guess, hour)).failures >= guess.limit.all_addresses_hour)
    wait = std::chrono::ceil<seconds>(window_end(hour, kHour) - now);
  if (wait.count() > 0) {
    if (counts_) counts_->refused(guess.limit.space);
    throw TooManyRequests(kWait, wait);
  }
}

void Throttle::failed(const Guess& guess) {
  auto now = clock_.now();
  auto hour = window_of(now, kHour), day = window_of(now, kDay);
  count_failure(address_key(guess, "h", hour), guess.limit.per_address_hour, guess.limit.base);
  auto day_key = address_key(guess, "d", day);
  if (store_.add_failure(day_key, clock_.now_text()) >= guess.limit.per_address_day)
    store_.lock_failures_until(day_key, format_time(window_end(day, kDay)));
  store_.add_failure(all_key(guess, hour), clock_.now_text());
  if (counts_) counts_->failed(guess.limit.space);
}

void Throttle::succeeded(const Guess& guess) {
  auto now = clock_.now();
  store_.clear_failures(address_key(guess, "h", window_of(now, kHour)));
  store_.clear_failures(address_key(guess, "h", window_of(now, kHour) - 1));
  store_.clear_failures(address_key(guess, "d", window_of(now, kDay)));
}

}  // namespace ln
