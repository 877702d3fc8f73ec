#pragma once
// Where a child's text stands, and which moderation queue it waits in: the one place that turns
// each into its stored and wire word and back.
#include <optional>
#include <string_view>

namespace ln {

// submitted → queued → claimed → approved | approved_redacted | returned | rejected; withdrawn by
// the child; a safeguarding item ends closure_pending (a second lead confirms) or closed.
enum class SubmissionStatus {
  kSubmitted,
  kQueued,
  kClaimed,
  kApproved,
  kApprovedRedacted,
  kReturned,
  kRejected,
  kWithdrawn,
  kClosurePending,
  kClosed,
};
std::string_view word(SubmissionStatus status);
std::optional<SubmissionStatus> submission_status(std::string_view word);

// Whether anyone but the author may read it (as approved, or with parts hidden).
inline bool is_approved(SubmissionStatus s) {
  return s == SubmissionStatus::kApproved || s == SubmissionStatus::kApprovedRedacted;
}
// Waiting for a moderator (or a safeguarding lead): not decided yet.
inline bool is_waiting(SubmissionStatus s) {
  return s == SubmissionStatus::kQueued || s == SubmissionStatus::kClaimed;
}

// The queue a screened text joins; the screener's route names the same three.
enum class Queue { kNormal, kPriority, kSafeguarding };
inline constexpr Queue kQueues[] = {Queue::kNormal, Queue::kPriority, Queue::kSafeguarding};
std::string_view word(Queue queue);
std::optional<Queue> queue_named(std::string_view word);

}  // namespace ln
