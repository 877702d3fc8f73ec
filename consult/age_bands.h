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

// The deployment's bands, youngest first (default 7–10, 11–13, 14–15, 16–17).
const std::vector<AgeBand>& age_bands();
// Replaces the bands at start-up, before any request is served. They must cover 7 to 17
// without gaps or overlaps. Throws std::invalid_argument.
void configure_age_bands(const std::vector<AgeBand>& bands);
// "7-9,10-12,13-17" → bands; throws std::invalid_argument.
std::vector<AgeBand> parse_age_bands(const std::string& text);
// One of the deployment's bands.
bool is_band(const std::string& band_id);
// The youngest band: its children get faces on scales and one question per screen.
bool is_youngest_band(const std::string& band_id);
// Questions a child of this band may be asked in one consultation.
int question_cap(const std::string& band_id);
std::optional<AgeBand> band_for_age(int age);
// The first day on which a child born on `birth` leaves the band they are in `today`.
std::chrono::year_month_day band_changes_on(std::chrono::year_month_day birth,
                                            std::chrono::year_month_day today);

inline constexpr int kYoungestAge = 7;
inline constexpr int kOldestAge = 17;

}  // namespace ln
