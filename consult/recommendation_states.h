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

// Who compiled a recommendation: moderators from children's words, or a Council by its vote.
enum class RecommendationOrigin { kModerators, kCouncil };
std::string_view word(RecommendationOrigin origin);
std::optional<RecommendationOrigin> recommendation_origin(std::string_view word);

// A child's reaction to the feedback they were given; a question waits for an answer.
enum class ReactionKind { kAgree, kDisagree, kQuestion };
inline constexpr ReactionKind kReactionKinds[] = {ReactionKind::kAgree, ReactionKind::kDisagree,
                                                  ReactionKind::kQuestion};
std::string_view word(ReactionKind kind);
std::optional<ReactionKind> reaction_kind(std::string_view word);

}  // namespace ln
