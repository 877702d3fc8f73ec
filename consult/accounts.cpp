#include "consult/accounts.h"

#include <algorithm>

#include "base/crypto.h"
#include "base/errors.h"
#include "base/validate.h"

namespace ln {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string check_username(const std::string& typed) {
  std::string name = lower(typed);
  bool ok = name.size() >= 3 && name.size() <= 40 &&
            std::all_of(name.begin(), name.end(), [](unsigned char c) {
              return std::isalnum(c) || c == '.' || c == '_' || c == '-';
            });
  if (!ok) throw Invalid("username", "username must be 3 to 40 letters, digits, '.', '_' or '-'.");
  return name;
}

// Verifying against this keeps a wrong username as slow as a wrong password.
const std::string& dummy_hash() {
  static const std::string hash = hash_password("not-a-real-password-of-anyone");
  return hash;
}

}  // namespace

std::string Accounts::check_password(const std::string& password) {
  if (char_count(password) < settings_.min_password_length)
    throw Invalid("password", "A password needs at least " +
                                  std::to_string(settings_.min_password_length) + " characters.");
  if (password.size() > 200)
    throw Invalid("password", "A password may have at most 200 characters.");
  return hash_password(password);
}

void Accounts::check_scope(Account& account) {
  auto role = role_from_string(account.role);
  if (!role || !is_adult_role(*role))
    throw Invalid("role",
                  "role must be facilitator, moderator, safeguarding_lead, official or admin.");
  for (const auto& id : account.unit_ids)
    if (!storage_.organisation().unit(id))
      throw Invalid("unit_ids", "There is no unit " + id + ".");
  std::sort(account.unit_ids.begin(), account.unit_ids.end());
  account.unit_ids.erase(std::unique(account.unit_ids.begin(), account.unit_ids.end()),
                         account.unit_ids.end());
  std::sort(account.school_ids.begin(), account.school_ids.end());
  account.school_ids.erase(std::unique(account.school_ids.begin(), account.school_ids.end()),
                           account.school_ids.end());
  if (*role == Role::kFacilitator) {
    // A facilitator reaches only the classes of their own school(s), never a whole ward.
    if (account.school_ids.empty())
      throw Invalid("school_ids", "A facilitator needs the school(s) they work in.");
    for (const auto& id : account.school_ids) {
      auto school = storage_.organisation().school(id);
      if (!school) throw Invalid("school_ids", "There is no school " + id + ".");
      const auto above = storage_.organisation().unit_and_ancestors(school->unit_id);
      if (std::none_of(account.unit_ids.begin(), account.unit_ids.end(), [&](const auto& u) {
            return std::find(above.begin(), above.end(), u) != above.end();
          }))
        throw Invalid("school_ids", "School " + school->name + " is not in the account's units.");
    }
  } else {
    account.school_ids.clear();
  }
  if (*role == Role::kOfficial) {
    if (!account.authority_id)
      throw Invalid("authority_id", "An official needs the authority they answer for.");
    if (!storage_.organisation().authority(*account.authority_id))
      throw Invalid("authority_id", "There is no such authority.");
  } else {
    account.authority_id.reset();
    if (*role != Role::kAdmin && account.unit_ids.empty())
      throw Invalid("unit_ids", "A " + account.role + " needs at least one unit to act in.");
  }
}

Account Accounts::create(const Principal* actor, const NewAccount& input) {
  Account a;
  a.id = new_id("acc");
  a.username = check_username(input.username);
  a.display_name = clean_text("display_name", input.display_name, 1, 120);
  a.role = input.role;
  a.unit_ids = input.unit_ids;
  a.authority_id = input.authority_id;
  a.school_ids = input.school_ids;
  check_scope(a);
  if (storage_.accounts().account_by_username(a.username))
    throw Conflict("That username is taken.", "username_taken");
  a.password_hash =
      input.password_hash.empty() ? check_password(input.password) : input.password_hash;
  a.created_at = a.password_changed_at = clock_.now_text();
  atomically(storage_, [&] {
    storage_.accounts().insert_account(a);
    audit_.record(actor ? AuditActor::of(*actor) : AuditActor::system(), "account.create",
                  "account", a.id, "",
                  {{"role", a.role}, {"unit_ids", a.unit_ids}, {"school_ids", a.school_ids}});
  });
  return a;
}

bool Accounts::guarded_password(const std::optional<Account>& account, const std::string& username,
                                const std::string& password, const std::string& client_address) {
  // Per account: one address that guesses wrong waits, the right person elsewhere does not.
  // Per address across accounts: one address trying a password on many accounts waits too.
  Guess on_account{settings_.password_limit, lower(username).substr(0, 60), client_address};
  Guess from_address{settings_.password_spray_limit, "", client_address};
  throttle_.check(on_account);
  throttle_.check(from_address);
  bool ok = account ? verify_password(account->password_hash, password)
                    : (verify_password(dummy_hash(), password), false);
  if (!ok || account->disabled_at) {
    throttle_.failed(on_account);
    throttle_.failed(from_address);
    return false;
  }
  throttle_.succeeded(on_account);
  return true;
}

SignedIn Accounts::sign_in(const std::string& username, const std::string& password,
                           const std::string& client_address, const std::string& user_agent) {
  auto account = storage_.accounts().account_by_username(lower(username));
  if (!guarded_password(account, username, password, client_address)) {
    audit_.record({"anonymous", client_address}, "sign_in.failed", "account",
                  account ? account->id : "", "", {{"username", lower(username).substr(0, 60)}});
    throw Unauthorized("The username or password is not right.");
  }
  auto started = atomically(storage_, [&] {
    auto session = sessions_.start("account", account->id, user_agent);
    audit_.record({"account", account->id}, "sign_in", "session", session.session.id);
    return session;
  });
  return {started, *account};
}

void Accounts::change_password(const Principal& actor, const std::string& current,
                               const std::string& next, const std::string& client_address) {
  Account a = get(actor.id);
  // The current password is the same credential as at sign-in: the same counts and waits.
  if (!guarded_password(a, a.username, current, client_address)) {
    audit_.record(AuditActor::of(actor), "account.password_change_failed", "account", a.id);
    throw Invalid("current_password", "The current password is not right.");
  }
  a.password_hash = check_password(next);
  a.password_changed_at = clock_.now_text();
  atomically(storage_, [&] {
    storage_.accounts().update_account(a);
    sessions_.end_all_of("account", a.id, actor.session_id);
    audit_.record(AuditActor::of(actor), "account.password_change", "account", a.id);
  });
}

Account Accounts::update(const Principal& actor, const std::string& id, const AccountPatch& patch) {
  Account a = get(id);
  Account before = a;
  if (patch.display_name) a.display_name = clean_text("display_name", *patch.display_name, 1, 120);
  if (patch.role) a.role = *patch.role;
  if (patch.unit_ids) a.unit_ids = *patch.unit_ids;
  if (patch.school_ids) a.school_ids = *patch.school_ids;
  if (patch.authority_id)
    a.authority_id = patch.authority_id->empty() ? std::nullopt : patch.authority_id;
  check_scope(a);
  if (patch.disabled) {
    if (*patch.disabled && a.id == actor.id)
      throw Invalid("disabled", "You cannot disable your own account.");
    a.disabled_at =
        *patch.disabled ? std::optional(a.disabled_at.value_or(clock_.now_text())) : std::nullopt;
  }
  bool password_changed = false;
  if (patch.password) {
    a.password_hash = check_password(*patch.password);
    a.password_changed_at = clock_.now_text();
    password_changed = true;
  }
  if (a.id == actor.id && a.role != before.role)
    throw Invalid("role", "You cannot change your own role.");
  atomically(storage_, [&] {
    storage_.accounts().update_account(a);

    bool role_changed = a.role != before.role || a.unit_ids != before.unit_ids ||
                        a.authority_id != before.authority_id || a.school_ids != before.school_ids;
    if (role_changed || password_changed || (a.disabled_at && !before.disabled_at))
      sessions_.end_all_of("account", a.id, a.id == actor.id ? actor.session_id : "");
    if (role_changed)
      audit_.record(
          AuditActor::of(actor), "account.role_change", "account", a.id, "",
          {{"from", AuditDetails{{"role", before.role},
                                 {"unit_ids", before.unit_ids},
                                 {"school_ids", before.school_ids}}},
           {"to", AuditDetails{
                      {"role", a.role}, {"unit_ids", a.unit_ids}, {"school_ids", a.school_ids}}}});
    if (password_changed)
      audit_.record(AuditActor::of(actor), "account.password_reset", "account", a.id);
    if (a.disabled_at != before.disabled_at)
      audit_.record(AuditActor::of(actor), a.disabled_at ? "account.disable" : "account.enable",
                    "account", a.id);
  });
  return a;
}

Account Accounts::get(const std::string& id) {
  auto a = storage_.accounts().account(id);
  if (!a) throw NotFound("No such account.");
  return *a;
}

}  // namespace ln
