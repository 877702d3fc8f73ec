#include "store/postgres/postgres_storage.h"

#include "store/postgres/access.h"
#include "store/postgres/sql.h"

namespace ln::store::postgres {

PostgresStorage::PostgresStorage(const std::string& conninfo, int pool_size)
    : pool_(conninfo, pool_size) {
  pool_.acquire();  // fail now, at start, if the server cannot be reached
}

void PostgresStorage::ping() {
  // A connection the server dropped (a restart, a failover) fails once and leaves the pool; the
  // second try gets a new one.
  for (int attempt = 1;; ++attempt) {
    try {
      auto connection = pool_.acquire();
      connection->exec(sql::kPing);
      break;
    } catch (const PgError&) {
      if (attempt == 2) throw Unavailable("The database is not reachable.");
    }
  }
  auto& health = pool_.health();
  if (!health.failing()) return;
  // Writes failed last time: a small write of our own finds out whether they work again.
  if (health.probe_due()) {
    try {
      write(pool_, [](Connection& c) { c.exec(sql::kWriteProbe); });
    } catch (const PgError&) {
    }
  }
  if (health.failing()) throw Unavailable("The database cannot save anything right now.");
}

Storage::Figures PostgresStorage::figures() {
  return {pool_.health().connection_attempts(), pool_.health().failing()};
}

int PostgresStorage::schema_version() {
  return read(pool_, [](Connection& c) {
    return static_cast<int>(c.exec(sql::kSchemaVersion).row(0).int64(0));
  });
}

void PostgresStorage::atomically(const std::function<void()>& work) {
  unit_of_work(pool_, work);
}

// See migration 13: PostgreSQL keeps no epoch, so sign-in and audience data are read afresh.
std::optional<std::int64_t> PostgresStorage::reference_epoch() {
  return std::nullopt;
}

}  // namespace ln::store::postgres
