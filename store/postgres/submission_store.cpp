#include "store/postgres/submission_store.h"

#include "store/postgres/access.h"
#include "store/postgres/arrays.h"
#include "store/rows.h"
#include "store/submission_columns.h"
#include "store/time_cursor.h"

namespace ln::store::postgres {
namespace sql {

#define LN_SUBMISSION_COLUMNS                                                                   \
  "SELECT id, pupil_id, unit_id, kind, text, topic, status, created_at, updated_at,"            \
  " consultation_id, response_id, screening, queue, version, claimed_by, claim_expires_at,"     \
  " decision, redacted_text, safeguarding, fingerprint, simhash, resent_at, first_reviewed_at," \
  " revisions"
constexpr const char* kColumns = LN_SUBMISSION_COLUMNS " FROM submissions ";
const std::string kApprovedAnswers =
    std::string(kColumns) +
    "WHERE consultation_id = $1 AND status IN ('approved', 'approved_redacted')"
    " ORDER BY created_at DESC, id DESC LIMIT $2";
const std::string kById = std::string(kColumns) + "WHERE id = $1";
const std::string kOfPupil =
    std::string(kColumns) + "WHERE pupil_id = $1 AND id > $2 ORDER BY id LIMIT $3";
constexpr const char* kInsert =
    "INSERT INTO submissions(id, pupil_id, unit_id, kind, text, topic, status, created_at,"
    " updated_at, consultation_id, response_id, screening, queue, fingerprint, simhash)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
// The same columns, many rows at once (one array per column).
constexpr const char* kInsertMany =
    "INSERT INTO submissions(id, pupil_id, unit_id, kind, text, topic, status, created_at,"
    " updated_at, consultation_id, response_id, screening, queue, fingerprint, simhash)"
    " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],"
    " $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],"
    " $13::text[], $14::text[], $15::bigint[])";
constexpr const char* kUpdate =
    "UPDATE submissions SET kind = $2, text = $3, topic = $4, status = $5, updated_at = $6"
    " WHERE id = $1";
constexpr const char* kUpdateIfVersion =
    "UPDATE submissions SET status = $2, updated_at = $3, queue = $4, version = $5, claimed_by = "
    "$6,"
    " claim_expires_at = $7, decision = $8, redacted_text = $9, safeguarding = $11, text = $12,"
    " screening = $13, fingerprint = $14, simhash = $15, resent_at = $16, first_reviewed_at = $17,"
    " revisions = $18"
    " WHERE id = $1 AND version = $10";
constexpr const char* kFingerprints =
    "SELECT pupil_id, fingerprint, simhash, created_at FROM submissions"
    " WHERE unit_id = $1 AND created_at >= $2"
    " ORDER BY created_at DESC LIMIT $3";
constexpr const char* kCountRule =
    "INSERT INTO moderation_rule_outcomes(unit_id, rule, agreed, disagreed) VALUES ($1, $2, $3, $4)"
    " ON CONFLICT(unit_id, rule) DO UPDATE SET"
    " agreed = moderation_rule_outcomes.agreed + excluded.agreed,"
    " disagreed = moderation_rule_outcomes.disagreed + excluded.disagreed";
#define LN_SCOPE                                                  \
  "WITH RECURSIVE scope(id) AS (SELECT value COLLATE \"C\" FROM " \
  "jsonb_array_elements_text($2::jsonb)"                          \
  " UNION SELECT u.id FROM units u JOIN scope ON u.parent_id = scope.id) "
#define LN_WAITING                                                                                 \
  "queue = $1 AND status IN ('queued', 'claimed', 'closure_pending') AND ($3::boolean OR "      \
  "unit_id IN (SELECT id FROM scope))"
constexpr const char* kSummary = LN_SCOPE
    "SELECT COUNT(*), MIN(created_at), COUNT(*) FILTER (WHERE first_reviewed_at IS NULL"
    " AND COALESCE(resent_at, created_at) < $4) FROM submissions WHERE " LN_WAITING;
const std::string kScreenedSince = std::string(LN_SCOPE) + kColumns +
                                   "WHERE queue IS NOT NULL AND created_at >= $1 AND ($3::boolean"
                                   " OR unit_id IN (SELECT id FROM scope))"
                                   " ORDER BY created_at DESC LIMIT $4";
constexpr const char* kRuleOutcomes = LN_SCOPE
    "SELECT rule, SUM(agreed)::bigint, SUM(disagreed)::bigint"
    " FROM moderation_rule_outcomes WHERE $1::boolean OR unit_id IN (SELECT id FROM scope)"
    " GROUP BY rule ORDER BY rule";
const std::string kItems = std::string(LN_SCOPE) + kColumns +
                           "WHERE " LN_WAITING
                           " AND (created_at, id) > ($4, $5) AND ($7::text IS NULL OR kind = $7)"
                           " AND ($8::text IS NULL OR (screening::jsonb -> 'labels') ? $8)"
                           " ORDER BY created_at, id LIMIT $6";
// Whether a recommendation quotes it: one lookup per query (recommendation_sources has no index
// by submission).
constexpr const char* kApproved =
    "WITH RECURSIVE scope(id) AS (SELECT value COLLATE \"C\" FROM"
    " jsonb_array_elements_text($1::jsonb)"
    " UNION SELECT u.id FROM units u JOIN scope ON u.parent_id = scope.id) " LN_SUBMISSION_COLUMNS
    ", (id IN (SELECT submission_id FROM recommendation_sources))::int FROM submissions"
    " WHERE status IN ('approved', 'approved_redacted') AND ($2::boolean OR unit_id IN (SELECT id"
    " FROM scope)) AND ($3 = '' OR (created_at, id) < ($3, $4)) AND ($6::text IS NULL OR kind = $6)"
    " ORDER BY created_at DESC, id DESC LIMIT $5";
#undef LN_SCOPE
#undef LN_WAITING
#undef LN_SUBMISSION_COLUMNS

}  // namespace sql

void insert_submission_row(Connection& c, const Submission& x) {
  c.exec(sql::kInsert, x.id, x.pupil_id, x.unit_id, std::string(word(x.kind)), x.text, x.topic,
         std::string(word(x.status)), x.created_at, x.updated_at, x.consultation_id, x.response_id,
         screening_column(x.screening), queue_column(x.queue), x.fingerprint, x.simhash);
}

void insert_submission_rows(Connection& c, const std::vector<Submission>& submissions) {
  for (std::size_t start = 0; start < submissions.size(); start += kRowsPerStatement) {
    std::size_t end = std::min(submissions.size(), start + kRowsPerStatement);
    ArrayColumn id, pupil_id, unit_id, kind, text, topic, status, created_at, updated_at,
        consultation_id, response_id, screening, queue, fingerprint, simhash;
    for (std::size_t i = start; i < end; ++i) {
      const Submission& x = submissions[i];
      id.add(x.id);
      pupil_id.add(x.pupil_id);
      unit_id.add(x.unit_id);
      kind.add(word(x.kind));
      text.add(x.text);
      topic.add(x.topic);
      status.add(std::string(word(x.status)));
      created_at.add(x.created_at);
      updated_at.add(x.updated_at);
      consultation_id.add(x.consultation_id);
      response_id.add(x.response_id);
      screening.add(screening_column(x.screening));
      queue.add(queue_column(x.queue));
      fingerprint.add(x.fingerprint);
      simhash.add(x.simhash);
    }
    c.exec(sql::kInsertMany, id.literal(), pupil_id.literal(), unit_id.literal(), kind.literal(),
           text.literal(), topic.literal(), status.literal(), created_at.literal(),
           updated_at.literal(), consultation_id.literal(), response_id.literal(),
           screening.literal(), queue.literal(), fingerprint.literal(), simhash.literal());
  }
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
    c.exec(sql::kUpdate, x.id, std::string(word(x.kind)), x.text, x.topic,
           std::string(word(x.status)), x.updated_at);
  });
}

QueueSummary PostgresSubmissionStore::queue_summary(Queue queue,
                                                    const std::vector<std::string>& unit_ids,
                                                    bool everywhere,
                                                    const std::string& late_before) {
  return read(pool_, [&](Connection& c) {
    auto result = c.exec(sql::kSummary, std::string(word(queue)), json_list(unit_ids), everywhere, late_before);
    return QueueSummary{result.row(0).int64(0), result.row(0).optional_text(1),
                        result.row(0).int64(2)};
  });
}

std::vector<Submission> PostgresSubmissionStore::queue_items(
    Queue queue, const std::vector<std::string>& unit_ids, bool everywhere, const Page& page,
    const QueueFilter& filter) {
  const TimeCursor after = time_cursor(page.after);
  return read(pool_, [&](Connection& c) {
    return c
        .exec(sql::kItems, std::string(word(queue)), json_list(unit_ids), everywhere, after.at,
              after.id, page.limit, kind_column(filter.kind),
              filter.label ? std::optional<std::string>(word(*filter.label)) : std::nullopt)
        .all(rows::submission<Row>);
  });
}

std::vector<ApprovedSubmission> PostgresSubmissionStore::approved(
    const std::vector<std::string>& unit_ids, bool everywhere,
    const std::optional<SubmissionKind>& kind, const Page& page) {
  const TimeCursor after = time_cursor(page.after);
  return read(pool_, [&](Connection& c) {
    return c
        .exec(sql::kApproved, json_list(unit_ids), everywhere, after.at, after.id, page.limit,
              kind_column(kind))
        .all([](const Row& row) {
          return ApprovedSubmission{rows::submission(row), row.int64(24) != 0};
        });
  });
}

std::vector<Submission> PostgresSubmissionStore::approved_answers(
    const std::string& consultation_id, int limit) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kApprovedAnswers, consultation_id, limit).all(rows::submission<Row>);
  });
}

bool PostgresSubmissionStore::update_if_version(const Submission& x, int expected_version) {
  return write(pool_, [&](Connection& c) {
    return c.exec(sql::kUpdateIfVersion, x.id, std::string(word(x.status)), x.updated_at,
                  queue_column(x.queue), x.version, x.claimed_by, x.claim_expires_at,
                  decision_column(x.decision), x.redacted_text, expected_version,
                  safeguarding_column(x.safeguarding), x.text, screening_column(x.screening),
                  x.fingerprint, x.simhash, x.resent_at, x.first_reviewed_at,
                  revisions_column(x.revisions))
               .affected() == 1;
  });
}

void PostgresSubmissionStore::recent_fingerprints(
    const std::string& unit_id, const std::string& since, int limit,
    const std::function<void(const SubmissionFingerprint&)>& see) {
  read(pool_, [&](Connection& c) {
    auto result = c.exec(sql::kFingerprints, unit_id, since, limit);
    for (int i = 0; i < result.rows(); ++i) see(rows::fingerprint(result.row(i)));
  });
}

std::vector<Submission> PostgresSubmissionStore::screened_since(
    const std::vector<std::string>& unit_ids, bool everywhere, const std::string& since,
    int limit) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kScreenedSince, since, json_list(unit_ids), everywhere, limit)
        .all(rows::submission<Row>);
  });
}

void PostgresSubmissionStore::count_rule_outcomes(const std::string& unit_id,
                                                  const std::vector<std::string>& rules,
                                                  bool agreed) {
  if (rules.empty()) return;
  write(pool_, [&](Connection& c) {
    for (const auto& rule : rules)
      c.exec(sql::kCountRule, unit_id, rule, agreed ? 1 : 0, agreed ? 0 : 1);
  });
}

std::vector<RuleOutcome> PostgresSubmissionStore::rule_outcomes(
    const std::vector<std::string>& unit_ids, bool everywhere) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kRuleOutcomes, everywhere, json_list(unit_ids)).all(rows::rule_outcome<Row>);
  });
}

void PostgresSubmissionStore::insert_submissions(const std::vector<Submission>& submissions) {
  if (submissions.empty()) return;
  write(pool_, [&](Connection& c) { insert_submission_rows(c, submissions); });
}

}  // namespace ln::store::postgres
