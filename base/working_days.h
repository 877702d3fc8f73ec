#pragma once
// The working-day calendar: Monday to Friday, less the public holidays, plus any weekend day
// worked in exchange. Holidays are data (base/calendar/holidays_vn.tsv, or --holidays), loaded
// at start; Tết moves every year.
#include <chrono>
#include <filesystem>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace ln {

struct CalendarDay {
  std::string date;  // YYYY-MM-DD
  std::string kind;  // holiday | working
  std::string name;
};

class WorkingCalendar {
 public:
  WorkingCalendar() = default;
  explicit WorkingCalendar(std::vector<CalendarDay> days) { replace(std::move(days)); }

  // Lines "date<TAB>kind<TAB>name"; '#' starts a comment. Throws Invalid naming the line.
  static std::vector<CalendarDay> parse(std::string_view text);
  static WorkingCalendar load(const std::filesystem::path& file);

  bool is_working_day(std::chrono::year_month_day day) const;
  // The date `days` working days after `from` (`from` itself never counts).
  std::chrono::year_month_day add(std::chrono::year_month_day from, int days) const;
  // Working days in (from, to]; negative when `to` is before `from`.
  int working_days_between(std::chrono::year_month_day from, std::chrono::year_month_day to) const;

  std::vector<CalendarDay> days() const;
  void replace(std::vector<CalendarDay> days);

  // The file's text for these days (which parse() reads back); Invalid when a day is malformed.
  static std::string format(const std::vector<CalendarDay>& days);
  // Writes the file atomically (a temporary file renamed over it).
  static void save(const std::filesystem::path& file, const std::vector<CalendarDay>& days);

 private:
  mutable std::shared_mutex mutex_;
  std::vector<CalendarDay> days_;  // sorted by date
};

std::filesystem::path default_calendar_file();

}  // namespace ln
