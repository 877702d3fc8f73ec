#pragma once
#include <vector>

#include "store/migration.h"
#include "store/postgres/connection.h"

namespace ln::store::postgres {

// The numbered migrations of the PostgreSQL schema, oldest first. Each means exactly what the
// SQLite migration of the same number means (store/sqlite/migrations.cpp).
const std::vector<Migration>& migrations();

// Applies every migration newer than the database, each in its own transaction under an advisory
// lock (so instances starting at once migrate one at a time), recording it in schema_migrations.
// Re-running is a no-op; a database newer than the binary throws SchemaTooNew.
MigrationReport migrate(Connection& connection);

int current_version(Connection& connection);

}  // namespace ln::store::postgres
