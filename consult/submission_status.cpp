#include "consult/submission_status.h"

#include <array>
#include <utility>

namespace ln {
namespace {

constexpr std::array<std::pair<SubmissionStatus, std::string_view>, 10> kStatusWords = {{
    {SubmissionStatus::kSubmitted, "submitted"},
    {SubmissionStatus::kQueued, "queued"},
    {SubmissionStatus::kClaimed, "claimed"},
    {SubmissionStatus::kApproved, "approved"},
    {SubmissionStatus::kApprovedRedacted, "approved_redacted"},
    {SubmissionStatus::kReturned, "returned"},
    {SubmissionStatus::kRejected, "rejected"},
    {SubmissionStatus::kWithdrawn, "withdrawn"},
    {SubmissionStatus::kClosurePending, "closure_pending"},
    {SubmissionStatus::kClosed, "closed"},
}};

constexpr std::array<std::pair<Queue, std::string_view>, 3> kQueueWords = {{
    {Queue::kNormal, "normal"},
    {Queue::kPriority, "priority"},
    {Queue::kSafeguarding, "safeguarding"},
}};

}  // namespace

std::string_view word(SubmissionStatus status) {
  for (const auto& [s, w] : kStatusWords)
    if (s == status) return w;
  return "submitted";
}

std::optional<SubmissionStatus> submission_status(std::string_view text) {
  for (const auto& [s, w] : kStatusWords)
    if (w == text) return s;
  return std::nullopt;
}

std::string_view word(Queue queue) {
  for (const auto& [q, w] : kQueueWords)
    if (q == queue) return w;
  return "normal";
}

std::optional<Queue> queue_named(std::string_view text) {
  for (const auto& [q, w] : kQueueWords)
    if (w == text) return q;
  return std::nullopt;
}

}  // namespace ln
