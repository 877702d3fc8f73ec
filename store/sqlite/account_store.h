#pragma once
#include <memory>
#include <mutex>

#include "consult/storage.h"
#include "store/sqlite/pool.h"

namespace ln::store::sqlite {

class SqliteAccountStore : public AccountStore {
 public:
  explicit SqliteAccountStore(Pool& pool) : pool_(pool) {}

  void insert_account(const Account& account) override;
  std::optional<Account> account(const std::string& id) override;
  std::optional<Account> account_by_username(const std::string& username) override;
  std::vector<Account> accounts(const Page& page) override;
  std::int64_t count_accounts() override;
  void update_account(const Account& account) override;

  void insert_session(const Session& session) override;
  std::optional<Session> session_by_token_hash(const std::string& token_hash) override;
  std::vector<Session> sessions_of(const std::string& subject_kind,
                                   const std::string& subject_id) override;
  void touch_sessions(const std::map<std::string, std::string>& last_seen) override;
  void revoke_session(const std::string& id, const std::string& at) override;
  void revoke_sessions_of(const std::string& subject_kind, const std::string& subject_id,
                          const std::string& keep_id, const std::string& at) override;

  FailureState failures(const std::string& key) override;
  void set_failures(const std::string& key, const FailureState& state,
                    const std::string& at) override;
  void clear_failures(const std::string& key) override;
  int add_failure(const std::string& key, const std::string& at) override;
  void lock_failures_until(const std::string& key, const std::string& until) override;

 private:
  Pool& pool_;
  // "Last seen" is written on a connection of its own (see touch_sessions).
  std::mutex touch_mutex_;
  std::unique_ptr<Connection> touch_connection_;
};

}  // namespace ln::store::sqlite
