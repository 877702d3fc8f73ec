#include "base/working_days.h"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <sstream>

#include "base/clock.h"
#include "base/errors.h"

namespace ln {

using namespace std::chrono;

std::vector<CalendarDay> WorkingCalendar::parse(std::string_view text) {
  std::vector<CalendarDay> out;
  std::istringstream in{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto tab1 = line.find('\t');
    auto tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    std::string where = "line " + std::to_string(number);
    if (tab2 == std::string::npos)
      throw Invalid("calendar", where + ": expected date, kind and name separated by tabs.");
    CalendarDay day{line.substr(0, tab1), line.substr(tab1 + 1, tab2 - tab1 - 1),
                    line.substr(tab2 + 1)};
    if (!parse_date(day.date)) throw Invalid("calendar", where + ": the date is not YYYY-MM-DD.");
    if (day.kind != "holiday" && day.kind != "working")
      throw Invalid("calendar", where + ": kind is holiday or working.");
    if (day.name.empty()) throw Invalid("calendar", where + ": the day needs a name.");
    out.push_back(std::move(day));
  }
  return out;
}

WorkingCalendar WorkingCalendar::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read the holiday calendar " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  return WorkingCalendar(parse(text.str()));
}

void WorkingCalendar::replace(std::vector<CalendarDay> days) {
  std::sort(days.begin(), days.end(),
            [](const CalendarDay& a, const CalendarDay& b) { return a.date < b.date; });
  std::unique_lock lock(mutex_);
  days_ = std::move(days);
}

std::vector<CalendarDay> WorkingCalendar::days() const {
  std::shared_lock lock(mutex_);
  return days_;
}

bool WorkingCalendar::is_working_day(year_month_day day) const {
  std::string text = format_date(day);
  {
    std::shared_lock lock(mutex_);
    auto it =
        std::lower_bound(days_.begin(), days_.end(), text,
                         [](const CalendarDay& d, const std::string& t) { return d.date < t; });
    if (it != days_.end() && it->date == text) return it->kind == "working";
  }
  weekday wd{sys_days(day)};
  return wd != Saturday && wd != Sunday;
}

year_month_day WorkingCalendar::add(year_month_day from, int days_to_add) const {
  sys_days day{from};
  while (days_to_add > 0) {
    day += std::chrono::days{1};
    if (is_working_day(year_month_day{day})) --days_to_add;
  }
  return year_month_day{day};
}

int WorkingCalendar::working_days_between(year_month_day from, year_month_day to) const {
  sys_days a{from}, b{to};
  int sign = 1;
  if (b < a) {
    std::swap(a, b);
    sign = -1;
  }
  int count = 0;
  for (sys_days d = a + std::chrono::days{1}; d <= b; d += std::chrono::days{1})
    if (is_working_day(year_month_day{d})) ++count;
  return sign * count;
}

std::string WorkingCalendar::format(const std::vector<CalendarDay>& days) {
  std::string out =
      "# Working-day calendar: date <TAB> holiday|working <TAB> name (edited through the API)\n";
  for (const auto& d : days) {
    if (d.name.empty() || d.name.size() > 200 ||
        d.name.find_first_of("\t\r\n") != std::string::npos)
      throw Invalid("days", "Each day needs a name of one line (" + d.date + ").");
    out += d.date + "\t" + d.kind + "\t" + d.name + "\n";
  }
  parse(out);  // the same checks as at start: dates and kinds
  return out;
}

void WorkingCalendar::save(const std::filesystem::path& file,
                           const std::vector<CalendarDay>& days) {
  std::string text = format(days);
  auto temporary = file;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + temporary.string());
  }
  std::filesystem::rename(temporary, file);
}

std::filesystem::path default_calendar_file() {
  return LANGNGHE_CALENDAR_FILE;
}

}  // namespace ln
