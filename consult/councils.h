#pragma once
// Children's Councils (Hội đồng trẻ em): a unit's Council for a term, its child members (both
// consents, within the age limits, up to the cap), advisory adults, and its sessions
// planned → held → minuted, with an agenda of approved children's words and consultation
// results, attendance, minutes, and votes on proposals (adopted by more than half of those
// present). A Council should meet at least twice a calendar year; fewer raises a warning.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "consult/audit.h"
#include "consult/organisation.h"
#include "consult/pupils.h"
#include "consult/recommendations.h"

namespace ln {

inline constexpr int kMinimumSessionsPerYear = 2;

// A Council counts ages as schools do: by year of birth, for the school year, which begins on 1
// September. Who may join changes once a year, on 1 September, for every child at once — never on
// a child's birthday, so no reading of the candidates or the review tells a birthday.
inline constexpr unsigned kSchoolYearBeginsInMonth = 9;
// The first calendar year of the school year `day` is in (2026 for 2026-2027).
int school_year_of(std::chrono::year_month_day day);

// Fields a request may set; absent ones stay as they are.
struct CouncilInput {
  std::optional<std::string> unit_id, name, term_start, term_end;
  std::optional<int> member_cap, min_age, max_age;
  std::optional<std::vector<std::string>> adviser_ids;
};

struct MemberInput {
  std::string pupil_id;
  CouncilRole role = CouncilRole::kMember;
  CouncilJoining joined_by = CouncilJoining::kNomination;
  std::optional<std::string> joined_on;
};

struct SessionInput {
  std::optional<std::string> title, planned_for, location;
  std::optional<std::vector<AgendaItem>> agenda;  // approved submissions, closed consultations
};

// A vote's counts when the session recorded only how many chose each way.
struct VoteCounts {
  int votes_for = 0;
  int votes_against = 0;
  int abstentions = 0;
};

// Either each present member's vote or the counts alone.
struct VoteInput {
  std::string title;
  std::string text;
  std::optional<std::map<std::string, VoteChoice>> votes;  // member id → choice
  std::optional<VoteCounts> counts;
};

// A current member as the reader of the Council may see them: the pupil id and the age band the
// Council counts only for adults, never for the children on it.
struct MemberOnCouncil {
  std::string member_id;
  std::string pseudonym;
  CouncilRole role = CouncilRole::kMember;
  CouncilJoining joined_by = CouncilJoining::kNomination;
  std::string joined_on;
  std::optional<std::string> pupil_id;
  std::optional<std::string> age_band;
};

struct CouncilAdviser {
  std::string account_id;
  std::string display_name;
};

// Sessions held in one calendar year, and whether that is too few.
struct YearOfSessions {
  int year = 0;
  int held = 0;
  bool too_few = false;
};

// The Council with its current members (chair first, then vice-chairs, then members, each in the
// order they joined), advisers, sessions, and each calendar year of its term up to this one.
struct CouncilOverview {
  Council council;
  std::vector<MemberOnCouncil> members;
  std::vector<CouncilAdviser> advisers;
  std::vector<CouncilSession> sessions;
  std::vector<YearOfSessions> years;
};

// An agenda item as a session shows it: only the approved words of a submission (redacted when
// a moderator hid parts), a consultation's title and status; `available` is false when the item
// is no longer there or no longer approved, and then nothing else is shown.
struct AgendaEntry {
  AgendaItem item;
  bool available = false;
  std::string text;                                         // submission
  std::optional<std::string> topic;                         // submission
  std::string title;                                        // consultation
  ConsultationStatus status = ConsultationStatus::kClosed;  // consultation
};

struct Attendee {
  std::string member_id;
  std::string pseudonym;
};

// A session with its agenda, attendance and proposals. How each child voted stays with the
// adults who keep the record: for a pupil, `votes_shown` is false and the votes are empty.
struct SessionDetail {
  CouncilSession session;
  std::vector<AgendaEntry> agenda;
  std::vector<Attendee> attendance;
  std::vector<CouncilProposal> proposals;
  bool votes_shown = false;
};

// A member the yearly review lists, and why.
struct ReviewFlag {
  std::string member_id;
  std::string pupil_id;
  std::string pseudonym;
  CouncilRole role = CouncilRole::kMember;
  std::string age_band;
  ReviewReason reason = ReviewReason::kConsentWithdrawn;
};

struct CouncilReview {
  std::string council_id;
  std::string on;       // YYYY-MM-DD
  int school_year = 0;  // its first calendar year
  int max_age = 0;
  std::int64_t members_reviewed = 0;
  std::vector<ReviewFlag> flagged;
};

// "2026-2027" for the school year that begins in 2026.
std::string school_year_text(int first_year);

// What keeps a pupil out of a Council today, places and current membership aside; checked in
// this order, and only up to the first that applies.
struct JoinBarriers {
  bool not_active = false;  // no such pupil, or not active
  bool other_unit = false;  // not from the Council's unit or one below it
  bool no_child_consent = false;
  bool no_guardian_consent = false;
  // Outside the Council's min/max age counted by year of birth for this school year (or the age
  // is unknown).
  bool outside_age = false;
  bool any() const {
    return not_active || other_unit || no_child_consent || no_guardian_consent || outside_age;
  }
};

// A page of pupils who could join a Council; `next` is the cursor to read on from, if any.
struct CouncilCandidates {
  std::vector<EnrolledPupil> items;
  std::optional<std::string> next;
};

class Councils {
 public:
  // An adopted proposal becomes a draft recommendation through `recommendations`.
  Councils(Storage& storage, const Clock& clock, AuditLog& audit, Organisation& organisation,
           Pupils& pupils, Recommendations& recommendations)
      : storage_(storage),
        clock_(clock),
        audit_(audit),
        organisation_(organisation),
        pupils_(pupils),
        recommendations_(recommendations) {}

  Council create(const Principal& actor, const CouncilInput& input);
  // What anyone may know of a Council (its public tracker): name, unit and term. NotFound if none.
  Council public_view(const std::string& id);
  Council update(const Principal& actor, const std::string& id, const CouncilInput& input);
  // Adults: the Councils of their units (and those they advise). Pupils: their own Councils.
  std::vector<Council> list(const Principal& actor, const Page& page);
  // The Council with its current members, advisers, sessions and sessions per year.
  CouncilOverview view(const Principal& actor, const std::string& id);

  CouncilMember add_member(const Principal& actor, const std::string& council_id,
                           const MemberInput& input);
  // Pupils who could join now: active, of the Council's unit or one below it, both consents,
  // within the age limits, and not current members; by pupil id. Ages are counted by year of
  // birth for the school year (from 1 September), as schools count them, and the limits are
  // age band edges: the list never changes on a child's birthday, nor singles out one age.
  // Each candidate's `age_band` is the band of that counted age.
  CouncilCandidates candidates(const Principal& actor, const std::string& council_id,
                               const Page& page);
  void remove_member(const Principal& actor, const std::string& council_id,
                     const std::string& pupil_id);
  // The yearly review: current members who are past the age limit in the school year of `on`
  // (default today), will be in a school year the term reaches, or whose consent was withdrawn.
  CouncilReview review(const Principal& actor, const std::string& council_id,
                       const std::optional<std::string>& on);

  CouncilSession plan_session(const Principal& actor, const std::string& council_id,
                              const SessionInput& input);
  CouncilSession update_session(const Principal& actor, const std::string& id,
                                const SessionInput& input);
  CouncilSession mark_held(const Principal& actor, const std::string& id,
                           const std::optional<std::string>& held_on,
                           const std::vector<std::string>& attendance);
  CouncilSession set_attendance(const Principal& actor, const std::string& id,
                                const std::vector<std::string>& attendance);
  CouncilProposal vote(const Principal& actor, const std::string& session_id,
                       const VoteInput& input);
  CouncilSession minute(const Principal& actor, const std::string& id, const std::string& minutes);
  // The session with its agenda in the approved words, attendance and proposals.
  SessionDetail session_view(const Principal& actor, const std::string& id);
  std::vector<CouncilSession> sessions(const Principal& actor, const std::string& council_id);
  // Every recommendation the Council's sessions adopted, drafts too, oldest first: what its
  // members follow from adoption to the authority's answer.
  std::vector<Recommendation> recommendations(const Principal& actor,
                                              const std::string& council_id);

  // For reports: Councils of the units under `unit_id`, and the sessions held per year.
  std::vector<Council> councils_under(const std::string& unit_id);
  std::vector<YearOfSessions> years_of(const Council& council, int from_year, int to_year);
  std::vector<CouncilSession> held_between(const Council& council, const std::string& from,
                                           const std::string& to);

 private:
  Council require(const std::string& id);
  Council managed(const Principal& actor, const std::string& id);
  Council readable(const Principal& actor, const std::string& id);
  CouncilSession managed_session(const Principal& actor, const std::string& id, Council& council);
  std::vector<CouncilMember> current_members(const std::string& council_id);
  JoinBarriers barriers(const Council& c, const std::optional<Pupil>& pupil);
  // The band of the age a Council counts (by year of birth for `school_year`), which its pages
  // show instead of the child's own band: that one moves a month after a birthday. "" if none.
  std::string council_band(const std::string& pupil_id, int school_year);
  void apply(Council& c, const CouncilInput& input);
  std::vector<AgendaItem> checked_agenda(const Council& c, const std::vector<AgendaItem>& agenda);
  std::vector<AgendaEntry> agenda_entries(const CouncilSession& s);
  std::vector<std::string> checked_attendance(const Council& c,
                                              const std::vector<std::string>& attendance);
  CouncilSession move(const Principal& actor, CouncilSession s, CouncilSessionStatus to);

  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  Organisation& organisation_;
  Pupils& pupils_;
  Recommendations& recommendations_;
};

}  // namespace ln
