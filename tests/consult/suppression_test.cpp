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
  auto t = suppress({{0, 9}, {9, 9}}, 2);
  EXPECT_FALSE(t.hidden[0][0]);
  auto u = suppress({{4, 9}, {9, 9}}, 2);  // asked for 2, still protects groups under 5
  EXPECT_TRUE(u.hidden[0][0]);
  expect_no_line_solvable(u);
}

TEST(Suppression, HigherThresholdsAreHonoured) {
  auto t = suppress({{8, 30}, {30, 30}}, 10);
  EXPECT_TRUE(t.hidden[0][0]);
  expect_no_line_solvable(t);
}

}  // namespace
}  // namespace ln
