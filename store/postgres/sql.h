#pragma once
// Every SQL statement of the PostgreSQL backend that is neither a migration nor a store's own,
// as a named constant.
#include <cstdint>

namespace ln::store::postgres::sql {

// Keys of the transaction-scoped advisory locks several instances take ("LN" + purpose).
inline constexpr std::int64_t kMigrationLockKey = 0x4C4E'4D49'4752;  // "LNMIGR"
inline constexpr std::int64_t kAuditLockKey = 0x4C4E'4155'4454;      // "LNAUDT"

inline constexpr const char* kAdvisoryLock = "SELECT pg_advisory_xact_lock($1::bigint)";
inline constexpr const char* kCreateSchemaTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT COLLATE \"C\" NOT NULL,"
    " applied_at TEXT COLLATE \"C\" NOT NULL"
    " DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))";
inline constexpr const char* kSchemaVersion =
    "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
inline constexpr const char* kRecordMigration =
    "INSERT INTO schema_migrations(version, name) VALUES ($1, $2)";
inline constexpr const char* kPing = "SELECT 1";
// Rewrites the newest migration's row unchanged: the smallest write that must reach the disk.
inline constexpr const char* kWriteProbe =
    "UPDATE schema_migrations SET name = name "
    "WHERE version = (SELECT MAX(version) FROM schema_migrations)";
// For a seeding tool's own connections (as sqlite3's .import runs unsynced): commits do not wait
// for the WAL flush. A crash may lose the last commits, never corrupt what is stored.
inline constexpr const char* kBulkLoadSession = "SET synchronous_commit = off";
// After a bulk load, as after pg_restore: the visibility map and the planner's statistics now,
// rather than autovacuum reading the new tables while the first requests are measured.
inline constexpr const char* kAfterBulkLoad = "VACUUM (ANALYZE)";

}  // namespace ln::store::postgres::sql
