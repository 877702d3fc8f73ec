#pragma once
// Every SQL statement of the SQLite backend that is not a migration, as a named constant.
namespace ln::store::sqlite::sql {

inline constexpr const char* kCreateSchemaTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))";
inline constexpr const char* kSchemaVersion =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
inline constexpr const char* kRecordMigration =
    "INSERT INTO schema_migrations(version, name) VALUES (?1, ?2)";
inline constexpr const char* kPing = "SELECT 1";

}  // namespace ln::store::sqlite::sql
