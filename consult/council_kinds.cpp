#include "consult/council_kinds.h"

#include <array>
#include <utility>

namespace ln {
namespace {

template <typename Enum, std::size_t N>
std::string_view word_in(const std::array<std::pair<Enum, std::string_view>, N>& words, Enum e) {
  for (const auto& [value, text] : words)
    if (value == e) return text;
  return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_in(const std::array<std::pair<Enum, std::string_view>, N>& words,
                             std::string_view text) {
  for (const auto& [value, w] : words)
    if (w == text) return value;
  return std::nullopt;
}

constexpr std::array<std::pair<CouncilSessionStatus, std::string_view>, 3> kSessionStatusWords{{
    {CouncilSessionStatus::kPlanned, "planned"},
    {CouncilSessionStatus::kHeld, "held"},
    {CouncilSessionStatus::kMinuted, "minuted"},
}};
constexpr std::array<std::pair<CouncilRole, std::string_view>, 3> kRoleWords{{
    {CouncilRole::kChair, "chair"},
    {CouncilRole::kViceChair, "vice_chair"},
    {CouncilRole::kMember, "member"},
}};
constexpr std::array<std::pair<CouncilJoining, std::string_view>, 2> kJoiningWords{{
    {CouncilJoining::kNomination, "nomination"},
    {CouncilJoining::kElection, "election"},
}};
constexpr std::array<std::pair<AgendaKind, std::string_view>, 2> kAgendaKindWords{{
    {AgendaKind::kSubmission, "submission"},
    {AgendaKind::kConsultation, "consultation"},
}};
constexpr std::array<std::pair<VoteChoice, std::string_view>, 3> kChoiceWords{{
    {VoteChoice::kFor, "for"},
    {VoteChoice::kAgainst, "against"},
    {VoteChoice::kAbstain, "abstain"},
}};
constexpr std::array<std::pair<ReviewReason, std::string_view>, 3> kReasonWords{{
    {ReviewReason::kConsentWithdrawn, "consent_withdrawn"},
    {ReviewReason::kOverAgeLimit, "over_age_limit"},
    {ReviewReason::kOverAgeLimitBeforeTermEnd, "over_age_limit_before_term_end"},
}};

}  // namespace

std::string_view word(CouncilSessionStatus s) {
  return word_in(kSessionStatusWords, s);
}
std::optional<CouncilSessionStatus> council_session_status(std::string_view w) {
  return value_in(kSessionStatusWords, w);
}
std::string_view word(CouncilRole r) {
  return word_in(kRoleWords, r);
}
std::optional<CouncilRole> council_role(std::string_view w) {
  return value_in(kRoleWords, w);
}
std::string_view word(CouncilJoining j) {
  return word_in(kJoiningWords, j);
}
std::optional<CouncilJoining> council_joining(std::string_view w) {
  return value_in(kJoiningWords, w);
}
std::string_view word(AgendaKind k) {
  return word_in(kAgendaKindWords, k);
}
std::optional<AgendaKind> agenda_kind(std::string_view w) {
  return value_in(kAgendaKindWords, w);
}
std::string_view word(VoteChoice c) {
  return word_in(kChoiceWords, c);
}
std::optional<VoteChoice> vote_choice(std::string_view w) {
  return value_in(kChoiceWords, w);
}
std::string_view word(ReviewReason r) {
  return word_in(kReasonWords, r);
}

}  // namespace ln
