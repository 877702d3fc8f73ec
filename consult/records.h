#pragma once
// The records the domain keeps, as plain values. Storage implementations fill them; services
// decide what may change.
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "consult/consultation_status.h"
#include "consult/question_types.h"
#include "consult/moderator_decision.h"
#include "consult/safeguarding_case.h"
#include "consult/screening_verdict.h"
#include "consult/submission_status.h"
#include "consult/council_kinds.h"
#include "consult/recommendation_states.h"
#include "consult/audit_details.h"
#include "consult/data_request_states.h"
#include "consult/event_kind.h"
#include "consult/notification_kind.h"
#include "consult/pupil_states.h"
#include "consult/submission_kind.h"

namespace ln {

struct Page {
  std::optional<std::string> after;  // the last id of the previous page
  int limit = 50;
};

// Every item of a read paged by ascending id, `limit` at a time.
template <class Read>
auto every_page(Read read, int limit = 500) {
  Page page{std::nullopt, limit};
  decltype(read(page)) all;
  for (;;) {
    auto batch = read(page);
    bool last = static_cast<int>(batch.size()) < limit;
    if (!batch.empty()) page.after = batch.back().id;
    all.insert(all.end(), std::make_move_iterator(batch.begin()),
               std::make_move_iterator(batch.end()));
    if (last) return all;
  }
}

struct Unit {
  std::string id;
  std::optional<std::string> parent_id;
  std::string kind;  // province | district | ward
  std::string name;
  std::optional<std::string> code;
  std::optional<std::string> merged_into;
  std::optional<std::string> retired_at;
  std::string created_at;
};

struct School {
  std::string id;
  std::string unit_id;
  std::string name;
  std::optional<std::string> code;
  std::optional<std::string> retired_at;
  std::string created_at;
};

struct SchoolClass {
  std::string id;
  std::string school_id;
  std::string unit_id;  // the school's unit
  std::string name;
  int grade = 0;
  std::string school_year;
  std::string created_by;
  std::optional<std::string> retired_at;
  std::string created_at;
};

struct JoinCode {
  std::string code;
  std::string class_id;
  std::string created_by;
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> revoked_at;
};

struct Authority {
  std::string id;
  std::string name;
  std::string kind;
  std::string unit_id;
  std::optional<std::string> code;
  int due_days = 30;
  std::vector<std::string> served_unit_ids;
  std::optional<std::string> retired_at;
  std::string created_at;
};

struct Account {
  std::string id;
  std::string username;
  std::string display_name;
  std::string role;
  std::string password_hash;
  std::optional<std::string> authority_id;
  std::vector<std::string> unit_ids;
  std::optional<std::string> disabled_at;
  std::string password_changed_at;
  std::string created_at;
  // Facilitators: the schools whose classes and pupils they reach (a facilitator reaches only
  // the classes of their own school, never a whole ward).
  std::vector<std::string> school_ids = {};
};

struct Session {
  std::string id;
  std::string token_hash;
  std::string subject_kind;  // account | pupil
  std::string subject_id;
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;
  std::string expires_at;
  std::optional<std::string> revoked_at;
  std::string user_agent;
  // The adult who handed the child the sign-in code this session started with; none for the
  // child's own code and for adults' sessions.
  std::optional<std::string> issued_by = std::nullopt;
};

struct FailureState {
  int failures = 0;
  std::optional<std::string> locked_until;
};

struct Pupil {
  std::string id;
  std::string pseudonym;
  std::string class_id;
  std::string school_id;  // derived from the class
  std::string unit_id;    // derived from the school
  std::string age_band;
  std::string band_changes_on;
  std::string sign_in_lookup;
  std::string role = "pupil";
  PupilStatus status = PupilStatus::kActive;
  std::optional<std::string> withdrawn_at;
  std::optional<std::string> identity_purge_at;
  std::string created_at;
};

// A pupil with the names of their school and class (never their identity).
struct EnrolledPupil {
  Pupil pupil;
  std::string school_name;
  std::string class_name;
};

struct SealedIdentity {
  std::string nonce;
  std::string ciphertext;
};

// What the encrypted identity record holds. Never in a response except a safeguarding reveal.
struct Identity {
  std::string birth_date;
  std::string class_id;
  std::optional<std::string> real_name;
};

struct Consent {
  std::string id;
  std::string pupil_id;
  ConsentKind kind = ConsentKind::kChild;
  ConsentMethod method = ConsentMethod::kOnline;
  std::optional<std::string> text_version;
  std::optional<std::string> slip_number;
  std::string recorded_by;
  std::string given_at;
  std::optional<std::string> withdrawn_at;
  std::optional<std::string> withdrawn_by;
};

struct GuardianCode {
  std::string lookup;
  std::string pupil_id;
  std::string created_by;
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> revoked_at;
};

struct DataRequest {
  std::string id;
  std::string pupil_id;
  DataRequestKind kind = DataRequestKind::kExport;
  Requester requested_by = Requester::kPupil;
  DataRequestStatus status = DataRequestStatus::kOpen;
  std::string details;
  std::string requested_at;
  std::string due_at;
  std::optional<std::string> handled_by;
  std::optional<std::string> handled_at;
  std::optional<std::string> outcome;
};

struct Submission {
  std::string id;
  std::string pupil_id;
  std::string unit_id;  // the pupil's unit when they wrote it; decides whose queue it joins
  SubmissionKind kind = SubmissionKind::kIdea;
  std::string text;
  std::optional<std::string> topic;
  SubmissionStatus status = SubmissionStatus::kSubmitted;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> consultation_id;  // a free-text answer to a consultation
  std::optional<std::string> response_id;
  Screening screening;        // the screener's verdict: labels, spans, rules, lexicon
  std::optional<Queue> queue;  // once screened
  int version = 1;             // moves on every claim and decision
  std::optional<std::string> claimed_by;
  std::optional<std::string> claim_expires_at;
  std::optional<DecisionRecord> decision;    // the moderator's, once decided
  std::optional<std::string> redacted_text;  // what anyone but the author will ever see
  // The safeguarding case, for items in that queue: acknowledgement, actions, reveals, closure.
  SafeguardingCase safeguarding;
  std::string fingerprint;                       // hash of the text normalised for duplicates
  std::int64_t simhash = 0;                      // SimHash of the same, for near-duplicates
  std::optional<std::string> resent_at;          // when the child last edited and resent it
  std::optional<std::string> first_reviewed_at;  // the first decision (or acknowledgement)
  std::vector<Revision> revisions;               // earlier texts and why they came back
};

// What anyone but the author may see of an approved submission: the redacted text when a
// moderator hid parts of it, otherwise the child's words as approved.
inline const std::string& approved_words(const Submission& s) {
  return s.status == SubmissionStatus::kApprovedRedacted && s.redacted_text ? *s.redacted_text
                                                                             : s.text;
}

// A child's words about an answer they were given (a disagreement or a question): moderated like
// any submission, but not one of the child's ideas.
inline bool is_reaction_text(const Submission& s) {
  return s.topic && s.topic->rfind("feedback_reaction:", 0) == 0;
}

// An approved submission waiting to be compiled, and whether a recommendation already quotes it.
struct ApprovedSubmission {
  Submission submission;
  bool in_recommendation = false;
};

// Narrows a queue listing: only items of this kind, or carrying this screener label.
struct QueueFilter {
  std::optional<SubmissionKind> kind;
  std::optional<ScreenerLabel> label;
};

struct QueueSummary {
  std::int64_t items = 0;
  std::optional<std::string> oldest_at;
  std::int64_t late = 0;  // waiting for a first review past the deadline
};

// One of a unit's recent submissions as repeat detection reads it: views into the storage's row,
// valid only during the call that is handed it (hundreds are read per idea: nothing is copied).
struct SubmissionFingerprint {
  std::string_view pupil_id;
  std::string_view fingerprint;
  std::int64_t simhash = 0;
  std::string_view created_at;
};

// How often moderators agreed with one screener rule: it flagged an item and the moderator
// redacted, returned, rejected or escalated it (agreed) or approved it as it was (disagreed).
struct RuleOutcome {
  std::string rule;
  std::int64_t agreed = 0;
  std::int64_t disagreed = 0;
};

// What the automatic screener made of a child's text. It never publishes and never rejects:
// it annotates and chooses the queue.
struct ScreenedText {
  Queue queue = Queue::kNormal;
  Screening screening;
};

// What a child reads before answering, in their band's words; a part left out is absent.
struct InfoCard {
  std::optional<std::string> why, who_reads, hear_back;
  bool operator==(const InfoCard&) const = default;
};

// Feedback to the children of one band: one text, or its four parts.
struct FeedbackParts {
  std::string you_said, we_did, why, what_next;
};
using BandFeedback = std::variant<std::string, FeedbackParts>;

struct LifecycleStep {
  ConsultationStatus status = ConsultationStatus::kDraft;
  std::string at;
  std::string by;
};

struct Consultation {
  std::string id;
  std::string title;
  std::string purpose;
  std::string owner_unit_id;
  std::vector<std::string> audience_unit_ids;
  std::vector<std::string> audience_bands;
  std::string opens_at;  // "" until planned
  std::string closes_at;
  std::string decision;                        // the decision the answers inform
  std::string decision_maker;                  // who decides
  std::string decision_due;                    // by when (YYYY-MM-DD)
  std::string feedback_due;                    // when children will hear back (YYYY-MM-DD)
  std::map<std::string, InfoCard> info_cards;  // by age band
  int info_version = 1;
  QuestionList questions = std::make_shared<const std::vector<Question>>();
  ConsultationStatus status = ConsultationStatus::kDraft;
  std::vector<LifecycleStep> lifecycle;
  std::map<std::string, BandFeedback> feedback;  // by age band, once feedback is given
  std::string created_by;
  std::string created_at;
  std::string updated_at;
  // Goes up whenever the consultation's counters change (answers, paper, forums): results
  // computed for one version stay true until the next (consult/results_cache.h).
  std::int64_t results_version = 0;
};

struct ConsultationResponse {
  std::string id;
  std::string consultation_id;
  std::optional<std::string> pupil_id;  // none for paper and forum
  Channel channel = Channel::kOnline;
  std::string age_band;
  std::string gender;  // girl | boy | other | prefer_not_to_say | unknown
  std::string unit_id;
  int info_version = 0;
  Answers answers;
  std::optional<std::string> idempotency_key;
  std::optional<std::string> batch_id;
  std::string created_at;
  std::string updated_at;
};

// One cell of a consultation's running results: how many answers chose `option_key` of
// `question_id` in this group. Kept up to date in the same transaction as each answer.
struct ResultCounter {
  std::string question_id;
  std::string option_key;
  std::string age_band;
  std::string gender;
  std::string unit_id;
  Channel channel = Channel::kOnline;
  std::int64_t count = 0;
};

struct PaperBatch {
  std::string id;
  std::string consultation_id;
  Channel channel = Channel::kPaper;  // paper | forum
  std::string reference;
  int sheets = 0;
  int participants = 0;
  std::map<std::string, std::int64_t> participants_by_band;  // forum: age band → children present
  std::string unit_id;
  std::string notes;
  std::string created_by;
  std::string created_at;
};

struct Target {
  std::string id;
  std::string unit_id;
  std::string kind;  // children_consulted | teenagers_participating
  std::string period_start;
  std::string period_end;
  std::int64_t target = 0;
  std::string created_by;
  std::string created_at;
};

struct Participation {
  std::int64_t online_children = 0;  // distinct pupils who answered online
  std::int64_t paper_sheets = 0;
  std::int64_t forum_participants = 0;
};

struct Enrolment {
  std::string unit_id;
  std::string age_band;
  std::int64_t pupils = 0;
};

// How many pupils of one class answered a consultation online, counted under the unit their
// answers are counted in. `class_id` is empty for answers whose pupil is no longer on record.
struct ClassAnswers {
  std::string unit_id;
  std::string class_id;
  std::int64_t answered = 0;
};

struct AuditEntry {
  std::int64_t seq = 0;
  std::string at;
  std::string actor_kind;  // account | pupil | guardian | system
  std::string actor_id;
  std::string action;
  std::string object_type;
  std::string object_id;
  std::string reason;
  AuditDetails details;
  std::string prev_hash;
  std::string hash;
};

// One link of the audit chain as stored: what its hash covers (store/audit_columns, the bytes
// every entry was hashed in) and the hashes, for checking the chain.
struct AuditLink {
  std::int64_t seq = 0;
  std::string chained;
  std::string prev_hash;
  std::string hash;
};

// What a child sent, on its way to disk through the group committer (consult/group_committer.h),
// written later together with what other children sent in one transaction: either an answer set
// (`response`, its counter deltas and its free-text answers) or an idea on its own (no `response`,
// one text in `texts`).
struct ChildWrite {
  std::optional<ConsultationResponse> response;  // none for an idea sent on its own
  bool replaces = false;  // the pupil's earlier answers are replaced (same response id)
  // The stored answers `deltas` undo when replacing; if another write replaced them first, this
  // one is refused (kConflict) so the counters never undo the same answers twice.
  std::optional<ConsultationResponse> earlier;
  std::vector<ResultCounter> deltas;
  std::vector<Submission> texts;  // free texts, screened, waiting for moderation
  AuditEntry audit;               // seq, prev_hash and hash are set when it is written
};

enum class WriteOutcome { kSaved, kConflict, kFailed };
// --- Recommendations and official responses -------------------------------------------------

// A child's words quoted in a recommendation: only as a moderator approved or redacted them.
struct Quote {
  std::string submission_id;
  std::string text;
};

// The other authority an answer refers a recommendation to.
struct ReferredTo {
  std::string id;
  std::string name;
};

// An authority's answer: a decision, its reasons (required unless accepted), who and when.
struct Answer {
  Decision decision = Decision::kAccepted;
  std::string reasons;
  std::optional<ReferredTo> referred_to;  // when referred
  std::string by;
  std::string at;
};

// One note of progress on a commitment, with the status it moved to (if it moved).
struct CommitmentUpdate {
  std::string note;
  std::string at;
  std::string by;
  std::optional<CommitmentStatus> status;
};

// What an answer commits to, by whom and by when; its id is "<recommendation id>~<n>".
struct Commitment {
  std::string id;
  std::string text;
  std::string owner;
  std::string due_date;  // YYYY-MM-DD
  CommitmentStatus status = CommitmentStatus::kPlanned;
  std::vector<CommitmentUpdate> updates;
};

// "You said / We did / Why / What next", for one age band (or "all").
struct FeedbackText {
  std::string you_said;
  std::string we_did;
  std::string why;
  std::string what_next;
};

// The child-friendly feedback: per age band id (or "all"), who wrote it and when.
struct Feedback {
  std::map<std::string, FeedbackText> bands;
  std::string by;
  std::string at;
};

// One step of a recommendation's life: what was done, the status after it, when, by whom.
struct HistoryEntry {
  std::string action;
  RecommendationStatus status = RecommendationStatus::kDraft;
  std::string at;
  std::string by;
};

// When each reminder about the due date went out (nullopt: not yet).
struct Reminders {
  std::optional<std::string> due_soon;
  std::optional<std::string> overdue;
  std::optional<std::string> escalated;
};

// A recommendation compiled from children's approved submissions (or adopted by a Council vote)
// and followed from forwarding to the answer and back to the children. The parts that grow
// (quotes, answer, commitments, feedback, history) are kept as JSON documents on the row
// (store/recommendation_columns.h).
struct Recommendation {
  std::string id;
  std::string unit_id;
  std::string title;
  std::string text;
  std::optional<std::string> topic;
  RecommendationOrigin origin = RecommendationOrigin::kModerators;
  std::optional<std::string> council_session_id;
  RecommendationStatus status = RecommendationStatus::kDraft;
  bool overdue = false;
  std::optional<std::string> authority_id;
  std::optional<std::string> dispatch_number;
  std::optional<std::string> dispatch_date;  // YYYY-MM-DD
  std::optional<std::string> due_date;       // YYYY-MM-DD, in working days from the dispatch
  std::optional<std::string> forwarded_at;
  std::optional<std::string> answered_at;
  std::vector<Quote> quotes;
  std::optional<Answer> answer;
  std::vector<Commitment> commitments;
  std::optional<Feedback> feedback;
  std::vector<HistoryEntry> history;
  Reminders reminders;
  int version = 1;
  std::string created_by;
  std::string created_at;
  std::string updated_at;
};

// A child's submission merged into a recommendation: the child hears back through it.
struct RecommendationSource {
  std::string recommendation_id;
  std::string submission_id;
  std::string pupil_id;
};

// A child's reaction to the feedback: agree | disagree | question, with optional text that is
// screened and moderated as a submission of its own.
struct Reaction {
  std::string id;
  std::string recommendation_id;
  std::string pupil_id;
  ReactionKind kind = ReactionKind::kAgree;
  std::optional<std::string> text;
  std::optional<std::string> submission_id;
  std::string created_at;
  // A question's answer from the Youth Union, screened before it reaches the child.
  std::optional<std::string> reply;
  std::optional<std::string> replied_by;
  std::optional<std::string> replied_at;
};

// An in-app notification; `dedupe_key` is unique, so a job running on several instances sends
// each one once.
struct Notification {
  std::string id;
  std::string recipient_kind;  // account | pupil | email
  std::string recipient_id;
  NotificationKind kind = NotificationKind::kForwarded;
  std::string object_type;
  std::string object_id;
  std::string message;
  std::string dedupe_key;
  std::string created_at;
  std::optional<std::string> read_at;
};

struct RecommendationFilter {
  std::optional<std::string> authority_id;
  std::optional<RecommendationStatus> status;
  bool forwarded_only = false;  // everything but drafts
};

// --- Children's Councils, their sessions and votes, events (issue 7) ---

// A Children's Council (Hội đồng trẻ em) of a unit, for a term.
struct Council {
  std::string id;
  std::string unit_id;
  std::string name;
  std::string term_start;  // YYYY-MM-DD
  std::string term_end;    // YYYY-MM-DD
  int member_cap = 0;
  int min_age = 0;                       // members are this old or older…
  int max_age = 0;                       // …and no older than this
  std::vector<std::string> adviser_ids;  // adult accounts advising the Council
  std::string created_by;
  std::string created_at;
  std::string updated_at;
};

struct CouncilMember {
  std::string id;
  std::string council_id;
  std::string pupil_id;
  CouncilRole role = CouncilRole::kMember;
  CouncilJoining joined_by = CouncilJoining::kNomination;
  std::string joined_on;  // YYYY-MM-DD
  std::optional<std::string> left_on;
  std::string created_by;
  std::string created_at;
};

// An item of a session's agenda: an approved submission or a closed consultation.
struct AgendaItem {
  AgendaKind kind = AgendaKind::kSubmission;
  std::string id;
};

// A state a session reached: when, and who moved it there.
struct SessionStep {
  CouncilSessionStatus status = CouncilSessionStatus::kPlanned;
  std::string at;
  std::string by;
};

struct CouncilSession {
  std::string id;
  std::string council_id;
  std::string title;
  std::string planned_for;  // YYYY-MM-DD
  std::string location;
  CouncilSessionStatus status = CouncilSessionStatus::kPlanned;
  std::vector<AgendaItem> agenda;
  std::optional<std::string> held_on;
  std::vector<std::string> attendance;  // member ids present
  std::string minutes;
  std::vector<SessionStep> lifecycle;  // every state it reached, oldest first
  std::string created_by;
  std::string created_at;
  std::string updated_at;
};

// A proposal voted on at a held session; adopted ones become draft recommendations.
struct CouncilProposal {
  std::string id;
  std::string session_id;
  std::string council_id;
  std::string title;
  std::string text;
  int present = 0;
  int votes_for = 0;
  int votes_against = 0;
  int abstentions = 0;
  std::map<std::string, VoteChoice> votes;  // member id → choice, when recorded per member
  bool adopted = false;
  std::optional<std::string> recommendation_id;  // set once the draft recommendation exists
  std::string created_by;
  std::string created_at;
  int position = 0;  // the order in which the session voted
};

// A forum, a leaders' dialogue or a school dialogue.
struct CouncilEvent {
  std::string id;
  std::string unit_id;
  EventKind kind = EventKind::kForum;
  std::string title;
  std::string held_on;                                       // YYYY-MM-DD
  std::map<std::string, std::int64_t> participants_by_band;  // age band → children present
  std::int64_t participants = 0;
  std::vector<std::string> outcomes;  // the proposals and recommendations it produced (free text)
  std::optional<std::string> council_id;
  std::string created_by;
  std::string created_at;
};

// One cell of "children consulted": a channel's children of one age band and gender.
struct ContactCount {
  std::string channel;  // online | paper | forum
  std::string age_band;
  std::string gender;
  std::int64_t count = 0;
};

struct SubmissionCount {
  SubmissionStatus status = SubmissionStatus::kSubmitted;
  std::optional<Queue> queue;  // none when never queued
  std::int64_t count = 0;
  std::int64_t returned = 0;  // of `count`, sent back to the child at least once
};

}  // namespace ln
