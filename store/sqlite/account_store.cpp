#include "store/sqlite/account_store.h"

#include "store/rows.h"
#include "store/sqlite/access.h"

namespace ln::store::sqlite {
namespace sql {

constexpr const char* kAccountColumns =
    "SELECT a.id, a.username, a.display_name, a.role, a.password_hash, a.authority_id,"
    " (SELECT group_concat(unit_id) FROM account_units au WHERE au.account_id = a.id),"
    " a.disabled_at, a.password_changed_at, a.created_at,"
    " (SELECT group_concat(school_id) FROM account_schools ak WHERE ak.account_id = a.id)"
    " FROM accounts a ";
constexpr const char* kInsertAccount =
    "INSERT INTO accounts(id, username, display_name, role, password_hash, authority_id, "
    "disabled_at, password_changed_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr const char* kUpdateAccount =
    "UPDATE accounts SET username = ?2, display_name = ?3, role = ?4, password_hash = ?5, "
    "authority_id = ?6, disabled_at = ?7, password_changed_at = ?8 WHERE id = ?1";
constexpr const char* kDeleteAccountUnits = "DELETE FROM account_units WHERE account_id = ?1";
constexpr const char* kInsertAccountUnit =
    "INSERT INTO account_units(account_id, unit_id) VALUES (?1, ?2)";
constexpr const char* kDeleteAccountSchools = "DELETE FROM account_schools WHERE account_id = ?1";
constexpr const char* kInsertAccountSchool =
    "INSERT INTO account_schools(account_id, school_id) VALUES (?1, ?2)";
constexpr const char* kCountAccounts = "SELECT COUNT(*) FROM accounts";

constexpr const char* kSessionColumns =
    "SELECT id, token_hash, subject_kind, subject_id, csrf_token, created_at, last_seen_at, "
    "expires_at, revoked_at, user_agent, issued_by FROM sessions ";
constexpr const char* kInsertSession =
    "INSERT INTO sessions(id, token_hash, subject_kind, subject_id, csrf_token, created_at, "
    "last_seen_at, expires_at, revoked_at, user_agent, issued_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
constexpr const char* kTouchSession = "UPDATE sessions SET last_seen_at = ?2 WHERE id = ?1";
// The connection that writes "last seen" (see touch_sessions).
constexpr const char* kTouchPragmas = "PRAGMA synchronous = NORMAL;";
constexpr const char* kRevokeSession =
    "UPDATE sessions SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL";
constexpr const char* kRevokeSessionsOf =
    "UPDATE sessions SET revoked_at = ?4 WHERE subject_kind = ?1 AND subject_id = ?2 "
    "AND id <> ?3 AND revoked_at IS NULL";

constexpr const char* kFailures =
    "SELECT failures, locked_until FROM sign_in_failures WHERE key = ?1";
constexpr const char* kSetFailures =
    "INSERT INTO sign_in_failures(key, failures, locked_until, last_at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, "
    "locked_until = excluded.locked_until, last_at = excluded.last_at";
constexpr const char* kClearFailures = "DELETE FROM sign_in_failures WHERE key = ?1";
constexpr const char* kAddFailure =
    "INSERT INTO sign_in_failures(key, failures, locked_until, last_at) VALUES (?1, 1, NULL, ?2) "
    "ON CONFLICT(key) DO UPDATE SET failures = sign_in_failures.failures + 1, "
    "last_at = excluded.last_at RETURNING failures";
constexpr const char* kLockFailures =
    "UPDATE sign_in_failures SET locked_until = ?2 "
    "WHERE key = ?1 AND (locked_until IS NULL OR locked_until < ?2)";

}  // namespace sql

namespace {

void write_units(Connection& c, const Account& a) {
  c.prepare(sql::kDeleteAccountUnits).bind(1, a.id).run();
  for (const auto& unit_id : a.unit_ids)
    c.prepare(sql::kInsertAccountUnit).bind(1, a.id).bind(2, unit_id).run();
  c.prepare(sql::kDeleteAccountSchools).bind(1, a.id).run();
  for (const auto& school_id : a.school_ids)
    c.prepare(sql::kInsertAccountSchool).bind(1, a.id).bind(2, school_id).run();
}

}  // namespace

void SqliteAccountStore::insert_account(const Account& a) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kInsertAccount)
        .bind(1, a.id)
        .bind(2, a.username)
        .bind(3, a.display_name)
        .bind(4, a.role)
        .bind(5, a.password_hash)
        .bind(6, a.authority_id)
        .bind(7, a.disabled_at)
        .bind(8, a.password_changed_at)
        .bind(9, a.created_at)
        .run();
    write_units(c, a);
  });
}

std::optional<Account> SqliteAccountStore::account(const std::string& id) {
  return first_row(pool_, std::string(sql::kAccountColumns) + "WHERE a.id = ?1", id,
                   rows::account<Statement>);
}

std::optional<Account> SqliteAccountStore::account_by_username(const std::string& username) {
  return first_row(pool_, std::string(sql::kAccountColumns) + "WHERE a.username = ?1", username,
                   rows::account<Statement>);
}

std::vector<Account> SqliteAccountStore::accounts(const Page& page) {
  return read(pool_, [&](Connection& c) {
    auto s =
        c.prepare(std::string(sql::kAccountColumns) + "WHERE a.id > ?1 ORDER BY a.id LIMIT ?2");
    s.bind(1, page.after.value_or("")).bind(2, page.limit);
    return all_rows(s, rows::account<Statement>);
  });
}

std::int64_t SqliteAccountStore::count_accounts() {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kCountAccounts);
    s.step();
    return s.int64(0);
  });
}

void SqliteAccountStore::update_account(const Account& a) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kUpdateAccount)
        .bind(1, a.id)
        .bind(2, a.username)
        .bind(3, a.display_name)
        .bind(4, a.role)
        .bind(5, a.password_hash)
        .bind(6, a.authority_id)
        .bind(7, a.disabled_at)
        .bind(8, a.password_changed_at)
        .run();
    write_units(c, a);
  });
}

void SqliteAccountStore::insert_session(const Session& s) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kInsertSession)
        .bind(1, s.id)
        .bind(2, s.token_hash)
        .bind(3, s.subject_kind)
        .bind(4, s.subject_id)
        .bind(5, s.csrf_token)
        .bind(6, s.created_at)
        .bind(7, s.last_seen_at)
        .bind(8, s.expires_at)
        .bind(9, s.revoked_at)
        .bind(10, s.user_agent)
        .bind(11, s.issued_by)
        .run();
  });
}

std::optional<Session> SqliteAccountStore::session_by_token_hash(const std::string& token_hash) {
  return first_row(pool_, std::string(sql::kSessionColumns) + "WHERE token_hash = ?1", token_hash,
                   rows::session<Statement>);
}

std::vector<Session> SqliteAccountStore::sessions_of(const std::string& subject_kind,
                                                     const std::string& subject_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kSessionColumns) +
                       "WHERE subject_kind = ?1 AND subject_id = ?2 ORDER BY created_at DESC");
    s.bind(1, subject_kind).bind(2, subject_id);
    return all_rows(s, rows::session<Statement>);
  });
}

// "Last seen" is not worth a sync of its own. It is written on a connection with
// synchronous=NORMAL, so it reaches the disk with the next synced commit (an answer batch's) or
// checkpoint; a crash can lose at most the last few seconds of it. And it is written a few
// hundred sessions per transaction: when thousands of children are signed in at once, one
// transaction for all of them would keep the group commit, and every child's answer, waiting.
void SqliteAccountStore::touch_sessions(const std::map<std::string, std::string>& last_seen) {
  constexpr int kSessionsPerTransaction = 200;
  std::lock_guard lock(touch_mutex_);
  if (!touch_connection_) {
    touch_connection_ = pool_.open();
    touch_connection_->exec(sql::kTouchPragmas);
  }
  Connection& c = *touch_connection_;
  for (auto next = last_seen.begin(); next != last_seen.end();) {
    Transaction tx(c);
    for (int n = 0; n < kSessionsPerTransaction && next != last_seen.end(); ++n, ++next)
      c.prepare(sql::kTouchSession).bind(1, next->first).bind(2, next->second).run();
    tx.commit();
  }
}

void SqliteAccountStore::revoke_session(const std::string& id, const std::string& at) {
  write(pool_,
        [&](Connection& c) { c.prepare(sql::kRevokeSession).bind(1, id).bind(2, at).run(); });
}

void SqliteAccountStore::revoke_sessions_of(const std::string& subject_kind,
                                            const std::string& subject_id,
                                            const std::string& keep_id, const std::string& at) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kRevokeSessionsOf)
        .bind(1, subject_kind)
        .bind(2, subject_id)
        .bind(3, keep_id)
        .bind(4, at)
        .run();
  });
}

FailureState SqliteAccountStore::failures(const std::string& key) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kFailures);
    s.bind(1, key);
    if (!s.step()) return FailureState{};
    return FailureState{static_cast<int>(s.int64(0)), s.optional_text(1)};
  });
}

void SqliteAccountStore::set_failures(const std::string& key, const FailureState& state,
                                      const std::string& at) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kSetFailures)
        .bind(1, key)
        .bind(2, state.failures)
        .bind(3, state.locked_until)
        .bind(4, at)
        .run();
  });
}

void SqliteAccountStore::clear_failures(const std::string& key) {
  write(pool_, [&](Connection& c) { c.prepare(sql::kClearFailures).bind(1, key).run(); });
}

int SqliteAccountStore::add_failure(const std::string& key, const std::string& at) {
  int failures = 0;
  write(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kAddFailure);
    s.bind(1, key).bind(2, at);
    if (s.step()) failures = static_cast<int>(s.int64(0));
  });
  return failures;
}

void SqliteAccountStore::lock_failures_until(const std::string& key, const std::string& until) {
  write(pool_,
        [&](Connection& c) { c.prepare(sql::kLockFailures).bind(1, key).bind(2, until).run(); });
}

}  // namespace ln::store::sqlite
