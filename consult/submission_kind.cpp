#include "consult/submission_kind.h"

#include "base/word_table.h"

namespace ln {
namespace {

constexpr WordTable<SubmissionKind, 3> kKindWords{{{
    {SubmissionKind::kIdea, "idea"},
    {SubmissionKind::kOpinion, "opinion"},
    {SubmissionKind::kRecommendation, "recommendation"},
}}};

}  // namespace

std::string_view word(SubmissionKind k) {
  return kKindWords.word(k);
}
std::optional<SubmissionKind> submission_kind(std::string_view w) {
  return kKindWords.value(w);
}

}  // namespace ln
