#pragma once
// Adult accounts: created by an admin (the first one from the command line), argon2id
// passwords, sign-in with a growing lock after failures, role and scope changes that end the
// account's other sessions.
#include <optional>
#include <string>
#include <vector>

#include "consult/audit.h"
#include "consult/sessions.h"
#include "consult/throttle.h"

namespace ln {

struct NewAccount {
  std::string username;
  std::string display_name;
  std::string role;
  std::string password;
  std::vector<std::string> unit_ids;
  std::optional<std::string> authority_id;
  // Facilitators: the schools they work in (at least one, each in one of their units).
  std::vector<std::string> school_ids = {};
  // The demo only: `password` already checked and hashed by Accounts::checked_hash, so the demo's
  // accounts, which share one documented password, pay for one Argon2id hash instead of eight.
  std::string password_hash = {};
};

struct AccountPatch {
  std::optional<std::string> display_name;
  std::optional<std::string> role;
  std::optional<std::vector<std::string>> unit_ids;
  std::optional<std::string> authority_id;  // "" clears it
  std::optional<bool> disabled;
  std::optional<std::string> password;
  std::optional<std::vector<std::string>> school_ids = std::nullopt;
};

struct SignedIn {
  StartedSession started;
  Account account;
};

class Accounts {
 public:
  Accounts(Storage& storage, const Clock& clock, AuditLog& audit, Sessions& sessions,
           const Settings& settings, GuessCounts* guess_counts = nullptr)
      : storage_(storage),
        clock_(clock),
        audit_(audit),
        sessions_(sessions),
        settings_(settings),
        throttle_(storage.accounts(), clock, guess_counts) {}

  // `actor` is null only for `langnghe admin create`.
  Account create(const Principal* actor, const NewAccount& input);
  SignedIn sign_in(const std::string& username, const std::string& password,
                   const std::string& client_address, const std::string& user_agent);
  // The current password is guessed under the same limits as at sign-in (per account and
  // address, and per address across accounts).
  void change_password(const Principal& actor, const std::string& current, const std::string& next,
                       const std::string& client_address);
  Account update(const Principal& actor, const std::string& id, const AccountPatch& patch);
  Account get(const std::string& id);
  // A password checked for strength and hashed (what create() stores); see NewAccount.
  std::string checked_hash(const std::string& password) { return check_password(password); }
  std::vector<Account> list(const Page& page) { return storage_.accounts().accounts(page); }

 private:
  std::string check_password(const std::string& password);
  // Checks a password under the guess limits (throws TooManyRequests while the guesser waits);
  // false when it is wrong or the account is disabled.
  bool guarded_password(const std::optional<Account>& account, const std::string& username,
                        const std::string& password, const std::string& client_address);
  void check_scope(Account& account);

  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  Sessions& sessions_;
  const Settings& settings_;
  Throttle throttle_;
};

}  // namespace ln
