#pragma once
// Time as the domain sees it: RFC 3339 UTC strings in storage and on the wire, and a clock that
// tests can move forward.
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ln {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
  std::string now_text() const;
};

// The system clock, plus an offset that only the API tests' clock hook ever changes.
class SystemClock : public Clock {
 public:
  TimePoint now() const override {
    return std::chrono::system_clock::now() + std::chrono::seconds(offset_seconds_.load());
  }
  void advance(std::chrono::seconds by) { offset_seconds_ += by.count(); }

 private:
  std::atomic<long long> offset_seconds_{0};
};

// "2026-11-24T10:42:29Z"
std::string format_time(TimePoint t);
std::optional<TimePoint> parse_time(std::string_view text);

// A calendar date, "YYYY-MM-DD", strictly checked (no 2026-02-30).
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);
std::string format_date(std::chrono::year_month_day date);
std::chrono::year_month_day date_of(TimePoint t);

// Whole years between a birth date and `on`.
int age_on(std::chrono::year_month_day birth, std::chrono::year_month_day on);

// `from` plus `days` working days (Monday–Friday, skipping `is_holiday` dates).
TimePoint add_working_days(TimePoint from, int days,
                           bool (*is_holiday)(std::chrono::year_month_day) = nullptr);

}  // namespace ln
