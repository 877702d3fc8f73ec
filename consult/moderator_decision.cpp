#include "consult/moderator_decision.h"

#include "base/word_table.h"

namespace ln {
namespace {

constexpr WordTable<ModeratorDecision, 5> kDecisionWords{{{
    {ModeratorDecision::kApprove, "approve"},
    {ModeratorDecision::kApproveRedacted, "approve_redacted"},
    {ModeratorDecision::kReturn, "return"},
    {ModeratorDecision::kReject, "reject"},
    {ModeratorDecision::kEscalate, "escalate"},
}}};

}  // namespace

std::string_view word(ModeratorDecision decision) { return kDecisionWords.word(decision); }
std::optional<ModeratorDecision> moderator_decision(std::string_view text) {
  return kDecisionWords.value(text);
}

}  // namespace ln
