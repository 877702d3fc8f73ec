#include "moderation/repeats.h"

#include <nlohmann/json.hpp>

#include "consult/clock.h"
#include "consult/crypto.h"
#include "consult/validate.h"
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

void add_finding(nlohmann::json& screening, const Submission& s, const std::string& rule,
                 const std::string& category, int severity) {
  if (!screening.contains("spans") || !screening["spans"].is_array())
    screening["spans"] = nlohmann::json::array();
  screening["spans"].push_back({{"label", "spam"},
                                {"start", 0},
                                {"end", char_count(s.text)},
                                {"byte_start", 0},
                                {"byte_end", s.text.size()},
                                {"rule", rule},
                                {"category", category},
                                {"severity", severity}});
  auto labels = screening.value("labels", nlohmann::json::array());
  if (std::find(labels.begin(), labels.end(), "spam") == labels.end()) {
    labels.push_back("spam");
    std::sort(labels.begin(), labels.end());
  }
  screening["labels"] = labels;
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
  auto screening = nlohmann::json::parse(s.screening_json, nullptr, false);
  if (!screening.is_object()) screening = nlohmann::json::object();
  if (repeat_) add_finding(screening, s, "spam.repeat", "repeat", 2);
  if (near_) add_finding(screening, s, "spam.near_duplicate", "repeat", 1);
  if (from_child_lately_ + 1 >= kBurstCount) add_finding(screening, s, "spam.burst", "burst", 2);
  screening["alike_from_other_children"] = alike_from_others_;
  s.screening_json = screening.dump();
}

}  // namespace ln::moderation
