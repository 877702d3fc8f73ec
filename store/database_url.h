#pragma once
// `--db` values: `sqlite:PATH` (or `sqlite://PATH`) and `postgresql://user:pass@host:port/db`.
#include <string>

namespace ln::store {

struct DatabaseUrl {
  enum class Backend { kSqlite, kPostgresql };
  Backend backend;
  std::string target;  // the file path for SQLite, the libpq connection string for PostgreSQL
};

// Throws std::invalid_argument with a message fit for the command line.
DatabaseUrl parse_database_url(const std::string& url);

}  // namespace ln::store
