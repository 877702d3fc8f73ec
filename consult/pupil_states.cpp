#include "consult/pupil_states.h"

#include "base/word_table.h"

namespace ln {
namespace {

constexpr WordTable<PupilStatus, 3> kStatusWords{{{
    {PupilStatus::kActive, "active"},
    {PupilStatus::kWithdrawn, "withdrawn"},
    {PupilStatus::kDeleted, "deleted"},
}}};
constexpr WordTable<ConsentKind, 2> kConsentKindWords{{{
    {ConsentKind::kChild, "child"},
    {ConsentKind::kGuardian, "guardian"},
}}};
constexpr WordTable<ConsentMethod, 3> kConsentMethodWords{{{
    {ConsentMethod::kOnline, "online"},
    {ConsentMethod::kPaperSlip, "paper_slip"},
    {ConsentMethod::kGuardianCode, "guardian_code"},
}}};

}  // namespace

std::string_view word(PupilStatus s) {
  return kStatusWords.word(s);
}
std::optional<PupilStatus> pupil_status(std::string_view w) {
  return kStatusWords.value(w);
}
std::string_view word(ConsentKind k) {
  return kConsentKindWords.word(k);
}
std::optional<ConsentKind> consent_kind(std::string_view w) {
  return kConsentKindWords.value(w);
}
std::string_view word(ConsentMethod m) {
  return kConsentMethodWords.word(m);
}
std::optional<ConsentMethod> consent_method(std::string_view w) {
  return kConsentMethodWords.value(w);
}

}  // namespace ln
