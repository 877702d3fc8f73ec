#include "store/postgres/consultation_store.h"

#include <nlohmann/json.hpp>
#include <set>
#include <string_view>
#include <unordered_set>

#include "store/counter_sums.h"
#include "store/postgres/access.h"
#include "store/postgres/arrays.h"
#include "store/postgres/audit_store.h"
#include "store/postgres/sql.h"
#include "store/postgres/submission_store.h"
#include "store/rows.h"

namespace ln::store::postgres {
namespace sql {

constexpr const char* kColumns =
    "SELECT id, title, purpose, owner_unit_id, audience_unit_ids, audience_bands, opens_at, "
    "closes_at,"
    " decision, decision_maker, decision_due, feedback_due, info_cards, info_version, questions, "
    "status,"
    " lifecycle, feedback, created_by, created_at, updated_at,"
    " COALESCE((SELECT version FROM results_versions WHERE consultation_id = consultations.id), 0)"
    " FROM consultations ";
const std::string kById = std::string(kColumns) + "WHERE id = $1";
const std::string kPage =
    std::string(kColumns) +
    "WHERE id > $1 AND ($2::text IS NULL OR status = $2) ORDER BY id LIMIT $3";
constexpr const char* kInsert =
    "INSERT INTO consultations(id, title, purpose, owner_unit_id, audience_unit_ids, "
    "audience_bands,"
    " opens_at, closes_at, decision, decision_maker, decision_due, feedback_due, info_cards, "
    "info_version,"
    " questions, status, lifecycle, feedback, created_by, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, "
    "$19, $20, $21)";
constexpr const char* kUpdate =
    "UPDATE consultations SET title = $2, purpose = $3, owner_unit_id = $4, audience_unit_ids = $5,"
    " audience_bands = $6, opens_at = $7, closes_at = $8, decision = $9, decision_maker = $10,"
    " decision_due = $11, feedback_due = $12, info_cards = $13, info_version = $14, questions = "
    "$15,"
    " status = $16, lifecycle = $17, feedback = $18, updated_at = $19 WHERE id = $1";
constexpr const char* kResponseCount =
    "SELECT COUNT(*) FROM consultation_responses WHERE consultation_id = $1";
constexpr const char* kResponseOf =
    "SELECT id, consultation_id, pupil_id, channel, age_band, gender, unit_id, info_version, "
    "answers,"
    " idempotency_key, batch_id, created_at, updated_at FROM consultation_responses"
    " WHERE consultation_id = $1 AND pupil_id = $2";
// Consultations outer, each probing the (consultation_id, pupil_id) index: no index on pupil_id
// alone, which every answer would have to keep up.
constexpr const char* kResponsesOfPupil =
    "SELECT r.id, r.consultation_id, r.pupil_id, r.channel, r.age_band, r.gender, r.unit_id,"
    " r.info_version, r.answers, r.idempotency_key, r.batch_id, r.created_at, r.updated_at"
    " FROM consultations c JOIN consultation_responses r"
    " ON r.consultation_id = c.id AND r.pupil_id = $1 ORDER BY r.created_at, r.id";
constexpr const char* kOnlineRespondents =
    "SELECT DISTINCT pupil_id FROM consultation_responses"
    " WHERE consultation_id = $1 AND channel = 'online' AND pupil_id IS NOT NULL ORDER BY pupil_id";
constexpr const char* kAnswersByClass =
    "SELECT r.unit_id, COALESCE(p.class_id, ''), COUNT(*) FROM consultation_responses r"
    " LEFT JOIN pupils p ON p.id = r.pupil_id"
    " WHERE r.consultation_id = $1 AND r.channel = 'online'"
    " GROUP BY r.unit_id, COALESCE(p.class_id, '')";
constexpr const char* kUpsertResponse =
    "INSERT INTO consultation_responses(id, consultation_id, pupil_id, channel, age_band, gender, "
    "unit_id,"
    " info_version, answers, idempotency_key, batch_id, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    " ON CONFLICT(id) DO UPDATE SET age_band = excluded.age_band, gender = excluded.gender,"
    " unit_id = excluded.unit_id, info_version = excluded.info_version, answers = excluded.answers,"
    " idempotency_key = excluded.idempotency_key, updated_at = excluded.updated_at";
// The same upsert, many rows at once (one array per column). One statement may not touch a row
// twice: a batch that names an id twice goes row by row.
constexpr const char* kUpsertResponses =
    "INSERT INTO consultation_responses(id, consultation_id, pupil_id, channel, age_band, gender,"
    " unit_id, info_version, answers, idempotency_key, batch_id, created_at, updated_at)"
    " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],"
    " $7::text[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])"
    " ON CONFLICT(id) DO UPDATE SET age_band = excluded.age_band, gender = excluded.gender,"
    " unit_id = excluded.unit_id, info_version = excluded.info_version, answers = excluded.answers,"
    " idempotency_key = excluded.idempotency_key, updated_at = excluded.updated_at";
constexpr const char* kBumpResultsVersion =
    "INSERT INTO results_versions(consultation_id, version) VALUES ($1, 1)"
    " ON CONFLICT(consultation_id) DO UPDATE SET version = results_versions.version + 1";
constexpr const char* kAddCounter =
    "INSERT INTO consultation_counters AS k(consultation_id, question_id, option_key, age_band, "
    "gender,"
    " unit_id, channel, count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    " ON CONFLICT (consultation_id, question_id, option_key, age_band, gender, unit_id, channel)"
    " DO UPDATE SET count = k.count + excluded.count";
constexpr const char* kCounters =
    "SELECT question_id, option_key, age_band, gender, unit_id, channel, count"
    " FROM consultation_counters WHERE consultation_id = $1 AND count <> 0";
constexpr const char* kWithdrawTexts =
    "UPDATE submissions SET status = 'withdrawn', updated_at = $2"
    " WHERE response_id = $1 AND status IN ('submitted', 'queued')";
constexpr const char* kInsertBatch =
    "INSERT INTO consultation_batches(id, consultation_id, channel, reference, sheets, "
    "participants,"
    " participants_by_band, unit_id, notes, created_by, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr const char* kBatches =
    "SELECT id, consultation_id, channel, reference, sheets, participants, participants_by_band, "
    "unit_id,"
    " notes, created_by, created_at FROM consultation_batches WHERE consultation_id = $1"
    " ORDER BY created_at, id";
#define LN_SCOPE                                                                               \
  "WITH RECURSIVE scope(id) AS (SELECT $1::text COLLATE \"C\" UNION SELECT u.id FROM units u " \
  "JOIN scope ON u.parent_id = scope.id) "
#define LN_BANDS                                               \
  "(jsonb_array_length($4::jsonb) = 0 OR age_band IN (SELECT " \
  "jsonb_array_elements_text($4::jsonb)))"
constexpr const char* kOnlineChildren = LN_SCOPE
    "SELECT COUNT(DISTINCT pupil_id) FROM consultation_responses WHERE channel = 'online'"
    " AND unit_id IN (SELECT id FROM scope) AND created_at >= $2 AND created_at < $3 AND " LN_BANDS;
constexpr const char* kPaperSheets = LN_SCOPE
    "SELECT COUNT(*) FROM consultation_responses WHERE channel = 'paper'"
    " AND unit_id IN (SELECT id FROM scope) AND created_at >= $2 AND created_at < $3 AND " LN_BANDS;
constexpr const char* kForumParticipants = LN_SCOPE
    "SELECT COALESCE(SUM(j.value::bigint), 0) FROM consultation_batches b,"
    " jsonb_each_text(b.participants_by_band::jsonb) j WHERE b.channel = 'forum'"
    " AND b.unit_id IN (SELECT id FROM scope) AND b.created_at >= $2 AND b.created_at < $3"
    " AND (jsonb_array_length($4::jsonb) = 0 OR j.key IN (SELECT "
    "jsonb_array_elements_text($4::jsonb)))";
#undef LN_SCOPE
#undef LN_BANDS
constexpr const char* kEnrolment =
    "WITH RECURSIVE scope(id) AS (SELECT value COLLATE \"C\" FROM "
    "jsonb_array_elements_text($1::jsonb)"
    " UNION SELECT u.id FROM units u JOIN scope ON u.parent_id = scope.id) "
    "SELECT s.unit_id, p.age_band, COUNT(*) FROM pupils p JOIN classes c ON c.id = p.class_id"
    " JOIN schools s ON s.id = c.school_id WHERE p.status = 'active' AND s.unit_id IN (SELECT id "
    "FROM scope)"
    " GROUP BY s.unit_id, p.age_band";
constexpr const char* kResponseState =
    "SELECT answers, age_band, gender, unit_id FROM consultation_responses WHERE id = $1";
constexpr const char* kInsertTarget =
    "INSERT INTO targets(id, unit_id, kind, period_start, period_end, target, created_by, "
    "created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr const char* kTargets =
    "SELECT id, unit_id, kind, period_start, period_end, target, created_by, created_at FROM "
    "targets"
    " ORDER BY period_start, id";

}  // namespace sql

namespace {

void write_response(Connection& c, const ConsultationResponse& r) {
  c.exec(sql::kUpsertResponse, r.id, r.consultation_id, r.pupil_id, std::string(word(r.channel)),
         r.age_band, r.gender, r.unit_id, r.info_version, answers_json(r.answers).dump(),
         r.idempotency_key, r.batch_id, r.created_at, r.updated_at);
}

void write_responses(Connection& c, const std::vector<ConsultationResponse>& sheets) {
  std::unordered_set<std::string_view> ids;
  for (const auto& r : sheets) ids.insert(r.id);
  if (ids.size() != sheets.size()) {
    for (const auto& r : sheets) write_response(c, r);
    return;
  }
  for (std::size_t start = 0; start < sheets.size(); start += kRowsPerStatement) {
    std::size_t end = std::min(sheets.size(), start + kRowsPerStatement);
    ArrayColumn id, consultation_id, pupil_id, channel, age_band, gender, unit_id, info_version,
        answers, idempotency_key, batch_id, created_at, updated_at;
    for (std::size_t i = start; i < end; ++i) {
      const ConsultationResponse& r = sheets[i];
      id.add(r.id);
      consultation_id.add(r.consultation_id);
      pupil_id.add(r.pupil_id);
      channel.add(std::string(word(r.channel)));
      age_band.add(r.age_band);
      gender.add(r.gender);
      unit_id.add(r.unit_id);
      info_version.add(r.info_version);
      answers.add(answers_json(r.answers).dump());
      idempotency_key.add(r.idempotency_key);
      batch_id.add(r.batch_id);
      created_at.add(r.created_at);
      updated_at.add(r.updated_at);
    }
    c.exec(sql::kUpsertResponses, id.literal(), consultation_id.literal(), pupil_id.literal(),
           channel.literal(), age_band.literal(), gender.literal(), unit_id.literal(),
           info_version.literal(), answers.literal(), idempotency_key.literal(), batch_id.literal(),
           created_at.literal(), updated_at.literal());
  }
}

void add_counters(Connection& c, const std::string& consultation_id,
                  const std::vector<ResultCounter>& deltas) {
  for (const auto& d : deltas)
    c.exec(sql::kAddCounter, consultation_id, d.question_id, d.option_key, d.age_band, d.gender,
           d.unit_id, std::string(word(d.channel)), d.count);
}

// A batch's counter cells, and one step of each changed consultation's results version.
void write_sums(Connection& c, const CounterSums& sums) {
  std::set<std::string> changed;
  sums.each([&](const std::string& consultation_id, const ResultCounter& d) {
    add_counters(c, consultation_id, {d});
    changed.insert(consultation_id);
  });
  for (const auto& id : changed) c.exec(sql::kBumpResultsVersion, id);
}

// The replaced answers are still the stored ones (nobody replaced them since they were read).
bool still_stored(Connection& c, const ConsultationResponse& earlier) {
  auto result = c.exec(sql::kResponseState, earlier.id);
  if (result.rows() == 0) return false;
  auto row = result.row(0);
  return answers_from_column(row.text(0)) == earlier.answers && row.text(1) == earlier.age_band &&
         row.text(2) == earlier.gender && row.text(3) == earlier.unit_id;
}

}  // namespace

void PostgresConsultationStore::insert_consultation(const Consultation& c) {
  write(pool_, [&](Connection& conn) {
    conn.exec(sql::kInsert, c.id, c.title, c.purpose, c.owner_unit_id,
              json_list(c.audience_unit_ids), json_list(c.audience_bands), c.opens_at, c.closes_at,
              c.decision, c.decision_maker, c.decision_due, c.feedback_due,
              info_cards_json(c.info_cards).dump(), c.info_version, questions_column(*c.questions),
              std::string(word(c.status)), lifecycle_json(c.lifecycle).dump(),
              feedback_json(c.feedback).dump(), c.created_by, c.created_at, c.updated_at);
  });
}

std::optional<Consultation> PostgresConsultationStore::consultation(const std::string& id) {
  return first_row(pool_, sql::kById, id, rows::consultation<Row>);
}

std::vector<Consultation> PostgresConsultationStore::consultations(
    const Page& page, const std::optional<ConsultationStatus>& status) {
  return read(pool_, [&](Connection& c) {
    return c
        .exec(sql::kPage, page.after.value_or(""),
              status ? std::optional<std::string>(word(*status)) : std::nullopt, page.limit)
        .all(rows::consultation<Row>);
  });
}

void PostgresConsultationStore::update_consultation(const Consultation& c) {
  write(pool_, [&](Connection& conn) {
    conn.exec(sql::kUpdate, c.id, c.title, c.purpose, c.owner_unit_id,
              json_list(c.audience_unit_ids), json_list(c.audience_bands), c.opens_at, c.closes_at,
              c.decision, c.decision_maker, c.decision_due, c.feedback_due,
              info_cards_json(c.info_cards).dump(), c.info_version, questions_column(*c.questions),
              std::string(word(c.status)), lifecycle_json(c.lifecycle).dump(),
              feedback_json(c.feedback).dump(), c.updated_at);
  });
}

std::int64_t PostgresConsultationStore::response_count(const std::string& consultation_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kResponseCount, consultation_id).row(0).int64(0);
  });
}

std::optional<ConsultationResponse> PostgresConsultationStore::response_of(
    const std::string& consultation_id, const std::string& pupil_id) {
  return read(pool_, [&](Connection& c) -> std::optional<ConsultationResponse> {
    auto result = c.exec(sql::kResponseOf, consultation_id, pupil_id);
    if (result.rows() == 0) return std::nullopt;
    return rows::response(result.row(0));
  });
}

std::vector<ConsultationResponse> PostgresConsultationStore::responses_of_pupil(
    const std::string& pupil_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kResponsesOfPupil, pupil_id).all(rows::response<Row>);
  });
}

std::vector<std::string> PostgresConsultationStore::online_respondents(
    const std::string& consultation_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kOnlineRespondents, consultation_id).all([](const Row& row) {
      return row.text(0);
    });
  });
}

std::vector<ClassAnswers> PostgresConsultationStore::answers_by_class(
    const std::string& consultation_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kAnswersByClass, consultation_id).all([](const Row& row) {
      return ClassAnswers{row.text(0), row.text(1), row.int64(2)};
    });
  });
}

void PostgresConsultationStore::save_batch(const PaperBatch& b,
                                           const std::vector<ConsultationResponse>& sheets,
                                           const std::vector<ResultCounter>& deltas,
                                           const std::vector<Submission>& texts) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kInsertBatch, b.id, b.consultation_id, std::string(word(b.channel)), b.reference,
           b.sheets, b.participants, participants_json(b.participants_by_band).dump(), b.unit_id,
           b.notes, b.created_by, b.created_at);
    write_responses(c, sheets);
    // Thousands of sheets fall into a few counter cells: add each cell once.
    CounterSums sums;
    sums.add(b.consultation_id, deltas);
    write_sums(c, sums);
    insert_submission_rows(c, texts);
  });
}

namespace {

// One child's write, chained after `tip`: their answers (replacing earlier ones), their texts and
// the audit entry. Throws PgError as PostgreSQL does.
void write_child(Connection& c, ChildWrite& w, const AuditTip& tip, const AuditSeal& seal) {
  if (w.response) {
    if (w.replaces) c.exec(sql::kWithdrawTexts, w.response->id, w.response->updated_at);
    write_response(c, *w.response);
  }
  for (const auto& t : w.texts) insert_submission_row(c, t);
  w.audit.seq = tip.seq + 1;
  w.audit.prev_hash = tip.hash;
  insert_audit_row(c, w.audit, seal);
}

// A replacement whose earlier answers were replaced meanwhile by another request.
bool crossed(Connection& c, const ChildWrite& w) {
  return w.response && w.replaces && w.earlier && !still_stored(c, *w.earlier);
}

// Thrown out of a batch written straight when one of its writes failed: the transaction is
// rolled back and the batch written again one savepoint per write.
struct WriteEachAlone {};

// The batch in one transaction. Nearly every batch holds no clash and is written straight
// (`alone` false), without the two round trips of a savepoint around each write; a write that
// fails throws WriteEachAlone. With `alone` each write is in a savepoint of its own, and a write
// that fails is undone alone.
std::vector<WriteOutcome> save_batch_of(Pool& pool, std::vector<ChildWrite>& writes,
                                        const AuditSeal& seal, bool alone) {
  std::vector<WriteOutcome> outcomes(writes.size(), WriteOutcome::kFailed);
  write(pool, [&](Connection& c) {
    c.exec(sql::kAdvisoryLock, sql::kAuditLockKey);
    AuditTip tip = audit_tip(c);
    CounterSums sums;
    for (std::size_t i = 0; i < writes.size(); ++i) {
      auto& w = writes[i];
      if (alone) c.exec_script("SAVEPOINT answer");
      try {
        if (crossed(c, w)) {
          if (alone) c.exec_script("ROLLBACK TO SAVEPOINT answer; RELEASE SAVEPOINT answer");
          outcomes[i] = WriteOutcome::kConflict;
          continue;
        }
        write_child(c, w, tip, seal);
        if (alone) c.exec_script("RELEASE SAVEPOINT answer");
      } catch (const PgError& e) {
        if (e.is_unavailable()) throw;
        if (!alone) throw WriteEachAlone{};
        c.exec_script("ROLLBACK TO SAVEPOINT answer; RELEASE SAVEPOINT answer");
        outcomes[i] = e.is_constraint() ? WriteOutcome::kConflict : WriteOutcome::kFailed;
        continue;
      }
      tip = {w.audit.seq, w.audit.hash};
      if (w.response) sums.add(w.response->consultation_id, w.deltas);
      outcomes[i] = WriteOutcome::kSaved;
    }
    write_sums(c, sums);
  });
  return outcomes;
}

}  // namespace

std::vector<WriteOutcome> PostgresConsultationStore::save_child_writes(
    std::vector<ChildWrite>& writes, const AuditSeal& seal) {
  try {
    return save_batch_of(pool_, writes, seal, false);
  } catch (const WriteEachAlone&) {
    return save_batch_of(pool_, writes, seal, true);
  }
}

std::vector<PaperBatch> PostgresConsultationStore::batches(const std::string& consultation_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kBatches, consultation_id).all(rows::batch<Row>);
  });
}

std::vector<ResultCounter> PostgresConsultationStore::counters(const std::string& consultation_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kCounters, consultation_id).all(rows::counter<Row>);
  });
}

Participation PostgresConsultationStore::participation(const std::string& unit_id,
                                                       const std::string& from,
                                                       const std::string& to,
                                                       const std::vector<std::string>& bands) {
  return read(pool_, [&](Connection& c) {
    std::string b = json_list(bands);
    auto one = [&](const char* query) {
      return c.exec(query, unit_id, from, to, b).row(0).int64(0);
    };
    return Participation{one(sql::kOnlineChildren), one(sql::kPaperSheets),
                         one(sql::kForumParticipants)};
  });
}

std::vector<Enrolment> PostgresConsultationStore::enrolment(
    const std::vector<std::string>& unit_ids) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kEnrolment, json_list(unit_ids)).all(rows::enrolment<Row>);
  });
}

void PostgresConsultationStore::insert_target(const Target& t) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kInsertTarget, t.id, t.unit_id, t.kind, t.period_start, t.period_end, t.target,
           t.created_by, t.created_at);
  });
}

std::vector<Target> PostgresConsultationStore::targets() {
  return read(pool_, [&](Connection& c) { return c.exec(sql::kTargets).all(rows::target<Row>); });
}

}  // namespace ln::store::postgres
