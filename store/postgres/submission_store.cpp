#include "store/postgres/submission_store.h"

#include "store/postgres/access.h"
#include "store/rows.h"

namespace ln::store::postgres {
namespace sql {

constexpr const char* kColumns =
    "SELECT id, pupil_id, unit_id, kind, text, topic, status, created_at, updated_at,"
    " consultation_id, response_id, screening, queue, version, claimed_by, claim_expires_at,"
    " decision, redacted_text, safeguarding FROM submissions ";
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
constexpr const char* kUpdateIfVersion =
    "UPDATE submissions SET status = $2, updated_at = $3, queue = $4, version = $5, claimed_by = "
    "$6,"
    " claim_expires_at = $7, decision = $8, redacted_text = $9, safeguarding = $11"
    " WHERE id = $1 AND version = $10";
#define LN_SCOPE                                                  \
  "WITH RECURSIVE scope(id) AS (SELECT value COLLATE \"C\" FROM " \
  "jsonb_array_elements_text($2::jsonb)"                          \
  " UNION SELECT u.id FROM units u JOIN scope ON u.parent_id = scope.id) "
#define LN_WAITING                                                                                 \
  "queue = $1 AND status IN ('queued', 'claimed') AND ($3::boolean OR unit_id IN (SELECT id FROM " \
  "scope))"
constexpr const char* kSummary =
    LN_SCOPE "SELECT COUNT(*), MIN(created_at) FROM submissions WHERE " LN_WAITING;
const std::string kItems = std::string(LN_SCOPE) + kColumns +
                           "WHERE " LN_WAITING
                           " AND (created_at, id) > ($4, $5) ORDER BY created_at, id LIMIT $6";
#undef LN_SCOPE
#undef LN_WAITING

}  // namespace sql

void insert_submission_row(Connection& c, const Submission& x) {
  c.exec(sql::kInsert, x.id, x.pupil_id, x.unit_id, x.kind, x.text, x.topic, x.status, x.created_at,
         x.updated_at, x.consultation_id, x.response_id, x.screening_json, x.queue);
}

void PostgresSubmissionStore::insert_submission(const Submission& x) {
  write(pool_, [&](Connection& c) { insert_submission_row(c, x); });
}

std::optional<Submission> PostgresSubmissionStore::submission(const std::string& id) {
  return first_row(pool_, sql::kById, id, rows::submission<Row>);
}

std::vector<Submission> PostgresSubmissionStore::submissions_of(const std::string& pupil_id,
                                                                const Page& page) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kOfPupil, pupil_id, page.after.value_or(""), page.limit)
        .all(rows::submission<Row>);
  });
}

void PostgresSubmissionStore::update_submission(const Submission& x) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kUpdate, x.id, x.kind, x.text, x.topic, x.status, x.updated_at);
  });
}

QueueSummary PostgresSubmissionStore::queue_summary(const std::string& queue,
                                                    const std::vector<std::string>& unit_ids,
                                                    bool everywhere) {
  return read(pool_, [&](Connection& c) {
    auto result = c.exec(sql::kSummary, queue, json_list(unit_ids), everywhere);
    return QueueSummary{result.row(0).int64(0), result.row(0).optional_text(1)};
  });
}

std::vector<Submission> PostgresSubmissionStore::queue_items(
    const std::string& queue, const std::vector<std::string>& unit_ids, bool everywhere,
    const Page& page) {
  std::string after = page.after.value_or("|");
  auto bar = after.find('|');
  std::string after_at = bar == std::string::npos ? "" : after.substr(0, bar);
  std::string after_id = bar == std::string::npos ? "" : after.substr(bar + 1);
  return read(pool_, [&](Connection& c) {
    return c
        .exec(sql::kItems, queue, json_list(unit_ids), everywhere, after_at, after_id, page.limit)
        .all(rows::submission<Row>);
  });
}

bool PostgresSubmissionStore::update_if_version(const Submission& x, int expected_version) {
  return write(pool_, [&](Connection& c) {
    return c.exec(sql::kUpdateIfVersion, x.id, x.status, x.updated_at, x.queue, x.version,
                  x.claimed_by, x.claim_expires_at, x.decision_json, x.redacted_text,
                  expected_version, x.safeguarding_json)
               .affected() == 1;
  });
}

void PostgresSubmissionStore::insert_submissions(const std::vector<Submission>& submissions) {
  write(pool_, [&](Connection& c) {
    for (const auto& s : submissions) insert_submission_row(c, s);
  });
}

}  // namespace ln::store::postgres
