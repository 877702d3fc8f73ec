#include "base/clock.h"

#include <gtest/gtest.h>

#include "consult/age_bands.h"

namespace ln {
namespace {
using namespace std::chrono;

TEST(Clock, FormatsAndParsesRfc3339Utc) {
  auto t = sys_days(2026y / November / 24) + hours(10) + minutes(5) + seconds(9);
  EXPECT_EQ(format_time(t), "2026-11-24T10:05:09Z");
  EXPECT_EQ(parse_time("2026-11-24T10:05:09Z"), t);
  EXPECT_FALSE(parse_time("2026-11-24 10:05:09"));
  EXPECT_FALSE(parse_time("2026-02-30T10:05:09Z"));
  EXPECT_FALSE(parse_time("2026-11-24T24:00:00Z"));
}

TEST(Clock, DatesAreStrict) {
  EXPECT_TRUE(parse_date("2016-02-29"));
  EXPECT_FALSE(parse_date("2015-02-29"));
  EXPECT_FALSE(parse_date("2015-13-01"));
  EXPECT_FALSE(parse_date("15-01-2015"));
  EXPECT_FALSE(parse_date("2015-1-01"));
  EXPECT_FALSE(parse_date("２０１５-01-01"));
}

TEST(Clock, AgeCountsWholeYears) {
  auto birth = *parse_date("2015-06-10");
  EXPECT_EQ(age_on(birth, *parse_date("2026-06-09")), 10);
  EXPECT_EQ(age_on(birth, *parse_date("2026-06-10")), 11);
}

TEST(Clock, WorkingDaysSkipWeekendsAndHolidays) {
  auto friday = sys_days(2026y / November / 27) + hours(9);
  EXPECT_EQ(format_time(add_working_days(friday, 2)), "2026-12-01T09:00:00Z");  // Mon, Tue
  auto no_monday = [](year_month_day d) { return d == 2026y / November / 30; };
  EXPECT_EQ(format_time(add_working_days(friday, 2, +no_monday)), "2026-12-02T09:00:00Z");
}

TEST(AgeBands, DefaultBands) {
  EXPECT_FALSE(band_for_age(6));
  EXPECT_EQ(band_for_age(7)->id, "7-10");
  EXPECT_EQ(band_for_age(10)->id, "7-10");
  EXPECT_EQ(band_for_age(11)->id, "11-13");
  EXPECT_EQ(band_for_age(15)->id, "14-15");
  EXPECT_EQ(band_for_age(17)->id, "16-17");
  EXPECT_FALSE(band_for_age(18));
}

TEST(AgeBands, ChangeDateIsTheBirthdayThatLeavesTheBand) {
  auto birth = *parse_date("2015-06-10");
  EXPECT_EQ(format_date(band_changes_on(birth, *parse_date("2026-01-01"))),
            "2026-06-10");  // 10 → 11
  EXPECT_EQ(format_date(band_changes_on(birth, *parse_date("2026-06-10"))),
            "2029-06-10");  // 11 → 14
  auto leap = *parse_date("2016-02-29");
  EXPECT_EQ(format_date(band_changes_on(leap, *parse_date("2024-01-01"))), "2027-02-28");
}

}  // namespace
}  // namespace ln
