#pragma once
// Repeats across submissions, which the screener cannot see on one text alone: the same child
// sending the same words again, nearly the same words (SimHash), or many texts in a short time.
// Like the screener, this only annotates (label `spam`); a moderator decides. Texts from other
// children that say the same are not spam — many children asking for one playground is a
// signal — so they are only counted, to help moderators compile recommendations.
#include <chrono>
#include <string>
#include <vector>

#include "consult/records.h"

namespace ln::moderation {

// SimHash distance at or under which two texts are near-duplicates. Children's texts are short, so
// one added or changed word moves 8–12 of the 64 bits; unrelated texts sit near 32 (σ ≈ 4), so 10
// finds one-word edits while a chance match stays below one in a hundred million.
inline constexpr int kNearDuplicateBits = 10;
inline constexpr int kBurstCount = 5;  // this many from one child within kBurstWindow…
inline constexpr std::chrono::minutes kBurstWindow{10};
inline constexpr std::chrono::hours kRepeatWindow{24 * 30};  // how far back repeats are sought
inline constexpr int kRepeatHistory = 500;                   // at most this many recent texts

// Sets the submission's fingerprint and SimHash from its text.
void fingerprint(Submission& submission);

// Adds repeat findings to the submission's screening JSON from the unit's recent submissions
// (`recent`, which must not include this one), given the time now.
void annotate_repeats(Submission& submission, const std::vector<SubmissionFingerprint>& recent,
                      std::chrono::system_clock::time_point now);

}  // namespace ln::moderation
