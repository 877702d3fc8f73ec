#pragma once
// The cursor of listings ordered by (created_at, id): "<created_at>|<id>", as the API hands it
// out in `next`. No cursor, or one without a bar, reads from the start (both halves empty).
#include <optional>
#include <string>

namespace ln::store {

struct TimeCursor {
  std::string at, id;
};

inline TimeCursor time_cursor(const std::optional<std::string>& after) {
  if (!after) return {};
  auto bar = after->find('|');
  if (bar == std::string::npos) return {};
  return {after->substr(0, bar), after->substr(bar + 1)};
}

}  // namespace ln::store
