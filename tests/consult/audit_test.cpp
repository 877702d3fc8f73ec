#include "consult/audit.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "store/open_storage.h"
#include "store/sqlite/sqlite_storage.h"

namespace ln {
namespace {

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("ln-audit-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    storage_ = store::open_storage("sqlite:" + (dir_ / "a.db").string());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::unique_ptr<Storage> storage_;
  SystemClock clock_;
};

TEST_F(AuditTest, ChainVerifiesAndConcurrentAppendsStayOneChain) {
  AuditLog log(storage_->audit(), clock_);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i)
        log.record(AuditActor::system(), "test.event", "thing", std::to_string(t));
    });
  for (auto& th : threads) th.join();
  auto v = log.verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 100);
}

TEST_F(AuditTest, EntriesCannotBeChangedOrDeleted) {
  AuditLog log(storage_->audit(), clock_);
  log.record(AuditActor::system(), "a", "t", "1");
  auto& sqlite = static_cast<store::sqlite::SqliteStorage&>(*storage_);
  auto c = sqlite.pool().acquire();
  EXPECT_THROW(c->exec("UPDATE audit_log SET reason = 'x'"), store::sqlite::SqliteError);
  EXPECT_THROW(c->exec("DELETE FROM audit_log"), store::sqlite::SqliteError);
}

TEST_F(AuditTest, VerifyFindsATamperedEntry) {
  AuditLog log(storage_->audit(), clock_);
  for (int i = 0; i < 3; ++i) log.record(AuditActor::system(), "a", "t", std::to_string(i));
  auto& sqlite = static_cast<store::sqlite::SqliteStorage&>(*storage_);
  auto c = sqlite.pool().acquire();
  c->exec("DROP TRIGGER audit_log_no_update");
  c->exec("UPDATE audit_log SET object_id = 'forged' WHERE seq = 2");
  auto v = log.verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.broken_at, 2);
}

}  // namespace
}  // namespace ln
