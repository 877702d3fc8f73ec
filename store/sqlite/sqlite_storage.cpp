#include "store/sqlite/sqlite_storage.h"

#include <filesystem>

#include "base/errors.h"
#include "store/sqlite/access.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sql.h"

namespace ln::store::sqlite {

SqliteStorage::SqliteStorage(const std::string& path)
    : checkpointer_(path), pool_(path, [this](Connection& c) { checkpointer_.attach(c); }) {
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  pool_.acquire();  // fail now, at start, if the file cannot be opened
}

void SqliteStorage::ping() {
  try {
    auto connection = pool_.acquire();
    auto stmt = connection->prepare(sql::kPing);
    stmt.step();
  } catch (const SqliteError&) {
    throw Unavailable("The database is not reachable.");
  }
  auto& health = pool_.health();
  if (!health.failing()) return;
  // Writes failed last time: a small write of our own finds out whether they work again, so
  // readiness comes back even while no client writes.
  if (health.probe_due()) {
    try {
      write(pool_, [](Connection& c) { c.prepare(sql::kWriteProbe).run(); });
    } catch (const SqliteError&) {
    }
  }
  if (health.failing()) throw Unavailable("The database cannot save anything right now.");
}

Storage::Figures SqliteStorage::figures() {
  return {pool_.health().connection_attempts(), pool_.health().failing()};
}

int SqliteStorage::schema_version() {
  return read(pool_, [](Connection& c) { return current_version(c); });
}

// On a connection of its own even inside a unit of work: an epoch is what others can see.
std::optional<std::int64_t> SqliteStorage::reference_epoch() {
  auto connection = pool_.acquire();
  auto stmt = connection->prepare(sql::kReferenceEpoch);
  if (!stmt.step()) return std::nullopt;  // a database not yet migrated to 13
  return stmt.int64(0);
}

void SqliteStorage::atomically(const std::function<void()>& work) {
  unit_of_work(pool_, work);
}

}  // namespace ln::store::sqlite
