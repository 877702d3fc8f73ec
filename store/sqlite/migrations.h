#pragma once
#include <vector>

#include "store/migration.h"
#include "store/sqlite/connection.h"

namespace ln::store::sqlite {

// The numbered migrations of the SQLite schema, oldest first.
const std::vector<Migration>& migrations();

// Applies every migration newer than the database, each in its own transaction, recording it in
// schema_migrations. Re-running is a no-op; a database newer than the binary throws SchemaTooNew.
MigrationReport migrate(Connection& connection);

int current_version(Connection& connection);

}  // namespace ln::store::sqlite
