#include "consult/policy.h"

#include <algorithm>
#include <map>

#include "base/errors.h"

namespace ln {
namespace {

using enum Role;

const std::map<Permission, std::vector<Role>>& table() {
  static const std::map<Permission, std::vector<Role>> t = {
      {Permission::kSignedIn,
       {kPupil, kCouncilMember, kFacilitator, kModerator, kSafeguardingLead, kOfficial, kAdmin}},
      {Permission::kAdult, {kFacilitator, kModerator, kSafeguardingLead, kOfficial, kAdmin}},
      {Permission::kPupilSelf, {kPupil, kCouncilMember}},
      {Permission::kPupilContribute, {kPupil, kCouncilMember}},
      {Permission::kReadOrganisation,
       {kFacilitator, kModerator, kSafeguardingLead, kOfficial, kAdmin}},
      {Permission::kManageOrganisation, {kAdmin}},
      {Permission::kManageAccounts, {kAdmin}},
      {Permission::kManageClasses, {kFacilitator, kAdmin}},
      {Permission::kManagePupils, {kFacilitator, kAdmin}},
      {Permission::kRevealIdentity, {kSafeguardingLead}},
      {Permission::kHandleDataRequests, {kAdmin}},
      {Permission::kReadAudit, {kAdmin}},
      {Permission::kManageConsultations, {kModerator, kAdmin}},
      {Permission::kRecordPaper, {kFacilitator, kModerator, kAdmin}},
      {Permission::kReadResults, {kFacilitator, kModerator, kSafeguardingLead, kOfficial, kAdmin}},
      {Permission::kManageTargets, {kAdmin}},
      {Permission::kModerate, {kModerator, kSafeguardingLead, kAdmin}},
      {Permission::kSafeguard, {kSafeguardingLead}},
      {Permission::kManageRecommendations, {kModerator, kAdmin}},
      {Permission::kAnswerRecommendations, {kOfficial}},
      {Permission::kReadRecommendations, {kModerator, kOfficial, kAdmin}},
      {Permission::kManageCouncils, {kModerator, kAdmin}},
      {Permission::kManageEvents, {kFacilitator, kModerator, kAdmin}},
      {Permission::kReadReports, {kFacilitator, kModerator, kAdmin}},
  };
  return t;
}

}  // namespace

const std::vector<Role>& roles_for(Permission permission) {
  return table().at(permission);
}

bool role_has(Role role, Permission permission) {
  const auto& roles = roles_for(permission);
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::string to_string(Permission permission) {
  switch (permission) {
    case Permission::kSignedIn:
      return "signed_in";
    case Permission::kAdult:
      return "adult";
    case Permission::kPupilSelf:
      return "pupil_self";
    case Permission::kPupilContribute:
      return "pupil_contribute";
    case Permission::kReadOrganisation:
      return "read_organisation";
    case Permission::kManageOrganisation:
      return "manage_organisation";
    case Permission::kManageAccounts:
      return "manage_accounts";
    case Permission::kManageClasses:
      return "manage_classes";
    case Permission::kManagePupils:
      return "manage_pupils";
    case Permission::kRevealIdentity:
      return "reveal_identity";
    case Permission::kHandleDataRequests:
      return "handle_data_requests";
    case Permission::kReadAudit:
      return "read_audit";
    case Permission::kManageConsultations:
      return "manage_consultations";
    case Permission::kRecordPaper:
      return "record_paper";
    case Permission::kReadResults:
      return "read_results";
    case Permission::kManageTargets:
      return "manage_targets";
    case Permission::kModerate:
      return "moderate";
    case Permission::kSafeguard:
      return "safeguard";
    case Permission::kManageRecommendations:
      return "manage_recommendations";
    case Permission::kAnswerRecommendations:
      return "answer_recommendations";
    case Permission::kReadRecommendations:
      return "read_recommendations";
    case Permission::kManageCouncils:
      return "manage_councils";
    case Permission::kManageEvents:
      return "manage_events";
    case Permission::kReadReports:
      return "read_reports";
  }
  return "unknown";
}

void require(const Principal* principal, Permission permission) {
  if (!principal) throw Unauthorized();
  if (!role_has(principal->role, permission)) throw Forbidden();
  if (permission == Permission::kPupilContribute && !principal->may_contribute())
    throw Forbidden(principal->child_consent
                        ? "We are still waiting for your parent or guardian to agree."
                        : "Please read how we use your ideas and agree first.",
                    "consent_required");
}

}  // namespace ln
