#pragma once
// Repeats across submissions, which the screener cannot see on one text alone: the same child
// sending the same words again, nearly the same words (SimHash), or many texts in a short time.
// Like the screener, this only annotates (label `spam`); a moderator decides. Texts from other
// children that say the same are not spam — many children asking for one playground is a
// signal — so they are only counted, to help moderators compile recommendations.
#include <chrono>
#include <cstdint>
#include <string>

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

// Weighs a new submission against the unit's recent ones, seen one at a time as storage reads
// them (SubmissionStore::recent_fingerprints), then adds the repeat findings to its screening.
class RepeatTally {
 public:
  // `submission` has its fingerprint already (fingerprint()); `now` is the time now.
  RepeatTally(const Submission& submission, std::chrono::system_clock::time_point now);
  // One of the unit's recent submissions (never this one itself).
  void see(const SubmissionFingerprint& recent);
  // Adds what was found to the submission's screening.
  void annotate(Submission& submission) const;

 private:
  std::string pupil_id_;
  std::string fingerprint_;
  std::int64_t simhash_ = 0;
  std::string burst_since_;
  bool repeat_ = false;
  bool near_ = false;
  int from_child_lately_ = 0;
  int alike_from_others_ = 0;
};

}  // namespace ln::moderation
