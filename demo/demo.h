#pragma once
// `langnghe serve --demo`: a small, realistic Vietnamese demo in an empty database — a city, a
// district, wards, schools, classes, authorities, accounts for every role and two pupils.
// For trying the product, never for real children.
#include "base/working_days.h"
#include "consult/accounts.h"
#include "consult/consultations.h"
#include "consult/organisation.h"
#include "consult/pupils.h"

namespace ln {

inline constexpr const char* kDemoPassword = "langnghe-demo";
inline constexpr const char* kDemoJoinCode = "DEMO6A";

// Returns false (and changes nothing) when the database already has accounts. Due dates count
// working days of `calendar` (the server's).
bool seed_demo(Storage& storage, const Clock& clock, Organisation& organisation, Accounts& accounts,
               Pupils& pupils, Consultations& consultations, const Keys& keys,
               const WorkingCalendar& calendar);

}  // namespace ln
