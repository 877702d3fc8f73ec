#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ln {

enum class Role {
  kPupil,
  kCouncilMember,
  kFacilitator,
  kModerator,
  kSafeguardingLead,
  kOfficial,
  kAdmin
};

std::string to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);
// The roles an adult account may hold (pupils and Council members are never accounts).
bool is_adult_role(Role role);
const std::vector<Role>& all_roles();

}  // namespace ln
