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
  auto state = store_.failures(key);
  ++state.failures;
  if (state.failures >= threshold) {
    int doublings = std::min(state.failures - threshold, 5);
    auto lock = std::min<std::chrono::seconds>(base * (1 << doublings), std::chrono::minutes(15));
    state.locked_until = format_time(clock_.now() + lock);
  }
  store_.set_failures(key, state, clock_.now_text());
}

}  // namespace ln
