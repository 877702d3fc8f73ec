#pragma once
// Reading recommendation rows, shared by both backends: their SELECTs list the same columns in
// the same order.
#include "consult/records.h"

namespace ln::store::rows {

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
  r.origin = s.text(5);
  r.council_session_id = s.optional_text(6);
  r.status = s.text(7);
  r.overdue = s.int64(8) != 0;
  r.authority_id = s.optional_text(9);
  r.dispatch_number = s.optional_text(10);
  r.dispatch_date = s.optional_text(11);
  r.due_date = s.optional_text(12);
  r.forwarded_at = s.optional_text(13);
  r.answered_at = s.optional_text(14);
  r.quotes_json = s.text(15);
  r.answer_json = s.text(16);
  r.commitments_json = s.text(17);
  r.feedback_json = s.text(18);
  r.history_json = s.text(19);
  r.reminders_json = s.text(20);
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

// id, recommendation_id, pupil_id, kind, text, submission_id, created_at
template <typename Row>
Reaction reaction(const Row& s) {
  return {s.text(0),          s.text(1),          s.text(2), s.text(3),
          s.optional_text(4), s.optional_text(5), s.text(6)};
}

// id, recipient_kind, recipient_id, kind, object_type, object_id, message, dedupe_key,
// created_at, read_at
template <typename Row>
Notification notification(const Row& s) {
  return {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4),
          s.text(5), s.text(6), s.text(7), s.text(8), s.optional_text(9)};
}

}  // namespace ln::store::rows
