#include "store/sqlite/council_store.h"

#include "store/council_columns.h"
#include "store/rows.h"
#include "store/sqlite/access.h"

namespace ln::store::sqlite {
namespace sql {

constexpr const char* kCouncilColumns =
    "SELECT id, unit_id, name, term_start, term_end, member_cap, min_age, max_age, adviser_ids,"
    " created_by, created_at, updated_at FROM councils ";
constexpr const char* kInsertCouncil =
    "INSERT INTO councils(id, unit_id, name, term_start, term_end, member_cap, min_age, max_age,"
    " adviser_ids, created_by, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
constexpr const char* kUpdateCouncil =
    "UPDATE councils SET name = ?3, term_start = ?4, term_end = ?5, member_cap = ?6, min_age = ?7,"
    " max_age = ?8, adviser_ids = ?9, updated_at = ?12 WHERE id = ?1";
constexpr const char* kMemberColumns =
    "SELECT id, council_id, pupil_id, role, joined_by, joined_on, left_on, created_by, created_at"
    " FROM council_members ";
constexpr const char* kCurrentMembers =
    "SELECT COUNT(*) FROM council_members WHERE council_id = ?1 AND left_on IS NULL";
constexpr const char* kInsertMember =
    "INSERT INTO council_members(id, council_id, pupil_id, role, joined_by, joined_on, left_on,"
    " created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr const char* kEndMember =
    "UPDATE council_members SET left_on = ?2 WHERE id = ?1 AND left_on IS NULL"
    " RETURNING pupil_id";
// The council_member role follows from holding a current membership.
constexpr const char* kDeriveRole =
    "UPDATE pupils SET role = CASE WHEN EXISTS (SELECT 1 FROM council_members"
    " WHERE pupil_id = ?1 AND left_on IS NULL) THEN 'council_member' ELSE 'pupil' END"
    " WHERE id = ?1";
constexpr const char* kSessionColumns =
    "SELECT id, council_id, title, planned_for, location, status, agenda, held_on, attendance,"
    " minutes, lifecycle, created_by, created_at, updated_at FROM council_sessions ";
constexpr const char* kInsertSession =
    "INSERT INTO council_sessions(id, council_id, title, planned_for, location, status, agenda,"
    " held_on, attendance, minutes, lifecycle, created_by, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
constexpr const char* kUpdateSession =
    "UPDATE council_sessions SET title = ?3, planned_for = ?4, location = ?5, status = ?6,"
    " agenda = ?7, held_on = ?8, attendance = ?9, minutes = ?10, lifecycle = ?11,"
    " updated_at = ?14 WHERE id = ?1";
constexpr const char* kProposalColumns =
    "SELECT id, session_id, council_id, title, text, present, votes_for, votes_against,"
    " abstentions, votes, adopted, recommendation_id, created_by, created_at, position"
    " FROM council_proposals ";
constexpr const char* kInsertProposal =
    "INSERT INTO council_proposals(id, session_id, council_id, title, text, present, votes_for,"
    " votes_against, abstentions, votes, adopted, recommendation_id, created_by, created_at,"
    " position)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
constexpr const char* kEventColumns =
    "SELECT id, unit_id, kind, title, held_on, participants_by_band, participants, outcomes,"
    " council_id, created_by, created_at FROM events ";
constexpr const char* kInsertEvent =
    "INSERT INTO events(id, unit_id, kind, title, held_on, participants_by_band, participants,"
    " outcomes, council_id, created_by, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
constexpr const char* kScope =
    "WITH RECURSIVE scope(id) AS (SELECT ?1 UNION SELECT u.id FROM units u JOIN scope ON "
    "u.parent_id = scope.id) ";
constexpr const char* kEventsIn =
    "AND unit_id IN (SELECT id FROM scope) AND held_on >= ?2 AND held_on < ?3"
    " ORDER BY held_on, id";

// Reports.
constexpr const char* kChildrenConsulted =
    "SELECT 'online', age_band, gender, COUNT(*) FROM ("
    "  SELECT age_band, gender, ROW_NUMBER() OVER (PARTITION BY pupil_id"
    "    ORDER BY created_at DESC, id DESC) AS n FROM consultation_responses"
    "  WHERE channel = 'online' AND unit_id IN (SELECT id FROM scope)"
    "    AND created_at >= ?2 AND created_at < ?3) WHERE n = 1 GROUP BY age_band, gender "
    "UNION ALL SELECT 'paper', age_band, gender, COUNT(*) FROM consultation_responses"
    "  WHERE channel = 'paper' AND unit_id IN (SELECT id FROM scope)"
    "    AND created_at >= ?2 AND created_at < ?3 GROUP BY age_band, gender "
    "UNION ALL SELECT 'forum', j.key, 'unknown', SUM(CAST(j.value AS INTEGER))"
    "  FROM consultation_batches b, json_each(b.participants_by_band) j"
    "  WHERE b.channel = 'forum' AND b.unit_id IN (SELECT id FROM scope)"
    "    AND b.created_at >= ?2 AND b.created_at < ?3 GROUP BY j.key";
constexpr const char* kConsultationsHeld =
    "SELECT id, title, purpose, owner_unit_id, audience_unit_ids, audience_bands, opens_at,"
    " closes_at, decision, decision_maker, decision_due, feedback_due, info_cards, info_version,"
    " questions, status, lifecycle, feedback, created_by, created_at, updated_at"
    // Held in a unit when the unit runs it or its children are asked.
    " FROM consultations WHERE status <> 'draft' AND (owner_unit_id IN (SELECT id FROM scope)"
    " OR EXISTS (SELECT 1 FROM json_each(consultations.audience_unit_ids) a"
    "   WHERE a.value IN (SELECT id FROM scope)))"
    " AND opens_at < ?3 AND closes_at >= ?2 ORDER BY opens_at, id";
constexpr const char* kSubmissionCounts =
    // Returned: sent back to the child once at least, whatever became of it since.
    "SELECT status, COALESCE(queue, ''), COUNT(*), COALESCE(SUM(CASE WHEN status = 'returned'"
    " OR EXISTS (SELECT 1 FROM json_each(submissions.revisions) v"
    "   WHERE json_extract(v.value, '$.decision.decision') = 'return')"
    " THEN 1 ELSE 0 END), 0) FROM submissions"
    " WHERE unit_id IN (SELECT id FROM scope) AND created_at >= ?2 AND created_at < ?3"
    " GROUP BY status, COALESCE(queue, '')";

}  // namespace sql

namespace {

void bind_council(Statement& s, const Council& c) {
  s.bind(1, c.id)
      .bind(2, c.unit_id)
      .bind(3, c.name)
      .bind(4, c.term_start)
      .bind(5, c.term_end)
      .bind(6, c.member_cap)
      .bind(7, c.min_age)
      .bind(8, c.max_age)
      .bind(9, json_list(c.adviser_ids))
      .bind(10, c.created_by)
      .bind(11, c.created_at)
      .bind(12, c.updated_at);
}

void bind_session(Statement& s, const CouncilSession& x) {
  s.bind(1, x.id)
      .bind(2, x.council_id)
      .bind(3, x.title)
      .bind(4, x.planned_for)
      .bind(5, x.location)
      .bind(6, column(x.status))
      .bind(7, agenda_text(x.agenda))
      .bind(8, x.held_on)
      .bind(9, attendance_text(x.attendance))
      .bind(10, x.minutes)
      .bind(11, lifecycle_text(x.lifecycle))
      .bind(12, x.created_by)
      .bind(13, x.created_at)
      .bind(14, x.updated_at);
}

template <typename Map>
auto scoped(Pool& pool, const std::string& sql, const std::string& unit, const std::string& from,
            const std::string& to, Map map) {
  return read(pool, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kScope) + sql);
    s.bind(1, unit).bind(2, from).bind(3, to);
    return all_rows(s, map);
  });
}

}  // namespace

void SqliteCouncilStore::insert_council(const Council& c) {
  write(pool_, [&](Connection& conn) {
    auto s = conn.prepare(sql::kInsertCouncil);
    bind_council(s, c);
    s.run();
  });
}

std::optional<Council> SqliteCouncilStore::council(const std::string& id) {
  return first_row(pool_, std::string(sql::kCouncilColumns) + "WHERE id = ?1", id,
                   rows::council<Statement>);
}

std::vector<Council> SqliteCouncilStore::councils(const Page& page) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kCouncilColumns) + "WHERE id > ?1 ORDER BY id LIMIT ?2");
    s.bind(1, page.after.value_or("")).bind(2, page.limit);
    return all_rows(s, rows::council<Statement>);
  });
}

void SqliteCouncilStore::update_council(const Council& c) {
  write(pool_, [&](Connection& conn) {
    auto s = conn.prepare(sql::kUpdateCouncil);
    bind_council(s, c);
    s.run();
  });
}

std::vector<CouncilMember> SqliteCouncilStore::members(const std::string& council_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kMemberColumns) +
                       "WHERE council_id = ?1 ORDER BY created_at, id");
    s.bind(1, council_id);
    return all_rows(s, rows::council_member<Statement>);
  });
}

std::vector<CouncilMember> SqliteCouncilStore::memberships_of(const std::string& pupil_id) {
  return read(pool_, [&](Connection& c) {
    auto s =
        c.prepare(std::string(sql::kMemberColumns) + "WHERE pupil_id = ?1 ORDER BY created_at, id");
    s.bind(1, pupil_id);
    return all_rows(s, rows::council_member<Statement>);
  });
}

bool SqliteCouncilStore::insert_member(const CouncilMember& m, int cap) {
  bool added = false;
  write(pool_, [&](Connection& c) {
    auto count = c.prepare(sql::kCurrentMembers);
    count.bind(1, m.council_id);
    count.step();
    if (count.int64(0) >= cap) return;
    c.prepare(sql::kInsertMember)
        .bind(1, m.id)
        .bind(2, m.council_id)
        .bind(3, m.pupil_id)
        .bind(4, column(m.role))
        .bind(5, column(m.joined_by))
        .bind(6, m.joined_on)
        .bind(7, m.left_on)
        .bind(8, m.created_by)
        .bind(9, m.created_at)
        .run();
    c.prepare(sql::kDeriveRole).bind(1, m.pupil_id).run();
    added = true;
  });
  return added;
}

void SqliteCouncilStore::end_member(const std::string& member_id, const std::string& left_on) {
  write(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kEndMember);
    s.bind(1, member_id).bind(2, left_on);
    if (!s.step()) return;
    std::string pupil = s.text(0);
    while (s.step()) {
    }
    c.prepare(sql::kDeriveRole).bind(1, pupil).run();
  });
}

void SqliteCouncilStore::insert_session(const CouncilSession& x) {
  write(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kInsertSession);
    bind_session(s, x);
    s.run();
  });
}

std::optional<CouncilSession> SqliteCouncilStore::session(const std::string& id) {
  return first_row(pool_, std::string(sql::kSessionColumns) + "WHERE id = ?1", id,
                   rows::council_session<Statement>);
}

std::vector<CouncilSession> SqliteCouncilStore::sessions_of(const std::string& council_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kSessionColumns) +
                       "WHERE council_id = ?1 ORDER BY planned_for, id");
    s.bind(1, council_id);
    return all_rows(s, rows::council_session<Statement>);
  });
}

void SqliteCouncilStore::update_session(const CouncilSession& x) {
  write(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kUpdateSession);
    bind_session(s, x);
    s.run();
  });
}

void SqliteCouncilStore::insert_proposal(const CouncilProposal& p) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kInsertProposal)
        .bind(1, p.id)
        .bind(2, p.session_id)
        .bind(3, p.council_id)
        .bind(4, p.title)
        .bind(5, p.text)
        .bind(6, p.present)
        .bind(7, p.votes_for)
        .bind(8, p.votes_against)
        .bind(9, p.abstentions)
        .bind(10, votes_text(p.votes))
        .bind(11, p.adopted ? 1 : 0)
        .bind(12, p.recommendation_id)
        .bind(13, p.created_by)
        .bind(14, p.created_at)
        .bind(15, p.position)
        .run();
  });
}

std::vector<CouncilProposal> SqliteCouncilStore::proposals_of(const std::string& session_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kProposalColumns) +
                       "WHERE session_id = ?1 ORDER BY position, id");
    s.bind(1, session_id);
    return all_rows(s, rows::council_proposal<Statement>);
  });
}

void SqliteCouncilStore::insert_event(const CouncilEvent& e) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kInsertEvent)
        .bind(1, e.id)
        .bind(2, e.unit_id)
        .bind(3, column(e.kind))
        .bind(4, e.title)
        .bind(5, e.held_on)
        .bind(6, participants_json(e.participants_by_band).dump())
        .bind(7, e.participants)
        .bind(8, outcomes_text(e.outcomes))
        .bind(9, e.council_id)
        .bind(10, e.created_by)
        .bind(11, e.created_at)
        .run();
  });
}

std::optional<CouncilEvent> SqliteCouncilStore::event(const std::string& id) {
  return first_row(pool_, std::string(sql::kEventColumns) + "WHERE id = ?1", id,
                   rows::council_event<Statement>);
}

std::vector<CouncilEvent> SqliteCouncilStore::events_in(const std::string& unit_id,
                                                        const std::string& from,
                                                        const std::string& to) {
  return scoped(pool_, std::string(sql::kEventColumns) + "WHERE 1 = 1 " + sql::kEventsIn, unit_id,
                from, to, rows::council_event<Statement>);
}

std::vector<ContactCount> SqliteReportStore::children_consulted(const std::string& unit_id,
                                                                const std::string& from,
                                                                const std::string& to) {
  return scoped(pool_, sql::kChildrenConsulted, unit_id, from, to, rows::contact_count<Statement>);
}

std::vector<Consultation> SqliteReportStore::consultations_held(const std::string& unit_id,
                                                                const std::string& from,
                                                                const std::string& to) {
  return scoped(pool_, sql::kConsultationsHeld, unit_id, from, to, rows::consultation<Statement>);
}

std::vector<SubmissionCount> SqliteReportStore::submissions(const std::string& unit_id,
                                                            const std::string& from,
                                                            const std::string& to) {
  return scoped(pool_, sql::kSubmissionCounts, unit_id, from, to,
                rows::submission_count<Statement>);
}

}  // namespace ln::store::sqlite
