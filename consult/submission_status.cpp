#include "consult/submission_status.h"

#include "base/word_table.h"

namespace ln {
namespace {

constexpr WordTable<SubmissionStatus, 10> kStatusWords{{{
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
}}};

constexpr WordTable<Queue, 3> kQueueWords{{{
    {Queue::kNormal, "normal"},
    {Queue::kPriority, "priority"},
    {Queue::kSafeguarding, "safeguarding"},
}}};

}  // namespace

std::string_view word(SubmissionStatus status) { return kStatusWords.word(status); }
std::optional<SubmissionStatus> submission_status(std::string_view text) {
  return kStatusWords.value(text);
}

std::string_view word(Queue queue) { return kQueueWords.word(queue); }
std::optional<Queue> queue_named(std::string_view text) { return kQueueWords.value(text); }

}  // namespace ln
