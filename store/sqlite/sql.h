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
// Rewrites the newest migration's row unchanged: the smallest write that must reach the disk.
inline constexpr const char* kWriteProbe =
    "UPDATE schema_migrations SET name = name "
    "WHERE version = (SELECT MAX(version) FROM schema_migrations)";
inline constexpr const char* kReferenceEpoch = "SELECT epoch FROM reference_epoch WHERE id = 1";

}  // namespace ln::store::sqlite::sql

// Backups (backup.cpp).
namespace ln::store::sqlite::sql {
inline constexpr const char* kUserTables =
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
    "AND name <> 'schema_migrations' ORDER BY name";
inline constexpr const char* kHasSchemaTable =
    "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'";
inline constexpr const char* kIntegrityCheck = "PRAGMA integrity_check(20)";
inline constexpr const char* kPageCount = "PRAGMA page_count";
}  // namespace ln::store::sqlite::sql
