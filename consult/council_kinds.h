#pragma once
// The words of Children's Councils: a session's state, a member's role and how they joined, the
// kinds of agenda items, the choices of a vote and the reasons of the yearly review. Each enum has
// ONE place that turns it into its wire and database word (word) and back (the function named
// after it, empty for an unknown word).
#include <optional>
#include <string_view>

namespace ln {

// A Council session: planned → held → minuted.
enum class CouncilSessionStatus { kPlanned, kHeld, kMinuted };
inline constexpr CouncilSessionStatus kCouncilSessionStatuses[] = {
    CouncilSessionStatus::kPlanned, CouncilSessionStatus::kHeld, CouncilSessionStatus::kMinuted};
std::string_view word(CouncilSessionStatus status);
std::optional<CouncilSessionStatus> council_session_status(std::string_view word);

// A member's place on the Council: the chair, vice-chairs and members, in the order the Council
// lists them.
enum class CouncilRole { kChair, kViceChair, kMember };
inline constexpr CouncilRole kCouncilRoles[] = {CouncilRole::kChair, CouncilRole::kViceChair,
                                                CouncilRole::kMember};
std::string_view word(CouncilRole role);
std::optional<CouncilRole> council_role(std::string_view word);

// How a member came onto the Council.
enum class CouncilJoining { kNomination, kElection };
inline constexpr CouncilJoining kCouncilJoinings[] = {CouncilJoining::kNomination,
                                                      CouncilJoining::kElection};
std::string_view word(CouncilJoining joining);
std::optional<CouncilJoining> council_joining(std::string_view word);

// What an agenda item is: an approved submission or a closed consultation's results.
enum class AgendaKind { kSubmission, kConsultation };
inline constexpr AgendaKind kAgendaKinds[] = {AgendaKind::kSubmission, AgendaKind::kConsultation};
std::string_view word(AgendaKind kind);
std::optional<AgendaKind> agenda_kind(std::string_view word);

// A member's vote on a proposal.
enum class VoteChoice { kFor, kAgainst, kAbstain };
inline constexpr VoteChoice kVoteChoices[] = {VoteChoice::kFor, VoteChoice::kAgainst,
                                              VoteChoice::kAbstain};
std::string_view word(VoteChoice choice);
std::optional<VoteChoice> vote_choice(std::string_view word);

// Why the yearly review lists a member.
enum class ReviewReason { kConsentWithdrawn, kOverAgeLimit, kOverAgeLimitBeforeTermEnd };
inline constexpr ReviewReason kReviewReasons[] = {ReviewReason::kConsentWithdrawn,
                                                  ReviewReason::kOverAgeLimit,
                                                  ReviewReason::kOverAgeLimitBeforeTermEnd};
std::string_view word(ReviewReason reason);

}  // namespace ln
