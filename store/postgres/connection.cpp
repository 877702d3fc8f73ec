#include "store/postgres/connection.h"

#include <memory>

namespace ln::store::postgres {
namespace {

// libpq prints NOTICEs (e.g. "relation already exists, skipping") on stderr by default.
void ignore_notice(void*, const char*) {}

}  // namespace

void Params::push(std::string value, bool null, bool binary) {
  values_.push_back(std::move(value));
  null_.push_back(null);
  formats_.push_back(binary ? 1 : 0);
}

std::vector<const char*> Params::pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (std::size_t i = 0; i < values_.size(); ++i)
    out.push_back(null_[i] ? nullptr : values_[i].data());
  return out;
}

std::vector<int> Params::lengths() const {
  std::vector<int> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(static_cast<int>(v.size()));
  return out;
}

bool Row::is_null(int column) const {
  return PQgetisnull(result_.handle(), row_, column) == 1;
}

std::string Row::text(int column) const {
  PGresult* r = result_.handle();
  return std::string(PQgetvalue(r, row_, column),
                     static_cast<std::size_t>(PQgetlength(r, row_, column)));
}

std::string_view Row::text_view(int column) const {
  PGresult* r = result_.handle();
  return std::string_view(PQgetvalue(r, row_, column),
                          static_cast<std::size_t>(PQgetlength(r, row_, column)));
}

std::optional<std::string> Row::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::int64_t Row::int64(int column) const {
  if (is_null(column)) return 0;
  return std::stoll(text(column));
}

std::string Row::bytes(int column) const {
  if (is_null(column)) return {};
  std::size_t length = 0;
  unsigned char* raw = PQunescapeBytea(
      reinterpret_cast<const unsigned char*>(PQgetvalue(result_.handle(), row_, column)), &length);
  if (!raw) throw PgError("", "could not decode a bytea value", false);
  std::string out(reinterpret_cast<const char*>(raw), length);
  PQfreemem(raw);
  return out;
}

std::int64_t Result::affected() const {
  const char* tuples = PQcmdTuples(result_);
  return (tuples && *tuples) ? std::stoll(tuples) : 0;
}

Connection::Connection(const std::string& conninfo) {
  // Our defaults come first so that anything the URL itself says wins.
  const char* keys[] = {"application_name", "connect_timeout", "dbname", nullptr};
  const char* values[] = {"langnghe", "10", conninfo.c_str(), nullptr};
  conn_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string message = conn_ ? PQerrorMessage(conn_) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    for (auto& c : message)
      if (c == '\n' || c == '\t') c = ' ';
    while (!message.empty() && message.back() == ' ') message.pop_back();
    throw PgError("08001", "connect to PostgreSQL: " + message, true);
  }
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
}

Connection::~Connection() {
  PQfinish(conn_);
}

void Connection::fail(PGresult* result, const std::string& what, bool during_commit) {
  std::unique_ptr<PGresult, decltype(&PQclear)> owned(result, PQclear);
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? PQresultErrorMessage(result) : "";
  if (message.empty()) message = PQerrorMessage(conn_);
  // libpq's text runs over several lines ("server closed the connection unexpectedly\n\tThis
  // probably means…"): one line for the log.
  for (auto& c : message)
    if (c == '\n' || c == '\t') c = ' ';
  while (!message.empty() && message.back() == ' ') message.pop_back();
  PgError error(state ? state : "", what + ": " + message, lost(), during_commit);
  // A lost connection says little by itself (one backend ended, a failover): the pool's next
  // try to connect tells whether the server is gone, and reports it.
  if (health_ && error.unavailable() && !error.connection_lost()) health_->failed(error.what());
  throw error;
}

void Connection::exec_script(const std::string& sql) {
  PGresult* result = PQexec(conn_, sql.c_str());
  auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result, "exec");
  PQclear(result);
}

Result Connection::exec_params(const std::string& sql, const Params& params) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "ln" + std::to_string(prepared_.size() + 1);
    PGresult* prepared = PQprepare(conn_, name.c_str(), sql.c_str(), params.size(), nullptr);
    if (!prepared || PQresultStatus(prepared) != PGRES_COMMAND_OK) fail(prepared, "prepare");
    PQclear(prepared);
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  auto values = params.pointers();
  auto lengths = params.lengths();
  PGresult* result = PQexecPrepared(conn_, it->second.c_str(), params.size(), values.data(),
                                    lengths.data(), params.formats().data(), 0);
  auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result, "exec");
  return Result(result);
}

bool Connection::lost() const {
  return PQstatus(conn_) != CONNECTION_OK;
}

bool Connection::reusable() const {
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

Transaction::Transaction(Connection& connection) : connection_(connection) {
  connection_.exec_script("BEGIN");
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      connection_.exec_script("ROLLBACK");
    } catch (...) {
      // A lost connection rolls back by itself; the pool drops it.
    }
  }
}

void Transaction::commit() {
  done_ = true;
  PGresult* result = PQexec(connection_.conn_, "COMMIT");
  auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  // A connection lost here leaves the outcome unknown: the server may have committed.
  if (status != PGRES_COMMAND_OK) connection_.fail(result, "commit", true);
  PQclear(result);
  if (auto* health = connection_.health()) health->worked();
}

}  // namespace ln::store::postgres
