#pragma once
// RAII over the SQLite C API: one Connection per thread at a time (SQLITE_OPEN_NOMUTEX),
// prepared statements cached per connection, writes inside BEGIN IMMEDIATE transactions.
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/errors.h"
#include "store/sqlite/writer_gate.h"
#include "store/storage_health.h"

namespace ln::store::sqlite {

// How long a writer waits for the database (and for its writer gate) before giving up.
inline constexpr std::chrono::milliseconds kBusyTimeout{5000};

// A statement borrowed from the connection's cache; reset and unbound when it goes away.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt, StorageHealth* health = nullptr)
      : stmt_(stmt), health_(health) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : stmt_(other.stmt_), health_(other.health_) {
    other.stmt_ = nullptr;
  }
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Advances to the next row; false when done. Throws on error.
  bool step();
  // Runs a statement that returns no rows.
  void run();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  // The column's text without a copy: valid until the next step or reset.
  std::string_view text_view(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;

 private:
  sqlite3_stmt* stmt_;
  StorageHealth* health_;
};

class Connection {
 public:
  // Opens (creating if needed) the database file and sets WAL, busy_timeout, synchronous=FULL,
  // foreign keys.
  explicit Connection(const std::string& path);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one or more statements with no parameters (migrations, pragmas).
  void exec(const std::string& sql);
  // A cached prepared statement; `sql` should be a named constant from a sql header.
  Statement prepare(std::string_view sql);
  std::int64_t changes() const;

  sqlite3* handle() { return db_; }

  // The writers' gate this connection's write transactions pass (Pool::open shares its own).
  void share_writer_gate(std::shared_ptr<WriterGate> gate) { writer_gate_ = std::move(gate); }
  WriterGate* writer_gate() const { return writer_gate_.get(); }
  // Where this connection reports writes that fail for storage reasons, and commits that work.
  void share_health(std::shared_ptr<StorageHealth> health) { health_ = std::move(health); }
  StorageHealth* health() const { return health_.get(); }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  std::shared_ptr<WriterGate> writer_gate_;
  std::shared_ptr<StorageHealth> health_;
};

// BEGIN IMMEDIATE on construction; rolls back on destruction unless commit() was called.
// Writers of one process first queue at their connection's writer gate, held until the
// transaction ends: a writer that found the database locked by another thread of the same
// process would otherwise sleep in SQLite's busy handler (1, 2, 5, 10 … ms at a time) well past
// the moment the lock was released. Writers of other processes still meet at SQLite's lock. A
// gate not free within the busy timeout is passed by (SQLite's own lock still keeps writes apart).
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  void leave_gate();

  Connection& connection_;
  bool in_gate_ = false;
  bool done_ = false;
  std::int64_t changes_before_ = 0;
};

// Thrown for SQLite failures; carries the extended result code so callers can map constraint
// violations on purpose. A full disk, an I/O error, a read-only file or a lock not granted within
// the busy timeout are `unavailable()` (503, send again). Its text is for logs, never for clients.
class SqliteError : public StorageError {
 public:
  SqliteError(int code, const std::string& message)
      : StorageError(message, kind_of(code)), code_(code) {}
  int code() const { return code_; }
  bool is_constraint() const { return (code_ & 0xff) == SQLITE_CONSTRAINT; }
  bool is_busy() const { return (code_ & 0xff) == SQLITE_BUSY || (code_ & 0xff) == SQLITE_LOCKED; }

  static Kind kind_of(int code) {
    switch (code & 0xff) {
      case SQLITE_FULL:
      case SQLITE_IOERR:
      case SQLITE_READONLY:
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
      case SQLITE_CANTOPEN:
      case SQLITE_NOMEM:
      case SQLITE_PROTOCOL:
        return Kind::kUnavailable;
      default:
        return Kind::kOther;
    }
  }

 private:
  int code_;
};

}  // namespace ln::store::sqlite
