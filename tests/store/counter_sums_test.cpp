#include "store/counter_sums.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ln::store {
namespace {

ResultCounter cell(const std::string& option, const std::string& band, std::int64_t n) {
  return {"q_space", option, band, "girl", "u_ward", Channel::kOnline, n};
}

struct Seen {
  std::string consultation;
  ResultCounter counter;
};

std::vector<Seen> seen(const CounterSums& sums) {
  std::vector<Seen> out;
  sums.each([&](const std::string& c, const ResultCounter& r) { out.push_back({c, r}); });
  return out;
}

TEST(CounterSums, AddsEachCellOnceInAFixedOrderAndLeavesOutWhatCancels) {
  CounterSums sums;
  // Three pupils answer "park"; one of them replaces an earlier "school" (−1), another pupil's
  // "school" (+1) cancels it; a second consultation's cell stays apart.
  sums.add("con_b", {cell("park", "11_14", 1), cell("school", "11_14", 1)});
  sums.add("con_b", {cell("park", "11_14", 1), cell("school", "11_14", -1)});
  sums.add("con_a", {cell("park", "7_10", 2)});
  sums.add("con_b", {cell("park", "11_14", 1), cell("park", "7_10", 1)});

  auto got = seen(sums);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].consultation, "con_a");
  EXPECT_EQ(got[0].counter.count, 2);
  EXPECT_EQ(got[1].consultation, "con_b");
  EXPECT_EQ(got[1].counter.age_band, "11_14");
  EXPECT_EQ(got[1].counter.option_key, "park");
  EXPECT_EQ(got[1].counter.count, 3);
  EXPECT_EQ(got[2].counter.age_band, "7_10");
  EXPECT_EQ(got[2].counter.count, 1);
  EXPECT_EQ(got[2].counter.gender, "girl");
  EXPECT_EQ(got[2].counter.unit_id, "u_ward");
  EXPECT_EQ(got[2].counter.channel, Channel::kOnline);
}

TEST(CounterSums, FieldsThatRunTogetherStayDifferentCells) {
  CounterSums sums;
  sums.add("c", {{"q", "ab", "c", "g", "u", Channel::kOnline, 1},
                 {"q", "a", "bc", "g", "u", Channel::kOnline, 1}});
  EXPECT_EQ(seen(sums).size(), 2u);
}

}  // namespace
}  // namespace ln::store
