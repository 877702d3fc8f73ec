#include "consult/throttle.h"

#include <algorithm>

#include "consult/errors.h"

namespace ln {

void Throttle::check(const std::vector<std::string>& keys) {
  auto now = clock_.now();
  std::chrono::seconds wait{0};
  for (const auto& key : keys) {
    auto state = store_.failures(key);
    if (!state.locked_until) continue;
    auto until = parse_time(*state.locked_until);
    if (until && *until > now)
      wait = std::max(wait, std::chrono::ceil<std::chrono::seconds>(*until - now));
  }
  if (wait.count() > 0)
    throw TooManyRequests("Too many attempts. Please wait and try again.", wait);
}

void Throttle::failed(const std::string& key, int threshold, std::chrono::seconds base) {
  // Counted in one statement: parallel wrong guesses cannot overwrite each other's count.
  int failures = store_.add_failure(key, clock_.now_text());
  if (failures >= threshold) {
    int doublings = std::min(failures - threshold, 5);
    auto lock = std::min<std::chrono::seconds>(base * (1 << doublings), std::chrono::minutes(15));
    store_.lock_failures_until(key, format_time(clock_.now() + lock));
  }
}

}  // namespace ln
