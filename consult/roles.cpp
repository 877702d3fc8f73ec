#include "consult/roles.h"

#include <array>
#include <utility>

namespace ln {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 7> kNames = {{
    {Role::kPupil, "pupil"},
    {Role::kCouncilMember, "council_member"},
    {Role::kFacilitator, "facilitator"},
    {Role::kModerator, "moderator"},
    {Role::kSafeguardingLead, "safeguarding_lead"},
    {Role::kOfficial, "official"},
    {Role::kAdmin, "admin"},
}};

}  // namespace

std::string to_string(Role role) {
  for (const auto& [r, name] : kNames)
    if (r == role) return std::string(name);
  return "unknown";
}

std::optional<Role> role_from_string(std::string_view text) {
  for (const auto& [r, name] : kNames)
    if (name == text) return r;
  return std::nullopt;
}

bool is_adult_role(Role role) {
  return role != Role::kPupil && role != Role::kCouncilMember;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> out;
    for (const auto& [r, name] : kNames) out.push_back(r);
    return out;
  }();
  return roles;
}

}  // namespace ln
