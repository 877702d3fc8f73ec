#include "consult/safeguarding_case.h"

#include "base/word_table.h"

namespace ln {
namespace {

constexpr WordTable<SafeguardingActionKind, 5> kActionWords{{{
    {SafeguardingActionKind::kReferral111, "referral_111"},
    {SafeguardingActionKind::kPolice, "police"},
    {SafeguardingActionKind::kCommuneOfficer, "commune_officer"},
    {SafeguardingActionKind::kSchool, "school"},
    {SafeguardingActionKind::kOther, "other"},
}}};

constexpr WordTable<CaseOutcome, 3> kOutcomeWords{{{
    {CaseOutcome::kNoConcern, "no_concern"},
    {CaseOutcome::kReferred, "referred"},
    {CaseOutcome::kResolved, "resolved"},
}}};

}  // namespace

std::string_view word(SafeguardingActionKind kind) { return kActionWords.word(kind); }
std::optional<SafeguardingActionKind> safeguarding_action_kind(std::string_view text) {
  return kActionWords.value(text);
}

std::string_view word(CaseOutcome outcome) { return kOutcomeWords.word(outcome); }
std::optional<CaseOutcome> case_outcome(std::string_view text) {
  return kOutcomeWords.value(text);
}

}  // namespace ln
