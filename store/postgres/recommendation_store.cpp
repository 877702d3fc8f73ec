#include "store/postgres/recommendation_store.h"

#include "store/postgres/access.h"
#include "store/postgres/submission_store.h"
#include "store/lists.h"
#include "store/recommendation_columns.h"
#include "store/rows.h"

namespace ln::store::postgres {
namespace sql {

constexpr const char* kColumns =
    "SELECT id, unit_id, title, text, topic, origin, council_session_id, status, overdue,"
    " authority_id, dispatch_number, dispatch_date, due_date, forwarded_at, answered_at, quotes,"
    " answer, commitments, feedback, history, reminders, version, created_by, created_at,"
    " updated_at FROM recommendations ";
const std::string kById = std::string(kColumns) + "WHERE id = $1";
const std::string kFiltered =
    std::string(kColumns) +
    "WHERE ($1::text IS NULL OR authority_id = $1) AND ($2::text IS NULL OR status = $2)"
    " AND (NOT $3::boolean OR status <> 'draft') AND id > $4 ORDER BY id LIMIT $5";
const std::string kAwaiting =
    std::string(kColumns) +
    "WHERE status IN ('forwarded', 'acknowledged') AND due_date IS NOT NULL ORDER BY id";
constexpr const char* kInsert =
    "INSERT INTO recommendations(id, unit_id, title, text, topic, origin, council_session_id,"
    " status, overdue, authority_id, dispatch_number, dispatch_date, due_date, forwarded_at,"
    " answered_at, quotes, answer, commitments, feedback, history, reminders, version, created_by,"
    " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
    " $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)";
constexpr const char* kUpdate =
    "UPDATE recommendations SET unit_id = $2, title = $3, text = $4, topic = $5, origin = $6,"
    " council_session_id = $7, status = $8, overdue = $9, authority_id = $10, dispatch_number ="
    " $11, dispatch_date = $12, due_date = $13, forwarded_at = $14, answered_at = $15, quotes ="
    " $16, answer = $17, commitments = $18, feedback = $19, history = $20, reminders = $21,"
    " version = $22, created_by = $23, created_at = $24, updated_at = $25"
    " WHERE id = $1 AND version = $26";
constexpr const char* kInsertSource =
    "INSERT INTO recommendation_sources(recommendation_id, submission_id, pupil_id)"
    " VALUES ($1, $2, $3)";
constexpr const char* kSources =
    "SELECT recommendation_id, submission_id, pupil_id FROM recommendation_sources"
    " WHERE recommendation_id = $1 ORDER BY submission_id";
constexpr const char* kSourcesOfPupil =
    "SELECT recommendation_id, submission_id, pupil_id FROM recommendation_sources"
    " WHERE pupil_id = $1 ORDER BY recommendation_id";
constexpr const char* kInsertReaction =
    "INSERT INTO recommendation_reactions(id, recommendation_id, pupil_id, kind, text,"
    " submission_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kReactions =
    "SELECT id, recommendation_id, pupil_id, kind, text, submission_id, created_at, reply,"
    " replied_by, replied_at"
    " FROM recommendation_reactions WHERE recommendation_id = $1 ORDER BY created_at, id";
constexpr const char* kReactionsOfPupil =
    "SELECT id, recommendation_id, pupil_id, kind, text, submission_id, created_at, reply,"
    " replied_by, replied_at"
    " FROM recommendation_reactions WHERE pupil_id = $1 ORDER BY created_at, id";
constexpr const char* kReaction =
    "SELECT id, recommendation_id, pupil_id, kind, text, submission_id, created_at, reply,"
    " replied_by, replied_at"
    " FROM recommendation_reactions WHERE id = $1";
constexpr const char* kUnansweredQuestions =
    "SELECT id, recommendation_id, pupil_id, kind, text, submission_id, created_at, reply,"
    " replied_by, replied_at"
    " FROM recommendation_reactions WHERE kind = 'question' AND replied_at IS NULL"
    " ORDER BY created_at, id";
constexpr const char* kReplyToQuestion =
    "UPDATE recommendation_reactions SET reply = $2, replied_by = $3, replied_at = $4"
    " WHERE id = $1 AND kind = 'question' AND replied_at IS NULL";
constexpr const char* kUnread =
    "SELECT COUNT(*) FROM notifications WHERE recipient_kind = $1 AND recipient_id = $2"
    " AND read_at IS NULL";
constexpr const char* kInsertNotification =
    "INSERT INTO notifications(id, recipient_kind, recipient_id, kind, object_type, object_id,"
    " message, dedupe_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " ON CONFLICT (dedupe_key) DO NOTHING";
constexpr const char* kNotifications =
    "SELECT id, recipient_kind, recipient_id, kind, object_type, object_id, message, dedupe_key,"
    " created_at, read_at FROM notifications WHERE recipient_kind = $1 AND recipient_id = $2"
    " AND id > $3 ORDER BY id LIMIT $4";
constexpr const char* kMarkRead =
    "UPDATE notifications SET read_at = COALESCE(read_at, $4)"
    " WHERE id = $1 AND recipient_kind = $2 AND recipient_id = $3";
constexpr const char* kCompileDraft =
    "SELECT submission_ids FROM compile_drafts WHERE account_id = $1";
constexpr const char* kSaveCompileDraft =
    "INSERT INTO compile_drafts(account_id, submission_ids, updated_at) VALUES ($1, $2, $3)"
    " ON CONFLICT(account_id) DO UPDATE SET submission_ids = excluded.submission_ids,"
    " updated_at = excluded.updated_at";
constexpr const char* kContact = "SELECT email FROM authority_contacts WHERE authority_id = $1";
constexpr const char* kSetContact =
    "INSERT INTO authority_contacts(authority_id, email, updated_at) VALUES ($1, $2, $3)"
    " ON CONFLICT (authority_id) DO UPDATE SET email = excluded.email,"
    " updated_at = excluded.updated_at";

}  // namespace sql

namespace {

Result exec_with_all(Connection& c, const std::string& statement, const Recommendation& r,
                     std::optional<int> expected = std::nullopt) {
  Params p;
  p.add(r.id);
  p.add(r.unit_id);
  p.add(r.title);
  p.add(r.text);
  p.add(r.topic);
  p.add(std::string(word(r.origin)));
  p.add(r.council_session_id);
  p.add(std::string(word(r.status)));
  p.add(r.overdue ? 1 : 0);
  p.add(r.authority_id);
  p.add(r.dispatch_number);
  p.add(r.dispatch_date);
  p.add(r.due_date);
  p.add(r.forwarded_at);
  p.add(r.answered_at);
  p.add(quotes_column(r.quotes));
  p.add(answer_column(r.answer));
  p.add(commitments_column(r.commitments));
  p.add(feedback_column(r.feedback));
  p.add(history_column(r.history));
  p.add(reminders_column(r.reminders));
  p.add(r.version);
  p.add(r.created_by);
  p.add(r.created_at);
  p.add(r.updated_at);
  if (expected) p.add(*expected);
  return c.exec_params(statement, p);
}

}  // namespace

void PostgresRecommendationStore::insert_recommendation(
    const Recommendation& r, const std::vector<RecommendationSource>& sources) {
  write(pool_, [&](Connection& c) {
    exec_with_all(c, sql::kInsert, r);
    for (const auto& s : sources)
      c.exec(sql::kInsertSource, s.recommendation_id, s.submission_id, s.pupil_id);
  });
}

std::optional<Recommendation> PostgresRecommendationStore::recommendation(const std::string& id) {
  return first_row(pool_, sql::kById, id, rows::recommendation<Row>);
}

std::vector<Recommendation> PostgresRecommendationStore::recommendations(
    const RecommendationFilter& filter, const Page& page) {
  std::optional<std::string> status;
  if (filter.status) status = std::string(word(*filter.status));
  return read(pool_, [&](Connection& c) {
    return c
        .exec(sql::kFiltered, filter.authority_id, status, filter.forwarded_only,
              page.after.value_or(""), page.limit)
        .all(rows::recommendation<Row>);
  });
}

bool PostgresRecommendationStore::update_if_version(const Recommendation& r, int expected_version) {
  return write(pool_, [&](Connection& c) {
    return exec_with_all(c, sql::kUpdate, r, expected_version).affected() == 1;
  });
}

std::vector<RecommendationSource> PostgresRecommendationStore::sources(
    const std::string& recommendation_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kSources, recommendation_id).all(rows::recommendation_source<Row>);
  });
}

std::vector<RecommendationSource> PostgresRecommendationStore::sources_of_pupil(
    const std::string& pupil_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kSourcesOfPupil, pupil_id).all(rows::recommendation_source<Row>);
  });
}

std::vector<Recommendation> PostgresRecommendationStore::awaiting_answer() {
  return read(pool_,
              [&](Connection& c) { return c.exec(sql::kAwaiting).all(rows::recommendation<Row>); });
}

void PostgresRecommendationStore::insert_reaction(const Reaction& x,
                                                  const std::optional<Submission>& item) {
  write(pool_, [&](Connection& c) {
    if (item) insert_submission_row(c, *item);
    c.exec(sql::kInsertReaction, x.id, x.recommendation_id, x.pupil_id, std::string(word(x.kind)),
           x.text, x.submission_id, x.created_at);
  });
}

std::vector<Reaction> PostgresRecommendationStore::reactions(const std::string& recommendation_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kReactions, recommendation_id).all(rows::reaction<Row>);
  });
}

std::vector<Reaction> PostgresRecommendationStore::reactions_of_pupil(const std::string& pupil_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kReactionsOfPupil, pupil_id).all(rows::reaction<Row>);
  });
}

std::optional<Reaction> PostgresRecommendationStore::reaction(const std::string& id) {
  return first_row(pool_, sql::kReaction, id, rows::reaction<Row>);
}

std::vector<Reaction> PostgresRecommendationStore::unanswered_questions() {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kUnansweredQuestions).all(rows::reaction<Row>);
  });
}

bool PostgresRecommendationStore::reply_to_question(const Reaction& answered,
                                                    const Notification& n) {
  return write(pool_, [&](Connection& c) {
    if (c.exec(sql::kReplyToQuestion, answered.id, answered.reply, answered.replied_by,
               answered.replied_at)
            .affected() != 1)
      return false;
    c.exec(sql::kInsertNotification, n.id, n.recipient_kind, n.recipient_id,
           std::string(word(n.kind)), n.object_type, n.object_id, n.message, n.dedupe_key,
           n.created_at);
    return true;
  });
}

int PostgresRecommendationStore::unread_notifications(const std::string& recipient_kind,
                                                      const std::string& recipient_id) {
  return read(pool_, [&](Connection& c) {
    return static_cast<int>(c.exec(sql::kUnread, recipient_kind, recipient_id).row(0).int64(0));
  });
}

bool PostgresRecommendationStore::insert_notification(const Notification& n) {
  return write(pool_, [&](Connection& c) {
    return c.exec(sql::kInsertNotification, n.id, n.recipient_kind, n.recipient_id,
                  std::string(word(n.kind)), n.object_type, n.object_id, n.message, n.dedupe_key,
                  n.created_at)
               .affected() == 1;
  });
}

std::vector<Notification> PostgresRecommendationStore::notifications_of(
    const std::string& recipient_kind, const std::string& recipient_id, const Page& page) {
  return read(pool_, [&](Connection& c) {
    return c
        .exec(sql::kNotifications, recipient_kind, recipient_id, page.after.value_or(""),
              page.limit)
        .all(rows::notification<Row>);
  });
}

bool PostgresRecommendationStore::mark_notification_read(const std::string& id,
                                                         const std::string& recipient_kind,
                                                         const std::string& recipient_id,
                                                         const std::string& at) {
  return write(pool_, [&](Connection& c) {
    return c.exec(sql::kMarkRead, id, recipient_kind, recipient_id, at).affected() == 1;
  });
}

// The ids as a comma-separated list (ids never contain commas; store/lists.h).
std::vector<std::string> PostgresRecommendationStore::compile_draft(
    const std::string& account_id) {
  auto ids =
      first_row(pool_, sql::kCompileDraft, account_id, [](const Row& r) { return r.text(0); });
  return ids ? split_list(*ids) : std::vector<std::string>{};
}

void PostgresRecommendationStore::save_compile_draft(
    const std::string& account_id, const std::vector<std::string>& submission_ids,
    const std::string& at) {
  std::string ids;
  for (const auto& id : submission_ids) ids += (ids.empty() ? "" : ",") + id;
  write(pool_, [&](Connection& c) { c.exec(sql::kSaveCompileDraft, account_id, ids, at); });
}

std::optional<std::string> PostgresRecommendationStore::authority_contact(
    const std::string& authority_id) {
  return first_row(pool_, sql::kContact, authority_id, [](const Row& r) { return r.text(0); });
}

void PostgresRecommendationStore::set_authority_contact(const std::string& authority_id,
                                                        const std::string& email,
                                                        const std::string& at) {
  write(pool_, [&](Connection& c) { c.exec(sql::kSetContact, authority_id, email, at); });
}

}  // namespace ln::store::postgres
