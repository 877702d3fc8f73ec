// The concurrent parts of the domain on a real SQLite pool, many threads at once: sessions
// (start, authenticate, end), the sign-in throttle, constant-time comparison. Also run under
// ThreadSanitizer (`make build-tsan`, CTest `tsan.*`).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "base/crypto.h"
#include "base/errors.h"
#include "consult/sessions.h"
#include "consult/throttle.h"
#include "store/open_storage.h"

namespace ln {
namespace {

class Concurrency : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ln-concurrency-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    storage_ = store::open_storage("sqlite:" + (dir_ / "c.db").string());
    storage_->accounts().insert_account({"acc_1",
                                         "lan",
                                         "Lan",
                                         "admin",
                                         hash_password("a long password"),
                                         std::nullopt,
                                         {},
                                         std::nullopt,
                                         clock_.now_text(),
                                         clock_.now_text()});
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::unique_ptr<Storage> storage_;
  SystemClock clock_;
  Settings settings_;
};

TEST_F(Concurrency, SessionsStartedAuthenticatedAndEndedFromManyThreads) {
  Sessions sessions(*storage_, clock_, settings_);
  std::mutex mutex;
  std::set<std::string> tokens, ids;
  std::atomic<int> authenticated{0}, refused_after_end{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        auto started = sessions.start("account", "acc_1", "test");
        {
          std::lock_guard lock(mutex);
          tokens.insert(started.token);
          ids.insert(started.session.id);
        }
        auto who = sessions.authenticate(started.token);
        if (who && who->id == "acc_1" && who->session_id == started.session.id) ++authenticated;
        sessions.end(started.session.id);
        if (!sessions.authenticate(started.token)) ++refused_after_end;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(tokens.size(), 200u);
  EXPECT_EQ(ids.size(), 200u);
  EXPECT_EQ(authenticated, 200);
  EXPECT_EQ(refused_after_end, 200);
}

TEST_F(Concurrency, ParallelWrongGuessesAreAllCountedAndLockTheKey) {
  Throttle throttle(storage_->accounts(), clock_);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i)
        throttle.count_failure("address:10.0.0.1", 1000, std::chrono::seconds(30));
    });
  for (auto& t : threads) t.join();
  // Every failure counts: an attacker gains nothing by guessing in parallel.
  EXPECT_EQ(storage_->accounts().failures("address:10.0.0.1").failures, 80);

  std::vector<std::thread> lockers;
  for (int t = 0; t < 4; ++t)
    lockers.emplace_back([&] {
      for (int i = 0; i < 5; ++i)
        throttle.count_failure("account:lan", 5, std::chrono::seconds(30));
    });
  for (auto& t : lockers) t.join();
  EXPECT_THROW(throttle.check_keys({"account:lan"}), TooManyRequests);
}

TEST(SameSecret, ComparesWholeSecrets) {
  EXPECT_TRUE(same_secret("abc123", "abc123"));
  EXPECT_TRUE(same_secret("", ""));
  EXPECT_FALSE(same_secret("abc123", "abc124"));
  EXPECT_FALSE(same_secret("abc123", "xbc123"));
  EXPECT_FALSE(same_secret("abc123", "abc12"));
  EXPECT_FALSE(same_secret(std::string_view("abc\0d", 5), std::string_view("abc\0e", 5)));
}

}  // namespace
}  // namespace ln
