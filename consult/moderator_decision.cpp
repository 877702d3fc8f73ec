#include "consult/moderator_decision.h"

#include <array>
#include <utility>

namespace ln {
namespace {

constexpr std::array<std::pair<ModeratorDecision, std::string_view>, 5> kDecisionWords = {{
    {ModeratorDecision::kApprove, "approve"},
    {ModeratorDecision::kApproveRedacted, "approve_redacted"},
    {ModeratorDecision::kReturn, "return"},
    {ModeratorDecision::kReject, "reject"},
    {ModeratorDecision::kEscalate, "escalate"},
}};

}  // namespace

std::string_view word(ModeratorDecision decision) {
  for (const auto& [d, w] : kDecisionWords)
    if (d == decision) return w;
  return "approve";
}

std::optional<ModeratorDecision> moderator_decision(std::string_view text) {
  for (const auto& [d, w] : kDecisionWords)
    if (w == text) return d;
  return std::nullopt;
}

}  // namespace ln
