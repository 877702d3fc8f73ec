#include "consult/age_bands.h"

#include <algorithm>
#include <stdexcept>

#include "base/clock.h"

namespace ln {
using namespace std::chrono;

namespace {

std::vector<AgeBand>& configured() {
  static std::vector<AgeBand> bands = {
      {"7-10", 7, 10}, {"11-13", 11, 13}, {"14-15", 14, 15}, {"16-17", 16, 17}};
  return bands;
}

}  // namespace

const std::vector<AgeBand>& age_bands() {
  return configured();
}

void configure_age_bands(const std::vector<AgeBand>& bands) {
  int next = kYoungestAge;
  for (const auto& b : bands) {
    if (b.min_age != next || b.max_age < b.min_age)
      throw std::invalid_argument("age bands must run from 7 to 17 without gaps or overlaps");
    next = b.max_age + 1;
  }
  if (next != kOldestAge + 1)
    throw std::invalid_argument("age bands must run from 7 to 17 without gaps or overlaps");
  configured() = bands;
}

std::vector<AgeBand> parse_age_bands(const std::string& text) {
  std::vector<AgeBand> bands;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = std::min(text.find(',', start), text.size());
    std::string item = text.substr(start, comma - start);
    auto dash = item.find('-');
    if (dash == std::string::npos || dash == 0 || dash + 1 >= item.size() || item.size() > 5 ||
        !std::all_of(item.begin(), item.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) || c == '-';
        }))
      throw std::invalid_argument("age bands are written like 7-10,11-13,14-15,16-17");
    int lo = std::stoi(item.substr(0, dash)), hi = std::stoi(item.substr(dash + 1));
    bands.push_back({std::to_string(lo) + "-" + std::to_string(hi), lo, hi});
    start = comma + 1;
  }
  return bands;
}

bool is_band(const std::string& band_id) {
  return std::any_of(age_bands().begin(), age_bands().end(),
                     [&](const AgeBand& b) { return b.id == band_id; });
}

bool is_youngest_band(const std::string& band_id) {
  return !age_bands().empty() && age_bands().front().id == band_id;
}

int question_cap(const std::string& band_id) {
  for (const auto& b : age_bands())
    if (b.id == band_id) return b.max_age <= 10 ? 10 : b.max_age <= 13 ? 15 : 20;
  return 20;
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
