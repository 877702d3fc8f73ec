#include "consult/suppression.h"

#include <gtest/gtest.h>

namespace ln {
namespace {

// No row or column (totals included) may have exactly one hidden entry: that entry would be the
// shown total minus the shown others.
void expect_no_line_solvable(const SuppressedTable& t) {
  for (std::size_t r = 0; r < t.hidden.size(); ++r) {
    int hidden = 0;
    for (bool h : t.hidden[r]) hidden += h;
    EXPECT_NE(hidden, 1) << "row " << r;
  }
  for (std::size_t c = 0; c < t.hidden[0].size(); ++c) {
    int hidden = 0;
    for (const auto& row : t.hidden) hidden += row[c];
    EXPECT_NE(hidden, 1) << "column " << c;
  }
}

TEST(Suppression, HidesSmallCellsAndTheirTotals) {
  auto t = suppress({{3, 10}, {12, 20}});
  EXPECT_TRUE(t.hidden[0][0]);  // 3
  // In a 2×2 table one small cell takes the other three with it; the totals stay.
  EXPECT_TRUE(t.hidden[1][1]);
  EXPECT_FALSE(t.hidden[2][2]);
  EXPECT_EQ(t.values[2][2], 45);
  expect_no_line_solvable(t);
}

TEST(Suppression, NaiveSuppressionWouldBeUndoneBySubtraction) {
  // Row: 3 + 10 + 12 = 25. Hiding only the 3 leaves 25 − 10 − 12 = 3 for anyone to compute.
  auto t = suppress({{3, 10, 12}, {40, 41, 42}});
  ASSERT_TRUE(t.hidden[0][0]);
  int hidden_in_row = 0;
  for (std::size_t c = 0; c <= 3; ++c) hidden_in_row += t.hidden[0][c];
  EXPECT_GE(hidden_in_row, 2);
  expect_no_line_solvable(t);
  // The complementary cell is the smallest other one, so as little as possible is lost.
  EXPECT_TRUE(t.hidden[0][1]);
  EXPECT_FALSE(t.hidden[1][2]);
}

TEST(Suppression, SecondaryHidingCascadesAcrossColumns) {
  auto t = suppress({{2, 50, 60}, {30, 7, 80}, {45, 40, 1}});
  expect_no_line_solvable(t);
  EXPECT_TRUE(t.hidden[0][0]);
  EXPECT_TRUE(t.hidden[2][2]);
}

TEST(Suppression, ZeroIsShownAndThresholdNeverBelowFive) {
  auto t = suppress({{0, 9}, {9, 9}}, SmallGroupRule(2));
  EXPECT_FALSE(t.hidden[0][0]);
  auto u = suppress({{4, 9}, {9, 9}}, SmallGroupRule(2));  // asked for 2, still protects groups under 5
  EXPECT_TRUE(u.hidden[0][0]);
  expect_no_line_solvable(u);
}

TEST(Suppression, HigherThresholdsAreHonoured) {
  auto t = suppress({{8, 30}, {30, 30}}, SmallGroupRule(10));
  EXPECT_TRUE(t.hidden[0][0]);
  expect_no_line_solvable(t);
}

TEST(Suppression, AZeroBesideAHiddenCountIsHiddenToo) {
  // Issue 24: one 7–10 pupil answers "house", five 11–13 pupils "park". Showing the 7–10
  // column's zeros would tell everyone what the hidden child answered.
  auto t = suppress({{0, 5}, {0, 0}, {0, 0}, {1, 0}});  // park, school, alley, house × 7–10, 11–13
  EXPECT_TRUE(t.hidden[3][0]);  // house, 7–10
  EXPECT_TRUE(t.hidden[0][0]);  // park, 7–10: 0
  EXPECT_TRUE(t.hidden[1][0]);
  EXPECT_TRUE(t.hidden[2][0]);
  EXPECT_TRUE(t.hidden[4][0]);  // the 7–10 column's total
  expect_no_line_solvable(t);
}

TEST(Suppression, TheRuleHasAFloorOfFive) {
  EXPECT_EQ(SmallGroupRule(2).threshold(), 5);
  EXPECT_EQ(SmallGroupRule(10).threshold(), 10);
  EXPECT_TRUE(SmallGroupRule(10).small(9));
  EXPECT_FALSE(SmallGroupRule(10).small(0));
  EXPECT_FALSE(SmallGroupRule(10).small(10));
}

TEST(Publication, ATotalPublishedElsewhereIsProtectedAgainst) {
  // Representativeness: 6 respondents, 11–13 = 5, 7–10 = 1. Hiding only the 1 leaves 6 − 5.
  Publication d;
  auto all = d.add("respondents", 6);
  auto young = d.add("respondents/age_band/7-10", 1);
  auto older = d.add("respondents/age_band/11-13", 5);
  d.sum(all, {young, older});
  d.protect(SmallGroupRule());
  EXPECT_TRUE(d.hidden(young));
  EXPECT_TRUE(d.hidden(older));
  EXPECT_FALSE(d.hidden(all));
  EXPECT_EQ(d.shown(all), 6);
}

TEST(Publication, TheSameKeyIsOneFigure) {
  Publication d;
  auto a = d.add("q/1/key/park", 3);
  EXPECT_EQ(d.add("q/1/key/park", 3), a);
  EXPECT_EQ(d.find("q/1/key/park"), a);
  EXPECT_FALSE(d.find("q/1/key/house"));
}

TEST(Publication, AFigureWorkedOutFromSeveralSumsAtOnceIsProtected) {
  // x + y, y + z and x + z each have two hidden parts, yet together they give
  // x = ((x + y) − (y + z) + (x + z)) / 2.
  Publication d;
  auto x = d.add("x", 3), y = d.add("y", 2), z = d.add("z", 4);
  auto xy = d.add("x+y", 5), yz = d.add("y+z", 6), xz = d.add("x+z", 7);
  d.sum(xy, {x, y});
  d.sum(yz, {y, z});
  d.sum(xz, {x, z});
  d.protect(SmallGroupRule());
  EXPECT_TRUE(d.hidden(x) && d.hidden(y) && d.hidden(z));
  EXPECT_TRUE(d.hidden(xy) || d.hidden(yz) || d.hidden(xz));
}

TEST(Publication, FiguresOfAnotherPublicationAreTakenAsTheyAre) {
  // The other publication hid its 7–10 count and showed its total: this one must hide more of
  // its own, since it cannot change the other.
  Publication d;
  auto total = d.add_fixed("other/total", 6, false);
  auto young = d.add_fixed("other/7-10", 1, true);
  auto mine_total = d.add("mine/total", 6);
  auto mine_older = d.add("mine/11-13", 5);
  auto mine_young = d.add("mine/7-10", 1);
  d.same(mine_total, total);
  d.same(mine_young, young);
  d.sum(mine_total, {mine_young, mine_older});
  d.protect(SmallGroupRule());
  EXPECT_FALSE(d.hidden(total));
  EXPECT_TRUE(d.hidden(young));
  EXPECT_TRUE(d.hidden(mine_young));
  EXPECT_TRUE(d.hidden(mine_older));
}

}  // namespace
}  // namespace ln
