#include "store/postgres/submission_store.h"

#include "store/postgres/access.h"

namespace ln::store::postgres {
namespace sql {

constexpr const char* kColumns =
    "SELECT id, pupil_id, unit_id, kind, text, topic, status, created_at, updated_at,"
    " consultation_id, response_id, screening, queue FROM submissions ";
const std::string kById = std::string(kColumns) + "WHERE id = $1";
const std::string kOfPupil =
    std::string(kColumns) + "WHERE pupil_id = $1 AND id > $2 ORDER BY id LIMIT $3";
constexpr const char* kInsert =
    "INSERT INTO submissions(id, pupil_id, unit_id, kind, text, topic, status, created_at,"
    " updated_at, consultation_id, response_id, screening, queue)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
constexpr const char* kUpdate =
    "UPDATE submissions SET kind = $2, text = $3, topic = $4, status = $5, updated_at = $6"
    " WHERE id = $1";

}  // namespace sql

namespace {

Submission row(const Row& s) {
  return {s.text(0),           s.text(1),  s.text(2),          s.text(3), s.text(4),
          s.optional_text(5),  s.text(6),  s.text(7),          s.text(8), s.optional_text(9),
          s.optional_text(10), s.text(11), s.optional_text(12)};
}

}  // namespace

void insert_submission_row(Connection& c, const Submission& x) {
  c.exec(sql::kInsert, x.id, x.pupil_id, x.unit_id, x.kind, x.text, x.topic, x.status, x.created_at,
         x.updated_at, x.consultation_id, x.response_id, x.screening_json, x.queue);
}

void PostgresSubmissionStore::insert_submission(const Submission& x) {
  write(pool_, [&](Connection& c) { insert_submission_row(c, x); });
}

std::optional<Submission> PostgresSubmissionStore::submission(const std::string& id) {
  return first_row(pool_, sql::kById, id, row);
}

std::vector<Submission> PostgresSubmissionStore::submissions_of(const std::string& pupil_id,
                                                                const Page& page) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kOfPupil, pupil_id, page.after.value_or(""), page.limit).all(row);
  });
}

void PostgresSubmissionStore::update_submission(const Submission& x) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kUpdate, x.id, x.kind, x.text, x.topic, x.status, x.updated_at);
  });
}

}  // namespace ln::store::postgres
