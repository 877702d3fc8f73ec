#include "store/open_storage.h"

#include <stdexcept>

#include "store/database_url.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_storage.h"

namespace ln::store {

std::unique_ptr<Storage> open_storage(const std::string& url, MigrationReport* report) {
  DatabaseUrl parsed = parse_database_url(url);
  if (parsed.backend == DatabaseUrl::Backend::kPostgresql) {
    throw std::invalid_argument(
        "this build of langnghe has no PostgreSQL backend yet; use sqlite:PATH");
  }
  auto storage = std::make_unique<sqlite::SqliteStorage>(parsed.target);
  auto connection = storage->pool().acquire();
  MigrationReport applied = sqlite::migrate(*connection);
  if (report) *report = applied;
  return storage;
}

}  // namespace ln::store
