#include "store/sqlite/submission_store.h"

#include "store/sqlite/access.h"

namespace ln::store::sqlite {
namespace sql {

constexpr const char* kColumns =
    "SELECT id, pupil_id, unit_id, kind, text, topic, status, created_at, updated_at,"
    " consultation_id, response_id, screening, queue FROM submissions ";
constexpr const char* kUpdate =
    "UPDATE submissions SET kind = ?2, text = ?3, topic = ?4, status = ?5, updated_at = ?6"
    " WHERE id = ?1";

}  // namespace sql

namespace {

Submission row(const Statement& s) {
  return {s.text(0),           s.text(1),  s.text(2),          s.text(3), s.text(4),
          s.optional_text(5),  s.text(6),  s.text(7),          s.text(8), s.optional_text(9),
          s.optional_text(10), s.text(11), s.optional_text(12)};
}

}  // namespace

void insert_submission_row(Connection& c, const Submission& x) {
  c.prepare(sql::kInsertSubmission)
      .bind(1, x.id)
      .bind(2, x.pupil_id)
      .bind(3, x.unit_id)
      .bind(4, x.kind)
      .bind(5, x.text)
      .bind(6, x.topic)
      .bind(7, x.status)
      .bind(8, x.created_at)
      .bind(9, x.updated_at)
      .bind(10, x.consultation_id)
      .bind(11, x.response_id)
      .bind(12, x.screening_json)
      .bind(13, x.queue)
      .run();
}

void SqliteSubmissionStore::insert_submission(const Submission& x) {
  write(pool_, [&](Connection& c) { insert_submission_row(c, x); });
}

std::optional<Submission> SqliteSubmissionStore::submission(const std::string& id) {
  return first_row(pool_, std::string(sql::kColumns) + "WHERE id = ?1", id, row);
}

std::vector<Submission> SqliteSubmissionStore::submissions_of(const std::string& pupil_id,
                                                              const Page& page) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kColumns) +
                       "WHERE pupil_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3");
    s.bind(1, pupil_id).bind(2, page.after.value_or("")).bind(3, page.limit);
    return all_rows(s, row);
  });
}

void SqliteSubmissionStore::update_submission(const Submission& x) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kUpdate)
        .bind(1, x.id)
        .bind(2, x.kind)
        .bind(3, x.text)
        .bind(4, x.topic)
        .bind(5, x.status)
        .bind(6, x.updated_at)
        .run();
  });
}

}  // namespace ln::store::sqlite
