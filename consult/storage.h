#pragma once
// The storage interface the domain owns. store/ implements it once per backend
// (SQLite embedded, PostgreSQL for several instances); nothing here knows SQL.
// Each method is one transaction, or part of the caller's unit of work (Storage::atomically).
// Unique-key clashes throw Conflict; nothing else is mapped.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "consult/records.h"

namespace ln {

// Hashes the bytes of an audit entry as the store keeps them (store/audit_columns): the store
// knows the bytes, the domain the hash (consult/audit.h, audit_hash).
using AuditSeal = std::function<std::string(std::string_view chained)>;

class OrganisationStore {
 public:
  virtual ~OrganisationStore() = default;

  virtual void insert_units(const std::vector<Unit>& units) = 0;  // all or none
  virtual std::optional<Unit> unit(const std::string& id) = 0;
  virtual std::optional<Unit> unit_by_code(const std::string& code) = 0;
  virtual std::vector<Unit> units(const Page& page,
                                  const std::optional<std::string>& parent_id) = 0;
  virtual void update_unit(const Unit& unit) = 0;
  // The unit and every unit above it, nearest first.
  virtual std::vector<std::string> unit_and_ancestors(const std::string& id) = 0;
  // Retires `from`, points it at `into`, and moves its schools and children to `into`.
  virtual void merge_unit(const std::string& from, const std::string& into,
                          const std::string& at) = 0;

  virtual void insert_schools(const std::vector<School>& schools) = 0;
  virtual std::optional<School> school(const std::string& id) = 0;
  virtual std::optional<School> school_by_code(const std::string& code) = 0;
  virtual std::vector<School> schools(const Page& page,
                                      const std::optional<std::string>& unit_id) = 0;
  virtual void update_school(const School& school) = 0;

  virtual void insert_class(const SchoolClass& school_class, const JoinCode& first_code) = 0;
  virtual std::optional<SchoolClass> school_class(const std::string& id) = 0;
  // Classes in schools of these units or any unit below them; all classes when `everywhere`.
  // `school_ids`, when not empty, keeps only the classes of those schools.
  virtual std::vector<SchoolClass> classes(const Page& page,
                                           const std::vector<std::string>& unit_ids,
                                           bool everywhere,
                                           const std::vector<std::string>& school_ids) = 0;
  virtual void update_class(const SchoolClass& school_class) = 0;
  virtual void insert_join_code(const JoinCode& code) = 0;
  virtual std::optional<JoinCode> join_code(const std::string& code) = 0;
  virtual std::vector<JoinCode> join_codes(const std::string& class_id) = 0;
  virtual void revoke_join_code(const std::string& code, const std::string& at) = 0;

  virtual void insert_authorities(const std::vector<Authority>& authorities) = 0;
  virtual std::optional<Authority> authority(const std::string& id) = 0;
  virtual std::optional<Authority> authority_by_code(const std::string& code) = 0;
  virtual std::vector<Authority> authorities(const Page& page) = 0;
  virtual void update_authority(const Authority& authority) = 0;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  virtual void insert_account(const Account& account) = 0;
  virtual std::optional<Account> account(const std::string& id) = 0;
  virtual std::optional<Account> account_by_username(const std::string& username) = 0;
  virtual std::vector<Account> accounts(const Page& page) = 0;
  virtual std::int64_t count_accounts() = 0;
  virtual void update_account(const Account& account) = 0;

  virtual void insert_session(const Session& session) = 0;
  virtual std::optional<Session> session_by_token_hash(const std::string& token_hash) = 0;
  virtual std::vector<Session> sessions_of(const std::string& subject_kind,
                                           const std::string& subject_id) = 0;
  // "Last seen" of many sessions (session id → time) in one transaction.
  virtual void touch_sessions(const std::map<std::string, std::string>& last_seen) = 0;
  virtual void revoke_session(const std::string& id, const std::string& at) = 0;
  // Revokes every live session of the subject except `keep_id` (may be empty).
  virtual void revoke_sessions_of(const std::string& subject_kind, const std::string& subject_id,
                                  const std::string& keep_id, const std::string& at) = 0;

  virtual FailureState failures(const std::string& key) = 0;
  virtual void set_failures(const std::string& key, const FailureState& state,
                            const std::string& at) = 0;
  virtual void clear_failures(const std::string& key) = 0;
  // One more failure, counted atomically (parallel guesses are all counted); the new count.
  virtual int add_failure(const std::string& key, const std::string& at) = 0;
  // Locks the key until `until`, unless it is already locked longer.
  virtual void lock_failures_until(const std::string& key, const std::string& until) = 0;
};

class PupilStore {
 public:
  virtual ~PupilStore() = default;

  virtual void insert_pupil(const Pupil& pupil, const SealedIdentity& identity) = 0;
  virtual std::optional<Pupil> pupil(const std::string& id) = 0;
  virtual std::optional<Pupil> pupil_by_sign_in(const std::string& lookup) = 0;
  virtual std::vector<Pupil> pupils_of_class(const std::string& class_id) = 0;
  virtual bool pseudonym_taken(const std::string& class_id, const std::string& pseudonym) = 0;
  // Active pupils of schools in `unit_id` or any unit below it who have both current consents
  // and are not current members of Council `not_member_of`, by id; `page.after` is the last id.
  virtual std::vector<EnrolledPupil> consenting_pupils_under(const std::string& unit_id,
                                                             const std::string& not_member_of,
                                                             const Page& page) = 0;
  virtual void update_pupil(const Pupil& pupil) = 0;
  // A new sign-in code (its lookup hash) and the adult who handed it over: none when the child
  // chose or was given it on joining. Conflict when another pupil's code has the same lookup.
  virtual void set_sign_in_code(const std::string& pupil_id, const std::string& lookup,
                                const std::optional<std::string>& issued_by) = 0;
  // The adult who handed the pupil their current sign-in code, if one did.
  virtual std::optional<std::string> sign_in_code_issuer(const std::string& pupil_id) = 0;

  virtual std::optional<SealedIdentity> identity(const std::string& pupil_id) = 0;
  virtual void set_identity(const std::string& pupil_id, const SealedIdentity& identity,
                            const std::string& at) = 0;
  // The bytes an identity is sealed as, and back (store/identity_columns): what the database keeps
  // of it, once Pupils has encrypted them.
  virtual std::string identity_plaintext(const Identity& identity) = 0;
  virtual Identity identity_of_plaintext(std::string_view plaintext) = 0;
  // Deletes the identity records whose purge time has come; returns the pupils concerned. A
  // pupil with an open safeguarding case keeps theirs until a lead closes it.
  virtual std::vector<std::string> purge_identities(const std::string& now) = 0;

  virtual std::vector<Consent> consents(const std::string& pupil_id) = 0;
  virtual void insert_consent(const Consent& consent) = 0;
  virtual void withdraw_consents(const std::string& pupil_id, const std::string& at,
                                 const std::string& by) = 0;

  virtual void insert_guardian_code(const GuardianCode& code) = 0;
  virtual std::optional<GuardianCode> guardian_code(const std::string& lookup) = 0;
  // Marks the code used for `action`; false (and nothing written) when it already was.
  virtual bool use_guardian_code(const std::string& lookup, const std::string& action,
                                 const std::string& at) = 0;

  virtual void insert_data_request(const DataRequest& request) = 0;
  virtual std::optional<DataRequest> data_request(const std::string& id) = 0;
  virtual std::vector<DataRequest> data_requests(const Page& page,
                                                 const std::optional<DataRequestStatus>& status,
                                                 const std::optional<std::string>& pupil_id) = 0;
  virtual void update_data_request(const DataRequest& request) = 0;

  // The pupils with these ids that exist, in no particular order: one query for a whole page of
  // moderation items instead of one per item.
  virtual std::vector<Pupil> pupils_by_id(const std::vector<std::string>& ids) = 0;
};

class SubmissionStore {
 public:
  virtual ~SubmissionStore() = default;
  virtual void insert_submission(const Submission& submission) = 0;
  virtual std::optional<Submission> submission(const std::string& id) = 0;
  virtual std::vector<Submission> submissions_of(const std::string& pupil_id, const Page& page) = 0;
  virtual void update_submission(const Submission& submission) = 0;

  // Items waiting in a queue (queued or claimed) from these units and every unit below them
  // (all units when `everywhere`), oldest first; `page.after` is "<created_at>|<id>". `late`
  // counts those not yet reviewed that were (re)sent before `late_before`.
  virtual QueueSummary queue_summary(Queue queue,
                                     const std::vector<std::string>& unit_ids, bool everywhere,
                                     const std::string& late_before) = 0;
  virtual std::vector<Submission> queue_items(Queue queue,
                                              const std::vector<std::string>& unit_ids,
                                              bool everywhere, const Page& page,
                                              const QueueFilter& filter = {}) = 0;
  // Approved submissions (approved or approved_redacted) from these units and every unit below
  // them (all units when `everywhere`), newest first, of `kind` when given; `page.after` is
  // "<created_at>|<id>".
  virtual std::vector<ApprovedSubmission> approved(const std::vector<std::string>& unit_ids,
                                                   bool everywhere,
                                                   const std::optional<SubmissionKind>& kind,
                                                   const Page& page) = 0;
  // The approved free-text answers to one consultation (approved or approved_redacted), newest
  // first, at most `limit`.
  virtual std::vector<Submission> approved_answers(const std::string& consultation_id,
                                                   int limit) = 0;
  // Writes every moderation field of `submission` only if the stored version is still
  // `expected_version`; false when someone else changed it first.
  virtual bool update_if_version(const Submission& submission, int expected_version) = 0;

  // Calls `see` with the fingerprint of each of a unit's submissions since `since`, newest
  // first, at most `limit` (a text with no words, or one written before fingerprints, has an
  // empty one).
  virtual void recent_fingerprints(
      const std::string& unit_id, const std::string& since, int limit,
      const std::function<void(const SubmissionFingerprint&)>& see) = 0;
  // Screened submissions of these units created since `since`, newest first (for measures).
  virtual std::vector<Submission> screened_since(const std::vector<std::string>& unit_ids,
                                                 bool everywhere, const std::string& since,
                                                 int limit) = 0;
  // Adds one decision's outcome to each rule's tally for the unit.
  virtual void count_rule_outcomes(const std::string& unit_id,
                                   const std::vector<std::string>& rules, bool agreed) = 0;
  virtual std::vector<RuleOutcome> rule_outcomes(const std::vector<std::string>& unit_ids,
                                                 bool everywhere) = 0;
  // Many submissions in one transaction, all or none (bulk loads such as the benchmark's seed).
  virtual void insert_submissions(const std::vector<Submission>& submissions) = 0;
};

class ConsultationStore {
 public:
  virtual ~ConsultationStore() = default;
  virtual void insert_consultation(const Consultation& c) = 0;
  virtual std::optional<Consultation> consultation(const std::string& id) = 0;
  virtual std::vector<Consultation> consultations(
      const Page& page, const std::optional<ConsultationStatus>& status) = 0;
  virtual void update_consultation(const Consultation& c) = 0;

  virtual std::int64_t response_count(const std::string& consultation_id) = 0;
  virtual std::optional<ConsultationResponse> response_of(const std::string& consultation_id,
                                                          const std::string& pupil_id) = 0;
  // Every answer set this pupil sent online, oldest first (one per consultation at most).
  virtual std::vector<ConsultationResponse> responses_of_pupil(const std::string& pupil_id) = 0;
  // The pupils who answered this consultation online (paper and forum answers name nobody).
  virtual std::vector<std::string> online_respondents(const std::string& consultation_id) = 0;
  // The online answers of this consultation by unit and by the class of the pupil who sent them.
  virtual std::vector<ClassAnswers> answers_by_class(const std::string& consultation_id) = 0;
  virtual void save_batch(const PaperBatch& batch, const std::vector<ConsultationResponse>& sheets,
                          const std::vector<ResultCounter>& deltas,
                          const std::vector<Submission>& texts) = 0;
  virtual std::vector<PaperBatch> batches(const std::string& consultation_id) = 0;
  virtual std::vector<ResultCounter> counters(const std::string& consultation_id) = 0;

  // Participation in the units under `unit_id` between two times, counting only `bands`
  // (all bands when empty).
  virtual Participation participation(const std::string& unit_id, const std::string& from,
                                      const std::string& to,
                                      const std::vector<std::string>& bands) = 0;
  // Active pupils by unit and age band in the units under these units.
  virtual std::vector<Enrolment> enrolment(const std::vector<std::string>& unit_ids) = 0;

  virtual void insert_target(const Target& target) = 0;
  virtual std::vector<Target> targets() = 0;

  // Group commit: what many children sent (answer sets, ideas) in one transaction and one sync.
  // One that fails (a unique-key clash → kConflict, anything else → kFailed) is undone alone while
  // the others commit: a batch is first written straight, and if a write fails it is written
  // again with a savepoint per write. Counters are added once per batch and audit entries chained
  // in order with `seal`. Returns one outcome per write, in order, after the commit; throws when
  // the transaction itself cannot commit (then nothing was saved).
  virtual std::vector<WriteOutcome> save_child_writes(std::vector<ChildWrite>& writes,
                                                      const AuditSeal& seal) = 0;
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // Appends atomically: reads the newest entry's hash, fills seq and prev_hash, lets `seal` hash
  // the entry's bytes as stored, and inserts, all in one transaction so concurrent appends keep
  // one chain. Inside a unit of work the entry commits with the unit's writes or not at all, and
  // the chain stays locked (PostgreSQL: its advisory lock; SQLite: the write lock) until the unit
  // ends.
  virtual AuditEntry append(AuditEntry entry, const AuditSeal& seal) = 0;
  virtual std::vector<AuditEntry> entries(std::int64_t after_seq, int limit) = 0;
  // The same entries as the links of the chain, each with the bytes its hash covers.
  virtual std::vector<AuditLink> links(std::int64_t after_seq, int limit) = 0;
};

class RetentionStore;  // below
class RecommendationStore {
 public:
  virtual ~RecommendationStore() = default;
  // The recommendation and its sources, in one transaction.
  virtual void insert_recommendation(const Recommendation& r,
                                     const std::vector<RecommendationSource>& sources) = 0;
  virtual std::optional<Recommendation> recommendation(const std::string& id) = 0;
  // By id; `page.after` is the last id seen.
  virtual std::vector<Recommendation> recommendations(const RecommendationFilter& filter,
                                                      const Page& page) = 0;
  // Writes every field only if the stored version is still `expected_version`.
  virtual bool update_if_version(const Recommendation& r, int expected_version) = 0;
  virtual std::vector<RecommendationSource> sources(const std::string& recommendation_id) = 0;
  virtual std::vector<RecommendationSource> sources_of_pupil(const std::string& pupil_id) = 0;
  // Forwarded or acknowledged, with a due date: what the reminder job looks at.
  virtual std::vector<Recommendation> awaiting_answer() = 0;

  // The reaction and (when it has one) its moderation item, in one transaction.
  virtual void insert_reaction(const Reaction& reaction, const std::optional<Submission>& item) = 0;
  virtual std::vector<Reaction> reactions(const std::string& recommendation_id) = 0;
  virtual std::vector<Reaction> reactions_of_pupil(const std::string& pupil_id) = 0;
  virtual std::optional<Reaction> reaction(const std::string& id) = 0;
  // Questions about answers that no one has replied to yet, oldest first.
  virtual std::vector<Reaction> unanswered_questions() = 0;
  // The reply and the child's notification in one transaction; false (nothing written) when the
  // question was answered meanwhile.
  virtual bool reply_to_question(const Reaction& answered, const Notification& to_child) = 0;

  // False (and nothing written) when a notification with the same dedupe_key exists.
  virtual bool insert_notification(const Notification& n) = 0;
  virtual std::vector<Notification> notifications_of(const std::string& recipient_kind,
                                                     const std::string& recipient_id,
                                                     const Page& page) = 0;
  virtual int unread_notifications(const std::string& recipient_kind,
                                   const std::string& recipient_id) = 0;
  virtual bool mark_notification_read(const std::string& id, const std::string& recipient_kind,
                                      const std::string& recipient_id, const std::string& at) = 0;

  // The approved ideas an adult has gathered for the next recommendation, in their order.
  virtual std::vector<std::string> compile_draft(const std::string& account_id) = 0;
  virtual void save_compile_draft(const std::string& account_id,
                                  const std::vector<std::string>& submission_ids,
                                  const std::string& at) = 0;
  virtual std::optional<std::string> authority_contact(const std::string& authority_id) = 0;
  virtual void set_authority_contact(const std::string& authority_id, const std::string& email,
                                     const std::string& at) = 0;
};

// Children's Councils: members (with the pupil's derived council_member role), sessions,
// proposals and their votes, events.
class CouncilStore {
 public:
  virtual ~CouncilStore() = default;
  virtual void insert_council(const Council& council) = 0;
  virtual std::optional<Council> council(const std::string& id) = 0;
  virtual std::vector<Council> councils(const Page& page) = 0;
  virtual void update_council(const Council& council) = 0;

  // Every member, past ones too, in the order they joined.
  virtual std::vector<CouncilMember> members(const std::string& council_id) = 0;
  virtual std::vector<CouncilMember> memberships_of(const std::string& pupil_id) = 0;
  // One transaction: false when the Council already has `cap` current members; otherwise adds
  // the member and makes the pupil's role council_member. Conflict if already a member.
  virtual bool insert_member(const CouncilMember& member, int cap) = 0;
  // Ends a membership; the pupil's role goes back to pupil unless another membership remains.
  virtual void end_member(const std::string& member_id, const std::string& left_on) = 0;

  virtual void insert_session(const CouncilSession& session) = 0;
  virtual std::optional<CouncilSession> session(const std::string& id) = 0;
  virtual std::vector<CouncilSession> sessions_of(const std::string& council_id) = 0;
  virtual void update_session(const CouncilSession& session) = 0;

  virtual void insert_proposal(const CouncilProposal& proposal) = 0;
  virtual std::vector<CouncilProposal> proposals_of(const std::string& session_id) = 0;

  virtual void insert_event(const CouncilEvent& event) = 0;
  virtual std::optional<CouncilEvent> event(const std::string& id) = 0;
  // Events in the units under `unit_id` held on dates in [from, to).
  virtual std::vector<CouncilEvent> events_in(const std::string& unit_id, const std::string& from,
                                              const std::string& to) = 0;
};

// Counts for the six-monthly and yearly reports of the units under `unit_id`, for times in
// [from, to) (RFC 3339).
class ReportStore {
 public:
  virtual ~ReportStore() = default;
  // Online: each pupil once (their latest answer's band and gender); paper: each sheet; forum
  // records: participants by band (gender unknown).
  virtual std::vector<ContactCount> children_consulted(const std::string& unit_id,
                                                       const std::string& from,
                                                       const std::string& to) = 0;
  // Consultations owned in these units that were open at some time in the period.
  virtual std::vector<Consultation> consultations_held(const std::string& unit_id,
                                                       const std::string& from,
                                                       const std::string& to) = 0;
  virtual std::vector<SubmissionCount> submissions(const std::string& unit_id,
                                                   const std::string& from,
                                                   const std::string& to) = 0;
};

class Storage {
 public:
  virtual ~Storage() = default;

  // "sqlite" or "postgresql".
  virtual std::string backend() const = 0;
  // Round-trips to the database; throws Unavailable when it cannot, and while writes fail for
  // storage reasons (a full disk, a lost server) until a write works again.
  virtual void ping() = 0;
  // For /metrics: connections to the database tried so far, and whether writes fail now.
  struct Figures {
    std::int64_t connection_attempts = 0;
    bool writes_failing = false;
  };
  virtual Figures figures() = 0;
  // The newest migration applied to this database.
  virtual int schema_version() = 0;
  // A number that moves with every change to sessions (other than "last seen"), pupils,
  // consents, accounts and their units, units and consultations (SQLite: triggers, migration
  // 13). While it stays the same, what was read of those may be kept in memory. nullopt when the
  // backend keeps no such number (PostgreSQL): then everything is read afresh.
  virtual std::optional<std::int64_t> reference_epoch() = 0;

  virtual OrganisationStore& organisation() = 0;
  virtual AccountStore& accounts() = 0;
  virtual PupilStore& pupils() = 0;
  virtual SubmissionStore& submissions() = 0;
  virtual ConsultationStore& consultations() = 0;
  virtual AuditStore& audit() = 0;
  virtual CouncilStore& councils() = 0;
  virtual ReportStore& reports() = 0;
  virtual RecommendationStore& recommendations() = 0;
  virtual RetentionStore& retention() = 0;

  // Runs `work` as one unit of work: every store call it makes on this thread (reads too) joins
  // one transaction on one connection, which commits when `work` returns and is rolled back, all
  // of it, when `work` throws. A change, its audit entry and the notifications it causes go
  // through here together. A unit opened inside a unit joins it as a savepoint (when the inner
  // one throws, only its own writes are undone); so does a store call that fails inside a unit.
  // `work` must not wait for another thread's writes (the group committer): the unit holds the
  // database's write lock (SQLite) or the audit chain's lock (PostgreSQL) until it ends.
  virtual void atomically(const std::function<void()>& work) = 0;
};

// What `work` returns, from inside one unit of work (Storage::atomically).
template <typename Work>
auto atomically(Storage& storage, Work&& work) -> std::invoke_result_t<Work&> {
  using Result = std::invoke_result_t<Work&>;
  if constexpr (std::is_void_v<Result>) {
    storage.atomically(work);
  } else {
    std::optional<Result> out;
    storage.atomically([&] { out.emplace(work()); });
    return std::move(*out);
  }
}

}  // namespace ln

// Retention (consult/retention.h): deletes what has been kept long enough. Times are RFC 3339.
namespace ln {

struct RetentionCutoffs {
  std::string sessions_ended_before;         // sessions expired or revoked before this
  std::string failures_before;               // sign-in failure counters last touched before this
  std::string codes_ended_before;            // join and guardian codes expired or revoked before
  std::string answers_closed_before;         // answers to consultations that closed before this
  std::string data_requests_handled_before;  // data requests handled (done, refused) before this
};

struct RetentionPurged {
  std::int64_t sessions = 0, sign_in_failures = 0, join_codes = 0, guardian_codes = 0, answers = 0,
               data_requests = 0;
};

class RetentionStore {
 public:
  virtual ~RetentionStore() = default;
  // One transaction; the results' counters are never touched.
  virtual RetentionPurged purge(const RetentionCutoffs& cutoffs) = 0;
};

}  // namespace ln
