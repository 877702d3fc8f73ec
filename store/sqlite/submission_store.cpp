#include "store/sqlite/submission_store.h"

#include "store/rows.h"
#include "store/sqlite/access.h"
#include "store/submission_columns.h"
#include "store/time_cursor.h"

namespace ln::store::sqlite {
namespace sql {

#define LN_SUBMISSION_COLUMNS                                                                   \
  "SELECT id, pupil_id, unit_id, kind, text, topic, status, created_at, updated_at,"            \
  " consultation_id, response_id, screening, queue, version, claimed_by, claim_expires_at,"     \
  " decision, redacted_text, safeguarding, fingerprint, simhash, resent_at, first_reviewed_at," \
  " revisions"
constexpr const char* kColumns = LN_SUBMISSION_COLUMNS " FROM submissions ";
constexpr const char* kUpdate =
    "UPDATE submissions SET kind = ?2, text = ?3, topic = ?4, status = ?5, updated_at = ?6"
    " WHERE id = ?1";
constexpr const char* kUpdateIfVersion =
    "UPDATE submissions SET status = ?2, updated_at = ?3, queue = ?4, version = ?5, claimed_by = "
    "?6,"
    " claim_expires_at = ?7, decision = ?8, redacted_text = ?9, safeguarding = ?11, text = ?12,"
    " screening = ?13, fingerprint = ?14, simhash = ?15, resent_at = ?16, first_reviewed_at = ?17,"
    " revisions = ?18"
    " WHERE id = ?1 AND version = ?10";
constexpr const char* kFingerprints =
    "SELECT pupil_id, fingerprint, simhash, created_at FROM submissions"
    " WHERE unit_id = ?1 AND created_at >= ?2"
    " ORDER BY created_at DESC LIMIT ?3";
constexpr const char* kCountRule =
    "INSERT INTO moderation_rule_outcomes(unit_id, rule, agreed, disagreed) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT(unit_id, rule) DO UPDATE SET agreed = agreed + excluded.agreed,"
    " disagreed = disagreed + excluded.disagreed";
constexpr const char* kScope =
    "WITH RECURSIVE scope(id) AS (SELECT value FROM json_each(?2)"
    " UNION SELECT u.id FROM units u JOIN scope ON u.parent_id = scope.id) ";
constexpr const char* kWaiting =
    "queue = ?1 AND status IN ('queued', 'claimed', 'closure_pending') AND (?3 = 1 OR unit_id IN (SELECT id FROM "
    "scope))";

// Whether a recommendation quotes it: one lookup per query (recommendation_sources has no index
// by submission).
constexpr const char* kApproved =
    "WITH RECURSIVE scope(id) AS (SELECT value FROM json_each(?1)"
    " UNION SELECT u.id FROM units u JOIN scope ON u.parent_id = scope.id) " LN_SUBMISSION_COLUMNS
    ", id IN (SELECT submission_id FROM recommendation_sources) FROM submissions"
    " WHERE status IN ('approved', 'approved_redacted') AND (?2 = 1 OR unit_id IN (SELECT id FROM"
    " scope)) AND (?3 = '' OR (created_at, id) < (?3, ?4)) AND (?6 IS NULL OR kind = ?6)"
    " ORDER BY created_at DESC, id DESC LIMIT ?5";
constexpr const char* kApprovedAnswers = LN_SUBMISSION_COLUMNS
    " FROM submissions WHERE consultation_id = ?1 AND status IN ('approved', 'approved_redacted')"
    " ORDER BY created_at DESC, id DESC LIMIT ?2";
#undef LN_SUBMISSION_COLUMNS

}  // namespace sql

void insert_submission_row(Connection& c, const Submission& x) {
  c.prepare(sql::kInsertSubmission)
      .bind(1, x.id)
      .bind(2, x.pupil_id)
      .bind(3, x.unit_id)
      .bind(4, word(x.kind))
      .bind(5, x.text)
      .bind(6, x.topic)
      .bind(7, word(x.status))
      .bind(8, x.created_at)
      .bind(9, x.updated_at)
      .bind(10, x.consultation_id)
      .bind(11, x.response_id)
      .bind(12, screening_column(x.screening))
      .bind(13, queue_column(x.queue))
      .bind(14, x.fingerprint)
      .bind(15, x.simhash)
      .run();
}

void SqliteSubmissionStore::insert_submission(const Submission& x) {
  write(pool_, [&](Connection& c) { insert_submission_row(c, x); });
}

std::optional<Submission> SqliteSubmissionStore::submission(const std::string& id) {
  return first_row(pool_, std::string(sql::kColumns) + "WHERE id = ?1", id,
                   rows::submission<Statement>);
}

std::vector<Submission> SqliteSubmissionStore::submissions_of(const std::string& pupil_id,
                                                              const Page& page) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kColumns) +
                       "WHERE pupil_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3");
    s.bind(1, pupil_id).bind(2, page.after.value_or("")).bind(3, page.limit);
    return all_rows(s, rows::submission<Statement>);
  });
}

void SqliteSubmissionStore::update_submission(const Submission& x) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kUpdate)
        .bind(1, x.id)
        .bind(2, word(x.kind))
        .bind(3, x.text)
        .bind(4, x.topic)
        .bind(5, word(x.status))
        .bind(6, x.updated_at)
        .run();
  });
}

QueueSummary SqliteSubmissionStore::queue_summary(Queue queue,
                                                  const std::vector<std::string>& unit_ids,
                                                  bool everywhere, const std::string& late_before) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kScope) +
                       "SELECT COUNT(*), MIN(created_at), COALESCE(SUM(first_reviewed_at IS NULL"
                       " AND COALESCE(resent_at, created_at) < ?4), 0) FROM submissions WHERE " +
                       sql::kWaiting);
    s.bind(1, word(queue)).bind(2, json_list(unit_ids)).bind(3, everywhere ? 1 : 0).bind(4, late_before);
    s.step();
    return QueueSummary{s.int64(0), s.optional_text(1), s.int64(2)};
  });
}

std::vector<Submission> SqliteSubmissionStore::queue_items(Queue queue,
                                                           const std::vector<std::string>& unit_ids,
                                                           bool everywhere, const Page& page,
                                                           const QueueFilter& filter) {
  const TimeCursor after = time_cursor(page.after);
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kScope) + sql::kColumns + "WHERE " + sql::kWaiting +
                       " AND (created_at, id) > (?4, ?5) AND (?7 IS NULL OR kind = ?7)"
                       " AND (?8 IS NULL OR EXISTS (SELECT 1 FROM json_each(screening, '$.labels')"
                       " WHERE value = ?8)) ORDER BY created_at, id LIMIT ?6");
    s.bind(1, word(queue))
        .bind(2, json_list(unit_ids))
        .bind(3, everywhere ? 1 : 0)
        .bind(4, after.at)
        .bind(5, after.id)
        .bind(6, page.limit)
        .bind(7, kind_column(filter.kind))
        .bind(8, filter.label ? std::optional<std::string>(word(*filter.label)) : std::nullopt);
    return all_rows(s, rows::submission<Statement>);
  });
}

std::vector<ApprovedSubmission> SqliteSubmissionStore::approved(
    const std::vector<std::string>& unit_ids, bool everywhere,
    const std::optional<SubmissionKind>& kind, const Page& page) {
  const TimeCursor after = time_cursor(page.after);
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kApproved);
    s.bind(1, json_list(unit_ids))
        .bind(2, everywhere ? 1 : 0)
        .bind(3, after.at)
        .bind(4, after.id)
        .bind(5, page.limit)
        .bind(6, kind_column(kind));
    return all_rows(s, [](const Statement& row) {
      return ApprovedSubmission{rows::submission(row), row.int64(24) != 0};
    });
  });
}

std::vector<Submission> SqliteSubmissionStore::approved_answers(const std::string& consultation_id,
                                                                int limit) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kApprovedAnswers);
    s.bind(1, consultation_id).bind(2, limit);
    return all_rows(s, rows::submission<Statement>);
  });
}

bool SqliteSubmissionStore::update_if_version(const Submission& x, int expected_version) {
  bool changed = false;
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kUpdateIfVersion)
        .bind(1, x.id)
        .bind(2, word(x.status))
        .bind(3, x.updated_at)
        .bind(4, queue_column(x.queue))
        .bind(5, x.version)
        .bind(6, x.claimed_by)
        .bind(7, x.claim_expires_at)
        .bind(8, decision_column(x.decision))
        .bind(9, x.redacted_text)
        .bind(10, expected_version)
        .bind(11, safeguarding_column(x.safeguarding))
        .bind(12, x.text)
        .bind(13, screening_column(x.screening))
        .bind(14, x.fingerprint)
        .bind(15, x.simhash)
        .bind(16, x.resent_at)
        .bind(17, x.first_reviewed_at)
        .bind(18, revisions_column(x.revisions))
        .run();
    changed = c.changes() == 1;
  });
  return changed;
}

void SqliteSubmissionStore::recent_fingerprints(
    const std::string& unit_id, const std::string& since, int limit,
    const std::function<void(const SubmissionFingerprint&)>& see) {
  read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kFingerprints);
    s.bind(1, unit_id).bind(2, since).bind(3, limit);
    while (s.step()) see(rows::fingerprint(s));
  });
}

std::vector<Submission> SqliteSubmissionStore::screened_since(
    const std::vector<std::string>& unit_ids, bool everywhere, const std::string& since,
    int limit) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kScope) + sql::kColumns +
                       "WHERE queue IS NOT NULL AND created_at >= ?1 AND (?3 = 1 OR unit_id IN"
                       " (SELECT id FROM scope)) ORDER BY created_at DESC LIMIT ?4");
    s.bind(1, since).bind(2, json_list(unit_ids)).bind(3, everywhere ? 1 : 0).bind(4, limit);
    return all_rows(s, rows::submission<Statement>);
  });
}

void SqliteSubmissionStore::count_rule_outcomes(const std::string& unit_id,
                                                const std::vector<std::string>& rules,
                                                bool agreed) {
  if (rules.empty()) return;
  write(pool_, [&](Connection& c) {
    for (const auto& rule : rules) {
      c.prepare(sql::kCountRule)
          .bind(1, unit_id)
          .bind(2, rule)
          .bind(3, agreed ? 1 : 0)
          .bind(4, agreed ? 0 : 1)
          .run();
    }
  });
}

std::vector<RuleOutcome> SqliteSubmissionStore::rule_outcomes(
    const std::vector<std::string>& unit_ids, bool everywhere) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kScope) +
                       "SELECT rule, SUM(agreed), SUM(disagreed) FROM moderation_rule_outcomes"
                       " WHERE ?1 = 1 OR unit_id IN (SELECT id FROM scope)"
                       " GROUP BY rule ORDER BY rule");
    s.bind(1, everywhere ? 1 : 0).bind(2, json_list(unit_ids));
    return all_rows(s, rows::rule_outcome<Statement>);
  });
}

void SqliteSubmissionStore::insert_submissions(const std::vector<Submission>& submissions) {
  write(pool_, [&](Connection& c) {
    for (const auto& s : submissions) insert_submission_row(c, s);
  });
}

}  // namespace ln::store::sqlite
