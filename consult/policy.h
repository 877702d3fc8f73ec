#pragma once
// The one place that says which roles may do what. Every route names its Permission; the
// HTTP layer checks the role here before the handler runs, and the domain checks the scope
// (which units, which authority, whose data) with the helpers below.
#include <string>
#include <vector>

#include "consult/principal.h"

namespace ln {

enum class Permission {
  kSignedIn,            // any signed-in account or pupil
  kAdult,               // any adult account
  kPupilSelf,           // a pupil (or Council member) acting on their own data
  kPupilContribute,     // a pupil answering or submitting: needs both consents as well
  kReadOrganisation,    // directory of units, schools, authorities
  kManageOrganisation,  // create, edit, retire, merge, import
  kManageAccounts,
  kManageClasses,  // classes and join codes
  kManagePupils,   // guardian consent slips, guardian codes, sign-in code resets
  kRevealIdentity,
  kHandleDataRequests,
  kReadAudit,
  kManageConsultations,  // plan, publish, close, publish results, give feedback
  kRecordPaper,          // paper questionnaires and forum records
  kReadResults,
  kManageTargets,
  kModerate,   // the moderation queues (the safeguarding queue: safeguarding leads only)
  kSafeguard,  // safeguarding cases
  // Recommendations and official responses.
  kManageRecommendations,  // compile, forward, feedback, report back, close (Youth Union)
  kAnswerRecommendations,  // acknowledge, answer, commitments (officials of the authority)
  kReadRecommendations,    // the Youth Union's units' or the official's authority's items
  // Children's Councils, events and reports (issue 7).
  kManageCouncils,  // councils, members, advisers, sessions, votes: Youth Union and admins
  kManageEvents,    // forums and dialogues: who organises them and records them
  kReadReports,     // six-monthly and yearly reports of a unit
};

const std::vector<Role>& roles_for(Permission permission);
bool role_has(Role role, Permission permission);
std::string to_string(Permission permission);

// Throws Unauthorized when nobody is signed in, Forbidden when the role lacks the permission,
// and Forbidden with code consent_required when a pupil contributes without both consents.
void require(const Principal* principal, Permission permission);

}  // namespace ln
