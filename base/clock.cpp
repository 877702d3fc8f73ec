#include "base/clock.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace ln {
using namespace std::chrono;

std::string Clock::now_text() const {
  return format_time(now());
}

std::string format_time(TimePoint t) {
  // Field by field: fmt 9 formats a system_clock time in the process's TZ (localtime), which the
  // machine may set to anything; stored and sent times are always UTC.
  auto at = floor<seconds>(t);
  auto day = floor<days>(at);
  year_month_day date{day};
  hh_mm_ss<seconds> time{at - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     time.hours().count(), time.minutes().count(), time.seconds().count());
}

namespace {

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

}  // namespace

std::optional<year_month_day> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
  year_month_day date{year{number(y)}, month{static_cast<unsigned>(number(m))},
                      day{static_cast<unsigned>(number(d))}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string format_date(year_month_day date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::optional<TimePoint> parse_time(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SSZ only: what format_time writes.
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
    return std::nullopt;
  auto date = parse_date(text.substr(0, 10));
  auto hh = text.substr(11, 2), mm = text.substr(14, 2), ss = text.substr(17, 2);
  if (!date || !digits(hh) || !digits(mm) || !digits(ss)) return std::nullopt;
  int h = number(hh), mi = number(mm), s = number(ss);
  if (h > 23 || mi > 59 || s > 59) return std::nullopt;
  return sys_days(*date) + hours(h) + minutes(mi) + seconds(s);
}

year_month_day date_of(TimePoint t) {
  return year_month_day{floor<days>(t)};
}

int age_on(year_month_day birth, year_month_day on) {
  int age = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --age;
  return age;
}

TimePoint add_working_days(TimePoint from, int days_to_add, bool (*is_holiday)(year_month_day)) {
  TimePoint t = from;
  while (days_to_add > 0) {
    t += days{1};
    weekday wd{floor<days>(t)};
    if (wd == Saturday || wd == Sunday) continue;
    if (is_holiday && is_holiday(date_of(t))) continue;
    --days_to_add;
  }
  return t;
}

}  // namespace ln
