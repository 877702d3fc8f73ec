#pragma once
// The states, decisions and kinds a recommendation goes through, and the one place each turns
// into its word (on the wire and in the database) and back.
#include <optional>
#include <string_view>

namespace ln {

// draft → forwarded → acknowledged → answered → reported_back → closed
enum class RecommendationStatus { kDraft, kForwarded, kAcknowledged, kAnswered, kReportedBack, kClosed };
std::string_view word(RecommendationStatus status);
std::optional<RecommendationStatus> recommendation_status(std::string_view word);

// An authority's answer.
enum class Decision { kAccepted, kPartlyAccepted, kDeclined, kReferred };
std::string_view word(Decision decision);
std::optional<Decision> decision(std::string_view word);

// How far a commitment of an answer has come.
enum class CommitmentStatus { kPlanned, kInProgress, kDone, kDropped };
std::string_view word(CommitmentStatus status);
std::optional<CommitmentStatus> commitment_status(std::string_view word);

// The reminders the scheduled job sends about a due date (each once per recommendation).
enum class ReminderKind { kDueSoon, kOverdue, kEscalated };
std::string_view word(ReminderKind kind);

}  // namespace ln
