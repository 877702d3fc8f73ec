#include "store/sqlite/connection.h"

#include <chrono>
#include <mutex>
#include <thread>

namespace ln::store::sqlite {
namespace {

// Throws the error, after telling `health` when it is the storage's fault (a full disk …).
[[noreturn]] void raise(SqliteError error, StorageHealth* health) {
  if (health && error.unavailable()) health->failed(error.what());
  throw error;
}

[[noreturn]] void fail(sqlite3* db, int rc, const std::string& what,
                       StorageHealth* health = nullptr) {
  std::string message = what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  raise(SqliteError(db ? sqlite3_extended_errcode(db) : rc, message), health);
}

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK) fail(db, rc, what);
}

// SQLite counts every allocation under one process-wide mutex unless told not to: with the
// committer and the workers all allocating, that mutex was contended on every statement. Must
// run before SQLite initialises, that is before the first connection opens.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Statement::~Statement() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::bind(int index, std::int64_t value) {
  check(sqlite3_db_handle(stmt_), sqlite3_bind_int64(stmt_, index, value), "bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  check(sqlite3_db_handle(stmt_), sqlite3_bind_double(stmt_, index, value), "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  check(
      sqlite3_db_handle(stmt_),
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      "bind");
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  check(sqlite3_db_handle(stmt_),
        sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT), "bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  check(sqlite3_db_handle(stmt_), sqlite3_bind_null(stmt_, index), "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(sqlite3_db_handle(stmt_), rc, "step", health_);
}

void Statement::run() {
  while (step()) {
  }
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

double Statement::real(int column) const {
  return sqlite3_column_double(stmt_, column);
}

std::string Statement::text(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  int size = sqlite3_column_bytes(stmt_, column);
  return data ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string_view Statement::text_view(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  int size = sqlite3_column_bytes(stmt_, column);
  return data ? std::string_view(data, static_cast<std::size_t>(size)) : std::string_view();
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

Connection::Connection(const std::string& path) {
  configure_sqlite_once();
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = "open " + path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw SqliteError(rc, message);
  }
  check(db_, sqlite3_busy_timeout(db_, static_cast<int>(kBusyTimeout.count())), "busy_timeout");
  sqlite3_extended_result_codes(db_, 1);
  // While another process creates the file or switches it to WAL, SQLite can answer BUSY
  // without waiting on the busy handler (e.g. SQLITE_BUSY_RECOVERY): try again for a while.
  for (int attempt = 0;; ++attempt) {
    try {
      exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
      return;
    } catch (const SqliteError& e) {
      if (!e.is_busy() || attempt >= 250) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

void Connection::exec(const std::string& sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    raise(SqliteError(sqlite3_extended_errcode(db_), "exec: " + message), health_.get());
  }
}

Statement Connection::prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) fail(db_, rc, "prepare", health_.get());
    it = cache_.emplace(std::string(sql), stmt).first;
  }
  return Statement(it->second, health_.get());
}

std::int64_t Connection::changes() const {
  return sqlite3_changes64(db_);
}

Transaction::Transaction(Connection& connection) : connection_(connection) {
  if (auto* gate = connection_.writer_gate()) in_gate_ = gate->enter(kBusyTimeout);
  try {
    connection_.exec("BEGIN IMMEDIATE");
    changes_before_ = sqlite3_total_changes64(connection_.handle());
  } catch (...) {
    leave_gate();
    throw;
  }
}

void Transaction::leave_gate() {
  if (in_gate_) connection_.writer_gate()->leave();
  in_gate_ = false;
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      connection_.exec("ROLLBACK");
    } catch (...) {
      // Rolling back an already-aborted transaction fails harmlessly.
    }
  }
  leave_gate();
}

void Transaction::commit() {
  connection_.exec("COMMIT");
  done_ = true;
  leave_gate();
  // Only a commit that wrote something shows the disk takes writes again: one that changed
  // nothing succeeds on a full disk too.
  if (auto* health = connection_.health();
      health && sqlite3_total_changes64(connection_.handle()) != changes_before_)
    health->worked();
}

}  // namespace ln::store::sqlite
