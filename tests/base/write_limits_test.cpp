// Rate limits on writes: a minute's worth per account and per address, refilled over time.
#include "base/write_limits.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "base/errors.h"

namespace ln {
namespace {

class HandClock : public Clock {
 public:
  TimePoint now() const override { return now_.load(); }
  void advance(std::chrono::milliseconds by) { now_ = now_.load() + by; }

 private:
  std::atomic<TimePoint> now_{TimePoint(std::chrono::hours(500000))};
};

std::chrono::seconds retry_after(WriteLimits& limits, const std::string& account,
                                 const std::string& address) {
  try {
    limits.take(account, address);
  } catch (const TooManyRequests& e) {
    return e.retry_after();
  }
  return std::chrono::seconds(0);
}

TEST(WriteLimits, AnAccountGetsAMinutesWorthThenWaitsForTheNextWrite) {
  HandClock clock;
  WriteLimits limits(clock, {6}, {0});
  for (int i = 0; i < 6; ++i) EXPECT_NO_THROW(limits.take("u1", "10.0.0.1")) << i;
  EXPECT_EQ(retry_after(limits, "u1", "10.0.0.1"), std::chrono::seconds(10));
  EXPECT_EQ(retry_after(limits, "u1", "10.0.0.2"), std::chrono::seconds(10)) << "same account";
  EXPECT_NO_THROW(limits.take("u2", "10.0.0.1")) << "another account is not limited";
  clock.advance(std::chrono::seconds(4));
  EXPECT_EQ(retry_after(limits, "u1", "10.0.0.1"), std::chrono::seconds(6));
  clock.advance(std::chrono::seconds(6));
  EXPECT_NO_THROW(limits.take("u1", "10.0.0.1"));
  EXPECT_GT(retry_after(limits, "u1", "10.0.0.1").count(), 0);
}

TEST(WriteLimits, AnAddressIsLimitedWhoeverSignsIn) {
  HandClock clock;
  WriteLimits limits(clock, {0}, {3});
  limits.take("", "10.0.0.9");
  limits.take("u1", "10.0.0.9");
  limits.take("u2", "10.0.0.9");
  EXPECT_EQ(retry_after(limits, "u3", "10.0.0.9"), std::chrono::seconds(20));
  EXPECT_NO_THROW(limits.take("u3", "10.0.0.10"));
}

TEST(WriteLimits, ARefusedWriteTakesNothingFromEitherBucket) {
  HandClock clock;
  WriteLimits limits(clock, {2}, {60});
  limits.take("u1", "a");
  limits.take("u1", "a");
  for (int i = 0; i < 50; ++i) EXPECT_GT(retry_after(limits, "u1", "a").count(), 0);
  // The address bucket lost only the two accepted writes: 58 more from other accounts pass.
  for (int i = 0; i < 58; ++i) EXPECT_NO_THROW(limits.take("other" + std::to_string(i), "a")) << i;
  EXPECT_GT(retry_after(limits, "u99", "a").count(), 0);
}

TEST(WriteLimits, ZeroMeansNoLimit) {
  HandClock clock;
  WriteLimits limits(clock, {0}, {0});
  for (int i = 0; i < 10000; ++i) limits.take("u1", "a");
}

TEST(WriteLimits, AFloodOfAddressesDoesNotGrowWithoutBound) {
  HandClock clock;
  WriteLimits limits(clock, {10}, {10}, /*max_keys=*/1000);
  for (int i = 0; i < 100000; ++i) {
    limits.take("", "addr" + std::to_string(i));
    if (i % 1000 == 999) clock.advance(std::chrono::seconds(60));
    ASSERT_LE(limits.tracked(), 2000u) << i;
  }
  // Every bucket refills within a minute, so the limiter forgets it; a busy one is kept.
  limits.take("busy", "x");
  for (int i = 0; i < 9; ++i) limits.take("busy", "y" + std::to_string(i));
  for (int i = 0; i < 2000; ++i) limits.take("", "more" + std::to_string(i));
  EXPECT_GT(retry_after(limits, "busy", "z").count(), 0);
}

TEST(WriteLimits, ConcurrentWritersNeverGetMoreThanTheLimit) {
  HandClock clock;
  WriteLimits limits(clock, {500}, {0});
  std::atomic<int> accepted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        try {
          limits.take("shared", "a");
          ++accepted;
        } catch (const TooManyRequests&) {
        }
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(accepted.load(), 500);
}

}  // namespace
}  // namespace ln
