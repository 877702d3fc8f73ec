// What only the PostgreSQL backend has: its pool, its transaction guard, and coming back after
// the server drops its connections. Runs on the throwaway cluster (tests/postgres/cluster.sh).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "base/errors.h"
#include "store/open_storage.h"
#include "store/postgres/connection.h"
#include "store/postgres/pool.h"
#include "store/postgres/postgres_storage.h"
#include "tests/postgres/test_database.h"

namespace ln::store::postgres {
namespace {
using namespace std::chrono_literals;

class Postgres : public ::testing::Test {
 protected:
  void SetUp() override {
    auto admin = test::postgres_admin_url();
    if (!admin) GTEST_SKIP() << "no PostgreSQL test cluster (run through ctest)";
    admin_url_ = *admin;
    database_ = std::make_unique<test::PostgresDatabase>(admin_url_);
  }
  std::string admin_url_;
  std::unique_ptr<test::PostgresDatabase> database_;
};

TEST_F(Postgres, AcquireWaitsForABusyPoolAndGivesUpAfterItsLimit) {
  Pool pool(database_->url(), 1, 2s);
  std::atomic<bool> holding{false};
  std::thread holder([&] {
    auto lease = pool.acquire();
    holding = true;
    std::this_thread::sleep_for(200ms);
  });
  while (!holding) std::this_thread::yield();
  auto start = std::chrono::steady_clock::now();
  {
    auto lease = pool.acquire();  // waits for the holder to give the only connection back
    EXPECT_GE(std::chrono::steady_clock::now() - start, 100ms);
    EXPECT_EQ(lease->exec("SELECT 42").row(0).int64(0), 42);
  }
  holder.join();

  Pool small(database_->url(), 1, 200ms);
  auto held = small.acquire();
  EXPECT_THROW(small.acquire(), PgError);
}

TEST_F(Postgres, TransactionsRollBackUnlessCommitted) {
  Connection c(database_->url());
  c.exec_script("CREATE TABLE t (k TEXT PRIMARY KEY)");
  {
    Transaction tx(c);
    c.exec("INSERT INTO t VALUES ($1)", std::string("a"));
  }
  {
    Transaction tx(c);
    c.exec("INSERT INTO t VALUES ($1)", std::string("b"));
    tx.commit();
  }
  EXPECT_EQ(c.exec("SELECT string_agg(k, ',') FROM t").row(0).text(0), "b");
  EXPECT_TRUE(c.reusable());
  try {
    c.exec("INSERT INTO t VALUES ($1)", std::string("b"));
    FAIL() << "duplicate key accepted";
  } catch (const PgError& e) {
    EXPECT_TRUE(e.is_constraint());
    EXPECT_EQ(e.sqlstate(), "23505");
  }
}

TEST_F(Postgres, ComesBackAfterTheServerDropsItsConnections) {
  auto storage = open_storage(database_->url(), nullptr, {.pool_size = 2});
  storage->ping();
  ASSERT_TRUE(storage->organisation().units({std::nullopt, 5}, std::nullopt).empty());
  Connection admin(admin_url_);
  admin.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
             database_->name());
  // ping retries once with a new connection; a request on a dropped one is a 503, not a 500,
  // and the next request works again.
  EXPECT_NO_THROW(storage->ping());
  admin.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
             database_->name());
  try {
    storage->organisation().units({std::nullopt, 5}, std::nullopt);
  } catch (const StorageError& e) {
    EXPECT_TRUE(e.unavailable()) << e.what();  // the HTTP layer's 503
  }
  EXPECT_NO_THROW(storage->organisation().units({std::nullopt, 5}, std::nullopt));
}

TEST_F(Postgres, AnUnreachableServerFailsAtStart) {
  EXPECT_THROW(open_storage("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"), PgError);
}

}  // namespace
}  // namespace ln::store::postgres
