#include "consult/age_bands.h"

#include "consult/clock.h"

namespace ln {
using namespace std::chrono;

const std::vector<AgeBand>& age_bands() {
  static const std::vector<AgeBand> bands = {
      {"7-10", 7, 10}, {"11-13", 11, 13}, {"14-15", 14, 15}, {"16-17", 16, 17}};
  return bands;
}

std::optional<AgeBand> band_for_age(int age) {
  for (const auto& band : age_bands())
    if (age >= band.min_age && age <= band.max_age) return band;
  return std::nullopt;
}

year_month_day band_changes_on(year_month_day birth, year_month_day today) {
  auto band = band_for_age(age_on(birth, today));
  int leave_age = band ? band->max_age + 1 : kOldestAge + 1;
  year_month_day day = (birth.year() + years(leave_age)) / birth.month() / birth.day();
  if (!day.ok()) day = year_month_day{sys_days(day.year() / day.month() / last)};  // 29 Feb
  return day;
}

}  // namespace ln
