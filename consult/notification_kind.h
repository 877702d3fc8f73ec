#pragma once
// What an in-app notification tells: the one place that turns it into its stored and wire word
// and back (empty for an unknown word).
#include <optional>
#include <string_view>

#include "consult/recommendation_states.h"

namespace ln {

enum class NotificationKind {
  // About a recommendation, to the adults who follow it.
  kForwarded,
  kDueSoon,
  kOverdue,
  kEscalated,
  kAnswered,
  kReaction,
  kCommitmentOverdue,
  // To the child.
  kReportedBack,
  kQuestionAnswered,
  kConsultationFeedback,
  // To safeguarding leads, about a case.
  kSignInCodeIssued,
  kConsentWithdrawn,
  kPupilDeleted,
  kIdentityRevealed,
  kClosureToConfirm,
  kWithdrawalRequested,
};
std::string_view word(NotificationKind kind);
std::optional<NotificationKind> notification_kind(std::string_view word);

// The notification a due-date reminder sends.
NotificationKind notification_for(ReminderKind reminder);

}  // namespace ln
