// Working-day arithmetic on the Vietnamese holiday calendar, across Tết and the other holidays.
#include "base/working_days.h"

#include <gtest/gtest.h>

#include "base/clock.h"
#include "base/errors.h"
#include "base/local_zone.h"

namespace ln {
namespace {

std::chrono::year_month_day d(const char* text) {
  return *parse_date(text);
}

std::string add(const WorkingCalendar& c, const char* from, int days) {
  return format_date(c.add(d(from), days));
}

class WorkingDays : public ::testing::Test {
 protected:
  WorkingCalendar calendar = WorkingCalendar::load(default_calendar_file());
};

TEST_F(WorkingDays, TetTwentyTwentySixIsNineDaysOff) {
  for (const char* day : {"2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18",
                          "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22"})
    EXPECT_FALSE(calendar.is_working_day(d(day))) << day;
  EXPECT_TRUE(calendar.is_working_day(d("2026-02-13")));
  EXPECT_TRUE(calendar.is_working_day(d("2026-02-23")));
}

TEST_F(WorkingDays, CountingAcrossTet) {
  // Friday before Tết plus one working day is the Monday after it.
  EXPECT_EQ(add(calendar, "2026-02-13", 1), "2026-02-23");
  EXPECT_EQ(add(calendar, "2026-02-10", 5), "2026-02-24");
  // Thirty working days from 2 February 2026 end a week later than the weekdays alone would.
  EXPECT_EQ(add(calendar, "2026-02-02", 30), "2026-03-23");
  EXPECT_EQ(calendar.working_days_between(d("2026-02-13"), d("2026-02-23")), 1);
  EXPECT_EQ(calendar.working_days_between(d("2026-02-23"), d("2026-02-13")), -1);
  EXPECT_EQ(calendar.working_days_between(d("2026-02-02"), d("2026-03-23")), 30);
  // Tết 2027 (mùng 1 on Saturday 6 February).
  EXPECT_EQ(add(calendar, "2027-02-03", 1), "2027-02-11");
}

TEST_F(WorkingDays, OtherPublicHolidays) {
  EXPECT_EQ(add(calendar, "2026-04-29", 1), "2026-05-04");  // 30/4 and 1/5
  EXPECT_EQ(add(calendar, "2026-04-24", 1), "2026-04-28");  // Hùng Kings, moved to Monday
  EXPECT_EQ(add(calendar, "2026-08-31", 1), "2026-09-03");  // National Day and the day before
  EXPECT_EQ(add(calendar, "2026-12-31", 1), "2027-01-04");  // New Year's Day, then a weekend
}

TEST_F(WorkingDays, WeekendsAndSwappedDays) {
  WorkingCalendar c(WorkingCalendar::parse(
      "# a comment\n2026-03-02\tholiday\tA Monday off\n2026-03-07\tworking\tSaturday worked\n"));
  EXPECT_FALSE(c.is_working_day(d("2026-03-02")));
  EXPECT_TRUE(c.is_working_day(d("2026-03-07")));
  EXPECT_FALSE(c.is_working_day(d("2026-03-08")));
  EXPECT_EQ(add(c, "2026-02-27", 1), "2026-03-03");
  EXPECT_EQ(add(c, "2026-03-06", 1), "2026-03-07");
  EXPECT_EQ(c.working_days_between(d("2026-03-06"), d("2026-03-06")), 0);
}

TEST_F(WorkingDays, BadCalendarLinesAreRefusedWithTheirLine) {
  try {
    WorkingCalendar::parse("2026-01-01\tholiday\tNew Year\n2026-02-30\tholiday\tNo such day\n");
    FAIL() << "accepted 30 February";
  } catch (const Invalid& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(WorkingCalendar::parse("2026-01-01\tfeast\tNew Year\n"), Invalid);
  EXPECT_THROW(WorkingCalendar::parse("2026-01-01 holiday New Year\n"), Invalid);
  EXPECT_THROW(WorkingCalendar::parse("2026-01-01\tholiday\t\n"), Invalid);
}

TEST_F(WorkingDays, TheDayIsTheDeploymentZonesDay) {
  // Viet Nam by default: seven hours ahead all year.
  auto t = *parse_time("2026-02-16T18:30:00Z");
  EXPECT_EQ(format_date(local_date_of(t)), "2026-02-17");
  // Paris: one hour ahead in winter, two in summer (daylight saving).
  ASSERT_EQ(check_time_zone("Europe/Paris"), "");
  EXPECT_NE(check_time_zone("Mars/Olympus_Mons"), "");
  use_time_zone("Europe/Paris");
  EXPECT_EQ(format_date(local_date_of(t)), "2026-02-16");
  EXPECT_EQ(format_date(local_date_of(*parse_time("2026-02-16T23:30:00Z"))), "2026-02-17");
  EXPECT_EQ(format_date(local_date_of(*parse_time("2026-07-16T22:30:00Z"))), "2026-07-17");
  EXPECT_EQ(format_date(local_date_of(*parse_time("2026-07-16T21:30:00Z"))), "2026-07-16");
  EXPECT_EQ(local_offset(*parse_time("2026-07-16T21:30:00Z")).count(), 7200);
  use_time_zone(kDefaultTimeZone);
  EXPECT_EQ(local_offset(t).count(), 7 * 3600);
}

}  // namespace
}  // namespace ln
