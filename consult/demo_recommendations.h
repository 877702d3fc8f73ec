#pragma once
// The demo's recommendations: one in every state (draft, forwarded, acknowledged, answered with
// commitments, reported back, closed, and one overdue), addressed to both demo authorities, so
// that `official` and `official2` see different ones and the public tracker is alive at once.
#include "consult/recommendations.h"

namespace ln {

// Call right after seed_demo() filled an empty database; does nothing when it finds no demo.
void seed_demo_recommendations(Storage& storage, const Clock& clock, Recommendations& recs);

}  // namespace ln
