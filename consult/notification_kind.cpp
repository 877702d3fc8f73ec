#include "consult/notification_kind.h"

#include "base/word_table.h"

namespace ln {
namespace {

constexpr WordTable<NotificationKind, 16> kKindWords{{{
    {NotificationKind::kForwarded, "forwarded"},
    {NotificationKind::kDueSoon, "due_soon"},
    {NotificationKind::kOverdue, "overdue"},
    {NotificationKind::kEscalated, "escalated"},
    {NotificationKind::kAnswered, "answered"},
    {NotificationKind::kReaction, "reaction"},
    {NotificationKind::kCommitmentOverdue, "commitment_overdue"},
    {NotificationKind::kReportedBack, "reported_back"},
    {NotificationKind::kQuestionAnswered, "question_answered"},
    {NotificationKind::kConsultationFeedback, "consultation_feedback"},
    {NotificationKind::kSignInCodeIssued, "sign_in_code_issued"},
    {NotificationKind::kConsentWithdrawn, "consent_withdrawn"},
    {NotificationKind::kPupilDeleted, "pupil_deleted"},
    {NotificationKind::kIdentityRevealed, "identity_revealed"},
    {NotificationKind::kClosureToConfirm, "closure_to_confirm"},
    {NotificationKind::kWithdrawalRequested, "withdrawal_requested"},
}}};

}  // namespace

std::string_view word(NotificationKind k) {
  return kKindWords.word(k);
}
std::optional<NotificationKind> notification_kind(std::string_view w) {
  return kKindWords.value(w);
}

NotificationKind notification_for(ReminderKind reminder) {
  switch (reminder) {
    case ReminderKind::kDueSoon:
      return NotificationKind::kDueSoon;
    case ReminderKind::kOverdue:
      return NotificationKind::kOverdue;
    case ReminderKind::kEscalated:
      return NotificationKind::kEscalated;
  }
  return NotificationKind::kDueSoon;
}

}  // namespace ln
