#include "consult/council_kinds.h"

#include "base/word_table.h"

namespace ln {
namespace {

constexpr WordTable<CouncilSessionStatus, 3> kSessionStatusWords{{{
    {CouncilSessionStatus::kPlanned, "planned"},
    {CouncilSessionStatus::kHeld, "held"},
    {CouncilSessionStatus::kMinuted, "minuted"},
}}};
constexpr WordTable<CouncilRole, 3> kRoleWords{{{
    {CouncilRole::kChair, "chair"},
    {CouncilRole::kViceChair, "vice_chair"},
    {CouncilRole::kMember, "member"},
}}};
constexpr WordTable<CouncilJoining, 2> kJoiningWords{{{
    {CouncilJoining::kNomination, "nomination"},
    {CouncilJoining::kElection, "election"},
}}};
constexpr WordTable<AgendaKind, 2> kAgendaKindWords{{{
    {AgendaKind::kSubmission, "submission"},
    {AgendaKind::kConsultation, "consultation"},
}}};
constexpr WordTable<VoteChoice, 3> kChoiceWords{{{
    {VoteChoice::kFor, "for"},
    {VoteChoice::kAgainst, "against"},
    {VoteChoice::kAbstain, "abstain"},
}}};
constexpr WordTable<ReviewReason, 3> kReasonWords{{{
    {ReviewReason::kConsentWithdrawn, "consent_withdrawn"},
    {ReviewReason::kOverAgeLimit, "over_age_limit"},
    {ReviewReason::kOverAgeLimitBeforeTermEnd, "over_age_limit_before_term_end"},
}}};

}  // namespace

std::string_view word(CouncilSessionStatus s) {
  return kSessionStatusWords.word(s);
}
std::optional<CouncilSessionStatus> council_session_status(std::string_view w) {
  return kSessionStatusWords.value(w);
}
std::string_view word(CouncilRole r) {
  return kRoleWords.word(r);
}
std::optional<CouncilRole> council_role(std::string_view w) {
  return kRoleWords.value(w);
}
std::string_view word(CouncilJoining j) {
  return kJoiningWords.word(j);
}
std::optional<CouncilJoining> council_joining(std::string_view w) {
  return kJoiningWords.value(w);
}
std::string_view word(AgendaKind k) {
  return kAgendaKindWords.word(k);
}
std::optional<AgendaKind> agenda_kind(std::string_view w) {
  return kAgendaKindWords.value(w);
}
std::string_view word(VoteChoice c) {
  return kChoiceWords.word(c);
}
std::optional<VoteChoice> vote_choice(std::string_view w) {
  return kChoiceWords.value(w);
}
std::string_view word(ReviewReason r) {
  return kReasonWords.word(r);
}

}  // namespace ln
