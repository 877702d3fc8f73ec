#pragma once
// The deployment's local time (--time-zone, a zone of the tz database through ICU; default
// Asia/Ho_Chi_Minh). Times are stored in UTC; the day a due date counts from, the day a reminder
// goes out and the times the pages show and take are this zone's, daylight saving included.
#include <chrono>
#include <string>

namespace ln {

inline constexpr const char* kDefaultTimeZone = "Asia/Ho_Chi_Minh";

// Whether `zone` names a zone of the tz database: "" if so, else why not.
std::string check_time_zone(const std::string& zone);
// Makes `zone` the deployment's; called once at start, before any thread. The process's TZ is
// never touched: stored and logged times do not depend on it.
void use_time_zone(const std::string& zone);
const std::string& time_zone();

// How far the deployment's clocks are ahead of UTC at `t` (negative west of Greenwich).
std::chrono::seconds local_offset(std::chrono::system_clock::time_point t);
// The calendar day it is at `t` in the deployment's zone.
std::chrono::year_month_day local_date_of(std::chrono::system_clock::time_point t);

}  // namespace ln
