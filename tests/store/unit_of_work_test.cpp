// Storage::atomically on both backends: a change, its audit entry and its notifications commit
// together or not at all; a unit inside a unit joins it; reads inside a unit see its writes;
// concurrent units and plain appends from two instances keep one verified audit chain.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "base/errors.h"
#include "consult/audit.h"
#include "store/open_storage.h"
#include "tests/postgres/test_database.h"

namespace ln {
namespace {
namespace fs = std::filesystem;

const std::string kAt = "2025-09-01T08:00:00Z";

Unit ward(const std::string& id) {
  return {id, std::nullopt, "ward", "Phường " + id, "code-" + id, std::nullopt, std::nullopt, kAt};
}

Notification notice(const std::string& id, const std::string& to) {
  return {id,
          "account",
          to,
          NotificationKind::kAnswered,
          "recommendation",
          "rec_1",
          "Đã trả lời.",
          id,
          kAt,
          std::nullopt};
}

class UnitOfWorkTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      auto admin = test::postgres_admin_url();
      if (!admin)
        GTEST_SKIP() << "no PostgreSQL test cluster (run through ctest, or set "
                        "LANGNGHE_TEST_PG_URL)";
      postgres_ = std::make_unique<test::PostgresDatabase>(*admin);
      url_ = postgres_->url();
    } else {
      std::string name = "ln-unit-" + std::to_string(::getpid()) + "-" +
                         ::testing::UnitTest::GetInstance()->current_test_info()->name();
      std::replace(name.begin(), name.end(), '/', '_');
      dir_ = fs::temp_directory_path() / name;
      fs::remove_all(dir_);
      url_ = "sqlite:" + (dir_ / "langnghe.db").string();
    }
    storage_ = store::open_storage(url_, nullptr);
  }
  void TearDown() override {
    storage_.reset();
    postgres_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  std::size_t notifications_of(const std::string& to) {
    return storage_->recommendations().notifications_of("account", to, {std::nullopt, 100}).size();
  }

  std::string url_;
  fs::path dir_;
  std::unique_ptr<test::PostgresDatabase> postgres_;
  std::unique_ptr<Storage> storage_;
  SystemClock clock_;
};

TEST_P(UnitOfWorkTest, AChangeItsAuditEntryAndItsNotificationCommitTogether) {
  AuditLog audit(storage_->audit(), clock_);
  atomically(*storage_, [&] {
    storage_->organisation().insert_units({ward("u_1")});
    audit.record({"account", "acc_admin"}, "unit.create", "unit", "u_1");
    storage_->recommendations().insert_notification(notice("ntf_1", "acc_mod"));
    // Reads inside the unit see what it wrote before it commits.
    EXPECT_TRUE(storage_->organisation().unit("u_1"));
    EXPECT_EQ(storage_->audit().entries(0, 10).size(), 1u);
  });
  EXPECT_TRUE(storage_->organisation().unit("u_1"));
  auto entries = storage_->audit().entries(0, 10);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor_id, "acc_admin");
  EXPECT_EQ(notifications_of("acc_mod"), 1u);
  EXPECT_TRUE(audit.verify().ok);
}

TEST_P(UnitOfWorkTest, AnExceptionLeavesNeitherTheChangeNorItsAuditEntryNorItsNotification) {
  AuditLog audit(storage_->audit(), clock_);
  audit.record(AuditActor::system(), "before", "thing", "0");
  EXPECT_THROW(
      atomically(*storage_,
                 [&] {
                   storage_->organisation().insert_units({ward("u_1")});
                   audit.record({"account", "acc_admin"}, "unit.create", "unit", "u_1");
                   storage_->recommendations().insert_notification(notice("ntf_1", "acc_mod"));
                   throw std::runtime_error("the process dies here");
                 }),
      std::runtime_error);
  EXPECT_FALSE(storage_->organisation().unit("u_1"));
  EXPECT_EQ(storage_->audit().entries(0, 10).size(), 1u);
  EXPECT_EQ(notifications_of("acc_mod"), 0u);
  // The chain goes on from the entry before, as if the unit had never been.
  audit.record(AuditActor::system(), "after", "thing", "1");
  auto v = audit.verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 2);
}

TEST_P(UnitOfWorkTest, AUnitInsideAUnitJoinsItAndAFailedStoreCallUndoesOnlyItself) {
  AuditLog audit(storage_->audit(), clock_);
  atomically(*storage_, [&] {
    storage_->organisation().insert_units({ward("u_1")});
    // A clash inside the unit is a Conflict the caller may handle; the unit goes on.
    EXPECT_THROW(storage_->organisation().insert_units({ward("u_1")}), Conflict);
    int seq = atomically(*storage_, [&] {
      storage_->organisation().insert_units({ward("u_2")});
      return static_cast<int>(audit.record({"account", "acc_a"}, "inner", "unit", "u_2").seq);
    });
    EXPECT_EQ(seq, 1);
    // An inner unit that throws undoes its own writes only.
    EXPECT_THROW(atomically(*storage_,
                            [&] {
                              storage_->organisation().insert_units({ward("u_3")});
                              audit.record({"account", "acc_a"}, "undone", "unit", "u_3");
                              throw Invalid("x", "refused");
                            }),
                 Invalid);
    audit.record({"account", "acc_a"}, "outer", "unit", "u_1");
  });
  EXPECT_TRUE(storage_->organisation().unit("u_1"));
  EXPECT_TRUE(storage_->organisation().unit("u_2"));
  EXPECT_FALSE(storage_->organisation().unit("u_3"));
  auto entries = storage_->audit().entries(0, 10);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "inner");
  EXPECT_EQ(entries[1].action, "outer");
  EXPECT_TRUE(audit.verify().ok);
}

TEST_P(UnitOfWorkTest, ConcurrentUnitsAndAppendsFromTwoInstancesKeepOneVerifiedChain) {
  auto other = store::open_storage(url_, nullptr);
  constexpr int kThreads = 6, kEach = 15;
  std::atomic<int> ready{0}, rolled_back{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      Storage& s = t % 2 ? *storage_ : *other;
      AuditLog audit(s.audit(), clock_);
      ++ready;
      while (ready < kThreads) std::this_thread::yield();
      for (int i = 0; i < kEach; ++i) {
        std::string id = "u_" + std::to_string(t) + "_" + std::to_string(i);
        if (t == 0) {  // plain appends, each its own transaction, between the units
          audit.record(AuditActor::system(), "plain", "thing", id);
          continue;
        }
        try {
          atomically(s, [&] {
            s.organisation().insert_units({ward(id)});
            audit.record({"account", "acc_" + std::to_string(t)}, "unit.create", "unit", id);
            s.recommendations().insert_notification(notice("ntf_" + id, "acc_mod"));
            if (i % 5 == 4) throw std::runtime_error("undone");
          });
        } catch (const std::runtime_error&) {
          ++rolled_back;
        }
      }
    });
  for (auto& t : threads) t.join();
  AuditLog audit(storage_->audit(), clock_);
  auto v = audit.verify();
  EXPECT_TRUE(v.ok) << v.problem;
  const int committed = (kThreads - 1) * kEach - rolled_back.load();
  EXPECT_EQ(v.entries, kEach + committed);
  // Every stored change has its entry, and every entry its change.
  int units = 0;
  for (const auto& e : storage_->audit().entries(0, 1000)) {
    if (e.action != "unit.create") continue;
    ++units;
    EXPECT_TRUE(storage_->organisation().unit(e.object_id)) << e.object_id;
  }
  EXPECT_EQ(units, committed);
  EXPECT_EQ(static_cast<int>(notifications_of("acc_mod")), committed);
}

INSTANTIATE_TEST_SUITE_P(Backends, UnitOfWorkTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ln
