#include "store/sqlite/migrations.h"

#include "store/sqlite/sql.h"

namespace ln::store::sqlite {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "settings",
       R"sql(
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
) STRICT;
)sql"},
  };
  return all;
}

int current_version(Connection& connection) {
  connection.exec(sql::kCreateSchemaTable);
  auto stmt = connection.prepare(sql::kSchemaVersion);
  stmt.step();
  return static_cast<int>(stmt.int64(0));
}

MigrationReport migrate(Connection& connection) {
  MigrationReport report;
  report.from_version = current_version(connection);
  int newest = migrations().empty() ? 0 : migrations().back().version;
  if (report.from_version > newest) throw SchemaTooNew(report.from_version, newest);

  for (const Migration& m : migrations()) {
    if (m.version <= report.from_version) continue;
    Transaction tx(connection);
    // Another process may have applied it while we waited for the write lock.
    if (current_version(connection) >= m.version) continue;
    connection.exec(m.sql);
    connection.prepare(sql::kRecordMigration).bind(1, m.version).bind(2, m.name).run();
    tx.commit();
    report.applied.push_back(m.version);
  }
  report.to_version = current_version(connection);
  return report;
}

}  // namespace ln::store::sqlite
