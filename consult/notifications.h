#pragma once
// In-app notifications, shared by every part that tells people something (recommendations,
// safeguarding): who is told — enabled accounts by role and by where they work — and ids that
// sort by time, so a recipient's list reads oldest first.
#include <string>
#include <vector>

#include "consult/storage.h"

namespace ln {

std::string notification_id(const std::string& now);

// Enabled officials of an authority.
std::vector<Account> officials_of(Storage& storage, const std::string& authority_id);
// Enabled accounts with `role` that work for `unit_id` or a unit above it.
std::vector<Account> accounts_serving(Storage& storage, const std::string& role,
                                      const std::string& unit_id);

}  // namespace ln
