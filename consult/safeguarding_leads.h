#pragma once
// What the safeguarding leads of a unit must hear about a child with an open case, from whichever
// part of the product learns it (a new sign-in code, a withdrawal, a deletion, another lead's
// reveal). A case is open while a lead has not closed it.
#include <string>
#include <vector>

#include "consult/storage.h"

namespace ln {

// The child's texts that went to the safeguarding queue and whose case no lead has closed.
std::vector<Submission> open_safeguarding_cases(Storage& storage, const std::string& pupil_id);

// An in-app notification about case `case_id` (of `unit_id`) to every enabled safeguarding lead
// of the unit and the units above it, except `except_account` (the lead who acted).
void tell_safeguarding_leads(Storage& storage, const std::string& now, const std::string& unit_id,
                             const std::string& case_id, NotificationKind kind,
                             const std::string& message, const std::string& except_account = "");

}  // namespace ln
