#include "store/open_storage.h"

#include "store/database_url.h"
#include "store/postgres/migrations.h"
#include "store/postgres/postgres_storage.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_storage.h"

namespace ln::store {

std::unique_ptr<Storage> open_storage(const std::string& url, MigrationReport* report,
                                      const OpenOptions& options) {
  DatabaseUrl parsed = parse_database_url(url);
  if (parsed.backend == DatabaseUrl::Backend::kPostgresql) {
    auto storage = std::make_unique<postgres::PostgresStorage>(parsed.target, options.pool_size);
    auto connection = storage->pool().acquire();
    MigrationReport applied = postgres::migrate(*connection);
    if (report) *report = applied;
    return storage;
  }
  auto storage = std::make_unique<sqlite::SqliteStorage>(parsed.target);
  auto connection = storage->pool().acquire();
  MigrationReport applied = sqlite::migrate(*connection);
  if (report) *report = applied;
  return storage;
}

}  // namespace ln::store
