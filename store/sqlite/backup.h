#pragma once
// Copies of a SQLite database made with SQLite's online backup API: consistent while the server
// keeps serving (readers and writers carry on; a copy that is overtaken by a write starts again).
#include <cstdint>
#include <filesystem>
#include <string>

namespace ln::store::sqlite {

struct BackupReport {
  int schema_version = 0;
  std::int64_t pages = 0;
  std::int64_t bytes = 0;
  std::int64_t rows = 0;  // in every table but schema_migrations
};

// Copies `db_path` into `out` (written as out.tmp, synced, checked, renamed; mode 0600 since it
// holds children's data). Throws std::runtime_error saying what went wrong.
BackupReport backup_database(const std::filesystem::path& db_path,
                             const std::filesystem::path& out);

// What the database at `path` holds: its schema version and rows outside schema_migrations
// (a missing file holds nothing). Throws std::runtime_error when it is not a SQLite database.
BackupReport inspect_database(const std::filesystem::path& path);

// Copies the backup `in` over `db_path`. `in` must pass PRAGMA integrity_check and carry our
// schema. Refuses (std::runtime_error) to overwrite a database that holds rows unless `force`.
BackupReport restore_database(const std::filesystem::path& in, const std::filesystem::path& db_path,
                              bool force);

// "ok", or the first problems PRAGMA integrity_check reports.
std::string integrity_check(const std::filesystem::path& path);

}  // namespace ln::store::sqlite
