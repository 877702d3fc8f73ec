#include "consult/notifications.h"

#include <algorithm>
#include <functional>

#include "base/crypto.h"

namespace ln {
namespace {

// Every enabled account `keep` accepts. Adults are few, so they are read page by page.
std::vector<Account> enabled_accounts(Storage& storage,
                                      const std::function<bool(const Account&)>& keep) {
  std::vector<Account> out;
  Page page;
  page.limit = 200;
  for (;;) {
    auto batch = storage.accounts().accounts(page);
    for (auto& a : batch)
      if (!a.disabled_at && keep(a)) out.push_back(a);
    if (static_cast<int>(batch.size()) < page.limit) break;
    page.after = batch.back().id;
  }
  return out;
}

}  // namespace

std::string notification_id(const std::string& now) {
  std::string stamp;
  for (char c : now)
    if (c >= '0' && c <= '9') stamp += c;
  return "ntf_" + stamp + "_" + new_id("n").substr(2);
}

std::vector<Account> officials_of(Storage& storage, const std::string& authority_id) {
  return enabled_accounts(storage, [&](const Account& a) {
    return a.role == "official" && a.authority_id == authority_id;
  });
}

std::vector<Account> accounts_serving(Storage& storage, const std::string& role,
                                      const std::string& unit_id) {
  const auto scope = storage.organisation().unit_and_ancestors(unit_id);
  return enabled_accounts(storage, [&](const Account& a) {
    return a.role == role && std::any_of(a.unit_ids.begin(), a.unit_ids.end(), [&](const auto& u) {
             return std::find(scope.begin(), scope.end(), u) != scope.end();
           });
  });
}

}  // namespace ln
