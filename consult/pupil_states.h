#pragma once
// Where a pupil stands and the consents they hold: the one place that turns each into its stored
// and wire word (word) and back (the function named after it, empty for an unknown word).
#include <optional>
#include <string_view>

namespace ln {

// active → withdrawn (consent withdrawn; the pupil stays on record) → deleted (on request).
enum class PupilStatus { kActive, kWithdrawn, kDeleted };
std::string_view word(PupilStatus status);
std::optional<PupilStatus> pupil_status(std::string_view word);

// Whose consent it is: both are needed before a child takes part.
enum class ConsentKind { kChild, kGuardian };
inline constexpr ConsentKind kConsentKinds[] = {ConsentKind::kChild, ConsentKind::kGuardian};
std::string_view word(ConsentKind kind);
std::optional<ConsentKind> consent_kind(std::string_view word);

// How a consent was given: by the child online, on a guardian's paper slip, or with a guardian
// code.
enum class ConsentMethod { kOnline, kPaperSlip, kGuardianCode };
std::string_view word(ConsentMethod method);
std::optional<ConsentMethod> consent_method(std::string_view word);

}  // namespace ln
