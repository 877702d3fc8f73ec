#include "store/sqlite/retention_store.h"

#include "store/sqlite/access.h"

namespace ln::store::sqlite {
namespace sql {

constexpr const char* kPurgeSessions =
    "DELETE FROM sessions WHERE expires_at < ?1 OR (revoked_at IS NOT NULL AND revoked_at < ?1)";
constexpr const char* kPurgeFailures = "DELETE FROM sign_in_failures WHERE last_at < ?1";
constexpr const char* kPurgeJoinCodes =
    "DELETE FROM join_codes WHERE expires_at < ?1 OR (revoked_at IS NOT NULL AND revoked_at < ?1)";
constexpr const char* kPurgeGuardianCodes =
    "DELETE FROM guardian_codes WHERE expires_at < ?1"
    " OR (revoked_at IS NOT NULL AND revoked_at < ?1)";
// Answers only; the consultation's counters (its results) stay.
constexpr const char* kPurgeAnswers =
    "DELETE FROM consultation_responses WHERE consultation_id IN"
    " (SELECT id FROM consultations WHERE closes_at < ?1 AND status <> 'draft')";
constexpr const char* kPurgeDataRequests =
    "DELETE FROM data_requests WHERE status IN ('done', 'refused') AND handled_at < ?1";

}  // namespace sql

RetentionPurged SqliteRetentionStore::purge(const RetentionCutoffs& cutoffs) {
  RetentionPurged purged;
  write(pool_, [&](Connection& c) {
    auto run = [&](const char* statement, const std::string& cutoff) {
      c.prepare(statement).bind(1, cutoff).run();
      return c.changes();
    };
    purged.sessions = run(sql::kPurgeSessions, cutoffs.sessions_ended_before);
    purged.sign_in_failures = run(sql::kPurgeFailures, cutoffs.failures_before);
    purged.join_codes = run(sql::kPurgeJoinCodes, cutoffs.codes_ended_before);
    purged.guardian_codes = run(sql::kPurgeGuardianCodes, cutoffs.codes_ended_before);
    purged.answers = run(sql::kPurgeAnswers, cutoffs.answers_closed_before);
    purged.data_requests = run(sql::kPurgeDataRequests, cutoffs.data_requests_handled_before);
  });
  return purged;
}

}  // namespace ln::store::sqlite
