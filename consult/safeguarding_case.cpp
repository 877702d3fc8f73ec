#include "consult/safeguarding_case.h"

#include <array>
#include <utility>

namespace ln {
namespace {

constexpr std::array<std::pair<SafeguardingActionKind, std::string_view>, 5> kActionWords = {{
    {SafeguardingActionKind::kReferral111, "referral_111"},
    {SafeguardingActionKind::kPolice, "police"},
    {SafeguardingActionKind::kCommuneOfficer, "commune_officer"},
    {SafeguardingActionKind::kSchool, "school"},
    {SafeguardingActionKind::kOther, "other"},
}};

constexpr std::array<std::pair<CaseOutcome, std::string_view>, 3> kOutcomeWords = {{
    {CaseOutcome::kNoConcern, "no_concern"},
    {CaseOutcome::kReferred, "referred"},
    {CaseOutcome::kResolved, "resolved"},
}};

}  // namespace

std::string_view word(SafeguardingActionKind kind) {
  for (const auto& [k, w] : kActionWords)
    if (k == kind) return w;
  return "other";
}

std::optional<SafeguardingActionKind> safeguarding_action_kind(std::string_view text) {
  for (const auto& [k, w] : kActionWords)
    if (w == text) return k;
  return std::nullopt;
}

std::string_view word(CaseOutcome outcome) {
  for (const auto& [o, w] : kOutcomeWords)
    if (o == outcome) return w;
  return "resolved";
}

std::optional<CaseOutcome> case_outcome(std::string_view text) {
  for (const auto& [o, w] : kOutcomeWords)
    if (w == text) return o;
  return std::nullopt;
}

}  // namespace ln
