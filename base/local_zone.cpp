#include "base/local_zone.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>

#include "base/clock.h"

namespace ln {

namespace {

std::unique_ptr<icu::TimeZone> icu_zone(const std::string& zone) {
  std::unique_ptr<icu::TimeZone> tz(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
  if (!tz || *tz == icu::TimeZone::getUnknown()) return nullptr;
  return tz;
}

struct DeploymentZone {
  std::string name = kDefaultTimeZone;
  std::unique_ptr<icu::TimeZone> zone = icu_zone(kDefaultTimeZone);
};

// Set once at start, before any thread; read-only afterwards (each reader works on its own clone).
DeploymentZone& deployment() {
  static DeploymentZone d;
  return d;
}

}  // namespace

std::string check_time_zone(const std::string& zone) {
  if (zone.empty() || zone.size() >= 64 || !icu_zone(zone))
    return "--time-zone must name a zone of the tz database, e.g. Asia/Ho_Chi_Minh";
  return "";
}

void use_time_zone(const std::string& zone) {
  auto tz = icu_zone(zone);
  if (!tz) return;
  deployment().name = zone;
  deployment().zone = std::move(tz);
}

const std::string& time_zone() {
  return deployment().name;
}

std::chrono::seconds local_offset(std::chrono::system_clock::time_point t) {
  std::unique_ptr<icu::TimeZone> tz(deployment().zone->clone());
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch());
  std::int32_t raw = 0, dst = 0;
  UErrorCode error = U_ZERO_ERROR;
  tz->getOffset(static_cast<UDate>(ms.count()), false, raw, dst, error);
  if (U_FAILURE(error)) return std::chrono::seconds(0);
  return std::chrono::seconds((raw + dst) / 1000);
}

std::chrono::year_month_day local_date_of(std::chrono::system_clock::time_point t) {
  return date_of(t + local_offset(t));
}

}  // namespace ln
