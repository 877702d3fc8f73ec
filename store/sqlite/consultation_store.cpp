#include "store/sqlite/consultation_store.h"

#include <nlohmann/json.hpp>
#include <set>

#include "store/counter_sums.h"
#include "store/rows.h"
#include "store/sqlite/access.h"
#include "store/sqlite/audit_store.h"
#include "store/sqlite/submission_store.h"

namespace ln::store::sqlite {
namespace sql {

constexpr const char* kColumns =
    "SELECT id, title, purpose, owner_unit_id, audience_unit_ids, audience_bands, opens_at, "
    "closes_at,"
    " decision, decision_maker, decision_due, feedback_due, info_cards, info_version, questions, "
    "status,"
    " lifecycle, feedback, created_by, created_at, updated_at,"
    " COALESCE((SELECT version FROM results_versions WHERE consultation_id = consultations.id), 0)"
    " FROM consultations ";
constexpr const char* kInsert =
    "INSERT INTO consultations(id, title, purpose, owner_unit_id, audience_unit_ids, "
    "audience_bands,"
    " opens_at, closes_at, decision, decision_maker, decision_due, feedback_due, info_cards, "
    "info_version,"
    " questions, status, lifecycle, feedback, created_by, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19, ?20, ?21)";
constexpr const char* kUpdate =
    "UPDATE consultations SET title = ?2, purpose = ?3, owner_unit_id = ?4, audience_unit_ids = ?5,"
    " audience_bands = ?6, opens_at = ?7, closes_at = ?8, decision = ?9, decision_maker = ?10,"
    " decision_due = ?11, feedback_due = ?12, info_cards = ?13, info_version = ?14, questions = "
    "?15,"
    " status = ?16, lifecycle = ?17, feedback = ?18, updated_at = ?21 WHERE id = ?1";
constexpr const char* kResponseCount =
    "SELECT COUNT(*) FROM consultation_responses WHERE consultation_id = ?1";
constexpr const char* kResponseColumns =
    "SELECT id, consultation_id, pupil_id, channel, age_band, gender, unit_id, info_version, "
    "answers,"
    " idempotency_key, batch_id, created_at, updated_at FROM consultation_responses ";
// Consultations outer, so each probes the (consultation_id, pupil_id) index: no index on
// pupil_id alone, which every answer would have to keep up.
constexpr const char* kResponsesOfPupil =
    "SELECT r.id, r.consultation_id, r.pupil_id, r.channel, r.age_band, r.gender, r.unit_id,"
    " r.info_version, r.answers, r.idempotency_key, r.batch_id, r.created_at, r.updated_at"
    " FROM consultations c CROSS JOIN consultation_responses r"
    " ON r.consultation_id = c.id AND r.pupil_id = ?1 ORDER BY r.created_at, r.id";
constexpr const char* kOnlineRespondents =
    "SELECT DISTINCT pupil_id FROM consultation_responses"
    " WHERE consultation_id = ?1 AND channel = 'online' AND pupil_id IS NOT NULL ORDER BY pupil_id";
constexpr const char* kAnswersByClass =
    "SELECT r.unit_id, COALESCE(p.class_id, ''), COUNT(*) FROM consultation_responses r"
    " LEFT JOIN pupils p ON p.id = r.pupil_id"
    " WHERE r.consultation_id = ?1 AND r.channel = 'online'"
    " GROUP BY r.unit_id, COALESCE(p.class_id, '')";
constexpr const char* kUpsertResponse =
    "INSERT INTO consultation_responses(id, consultation_id, pupil_id, channel, age_band, gender, "
    "unit_id,"
    " info_version, answers, idempotency_key, batch_id, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    " ON CONFLICT(id) DO UPDATE SET age_band = excluded.age_band, gender = excluded.gender,"
    " unit_id = excluded.unit_id, info_version = excluded.info_version, answers = excluded.answers,"
    " idempotency_key = excluded.idempotency_key, updated_at = excluded.updated_at";
constexpr const char* kSavepoint = "SAVEPOINT child_write";
constexpr const char* kReleaseSavepoint = "RELEASE child_write";
constexpr const char* kRollbackToSavepoint = "ROLLBACK TO child_write";
constexpr const char* kBumpResultsVersion =
    "INSERT INTO results_versions(consultation_id, version) VALUES (?1, 1)"
    " ON CONFLICT(consultation_id) DO UPDATE SET version = results_versions.version + 1";
constexpr const char* kAddCounter =
    "INSERT INTO consultation_counters(consultation_id, question_id, option_key, age_band, gender,"
    " unit_id, channel, count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT DO UPDATE SET count = count + excluded.count";
constexpr const char* kCounters =
    "SELECT question_id, option_key, age_band, gender, unit_id, channel, count"
    " FROM consultation_counters WHERE consultation_id = ?1 AND count <> 0";
constexpr const char* kResponseState =
    "SELECT answers, age_band, gender, unit_id FROM consultation_responses WHERE id = ?1";
constexpr const char* kWithdrawTexts =
    "UPDATE submissions SET status = 'withdrawn', updated_at = ?2"
    " WHERE response_id = ?1 AND status IN ('submitted', 'queued')";
constexpr const char* kInsertBatch =
    "INSERT INTO consultation_batches(id, consultation_id, channel, reference, sheets, "
    "participants,"
    " participants_by_band, unit_id, notes, created_by, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
constexpr const char* kBatches =
    "SELECT id, consultation_id, channel, reference, sheets, participants, participants_by_band, "
    "unit_id,"
    " notes, created_by, created_at FROM consultation_batches WHERE consultation_id = ?1"
    " ORDER BY created_at, id";
constexpr const char* kScope =
    "WITH RECURSIVE scope(id) AS (SELECT ?1 UNION SELECT u.id FROM units u JOIN scope ON "
    "u.parent_id = scope.id) ";
constexpr const char* kOnlineChildren =
    "SELECT COUNT(DISTINCT pupil_id) FROM consultation_responses WHERE channel = 'online'"
    " AND unit_id IN (SELECT id FROM scope) AND created_at >= ?2 AND created_at < ?3"
    " AND (json_array_length(?4) = 0 OR age_band IN (SELECT value FROM json_each(?4)))";
constexpr const char* kPaperSheets =
    "SELECT COUNT(*) FROM consultation_responses WHERE channel = 'paper'"
    " AND unit_id IN (SELECT id FROM scope) AND created_at >= ?2 AND created_at < ?3"
    " AND (json_array_length(?4) = 0 OR age_band IN (SELECT value FROM json_each(?4)))";
constexpr const char* kForumParticipants =
    "SELECT COALESCE(SUM(CAST(j.value AS INTEGER)), 0) FROM consultation_batches b,"
    " json_each(b.participants_by_band) j WHERE b.channel = 'forum' AND b.unit_id IN (SELECT id "
    "FROM scope)"
    " AND b.created_at >= ?2 AND b.created_at < ?3"
    " AND (json_array_length(?4) = 0 OR j.key IN (SELECT value FROM json_each(?4)))";
constexpr const char* kEnrolment =
    "WITH RECURSIVE scope(id) AS (SELECT value FROM json_each(?1)"
    " UNION SELECT u.id FROM units u JOIN scope ON u.parent_id = scope.id) "
    "SELECT s.unit_id, p.age_band, COUNT(*) FROM pupils p JOIN classes c ON c.id = p.class_id"
    " JOIN schools s ON s.id = c.school_id WHERE p.status = 'active' AND s.unit_id IN (SELECT id "
    "FROM scope)"
    " GROUP BY s.unit_id, p.age_band";
constexpr const char* kInsertTarget =
    "INSERT INTO targets(id, unit_id, kind, period_start, period_end, target, created_by, "
    "created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr const char* kTargets =
    "SELECT id, unit_id, kind, period_start, period_end, target, created_by, created_at FROM "
    "targets"
    " ORDER BY period_start, id";

// Room for the index pages a batch touches (32 MiB), kept from one batch to the next; and the
// sub-journal (what a savepoint or a many-row statement may have to undo) in memory, not in a
// temporary file written with a syscall per page. Only on this connection: elsewhere a large
// sort would spill its temporary files into memory too.
constexpr const char* kCommitPragmas = "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY;";
}  // namespace sql

namespace {

void bind_consultation(Statement& s, const Consultation& c) {
  s.bind(1, c.id)
      .bind(2, c.title)
      .bind(3, c.purpose)
      .bind(4, c.owner_unit_id)
      .bind(5, json_list(c.audience_unit_ids))
      .bind(6, json_list(c.audience_bands))
      .bind(7, c.opens_at)
      .bind(8, c.closes_at)
      .bind(9, c.decision)
      .bind(10, c.decision_maker)
      .bind(11, c.decision_due)
      .bind(12, c.feedback_due)
      .bind(13, info_cards_json(c.info_cards).dump())
      .bind(14, c.info_version)
      .bind(15, questions_column(*c.questions))
      .bind(16, word(c.status))
      .bind(17, lifecycle_json(c.lifecycle).dump())
      .bind(18, feedback_json(c.feedback).dump())
      .bind(19, c.created_by)
      .bind(20, c.created_at)
      .bind(21, c.updated_at);
}

void write_response(Connection& c, const ConsultationResponse& r) {
  c.prepare(sql::kUpsertResponse)
      .bind(1, r.id)
      .bind(2, r.consultation_id)
      .bind(3, r.pupil_id)
      .bind(4, word(r.channel))
      .bind(5, r.age_band)
      .bind(6, r.gender)
      .bind(7, r.unit_id)
      .bind(8, r.info_version)
      .bind(9, answers_json(r.answers).dump())
      .bind(10, r.idempotency_key)
      .bind(11, r.batch_id)
      .bind(12, r.created_at)
      .bind(13, r.updated_at)
      .run();
}

void add_counters(Connection& c, const std::string& consultation_id,
                  const std::vector<ResultCounter>& deltas) {
  for (const auto& d : deltas)
    c.prepare(sql::kAddCounter)
        .bind(1, consultation_id)
        .bind(2, d.question_id)
        .bind(3, d.option_key)
        .bind(4, d.age_band)
        .bind(5, d.gender)
        .bind(6, d.unit_id)
        .bind(7, word(d.channel))
        .bind(8, d.count)
        .run();
}

// A batch's counter cells, and one step of each changed consultation's results version.
void write_sums(Connection& c, const CounterSums& sums) {
  std::set<std::string> changed;
  sums.each([&](const std::string& consultation_id, const ResultCounter& d) {
    add_counters(c, consultation_id, {d});
    changed.insert(consultation_id);
  });
  for (const auto& id : changed) c.prepare(sql::kBumpResultsVersion).bind(1, id).run();
}

// Undoes one write of a group commit, leaving the batch's other writes in its transaction.
void undo_write(Connection& c) {
  c.prepare(sql::kRollbackToSavepoint).run();
  c.prepare(sql::kReleaseSavepoint).run();
}

// The replaced answers are still the stored ones (nobody replaced them since they were read).
bool still_stored(Connection& c, const ConsultationResponse& earlier) {
  auto s = c.prepare(sql::kResponseState);
  s.bind(1, earlier.id);
  return s.step() && answers_from_column(s.text(0)) == earlier.answers &&
         s.text(1) == earlier.age_band && s.text(2) == earlier.gender &&
         s.text(3) == earlier.unit_id;
}

std::int64_t scalar(Connection& c, const std::string& sql, const std::string& unit,
                    const std::string& from, const std::string& to, const std::string& bands) {
  auto s = c.prepare(sql);
  s.bind(1, unit).bind(2, from).bind(3, to).bind(4, bands);
  s.step();
  return s.int64(0);
}

}  // namespace

void SqliteConsultationStore::insert_consultation(const Consultation& c) {
  write(pool_, [&](Connection& conn) {
    auto s = conn.prepare(sql::kInsert);
    bind_consultation(s, c);
    s.run();
  });
}

std::optional<Consultation> SqliteConsultationStore::consultation(const std::string& id) {
  return first_row(pool_, std::string(sql::kColumns) + "WHERE id = ?1", id,
                   rows::consultation<Statement>);
}

std::vector<Consultation> SqliteConsultationStore::consultations(
    const Page& page, const std::optional<ConsultationStatus>& status) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kColumns) +
                       "WHERE id > ?1 AND (?2 IS NULL OR status = ?2) ORDER BY id LIMIT ?3");
    s.bind(1, page.after.value_or(""))
        .bind(2, status ? std::optional<std::string_view>(word(*status)) : std::nullopt)
        .bind(3, page.limit);
    return all_rows(s, rows::consultation<Statement>);
  });
}

void SqliteConsultationStore::update_consultation(const Consultation& c) {
  write(pool_, [&](Connection& conn) {
    auto s = conn.prepare(sql::kUpdate);
    bind_consultation(s, c);
    s.run();
  });
}

std::int64_t SqliteConsultationStore::response_count(const std::string& consultation_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kResponseCount);
    s.bind(1, consultation_id);
    s.step();
    return s.int64(0);
  });
}

std::optional<ConsultationResponse> SqliteConsultationStore::response_of(
    const std::string& consultation_id, const std::string& pupil_id) {
  return read(pool_, [&](Connection& c) -> std::optional<ConsultationResponse> {
    auto s = c.prepare(std::string(sql::kResponseColumns) +
                       "WHERE consultation_id = ?1 AND pupil_id = ?2");
    s.bind(1, consultation_id).bind(2, pupil_id);
    if (!s.step()) return std::nullopt;
    return rows::response<Statement>(s);
  });
}

std::vector<ConsultationResponse> SqliteConsultationStore::responses_of_pupil(
    const std::string& pupil_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kResponsesOfPupil);
    s.bind(1, pupil_id);
    return all_rows(s, rows::response<Statement>);
  });
}

std::vector<std::string> SqliteConsultationStore::online_respondents(
    const std::string& consultation_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kOnlineRespondents);
    s.bind(1, consultation_id);
    return all_rows(s, [](const Statement& row) { return row.text(0); });
  });
}

std::vector<ClassAnswers> SqliteConsultationStore::answers_by_class(
    const std::string& consultation_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kAnswersByClass);
    s.bind(1, consultation_id);
    return all_rows(s, [](const Statement& row) {
      return ClassAnswers{row.text(0), row.text(1), row.int64(2)};
    });
  });
}

void SqliteConsultationStore::save_batch(const PaperBatch& b,
                                         const std::vector<ConsultationResponse>& sheets,
                                         const std::vector<ResultCounter>& deltas,
                                         const std::vector<Submission>& texts) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kInsertBatch)
        .bind(1, b.id)
        .bind(2, b.consultation_id)
        .bind(3, word(b.channel))
        .bind(4, b.reference)
        .bind(5, b.sheets)
        .bind(6, b.participants)
        .bind(7, participants_json(b.participants_by_band).dump())
        .bind(8, b.unit_id)
        .bind(9, b.notes)
        .bind(10, b.created_by)
        .bind(11, b.created_at)
        .run();
    for (const auto& r : sheets) write_response(c, r);
    // Thousands of sheets fall into a few counter cells: add each cell once.
    CounterSums sums;
    sums.add(b.consultation_id, deltas);
    write_sums(c, sums);
    for (const auto& t : texts) insert_submission_row(c, t);
  });
}

namespace {

// One child's write, chained after `tip`: their answers (replacing earlier ones), their texts and
// the audit entry. Throws SqliteError as SQLite does.
void write_child(Connection& c, ChildWrite& w, const AuditTip& tip, const AuditSeal& seal) {
  if (w.response) {
    if (w.replaces)
      c.prepare(sql::kWithdrawTexts).bind(1, w.response->id).bind(2, w.response->updated_at).run();
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

// The batch in one transaction. Nearly every batch holds no clash and is written straight
// (`alone` false): no savepoint per write, which would copy every page it touches into the
// sub-journal; nullopt when a write fails, and the transaction is rolled back. With `alone` each
// write is in a savepoint of its own, and a write that fails is undone alone.
std::optional<std::vector<WriteOutcome>> save_batch_of(Connection& c,
                                                       std::vector<ChildWrite>& writes,
                                                       const AuditSeal& seal, bool alone) {
  std::vector<WriteOutcome> outcomes(writes.size(), WriteOutcome::kFailed);
  Transaction tx(c);
  AuditTip tip = audit_tip(c);
  CounterSums sums;
  for (std::size_t i = 0; i < writes.size(); ++i) {
    auto& w = writes[i];
    // Prepared once per connection: parsing them on every write was 9 % of the committer's time.
    if (alone) c.prepare(sql::kSavepoint).run();
    try {
      if (crossed(c, w)) {
        if (alone) undo_write(c);
        outcomes[i] = WriteOutcome::kConflict;
        continue;
      }
      write_child(c, w, tip, seal);
      if (alone) c.prepare(sql::kReleaseSavepoint).run();
    } catch (const SqliteError& e) {
      if (!alone) return std::nullopt;
      undo_write(c);
      outcomes[i] = e.is_constraint() ? WriteOutcome::kConflict : WriteOutcome::kFailed;
      continue;
    }
    tip = {w.audit.seq, w.audit.hash};
    if (w.response) sums.add(w.response->consultation_id, w.deltas);
    outcomes[i] = WriteOutcome::kSaved;
  }
  write_sums(c, sums);
  tx.commit();
  return outcomes;
}

}  // namespace

std::vector<WriteOutcome> SqliteConsultationStore::save_child_writes(
    std::vector<ChildWrite>& writes, const AuditSeal& seal) {
  std::lock_guard lock(commit_mutex_);
  if (!commit_connection_) {
    commit_connection_ = pool_.open();
    commit_connection_->exec(sql::kCommitPragmas);
  }
  if (auto outcomes = save_batch_of(*commit_connection_, writes, seal, false)) return *outcomes;
  return *save_batch_of(*commit_connection_, writes, seal, true);
}

std::vector<PaperBatch> SqliteConsultationStore::batches(const std::string& consultation_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kBatches);
    s.bind(1, consultation_id);
    return all_rows(s, rows::batch<Statement>);
  });
}

std::vector<ResultCounter> SqliteConsultationStore::counters(const std::string& consultation_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kCounters);
    s.bind(1, consultation_id);
    return all_rows(s, rows::counter<Statement>);
  });
}

Participation SqliteConsultationStore::participation(const std::string& unit_id,
                                                     const std::string& from, const std::string& to,
                                                     const std::vector<std::string>& bands) {
  return read(pool_, [&](Connection& c) {
    std::string b = json_list(bands);
    return Participation{
        scalar(c, std::string(sql::kScope) + sql::kOnlineChildren, unit_id, from, to, b),
        scalar(c, std::string(sql::kScope) + sql::kPaperSheets, unit_id, from, to, b),
        scalar(c, std::string(sql::kScope) + sql::kForumParticipants, unit_id, from, to, b)};
  });
}

std::vector<Enrolment> SqliteConsultationStore::enrolment(
    const std::vector<std::string>& unit_ids) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kEnrolment);
    s.bind(1, json_list(unit_ids));
    return all_rows(s, rows::enrolment<Statement>);
  });
}

void SqliteConsultationStore::insert_target(const Target& t) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kInsertTarget)
        .bind(1, t.id)
        .bind(2, t.unit_id)
        .bind(3, t.kind)
        .bind(4, t.period_start)
        .bind(5, t.period_end)
        .bind(6, t.target)
        .bind(7, t.created_by)
        .bind(8, t.created_at)
        .run();
  });
}

std::vector<Target> SqliteConsultationStore::targets() {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kTargets);
    return all_rows(s, rows::target<Statement>);
  });
}

}  // namespace ln::store::sqlite
