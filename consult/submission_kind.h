#pragma once
// What a child's text is: the one place that turns it into its stored and wire word and back.
#include <optional>
#include <string_view>

namespace ln {

// An idea of the child's own, an opinion (a consultation's free-text answer or a reaction's
// words) or a recommendation the child proposes.
enum class SubmissionKind { kIdea, kOpinion, kRecommendation };
inline constexpr SubmissionKind kSubmissionKinds[] = {
    SubmissionKind::kIdea, SubmissionKind::kOpinion, SubmissionKind::kRecommendation};
std::string_view word(SubmissionKind kind);
std::optional<SubmissionKind> submission_kind(std::string_view word);

}  // namespace ln
