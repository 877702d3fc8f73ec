#include "api/pages/local_time.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "base/clock.h"
#include "base/local_zone.h"

namespace ln::api {

std::string local_date(const std::string& iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string local_date_time(const std::string& utc) {
  auto at = parse_time(utc);
  if (!at) return utc;
  const std::time_t seconds = std::chrono::system_clock::to_time_t(*at) + local_offset(*at).count();
  std::tm local{};
  if (!gmtime_r(&seconds, &local)) return utc;
  char text[64];
  std::snprintf(text, sizeof text, "%02d:%02d %02d/%02d/%04d", local.tm_hour, local.tm_min,
                local.tm_mday, local.tm_mon + 1, local.tm_year + 1900);
  return text;
}

}  // namespace ln::api
