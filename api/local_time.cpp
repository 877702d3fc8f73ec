#include "api/local_time.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>

#include "consult/clock.h"

namespace ln::api {

namespace {

// The zone pages and printed reports show times in; set once at start, before any thread. The
// process's own TZ is left alone: stored and logged times never depend on it.
std::string& shown_zone() {
  static std::string zone = "Asia/Ho_Chi_Minh";
  return zone;
}

std::unique_ptr<icu::TimeZone> icu_zone(const std::string& zone) {
  std::unique_ptr<icu::TimeZone> tz(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
  if (!tz || *tz == icu::TimeZone::getUnknown()) return nullptr;
  return tz;
}

}  // namespace

std::string check_time_zone(const std::string& zone) {
  if (zone.empty() || zone.size() >= 64 || !icu_zone(zone))
    return "--time-zone must name a zone of the tz database, e.g. Asia/Ho_Chi_Minh";
  return "";
}

void use_time_zone(const std::string& zone) {
  shown_zone() = zone;
}

std::string local_date(const std::string& iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string local_date_time(const std::string& utc) {
  auto at = parse_time(utc);
  auto tz = icu_zone(shown_zone());
  if (!at || !tz) return utc;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(at->time_since_epoch());
  std::int32_t raw = 0, dst = 0;
  UErrorCode error = U_ZERO_ERROR;
  tz->getOffset(static_cast<UDate>(ms.count()), false, raw, dst, error);
  if (U_FAILURE(error)) return utc;
  const std::time_t seconds = std::chrono::system_clock::to_time_t(*at) + (raw + dst) / 1000;
  std::tm local{};
  if (!gmtime_r(&seconds, &local)) return utc;
  char text[64];
  std::snprintf(text, sizeof text, "%02d:%02d %02d/%02d/%04d", local.tm_hour, local.tm_min,
                local.tm_mday, local.tm_mon + 1, local.tm_year + 1900);
  return text;
}

}  // namespace ln::api
