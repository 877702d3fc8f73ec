#pragma once
// The demo's recommendations: one in every state (draft, forwarded, acknowledged, answered with
// commitments, reported back, closed, and one overdue), addressed to both demo authorities, so
// that `official` and `official2` see different ones and the public tracker is alive at once.
#include "consult/pupils.h"
#include "consult/recommendations.h"

namespace ln {

// Sign-in codes of the two demo pupils whose ideas went into the demo's recommendations.
inline constexpr const char* kDemoRecommendationPupils[] = {"soc-nau-2026", "tho-trang-2026"};

// Call right after seed_demo() filled an empty database; does nothing when it finds no demo.
void seed_demo_recommendations(Storage& storage, const Clock& clock, Recommendations& recs,
                               Pupils& pupils, const Keys& keys);

}  // namespace ln
