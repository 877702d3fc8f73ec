#pragma once
// Times are stored in UTC and shown in the deployment's local time (--time-zone, default
// Asia/Ho_Chi_Minh; base/local_zone.h), in the Vietnamese order: day/month/year, 24-hour clock.
#include <string>

namespace ln::api {

// "2026-12-07" → "07/12/2026"; anything else is returned as it came.
std::string local_date(const std::string& iso_date);
// "2026-12-06T20:41:00Z" → "03:41 07/12/2026" in the local zone; anything else as it came.
std::string local_date_time(const std::string& rfc3339_utc);

}  // namespace ln::api
