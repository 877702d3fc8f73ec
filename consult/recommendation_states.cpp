#include "consult/recommendation_states.h"

#include "base/word_table.h"

namespace ln {
namespace {

constexpr WordTable<RecommendationStatus, 6> kStatuses{{{
    {RecommendationStatus::kDraft, "draft"},
    {RecommendationStatus::kForwarded, "forwarded"},
    {RecommendationStatus::kAcknowledged, "acknowledged"},
    {RecommendationStatus::kAnswered, "answered"},
    {RecommendationStatus::kReportedBack, "reported_back"},
    {RecommendationStatus::kClosed, "closed"},
}}};

constexpr WordTable<Decision, 4> kDecisions{{{
    {Decision::kAccepted, "accepted"},
    {Decision::kPartlyAccepted, "partly_accepted"},
    {Decision::kDeclined, "declined"},
    {Decision::kReferred, "referred"},
}}};

constexpr WordTable<CommitmentStatus, 4> kCommitmentStatuses{{{
    {CommitmentStatus::kPlanned, "planned"},
    {CommitmentStatus::kInProgress, "in_progress"},
    {CommitmentStatus::kDone, "done"},
    {CommitmentStatus::kDropped, "dropped"},
}}};

constexpr WordTable<ReminderKind, 3> kReminderKinds{{{
    {ReminderKind::kDueSoon, "due_soon"},
    {ReminderKind::kOverdue, "overdue"},
    {ReminderKind::kEscalated, "escalated"},
}}};

constexpr WordTable<RecommendationOrigin, 2> kOrigins{{{
    {RecommendationOrigin::kModerators, "moderators"},
    {RecommendationOrigin::kCouncil, "council"},
}}};

constexpr WordTable<ReactionKind, 3> kReactionWords{{{
    {ReactionKind::kAgree, "agree"},
    {ReactionKind::kDisagree, "disagree"},
    {ReactionKind::kQuestion, "question"},
}}};

}  // namespace

std::string_view word(RecommendationStatus status) {
  return kStatuses.word(status);
}
std::optional<RecommendationStatus> recommendation_status(std::string_view w) {
  return kStatuses.value(w);
}

std::string_view word(Decision d) {
  return kDecisions.word(d);
}
std::optional<Decision> decision(std::string_view w) {
  return kDecisions.value(w);
}

std::string_view word(CommitmentStatus status) {
  return kCommitmentStatuses.word(status);
}
std::optional<CommitmentStatus> commitment_status(std::string_view w) {
  return kCommitmentStatuses.value(w);
}

std::string_view word(ReminderKind kind) {
  return kReminderKinds.word(kind);
}

std::string_view word(RecommendationOrigin origin) {
  return kOrigins.word(origin);
}
std::optional<RecommendationOrigin> recommendation_origin(std::string_view w) {
  return kOrigins.value(w);
}

std::string_view word(ReactionKind kind) {
  return kReactionWords.word(kind);
}
std::optional<ReactionKind> reaction_kind(std::string_view w) {
  return kReactionWords.value(w);
}

}  // namespace ln
