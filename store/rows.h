#pragma once
// Reading a record from a result row, shared by both backends: their SELECTs list the same
// columns in the same order, and an SQLite statement and a libpq row read alike
// (text, optional_text, int64).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "consult/records.h"
#include "store/consultation_columns.h"
#include "store/council_columns.h"
#include "store/lists.h"
#include "store/pupil_columns.h"
#include "store/recommendation_columns.h"
#include "store/recommendation_word_columns.h"
#include "store/submission_columns.h"

namespace ln::store::rows {

inline std::vector<std::string> json_strings(const std::string& json) {
  return nlohmann::json::parse(json).get<std::vector<std::string>>();
}

// id, title, purpose, owner_unit_id, audience_unit_ids, audience_bands, opens_at, closes_at,
// decision, decision_maker, decision_due, feedback_due, info_cards, info_version, questions,
// status, lifecycle, feedback, created_by, created_at, updated_at
template <typename Row>
Consultation consultation(const Row& s) {
  Consultation c;
  c.id = s.text(0);
  c.title = s.text(1);
  c.purpose = s.text(2);
  c.owner_unit_id = s.text(3);
  c.audience_unit_ids = json_strings(s.text(4));
  c.audience_bands = json_strings(s.text(5));
  c.opens_at = s.text(6);
  c.closes_at = s.text(7);
  c.decision = s.text(8);
  c.decision_maker = s.text(9);
  c.decision_due = s.text(10);
  c.feedback_due = s.text(11);
  c.info_cards = info_cards_from_column(s.text(12));
  c.info_version = static_cast<int>(s.int64(13));
  c.questions = questions_from_column(s.text(14));
  c.status = consultation_status(s.text(15)).value_or(ConsultationStatus::kDraft);
  c.lifecycle = lifecycle_from_column(s.text(16));
  c.feedback = feedback_from_column(s.text(17));
  c.created_by = s.text(18);
  c.created_at = s.text(19);
  c.updated_at = s.text(20);
  c.results_version = s.int64(21);
  return c;
}

// id, consultation_id, pupil_id, channel, age_band, gender, unit_id, info_version, answers,
// idempotency_key, batch_id, created_at, updated_at
template <typename Row>
ConsultationResponse response(const Row& s) {
  return {s.text(0),
          s.text(1),
          s.optional_text(2),
          channel(s.text(3)).value_or(Channel::kOnline),
          s.text(4),
          s.text(5),
          s.text(6),
          static_cast<int>(s.int64(7)),
          answers_from_column(s.text(8)),
          s.optional_text(9),
          s.optional_text(10),
          s.text(11),
          s.text(12)};
}

// id, consultation_id, channel, reference, sheets, participants, participants_by_band, unit_id,
// notes, created_by, created_at
template <typename Row>
PaperBatch batch(const Row& r) {
  return {r.text(0),
          r.text(1),
          channel(r.text(2)).value_or(Channel::kPaper),
          r.text(3),
          static_cast<int>(r.int64(4)),
          static_cast<int>(r.int64(5)),
          participants_from_column(r.text(6)),
          r.text(7),
          r.text(8),
          r.text(9),
          r.text(10)};
}

// question_id, option_key, age_band, gender, unit_id, channel, count
template <typename Row>
ResultCounter counter(const Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.text(3),
          r.text(4), channel(r.text(5)).value_or(Channel::kOnline), r.int64(6)};
}

// id, unit_id, kind, period_start, period_end, target, created_by, created_at
template <typename Row>
Target target(const Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.int64(5), r.text(6), r.text(7)};
}

// unit_id, age_band, pupils
template <typename Row>
Enrolment enrolment(const Row& r) {
  return {r.text(0), r.text(1), r.int64(2)};
}

// id, pupil_id, unit_id, kind, text, topic, status, created_at, updated_at, consultation_id,
// response_id, screening, queue, version, claimed_by, claim_expires_at, decision, redacted_text,
// safeguarding, fingerprint, simhash, resent_at, first_reviewed_at, revisions
template <typename Row>
Submission submission(const Row& s) {
  return {s.text(0),
          s.text(1),
          s.text(2),
          kind_from_column(s.text(3)),
          s.text(4),
          s.optional_text(5),
          status_from_column(s.text(6)),
          s.text(7),
          s.text(8),
          s.optional_text(9),
          s.optional_text(10),
          screening_from_column(s.text(11)),
          queue_from_column(s.optional_text(12)),
          static_cast<int>(s.int64(13)),
          s.optional_text(14),
          s.optional_text(15),
          decision_from_column(s.text(16)),
          s.optional_text(17),
          safeguarding_from_column(s.text(18)),
          s.text(19),
          s.int64(20),
          s.optional_text(21),
          s.optional_text(22),
          revisions_from_column(s.text(23))};
}

// pupil_id, fingerprint, simhash, created_at
template <typename Row>
SubmissionFingerprint fingerprint(const Row& s) {
  return {s.text_view(0), s.text_view(1), s.int64(2), s.text_view(3)};
}

// rule, agreed, disagreed
template <typename Row>
RuleOutcome rule_outcome(const Row& s) {
  return {s.text(0), s.int64(1), s.int64(2)};
}

// The columns of each SELECT in the store files, in order.
template <typename Row>
Account account(const Row& s) {
  Account a{s.text(0),          s.text(1), s.text(2),          s.text(3), s.text(4),
            s.optional_text(5), {},        s.optional_text(7), s.text(8), s.text(9)};
  if (!s.is_null(6)) a.unit_ids = split_list(s.text(6));
  if (!s.is_null(10)) a.school_ids = split_list(s.text(10));
  return a;
}

template <typename Row>
Session session(const Row& s) {
  return {s.text(0), s.text(1), s.text(2), s.text(3),          s.text(4),
          s.text(5), s.text(6), s.text(7), s.optional_text(8), s.text(9),
          s.optional_text(10)};
}

template <typename Row>
Unit unit(const Row& s) {
  return {s.text(0),          s.optional_text(1), s.text(2),          s.text(3),
          s.optional_text(4), s.optional_text(5), s.optional_text(6), s.text(7)};
}

template <typename Row>
School school(const Row& s) {
  return {s.text(0), s.text(1), s.text(2), s.optional_text(3), s.optional_text(4), s.text(5)};
}

template <typename Row>
SchoolClass school_class(const Row& s) {
  return {s.text(0), s.text(1), s.text(2),          s.text(3), static_cast<int>(s.int64(4)),
          s.text(5), s.text(6), s.optional_text(7), s.text(8)};
}

template <typename Row>
JoinCode join_code(const Row& s) {
  return {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.optional_text(5)};
}

template <typename Row>
Authority authority(const Row& s) {
  Authority a{s.text(0), s.text(1),          s.text(2),
              s.text(3), s.optional_text(4), static_cast<int>(s.int64(5)),
              {},        s.optional_text(6), s.text(7)};
  if (!s.is_null(8)) a.served_unit_ids = split_list(s.text(8));
  return a;
}

template <typename Row>
Pupil pupil(const Row& s) {
  return {s.text(0),           s.text(1),
          s.text(2),           s.text(3),
          s.text(4),           s.text(5),
          s.text(6),           s.text(7),
          s.text(8),           pupil_status_column(s.text(9)),
          s.optional_text(10), s.optional_text(11),
          s.text(12)};
}

template <typename Row>
Consent consent(const Row& s) {
  return {s.text(0),
          s.text(1),
          consent_kind_column(s.text(2)),
          consent_method_column(s.text(3)),
          s.optional_text(4),
          s.optional_text(5),
          s.text(6),
          s.text(7),
          s.optional_text(8),
          s.optional_text(9)};
}

template <typename Row>
DataRequest data_request(const Row& s) {
  return {s.text(0),
          s.text(1),
          data_request_kind_column(s.text(2)),
          requester_column(s.text(3)),
          data_request_status_column(s.text(4)),
          s.text(5),
          s.text(6),
          s.text(7),
          s.optional_text(8),
          s.optional_text(9),
          s.optional_text(10)};
}

// --- Councils (issue 7) ---

// id, unit_id, name, term_start, term_end, member_cap, min_age, max_age, adviser_ids,
// created_by, created_at, updated_at
template <typename Row>
Council council(const Row& r) {
  return {r.text(0),
          r.text(1),
          r.text(2),
          r.text(3),
          r.text(4),
          static_cast<int>(r.int64(5)),
          static_cast<int>(r.int64(6)),
          static_cast<int>(r.int64(7)),
          json_strings(r.text(8)),
          r.text(9),
          r.text(10),
          r.text(11)};
}

// id, council_id, pupil_id, role, joined_by, joined_on, left_on, created_by, created_at
template <typename Row>
CouncilMember council_member(const Row& r) {
  return {r.text(0),
          r.text(1),
          r.text(2),
          role_column(r.text(3)),
          joining_column(r.text(4)),
          r.text(5),
          r.optional_text(6),
          r.text(7),
          r.text(8)};
}

// id, council_id, title, planned_for, location, status, agenda, held_on, attendance, minutes,
// lifecycle, created_by, created_at, updated_at
template <typename Row>
CouncilSession council_session(const Row& r) {
  return {r.text(0),
          r.text(1),
          r.text(2),
          r.text(3),
          r.text(4),
          session_status_column(r.text(5)),
          agenda_of(r.text(6)),
          r.optional_text(7),
          attendance_of(r.text(8)),
          r.text(9),
          lifecycle_of(r.text(10)),
          r.text(11),
          r.text(12),
          r.text(13)};
}

// id, session_id, council_id, title, text, present, votes_for, votes_against, abstentions,
// votes, adopted, recommendation_id, created_by, created_at, position
template <typename Row>
CouncilProposal council_proposal(const Row& r) {
  return {r.text(0),
          r.text(1),
          r.text(2),
          r.text(3),
          r.text(4),
          static_cast<int>(r.int64(5)),
          static_cast<int>(r.int64(6)),
          static_cast<int>(r.int64(7)),
          static_cast<int>(r.int64(8)),
          votes_of(r.text(9)),
          r.int64(10) != 0,
          r.optional_text(11),
          r.text(12),
          r.text(13),
          static_cast<int>(r.int64(14))};
}

// id, unit_id, kind, title, held_on, participants_by_band, participants, outcomes, council_id,
// created_by, created_at
template <typename Row>
CouncilEvent council_event(const Row& r) {
  return {r.text(0),
          r.text(1),
          event_kind_column(r.text(2)),
          r.text(3),
          r.text(4),
          participants_from_column(r.text(5)),
          r.int64(6),
          outcomes_of(r.text(7)),
          r.optional_text(8),
          r.text(9),
          r.text(10)};
}

// channel, age_band, gender, count
template <typename Row>
ContactCount contact_count(const Row& r) {
  return {r.text(0), r.text(1), r.text(2), r.int64(3)};
}

// status, queue, count, returned
template <typename Row>
SubmissionCount submission_count(const Row& r) {
  return {status_from_column(r.text(0)),
          r.text(1).empty() ? std::optional<Queue>() : queue_from_column(r.text(1)), r.int64(2),
          r.int64(3)};
}

// --- Recommendations and official responses

// id, unit_id, title, text, topic, origin, council_session_id, status, overdue, authority_id,
// dispatch_number, dispatch_date, due_date, forwarded_at, answered_at, quotes, answer,
// commitments, feedback, history, reminders, version, created_by, created_at, updated_at
template <typename Row>
Recommendation recommendation(const Row& s) {
  Recommendation r;
  r.id = s.text(0);
  r.unit_id = s.text(1);
  r.title = s.text(2);
  r.text = s.text(3);
  r.topic = s.optional_text(4);
  r.origin = origin_column(s.text(5));
  r.council_session_id = s.optional_text(6);
  r.status = status_column(s.text(7));
  r.overdue = s.int64(8) != 0;
  r.authority_id = s.optional_text(9);
  r.dispatch_number = s.optional_text(10);
  r.dispatch_date = s.optional_text(11);
  r.due_date = s.optional_text(12);
  r.forwarded_at = s.optional_text(13);
  r.answered_at = s.optional_text(14);
  r.quotes = quotes_of_column(s.text(15));
  r.answer = answer_of_column(s.text(16));
  r.commitments = commitments_of_column(s.text(17));
  r.feedback = feedback_of_column(s.text(18));
  r.history = history_of_column(s.text(19));
  r.reminders = reminders_of_column(s.text(20));
  r.version = static_cast<int>(s.int64(21));
  r.created_by = s.text(22);
  r.created_at = s.text(23);
  r.updated_at = s.text(24);
  return r;
}

template <typename Row>
RecommendationSource recommendation_source(const Row& s) {
  return {s.text(0), s.text(1), s.text(2)};
}

// id, recommendation_id, pupil_id, kind, text, submission_id, created_at, reply, replied_by,
// replied_at
template <typename Row>
Reaction reaction(const Row& s) {
  return {s.text(0),          s.text(1),          s.text(2), reaction_kind_column(s.text(3)),
          s.optional_text(4), s.optional_text(5), s.text(6), s.optional_text(7),
          s.optional_text(8), s.optional_text(9)};
}

// id, recipient_kind, recipient_id, kind, object_type, object_id, message, dedupe_key,
// created_at, read_at
template <typename Row>
Notification notification(const Row& s) {
  return {s.text(0), s.text(1),         s.text(2), notification_kind_column(s.text(3)),
          s.text(4), s.text(5),         s.text(6), s.text(7),
          s.text(8), s.optional_text(9)};
}

}  // namespace ln::store::rows
