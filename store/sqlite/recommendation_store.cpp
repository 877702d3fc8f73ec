#include "store/sqlite/recommendation_store.h"

#include "store/lists.h"
#include "store/recommendation_columns.h"
#include "store/rows.h"
#include "store/sqlite/access.h"
#include "store/sqlite/submission_store.h"

namespace ln::store::sqlite {
namespace sql {

constexpr const char* kColumns =
    "SELECT id, unit_id, title, text, topic, origin, council_session_id, status, overdue,"
    " authority_id, dispatch_number, dispatch_date, due_date, forwarded_at, answered_at, quotes,"
    " answer, commitments, feedback, history, reminders, version, created_by, created_at,"
    " updated_at FROM recommendations ";
constexpr const char* kInsert =
    "INSERT INTO recommendations(id, unit_id, title, text, topic, origin, council_session_id,"
    " status, overdue, authority_id, dispatch_number, dispatch_date, due_date, forwarded_at,"
    " answered_at, quotes, answer, commitments, feedback, history, reminders, version, created_by,"
    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
    " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)";
constexpr const char* kUpdate =
    "UPDATE recommendations SET unit_id = ?2, title = ?3, text = ?4, topic = ?5, origin = ?6,"
    " council_session_id = ?7, status = ?8, overdue = ?9, authority_id = ?10, dispatch_number ="
    " ?11, dispatch_date = ?12, due_date = ?13, forwarded_at = ?14, answered_at = ?15, quotes ="
    " ?16, answer = ?17, commitments = ?18, feedback = ?19, history = ?20, reminders = ?21,"
    " version = ?22, created_by = ?23, created_at = ?24, updated_at = ?25"
    " WHERE id = ?1 AND version = ?26";
constexpr const char* kFilter =
    "WHERE (?1 IS NULL OR authority_id = ?1) AND (?2 IS NULL OR status = ?2)"
    " AND (?3 = 0 OR status <> 'draft') AND id > ?4 ORDER BY id LIMIT ?5";
constexpr const char* kAwaiting =
    "WHERE status IN ('forwarded', 'acknowledged') AND due_date IS NOT NULL ORDER BY id";
constexpr const char* kInsertSource =
    "INSERT INTO recommendation_sources(recommendation_id, submission_id, pupil_id)"
    " VALUES (?1, ?2, ?3)";
constexpr const char* kSources =
    "SELECT recommendation_id, submission_id, pupil_id FROM recommendation_sources"
    " WHERE recommendation_id = ?1 ORDER BY submission_id";
constexpr const char* kSourcesOfPupil =
    "SELECT recommendation_id, submission_id, pupil_id FROM recommendation_sources"
    " WHERE pupil_id = ?1 ORDER BY recommendation_id";
constexpr const char* kInsertReaction =
    "INSERT INTO recommendation_reactions(id, recommendation_id, pupil_id, kind, text,"
    " submission_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kReactions =
    "SELECT id, recommendation_id, pupil_id, kind, text, submission_id, created_at, reply,"
    " replied_by, replied_at"
    " FROM recommendation_reactions WHERE recommendation_id = ?1 ORDER BY created_at, id";
constexpr const char* kReactionsOfPupil =
    "SELECT id, recommendation_id, pupil_id, kind, text, submission_id, created_at, reply,"
    " replied_by, replied_at"
    " FROM recommendation_reactions WHERE pupil_id = ?1 ORDER BY created_at, id";
constexpr const char* kReaction =
    "SELECT id, recommendation_id, pupil_id, kind, text, submission_id, created_at, reply,"
    " replied_by, replied_at"
    " FROM recommendation_reactions WHERE id = ?1";
constexpr const char* kUnansweredQuestions =
    "SELECT id, recommendation_id, pupil_id, kind, text, submission_id, created_at, reply,"
    " replied_by, replied_at"
    " FROM recommendation_reactions WHERE kind = 'question' AND replied_at IS NULL"
    " ORDER BY created_at, id";
constexpr const char* kReplyToQuestion =
    "UPDATE recommendation_reactions SET reply = ?2, replied_by = ?3, replied_at = ?4"
    " WHERE id = ?1 AND kind = 'question' AND replied_at IS NULL";
constexpr const char* kUnread =
    "SELECT COUNT(*) FROM notifications WHERE recipient_kind = ?1 AND recipient_id = ?2"
    " AND read_at IS NULL";
constexpr const char* kInsertNotification =
    "INSERT INTO notifications(id, recipient_kind, recipient_id, kind, object_type, object_id,"
    " message, dedupe_key, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT(dedupe_key) DO NOTHING";
constexpr const char* kNotifications =
    "SELECT id, recipient_kind, recipient_id, kind, object_type, object_id, message, dedupe_key,"
    " created_at, read_at FROM notifications WHERE recipient_kind = ?1 AND recipient_id = ?2"
    " AND id > ?3 ORDER BY id LIMIT ?4";
constexpr const char* kMarkRead =
    "UPDATE notifications SET read_at = COALESCE(read_at, ?4)"
    " WHERE id = ?1 AND recipient_kind = ?2 AND recipient_id = ?3";
constexpr const char* kCompileDraft =
    "SELECT submission_ids FROM compile_drafts WHERE account_id = ?1";
constexpr const char* kSaveCompileDraft =
    "INSERT INTO compile_drafts(account_id, submission_ids, updated_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(account_id) DO UPDATE SET submission_ids = excluded.submission_ids,"
    " updated_at = excluded.updated_at";
constexpr const char* kContact = "SELECT email FROM authority_contacts WHERE authority_id = ?1";
constexpr const char* kSetContact =
    "INSERT INTO authority_contacts(authority_id, email, updated_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(authority_id) DO UPDATE SET email = excluded.email,"
    " updated_at = excluded.updated_at";

}  // namespace sql

namespace {

void insert_notification_row(Connection& c, const Notification& n) {
  c.prepare(sql::kInsertNotification)
      .bind(1, n.id)
      .bind(2, n.recipient_kind)
      .bind(3, n.recipient_id)
      .bind(4, word(n.kind))
      .bind(5, n.object_type)
      .bind(6, n.object_id)
      .bind(7, n.message)
      .bind(8, n.dedupe_key)
      .bind(9, n.created_at)
      .run();
}

Statement& bind_all(Statement& s, const Recommendation& r) {
  return s.bind(1, r.id)
      .bind(2, r.unit_id)
      .bind(3, r.title)
      .bind(4, r.text)
      .bind(5, r.topic)
      .bind(6, word(r.origin))
      .bind(7, r.council_session_id)
      .bind(8, std::string(word(r.status)))
      .bind(9, r.overdue ? 1 : 0)
      .bind(10, r.authority_id)
      .bind(11, r.dispatch_number)
      .bind(12, r.dispatch_date)
      .bind(13, r.due_date)
      .bind(14, r.forwarded_at)
      .bind(15, r.answered_at)
      .bind(16, quotes_column(r.quotes))
      .bind(17, answer_column(r.answer))
      .bind(18, commitments_column(r.commitments))
      .bind(19, feedback_column(r.feedback))
      .bind(20, history_column(r.history))
      .bind(21, reminders_column(r.reminders))
      .bind(22, r.version)
      .bind(23, r.created_by)
      .bind(24, r.created_at)
      .bind(25, r.updated_at);
}

}  // namespace

void SqliteRecommendationStore::insert_recommendation(
    const Recommendation& r, const std::vector<RecommendationSource>& sources) {
  write(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kInsert);
    bind_all(s, r).run();
    for (const auto& source : sources)
      c.prepare(sql::kInsertSource)
          .bind(1, source.recommendation_id)
          .bind(2, source.submission_id)
          .bind(3, source.pupil_id)
          .run();
  });
}

std::optional<Recommendation> SqliteRecommendationStore::recommendation(const std::string& id) {
  return first_row(pool_, std::string(sql::kColumns) + "WHERE id = ?1", id,
                   rows::recommendation<Statement>);
}

std::vector<Recommendation> SqliteRecommendationStore::recommendations(
    const RecommendationFilter& filter, const Page& page) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kColumns) + sql::kFilter);
    std::optional<std::string> status;
    if (filter.status) status = std::string(word(*filter.status));
    s.bind(1, filter.authority_id)
        .bind(2, status)
        .bind(3, filter.forwarded_only ? 1 : 0)
        .bind(4, page.after.value_or(""))
        .bind(5, page.limit);
    return all_rows(s, rows::recommendation<Statement>);
  });
}

bool SqliteRecommendationStore::update_if_version(const Recommendation& r, int expected_version) {
  bool changed = false;
  write(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kUpdate);
    bind_all(s, r).bind(26, expected_version).run();
    changed = c.changes() == 1;
  });
  return changed;
}

std::vector<RecommendationSource> SqliteRecommendationStore::sources(
    const std::string& recommendation_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kSources);
    s.bind(1, recommendation_id);
    return all_rows(s, rows::recommendation_source<Statement>);
  });
}

std::vector<RecommendationSource> SqliteRecommendationStore::sources_of_pupil(
    const std::string& pupil_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kSourcesOfPupil);
    s.bind(1, pupil_id);
    return all_rows(s, rows::recommendation_source<Statement>);
  });
}

std::vector<Recommendation> SqliteRecommendationStore::awaiting_answer() {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kColumns) + sql::kAwaiting);
    return all_rows(s, rows::recommendation<Statement>);
  });
}

void SqliteRecommendationStore::insert_reaction(const Reaction& x,
                                                const std::optional<Submission>& item) {
  write(pool_, [&](Connection& c) {
    if (item) insert_submission_row(c, *item);
    c.prepare(sql::kInsertReaction)
        .bind(1, x.id)
        .bind(2, x.recommendation_id)
        .bind(3, x.pupil_id)
        .bind(4, word(x.kind))
        .bind(5, x.text)
        .bind(6, x.submission_id)
        .bind(7, x.created_at)
        .run();
  });
}

std::vector<Reaction> SqliteRecommendationStore::reactions(const std::string& recommendation_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kReactions);
    s.bind(1, recommendation_id);
    return all_rows(s, rows::reaction<Statement>);
  });
}

std::vector<Reaction> SqliteRecommendationStore::reactions_of_pupil(const std::string& pupil_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kReactionsOfPupil);
    s.bind(1, pupil_id);
    return all_rows(s, rows::reaction<Statement>);
  });
}

std::optional<Reaction> SqliteRecommendationStore::reaction(const std::string& id) {
  return first_row(pool_, sql::kReaction, id, rows::reaction<Statement>);
}

std::vector<Reaction> SqliteRecommendationStore::unanswered_questions() {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kUnansweredQuestions);
    return all_rows(s, rows::reaction<Statement>);
  });
}

bool SqliteRecommendationStore::reply_to_question(const Reaction& answered, const Notification& n) {
  bool replied = false;
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kReplyToQuestion)
        .bind(1, answered.id)
        .bind(2, answered.reply)
        .bind(3, answered.replied_by)
        .bind(4, answered.replied_at)
        .run();
    replied = c.changes() == 1;
    if (replied) insert_notification_row(c, n);
  });
  return replied;
}

int SqliteRecommendationStore::unread_notifications(const std::string& recipient_kind,
                                                    const std::string& recipient_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kUnread);
    s.bind(1, recipient_kind).bind(2, recipient_id);
    return s.step() ? static_cast<int>(s.int64(0)) : 0;
  });
}

bool SqliteRecommendationStore::insert_notification(const Notification& n) {
  bool inserted = false;
  write(pool_, [&](Connection& c) {
    insert_notification_row(c, n);
    inserted = c.changes() == 1;
  });
  return inserted;
}

std::vector<Notification> SqliteRecommendationStore::notifications_of(
    const std::string& recipient_kind, const std::string& recipient_id, const Page& page) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kNotifications);
    s.bind(1, recipient_kind)
        .bind(2, recipient_id)
        .bind(3, page.after.value_or(""))
        .bind(4, page.limit);
    return all_rows(s, rows::notification<Statement>);
  });
}

bool SqliteRecommendationStore::mark_notification_read(const std::string& id,
                                                       const std::string& recipient_kind,
                                                       const std::string& recipient_id,
                                                       const std::string& at) {
  bool changed = false;
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kMarkRead)
        .bind(1, id)
        .bind(2, recipient_kind)
        .bind(3, recipient_id)
        .bind(4, at)
        .run();
    changed = c.changes() == 1;
  });
  return changed;
}

// The ids as a comma-separated list (ids never contain commas; store/lists.h).
std::vector<std::string> SqliteRecommendationStore::compile_draft(const std::string& account_id) {
  auto ids = first_row(pool_, sql::kCompileDraft, account_id,
                       [](const Statement& s) { return s.text(0); });
  return ids ? split_list(*ids) : std::vector<std::string>{};
}

void SqliteRecommendationStore::save_compile_draft(const std::string& account_id,
                                                   const std::vector<std::string>& submission_ids,
                                                   const std::string& at) {
  std::string ids;
  for (const auto& id : submission_ids) ids += (ids.empty() ? "" : ",") + id;
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kSaveCompileDraft).bind(1, account_id).bind(2, ids).bind(3, at).run();
  });
}

std::optional<std::string> SqliteRecommendationStore::authority_contact(
    const std::string& authority_id) {
  return first_row(pool_, sql::kContact, authority_id,
                   [](const Statement& s) { return s.text(0); });
}

void SqliteRecommendationStore::set_authority_contact(const std::string& authority_id,
                                                      const std::string& email,
                                                      const std::string& at) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kSetContact).bind(1, authority_id).bind(2, email).bind(3, at).run();
  });
}

}  // namespace ln::store::sqlite
