#pragma once
// RAII over libpq: one Connection per thread at a time, statements prepared once per connection
// and run with `$1…$n` text parameters (bytea as binary), writes inside BEGIN…COMMIT.
#include <libpq-fe.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/errors.h"
#include "store/storage_health.h"

namespace ln::store::postgres {

// Thrown for PostgreSQL failures; carries the SQLSTATE so callers map constraint violations on
// purpose. A server that cannot be reached or went away, a full disk or a lock not granted in time
// are `unavailable()` (503); a connection lost while COMMIT was on its way leaves the outcome
// unknown. Its text is for logs, never for clients.
class PgError : public StorageError {
 public:
  PgError(std::string sqlstate, const std::string& message, bool connection_lost,
          bool during_commit = false)
      : StorageError(message, kind_of(sqlstate, connection_lost, during_commit)),
        sqlstate_(std::move(sqlstate)),
        connection_lost_(connection_lost) {}
  const std::string& sqlstate() const { return sqlstate_; }
  bool connection_lost() const { return connection_lost_; }
  // Class 23: unique, foreign key, check and not-null violations.
  bool is_constraint() const { return sqlstate_.rfind("23", 0) == 0; }
  // The server cannot be reached, went away, or cannot take writes for now.
  bool is_unavailable() const { return unavailable(); }

 private:
  static Kind kind_of(const std::string& state, bool lost, bool during_commit) {
    if (lost && during_commit) return Kind::kOutcomeUnknown;
    bool unavailable = lost || state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" ||
                       state == "57P03" || state == "53300" || state == "53100" ||
                       state == "53200" || state == "58030" || state == "55P03" || state == "25006";
    return unavailable ? Kind::kUnavailable : Kind::kOther;
  }

  std::string sqlstate_;
  bool connection_lost_;
};

// Raw bytes bound as a binary parameter (for bytea columns).
struct Bytes {
  std::string_view data;
};

// The parameters of one statement, in libpq's shape: text values, or binary for Bytes.
class Params {
 public:
  void add(std::string_view value) { push(std::string(value), false, false); }
  void add(const std::string& value) { push(value, false, false); }
  void add(const char* value) { push(value, false, false); }
  void add(std::int64_t value) { push(std::to_string(value), false, false); }
  void add(int value) { push(std::to_string(value), false, false); }
  void add(bool value) { push(value ? "true" : "false", false, false); }
  void add(Bytes value) { push(std::string(value.data), false, true); }
  void add(std::nullopt_t) { push({}, true, false); }
  template <typename T>
  void add(const std::optional<T>& value) {
    if (value)
      add(*value);
    else
      add(std::nullopt);
  }

  int size() const { return static_cast<int>(values_.size()); }
  // Pointers into this object: valid while it lives and is not changed.
  std::vector<const char*> pointers() const;
  std::vector<int> lengths() const;
  const std::vector<int>& formats() const { return formats_; }

 private:
  void push(std::string value, bool null, bool binary);
  std::vector<std::string> values_;
  std::vector<bool> null_;
  std::vector<int> formats_;
};

class Result;

// One row of a Result, read by column like an SQLite statement.
class Row {
 public:
  Row(const Result& result, int row) : result_(result), row_(row) {}
  bool is_null(int column) const;
  std::string text(int column) const;
  // The column's text without a copy: valid while the Result lives.
  std::string_view text_view(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::int64_t int64(int column) const;
  // A bytea column, decoded from libpq's text form.
  std::string bytes(int column) const;

 private:
  const Result& result_;
  int row_;
};

class Result {
 public:
  explicit Result(PGresult* result) : result_(result) {}
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  Result(Result&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  ~Result() { PQclear(result_); }

  int rows() const { return PQntuples(result_); }
  Row row(int index) const { return Row(*this, index); }
  std::int64_t affected() const;
  PGresult* handle() const { return result_; }

  // Every row mapped by `map`.
  template <typename Map>
  auto all(Map map) const -> std::vector<decltype(map(std::declval<const Row&>()))> {
    std::vector<decltype(map(std::declval<const Row&>()))> out;
    out.reserve(static_cast<std::size_t>(rows()));
    for (int i = 0; i < rows(); ++i) out.push_back(map(row(i)));
    return out;
  }

 private:
  PGresult* result_;
};

class Connection {
 public:
  // Connects with a libpq URL (postgresql://…) or key=value string. Throws PgError.
  explicit Connection(const std::string& conninfo);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one or more statements with no parameters (migrations, BEGIN, COMMIT).
  void exec_script(const std::string& sql);

  // Runs `sql` (a named constant) with `args` as $1…$n; prepared on first use per connection.
  template <typename... Args>
  Result exec(const std::string& sql, const Args&... args) {
    Params params;
    (params.add(args), ...);
    return exec_params(sql, params);
  }
  Result exec_params(const std::string& sql, const Params& params);

  // Usable for another request: connected and outside any transaction.
  bool reusable() const;
  // The server went away (or the connection broke).
  bool lost() const;
  PGconn* handle() { return conn_; }

  // Where this connection reports failures for storage reasons, and commits that work.
  void share_health(StorageHealth* health) { health_ = health; }
  StorageHealth* health() const { return health_; }

 private:
  friend class Transaction;
  [[noreturn]] void fail(PGresult* result, const std::string& what, bool during_commit = false);
  PGconn* conn_ = nullptr;
  StorageHealth* health_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // sql → statement name
};

// BEGIN on construction; rolls back on destruction unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Connection& connection_;
  bool done_ = false;
};

}  // namespace ln::store::postgres
