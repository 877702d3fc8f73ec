#include "api/local_time.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "consult/clock.h"

namespace ln::api {

std::string check_time_zone(const std::string& zone) {
  bool plain = !zone.empty() && zone.size() < 64 && zone.front() != '/' &&
               zone.find("..") == std::string::npos;
  for (char c : zone)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' &&
        c != '+')
      plain = false;
  if (!plain || !std::filesystem::is_regular_file("/usr/share/zoneinfo/" + zone))
    return "--time-zone must name a zone of the tz database, e.g. Asia/Ho_Chi_Minh";
  return "";
}

void use_time_zone(const std::string& zone) {
  setenv("TZ", zone.c_str(), 1);
  tzset();
}

std::string local_date(const std::string& iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string local_date_time(const std::string& utc) {
  auto at = parse_time(utc);
  if (!at) return utc;
  std::time_t seconds = std::chrono::system_clock::to_time_t(*at);
  std::tm local{};
  if (!localtime_r(&seconds, &local)) return utc;
  char text[64];
  std::snprintf(text, sizeof text, "%02d:%02d %02d/%02d/%04d", local.tm_hour, local.tm_min,
                local.tm_mday, local.tm_mon + 1, local.tm_year + 1900);
  return text;
}

}  // namespace ln::api
