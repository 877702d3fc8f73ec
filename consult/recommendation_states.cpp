#include "consult/recommendation_states.h"

#include <array>
#include <utility>

namespace ln {
namespace {

template <typename E, std::size_t N>
std::string_view word_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, w] : table)
    if (e == value) return w;
  return {};
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& table,
                          std::string_view text) {
  for (const auto& [e, w] : table)
    if (w == text) return e;
  return std::nullopt;
}

constexpr std::array<std::pair<RecommendationStatus, std::string_view>, 6> kStatuses{{
    {RecommendationStatus::kDraft, "draft"},
    {RecommendationStatus::kForwarded, "forwarded"},
    {RecommendationStatus::kAcknowledged, "acknowledged"},
    {RecommendationStatus::kAnswered, "answered"},
    {RecommendationStatus::kReportedBack, "reported_back"},
    {RecommendationStatus::kClosed, "closed"},
}};

constexpr std::array<std::pair<Decision, std::string_view>, 4> kDecisions{{
    {Decision::kAccepted, "accepted"},
    {Decision::kPartlyAccepted, "partly_accepted"},
    {Decision::kDeclined, "declined"},
    {Decision::kReferred, "referred"},
}};

constexpr std::array<std::pair<CommitmentStatus, std::string_view>, 4> kCommitmentStatuses{{
    {CommitmentStatus::kPlanned, "planned"},
    {CommitmentStatus::kInProgress, "in_progress"},
    {CommitmentStatus::kDone, "done"},
    {CommitmentStatus::kDropped, "dropped"},
}};

constexpr std::array<std::pair<ReminderKind, std::string_view>, 3> kReminderKinds{{
    {ReminderKind::kDueSoon, "due_soon"},
    {ReminderKind::kOverdue, "overdue"},
    {ReminderKind::kEscalated, "escalated"},
}};

}  // namespace

std::string_view word(RecommendationStatus status) { return word_of(kStatuses, status); }
std::optional<RecommendationStatus> recommendation_status(std::string_view w) {
  return value_of(kStatuses, w);
}

std::string_view word(Decision d) { return word_of(kDecisions, d); }
std::optional<Decision> decision(std::string_view w) { return value_of(kDecisions, w); }

std::string_view word(CommitmentStatus status) { return word_of(kCommitmentStatuses, status); }
std::optional<CommitmentStatus> commitment_status(std::string_view w) {
  return value_of(kCommitmentStatuses, w);
}

std::string_view word(ReminderKind kind) { return word_of(kReminderKinds, kind); }

}  // namespace ln
