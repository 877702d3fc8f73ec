#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_storage.h"

namespace ln::store::sqlite {
namespace {
namespace fs = std::filesystem;

class SqliteMigrations : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ln-mig-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path() const { return (dir_ / "sub" / "langnghe.db").string(); }
  fs::path dir_;
};

TEST_F(SqliteMigrations, FreshDatabaseReachesTheNewestVersion) {
  SqliteStorage storage(path());  // creates the folder
  auto connection = storage.pool().acquire();
  auto report = migrate(*connection);
  EXPECT_EQ(report.from_version, 0);
  EXPECT_EQ(report.to_version, migrations().back().version);
  EXPECT_EQ(report.applied.size(), migrations().size());
  EXPECT_EQ(storage.schema_version(), migrations().back().version);
}

TEST_F(SqliteMigrations, RunningTwiceIsANoOp) {
  SqliteStorage storage(path());
  auto connection = storage.pool().acquire();
  migrate(*connection);
  auto again = migrate(*connection);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.from_version, again.to_version);
  auto count = connection->prepare("SELECT COUNT(*) FROM schema_migrations");
  count.step();
  EXPECT_EQ(count.int64(0), static_cast<std::int64_t>(migrations().size()));
}

TEST_F(SqliteMigrations, RefusesADatabaseNewerThanTheBinary) {
  SqliteStorage storage(path());
  auto connection = storage.pool().acquire();
  migrate(*connection);
  connection->exec("INSERT INTO schema_migrations(version, name) VALUES (9999, 'from the future')");
  EXPECT_THROW(migrate(*connection), SchemaTooNew);
}

TEST_F(SqliteMigrations, ConnectionsUseWalFullSyncAndForeignKeys) {
  SqliteStorage storage(path());
  auto connection = storage.pool().acquire();
  auto mode = connection->prepare("PRAGMA journal_mode");
  mode.step();
  EXPECT_EQ(mode.text(0), "wal");
  auto sync = connection->prepare("PRAGMA synchronous");
  sync.step();
  EXPECT_EQ(sync.int64(0), 2);  // FULL
  auto fk = connection->prepare("PRAGMA foreign_keys");
  fk.step();
  EXPECT_EQ(fk.int64(0), 1);
}

TEST_F(SqliteMigrations, TransactionRollsBackUnlessCommitted) {
  SqliteStorage storage(path());
  auto connection = storage.pool().acquire();
  migrate(*connection);
  {
    Transaction tx(*connection);
    connection->prepare("INSERT INTO settings(key, value) VALUES (?1, ?2)")
        .bind(1, "a")
        .bind(2, "1")
        .run();
  }
  {
    Transaction tx(*connection);
    connection->prepare("INSERT INTO settings(key, value) VALUES (?1, ?2)")
        .bind(1, "b")
        .bind(2, "2")
        .run();
    tx.commit();
  }
  auto keys = connection->prepare("SELECT group_concat(key) FROM settings");
  keys.step();
  EXPECT_EQ(keys.text(0), "b");
}

TEST_F(SqliteMigrations, ConstraintViolationsAreRecognisable) {
  SqliteStorage storage(path());
  auto connection = storage.pool().acquire();
  migrate(*connection);
  connection->prepare("INSERT INTO settings(key, value) VALUES ('k', 'v')").run();
  try {
    connection->prepare("INSERT INTO settings(key, value) VALUES ('k', 'w')").run();
    FAIL() << "duplicate key accepted";
  } catch (const SqliteError& e) {
    EXPECT_TRUE(e.is_constraint());
  }
}

}  // namespace
}  // namespace ln::store::sqlite
