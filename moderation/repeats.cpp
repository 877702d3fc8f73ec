#include "moderation/repeats.h"

#include "base/clock.h"
#include "base/crypto.h"
#include "base/validate.h"
#include "moderation/simhash.h"

namespace ln::moderation {
namespace {

// Near-duplicates are only meaningful for texts of a few words; short ones collide by chance.
constexpr std::size_t kNearDuplicateMinWords = 4;

std::size_t word_count(const std::string& normalised) {
  if (normalised.empty()) return 0;
  std::size_t words = 1;
  for (char c : normalised)
    if (c == ' ') ++words;
  return words;
}

void add_finding(Submission& s, const std::string& rule, const std::string& category,
                 int severity) {
  s.screening.spans.push_back(
      {ScreenerLabel::kSpam, 0, char_count(s.text), 0, s.text.size(), rule, category, severity});
  s.screening.add_label(ScreenerLabel::kSpam);
}

}  // namespace

void fingerprint(Submission& submission) {
  const std::string normalised = normalised_for_duplicates(submission.text);
  submission.fingerprint = normalised.empty() ? "" : hash_token(normalised);
  submission.simhash = word_count(normalised) >= kNearDuplicateMinWords
                           ? static_cast<std::int64_t>(simhash(normalised))
                           : 0;
}

RepeatTally::RepeatTally(const Submission& s, std::chrono::system_clock::time_point now)
    : pupil_id_(s.pupil_id),
      fingerprint_(s.fingerprint),
      simhash_(s.simhash),
      burst_since_(format_time(now - kBurstWindow)) {}

void RepeatTally::see(const SubmissionFingerprint& r) {
  if (fingerprint_.empty()) return;
  if (r.fingerprint.empty()) return;  // written before fingerprints, or no words at all
  const bool same_text = r.fingerprint == fingerprint_;
  const bool near_text =
      !same_text && simhash_ != 0 && r.simhash != 0 &&
      hamming_distance(static_cast<std::uint64_t>(simhash_),
                       static_cast<std::uint64_t>(r.simhash)) <= kNearDuplicateBits;
  if (r.pupil_id == pupil_id_) {
    repeat_ = repeat_ || same_text;
    near_ = near_ || near_text;
    if (r.created_at >= burst_since_) ++from_child_lately_;
  } else if (same_text || near_text) {
    ++alike_from_others_;
  }
}

void RepeatTally::annotate(Submission& s) const {
  if (fingerprint_.empty()) return;
  if (repeat_) add_finding(s, "spam.repeat", "repeat", 2);
  if (near_) add_finding(s, "spam.near_duplicate", "repeat", 1);
  if (from_child_lately_ + 1 >= kBurstCount) add_finding(s, "spam.burst", "burst", 2);
  s.screening.alike_from_other_children = alike_from_others_;
}

}  // namespace ln::moderation
