#include "store/postgres/account_store.h"

#include "store/postgres/access.h"
#include "store/rows.h"

namespace ln::store::postgres {
namespace sql {

constexpr const char* kAccountColumns =
    "SELECT a.id, a.username, a.display_name, a.role, a.password_hash, a.authority_id,"
    " (SELECT string_agg(unit_id, ',' ORDER BY unit_id) FROM account_units au"
    " WHERE au.account_id = a.id),"
    " a.disabled_at, a.password_changed_at, a.created_at,"
    " (SELECT string_agg(school_id, ',' ORDER BY school_id) FROM account_schools ak"
    " WHERE ak.account_id = a.id) FROM accounts a ";
const std::string kAccountById = std::string(kAccountColumns) + "WHERE a.id = $1";
const std::string kAccountByUsername = std::string(kAccountColumns) + "WHERE a.username = $1";
const std::string kAccounts =
    std::string(kAccountColumns) + "WHERE a.id > $1 ORDER BY a.id LIMIT $2";
constexpr const char* kInsertAccount =
    "INSERT INTO accounts(id, username, display_name, role, password_hash, authority_id, "
    "disabled_at, password_changed_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr const char* kUpdateAccount =
    "UPDATE accounts SET username = $2, display_name = $3, role = $4, password_hash = $5, "
    "authority_id = $6, disabled_at = $7, password_changed_at = $8 WHERE id = $1";
constexpr const char* kDeleteAccountUnits = "DELETE FROM account_units WHERE account_id = $1";
constexpr const char* kInsertAccountUnit =
    "INSERT INTO account_units(account_id, unit_id) VALUES ($1, $2)";
constexpr const char* kDeleteAccountSchools = "DELETE FROM account_schools WHERE account_id = $1";
constexpr const char* kInsertAccountSchool =
    "INSERT INTO account_schools(account_id, school_id) VALUES ($1, $2)";
constexpr const char* kCountAccounts = "SELECT COUNT(*) FROM accounts";

constexpr const char* kSessionColumns =
    "SELECT id, token_hash, subject_kind, subject_id, csrf_token, created_at, last_seen_at, "
    "expires_at, revoked_at, user_agent, issued_by FROM sessions ";
const std::string kSessionByTokenHash = std::string(kSessionColumns) + "WHERE token_hash = $1";
const std::string kSessionsOf = std::string(kSessionColumns) +
                                "WHERE subject_kind = $1 AND subject_id = $2 "
                                "ORDER BY created_at DESC";
constexpr const char* kInsertSession =
    "INSERT INTO sessions(id, token_hash, subject_kind, subject_id, csrf_token, created_at, "
    "last_seen_at, expires_at, revoked_at, user_agent, issued_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr const char* kTouchSession = "UPDATE sessions SET last_seen_at = $2 WHERE id = $1";
constexpr const char* kRevokeSession =
    "UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";
constexpr const char* kRevokeSessionsOf =
    "UPDATE sessions SET revoked_at = $4 WHERE subject_kind = $1 AND subject_id = $2 "
    "AND id <> $3 AND revoked_at IS NULL";

constexpr const char* kFailures =
    "SELECT failures, locked_until FROM sign_in_failures WHERE key = $1";
constexpr const char* kSetFailures =
    "INSERT INTO sign_in_failures(key, failures, locked_until, last_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, "
    "locked_until = excluded.locked_until, last_at = excluded.last_at";
constexpr const char* kClearFailures = "DELETE FROM sign_in_failures WHERE key = $1";
constexpr const char* kAddFailure =
    "INSERT INTO sign_in_failures(key, failures, locked_until, last_at) VALUES ($1, 1, NULL, $2) "
    "ON CONFLICT(key) DO UPDATE SET failures = sign_in_failures.failures + 1, "
    "last_at = excluded.last_at RETURNING failures";
constexpr const char* kLockFailures =
    "UPDATE sign_in_failures SET locked_until = $2 "
    "WHERE key = $1 AND (locked_until IS NULL OR locked_until < $2)";

}  // namespace sql

namespace {

void write_units(Connection& c, const Account& a) {
  c.exec(sql::kDeleteAccountUnits, a.id);
  for (const auto& unit_id : a.unit_ids) c.exec(sql::kInsertAccountUnit, a.id, unit_id);
  c.exec(sql::kDeleteAccountSchools, a.id);
  for (const auto& school_id : a.school_ids) c.exec(sql::kInsertAccountSchool, a.id, school_id);
}

}  // namespace

void PostgresAccountStore::insert_account(const Account& a) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kInsertAccount, a.id, a.username, a.display_name, a.role, a.password_hash,
           a.authority_id, a.disabled_at, a.password_changed_at, a.created_at);
    write_units(c, a);
  });
}

std::optional<Account> PostgresAccountStore::account(const std::string& id) {
  return first_row(pool_, sql::kAccountById, id, rows::account<Row>);
}

std::optional<Account> PostgresAccountStore::account_by_username(const std::string& username) {
  return first_row(pool_, sql::kAccountByUsername, username, rows::account<Row>);
}

std::vector<Account> PostgresAccountStore::accounts(const Page& page) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kAccounts, page.after.value_or(""), page.limit).all(rows::account<Row>);
  });
}

std::int64_t PostgresAccountStore::count_accounts() {
  return read(pool_, [&](Connection& c) { return c.exec(sql::kCountAccounts).row(0).int64(0); });
}

void PostgresAccountStore::update_account(const Account& a) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kUpdateAccount, a.id, a.username, a.display_name, a.role, a.password_hash,
           a.authority_id, a.disabled_at, a.password_changed_at);
    write_units(c, a);
  });
}

void PostgresAccountStore::insert_session(const Session& s) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kInsertSession, s.id, s.token_hash, s.subject_kind, s.subject_id, s.csrf_token,
           s.created_at, s.last_seen_at, s.expires_at, s.revoked_at, s.user_agent, s.issued_by);
  });
}

std::optional<Session> PostgresAccountStore::session_by_token_hash(const std::string& token_hash) {
  return first_row(pool_, sql::kSessionByTokenHash, token_hash, rows::session<Row>);
}

std::vector<Session> PostgresAccountStore::sessions_of(const std::string& subject_kind,
                                                       const std::string& subject_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kSessionsOf, subject_kind, subject_id).all(rows::session<Row>);
  });
}

void PostgresAccountStore::touch_sessions(const std::map<std::string, std::string>& last_seen) {
  write(pool_, [&](Connection& c) {
    for (const auto& [id, at] : last_seen) c.exec(sql::kTouchSession, id, at);
  });
}

void PostgresAccountStore::revoke_session(const std::string& id, const std::string& at) {
  write(pool_, [&](Connection& c) { c.exec(sql::kRevokeSession, id, at); });
}

void PostgresAccountStore::revoke_sessions_of(const std::string& subject_kind,
                                              const std::string& subject_id,
                                              const std::string& keep_id, const std::string& at) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kRevokeSessionsOf, subject_kind, subject_id, keep_id, at);
  });
}

FailureState PostgresAccountStore::failures(const std::string& key) {
  return read(pool_, [&](Connection& c) {
    auto result = c.exec(sql::kFailures, key);
    if (result.rows() == 0) return FailureState{};
    auto r = result.row(0);
    return FailureState{static_cast<int>(r.int64(0)), r.optional_text(1)};
  });
}

void PostgresAccountStore::set_failures(const std::string& key, const FailureState& state,
                                        const std::string& at) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kSetFailures, key, state.failures, state.locked_until, at);
  });
}

void PostgresAccountStore::clear_failures(const std::string& key) {
  write(pool_, [&](Connection& c) { c.exec(sql::kClearFailures, key); });
}

int PostgresAccountStore::add_failure(const std::string& key, const std::string& at) {
  return write(pool_, [&](Connection& c) {
    return static_cast<int>(c.exec(sql::kAddFailure, key, at).row(0).int64(0));
  });
}

void PostgresAccountStore::lock_failures_until(const std::string& key, const std::string& until) {
  write(pool_, [&](Connection& c) { c.exec(sql::kLockFailures, key, until); });
}

}  // namespace ln::store::postgres
