#pragma once
// Age bands decide which wording a child sees. Defaults 7–10, 11–13, 14–15, 16–17.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ln {

struct AgeBand {
  std::string id;  // "7-10"
  int min_age;
  int max_age;
};

const std::vector<AgeBand>& age_bands();
std::optional<AgeBand> band_for_age(int age);
// The first day on which a child born on `birth` leaves the band they are in `today`.
std::chrono::year_month_day band_changes_on(std::chrono::year_month_day birth,
                                            std::chrono::year_month_day today);

inline constexpr int kYoungestAge = 7;
inline constexpr int kOldestAge = 17;

}  // namespace ln
