#include "store/postgres/council_store.h"

#include "store/council_columns.h"
#include "store/postgres/access.h"
#include "store/rows.h"

namespace ln::store::postgres {
namespace sql {

#define LN_COUNCIL_COLUMNS                                                                     \
  "SELECT id, unit_id, name, term_start, term_end, member_cap, min_age, max_age, adviser_ids," \
  " created_by, created_at, updated_at FROM councils "
constexpr const char* kCouncilById = LN_COUNCIL_COLUMNS "WHERE id = $1";
constexpr const char* kCouncilPage = LN_COUNCIL_COLUMNS "WHERE id > $1 ORDER BY id LIMIT $2";
#undef LN_COUNCIL_COLUMNS
constexpr const char* kInsertCouncil =
    "INSERT INTO councils(id, unit_id, name, term_start, term_end, member_cap, min_age, max_age,"
    " adviser_ids, created_by, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
constexpr const char* kUpdateCouncil =
    "UPDATE councils SET name = $2, term_start = $3, term_end = $4, member_cap = $5, min_age = $6,"
    " max_age = $7, adviser_ids = $8, updated_at = $9 WHERE id = $1";
#define LN_MEMBER_COLUMNS                                                                        \
  "SELECT id, council_id, pupil_id, role, joined_by, joined_on, left_on, created_by, created_at" \
  " FROM council_members "
constexpr const char* kMembersOf =
    LN_MEMBER_COLUMNS "WHERE council_id = $1 ORDER BY created_at, id";
constexpr const char* kMembershipsOf =
    LN_MEMBER_COLUMNS "WHERE pupil_id = $1 ORDER BY created_at, id";
#undef LN_MEMBER_COLUMNS
// Holding the Council's row serialises concurrent additions, so the cap holds.
constexpr const char* kLockCouncil = "SELECT id FROM councils WHERE id = $1 FOR UPDATE";
constexpr const char* kCurrentMembers =
    "SELECT COUNT(*) FROM council_members WHERE council_id = $1 AND left_on IS NULL";
constexpr const char* kInsertMember =
    "INSERT INTO council_members(id, council_id, pupil_id, role, joined_by, joined_on, left_on,"
    " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
constexpr const char* kEndMember =
    "UPDATE council_members SET left_on = $2 WHERE id = $1 AND left_on IS NULL"
    " RETURNING pupil_id";
// The council_member role follows from holding a current membership.
constexpr const char* kDeriveRole =
    "UPDATE pupils SET role = CASE WHEN EXISTS (SELECT 1 FROM council_members"
    " WHERE pupil_id = $1 AND left_on IS NULL) THEN 'council_member' ELSE 'pupil' END"
    " WHERE id = $1";
#define LN_SESSION_COLUMNS                                                                    \
  "SELECT id, council_id, title, planned_for, location, status, agenda, held_on, attendance," \
  " minutes, lifecycle, created_by, created_at, updated_at FROM council_sessions "
constexpr const char* kSessionById = LN_SESSION_COLUMNS "WHERE id = $1";
constexpr const char* kSessionsOf =
    LN_SESSION_COLUMNS "WHERE council_id = $1 ORDER BY planned_for, id";
#undef LN_SESSION_COLUMNS
constexpr const char* kInsertSession =
    "INSERT INTO council_sessions(id, council_id, title, planned_for, location, status, agenda,"
    " held_on, attendance, minutes, lifecycle, created_by, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
constexpr const char* kUpdateSession =
    "UPDATE council_sessions SET title = $2, planned_for = $3, location = $4, status = $5,"
    " agenda = $6, held_on = $7, attendance = $8, minutes = $9, lifecycle = $10,"
    " updated_at = $11 WHERE id = $1";
constexpr const char* kProposalsOf =
    "SELECT id, session_id, council_id, title, text, present, votes_for, votes_against,"
    " abstentions, votes, adopted, recommendation_id, created_by, created_at, position"
    " FROM council_proposals WHERE session_id = $1 ORDER BY position, id";
constexpr const char* kInsertProposal =
    "INSERT INTO council_proposals(id, session_id, council_id, title, text, present, votes_for,"
    " votes_against, abstentions, votes, adopted, recommendation_id, created_by, created_at,"
    " position)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
#define LN_EVENT_COLUMNS                                                                    \
  "SELECT id, unit_id, kind, title, held_on, participants_by_band, participants, outcomes," \
  " council_id, created_by, created_at FROM events "
#define LN_SCOPE                                                                               \
  "WITH RECURSIVE scope(id) AS (SELECT $1::text COLLATE \"C\" UNION SELECT u.id FROM units u " \
  "JOIN scope ON u.parent_id = scope.id) "
constexpr const char* kEventById = LN_EVENT_COLUMNS "WHERE id = $1";
constexpr const char* kInsertEvent =
    "INSERT INTO events(id, unit_id, kind, title, held_on, participants_by_band, participants,"
    " outcomes, council_id, created_by, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr const char* kEventsIn = LN_SCOPE LN_EVENT_COLUMNS
    "WHERE unit_id IN (SELECT id FROM scope) AND held_on >= $2 AND held_on < $3"
    " ORDER BY held_on, id";

// Reports.
constexpr const char* kChildrenConsulted = LN_SCOPE
    "SELECT 'online'::text, age_band, gender, COUNT(*) FROM ("
    "  SELECT age_band, gender, ROW_NUMBER() OVER (PARTITION BY pupil_id"
    "    ORDER BY created_at DESC, id DESC) AS n FROM consultation_responses"
    "  WHERE channel = 'online' AND unit_id IN (SELECT id FROM scope)"
    "    AND created_at >= $2 AND created_at < $3) latest WHERE n = 1 GROUP BY age_band, gender "
    "UNION ALL SELECT 'paper'::text, age_band, gender, COUNT(*) FROM consultation_responses"
    "  WHERE channel = 'paper' AND unit_id IN (SELECT id FROM scope)"
    "    AND created_at >= $2 AND created_at < $3 GROUP BY age_band, gender "
    "UNION ALL SELECT 'forum'::text, j.key, 'unknown'::text, SUM(j.value::bigint)"
    "  FROM consultation_batches b, jsonb_each_text(b.participants_by_band::jsonb) j"
    "  WHERE b.channel = 'forum' AND b.unit_id IN (SELECT id FROM scope)"
    "    AND b.created_at >= $2 AND b.created_at < $3 GROUP BY j.key";
constexpr const char* kConsultationsHeld = LN_SCOPE
    "SELECT id, title, purpose, owner_unit_id, audience_unit_ids, audience_bands, opens_at,"
    " closes_at, decision, decision_maker, decision_due, feedback_due, info_cards, info_version,"
    " questions, status, lifecycle, feedback, created_by, created_at, updated_at"
    // Held in a unit when the unit runs it or its children are asked.
    " FROM consultations WHERE status <> 'draft' AND (owner_unit_id IN (SELECT id FROM scope)"
    " OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(consultations.audience_unit_ids::jsonb)"
    "   AS a(unit_id) WHERE a.unit_id IN (SELECT id FROM scope)))"
    " AND opens_at < $3 AND closes_at >= $2 ORDER BY opens_at, id";
constexpr const char* kSubmissionCounts = LN_SCOPE
    // Returned: sent back to the child once at least, whatever became of it since.
    "SELECT status, COALESCE(queue, ''), COUNT(*), COALESCE(SUM(CASE WHEN status = 'returned'"
    " OR EXISTS (SELECT 1 FROM jsonb_array_elements(submissions.revisions::jsonb) AS v(revision)"
    "   WHERE v.revision->'decision'->>'decision' = 'return')"
    " THEN 1 ELSE 0 END), 0) FROM submissions"
    " WHERE unit_id IN (SELECT id FROM scope) AND created_at >= $2 AND created_at < $3"
    " GROUP BY status, COALESCE(queue, '')";
#undef LN_SCOPE
#undef LN_EVENT_COLUMNS

}  // namespace sql

void PostgresCouncilStore::insert_council(const Council& c) {
  write(pool_, [&](Connection& conn) {
    conn.exec(sql::kInsertCouncil, c.id, c.unit_id, c.name, c.term_start, c.term_end, c.member_cap,
              c.min_age, c.max_age, json_list(c.adviser_ids), c.created_by, c.created_at,
              c.updated_at);
  });
}

std::optional<Council> PostgresCouncilStore::council(const std::string& id) {
  return first_row(pool_, sql::kCouncilById, id, rows::council<Row>);
}

std::vector<Council> PostgresCouncilStore::councils(const Page& page) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kCouncilPage, page.after.value_or(""), page.limit).all(rows::council<Row>);
  });
}

void PostgresCouncilStore::update_council(const Council& c) {
  write(pool_, [&](Connection& conn) {
    conn.exec(sql::kUpdateCouncil, c.id, c.name, c.term_start, c.term_end, c.member_cap, c.min_age,
              c.max_age, json_list(c.adviser_ids), c.updated_at);
  });
}

std::vector<CouncilMember> PostgresCouncilStore::members(const std::string& council_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kMembersOf, council_id).all(rows::council_member<Row>);
  });
}

std::vector<CouncilMember> PostgresCouncilStore::memberships_of(const std::string& pupil_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kMembershipsOf, pupil_id).all(rows::council_member<Row>);
  });
}

bool PostgresCouncilStore::insert_member(const CouncilMember& m, int cap) {
  return write(pool_, [&](Connection& c) {
    c.exec(sql::kLockCouncil, m.council_id);
    if (c.exec(sql::kCurrentMembers, m.council_id).row(0).int64(0) >= cap) return false;
    c.exec(sql::kInsertMember, m.id, m.council_id, m.pupil_id, column(m.role), column(m.joined_by), m.joined_on,
           m.left_on, m.created_by, m.created_at);
    c.exec(sql::kDeriveRole, m.pupil_id);
    return true;
  });
}

void PostgresCouncilStore::end_member(const std::string& member_id, const std::string& left_on) {
  write(pool_, [&](Connection& c) {
    auto ended = c.exec(sql::kEndMember, member_id, left_on);
    if (ended.rows() == 0) return;
    c.exec(sql::kDeriveRole, ended.row(0).text(0));
  });
}

void PostgresCouncilStore::insert_session(const CouncilSession& x) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kInsertSession, x.id, x.council_id, x.title, x.planned_for, x.location,
           column(x.status), agenda_text(x.agenda), x.held_on, attendance_text(x.attendance),
           x.minutes, lifecycle_text(x.lifecycle), x.created_by, x.created_at, x.updated_at);
  });
}

std::optional<CouncilSession> PostgresCouncilStore::session(const std::string& id) {
  return first_row(pool_, sql::kSessionById, id, rows::council_session<Row>);
}

std::vector<CouncilSession> PostgresCouncilStore::sessions_of(const std::string& council_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kSessionsOf, council_id).all(rows::council_session<Row>);
  });
}

void PostgresCouncilStore::update_session(const CouncilSession& x) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kUpdateSession, x.id, x.title, x.planned_for, x.location, column(x.status),
           agenda_text(x.agenda), x.held_on, attendance_text(x.attendance), x.minutes,
           lifecycle_text(x.lifecycle), x.updated_at);
  });
}

void PostgresCouncilStore::insert_proposal(const CouncilProposal& p) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kInsertProposal, p.id, p.session_id, p.council_id, p.title, p.text, p.present,
           p.votes_for, p.votes_against, p.abstentions, votes_text(p.votes), p.adopted ? 1 : 0,
           p.recommendation_id, p.created_by, p.created_at, p.position);
  });
}

std::vector<CouncilProposal> PostgresCouncilStore::proposals_of(const std::string& session_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kProposalsOf, session_id).all(rows::council_proposal<Row>);
  });
}

void PostgresCouncilStore::insert_event(const CouncilEvent& e) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kInsertEvent, e.id, e.unit_id, column(e.kind), e.title, e.held_on,
           participants_json(e.participants_by_band).dump(), e.participants,
           outcomes_text(e.outcomes), e.council_id, e.created_by, e.created_at);
  });
}

std::optional<CouncilEvent> PostgresCouncilStore::event(const std::string& id) {
  return first_row(pool_, sql::kEventById, id, rows::council_event<Row>);
}

std::vector<CouncilEvent> PostgresCouncilStore::events_in(const std::string& unit_id,
                                                          const std::string& from,
                                                          const std::string& to) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kEventsIn, unit_id, from, to).all(rows::council_event<Row>);
  });
}

std::vector<ContactCount> PostgresReportStore::children_consulted(const std::string& unit_id,
                                                                  const std::string& from,
                                                                  const std::string& to) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kChildrenConsulted, unit_id, from, to).all(rows::contact_count<Row>);
  });
}

std::vector<Consultation> PostgresReportStore::consultations_held(const std::string& unit_id,
                                                                  const std::string& from,
                                                                  const std::string& to) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kConsultationsHeld, unit_id, from, to).all(rows::consultation<Row>);
  });
}

std::vector<SubmissionCount> PostgresReportStore::submissions(const std::string& unit_id,
                                                              const std::string& from,
                                                              const std::string& to) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kSubmissionCounts, unit_id, from, to).all(rows::submission_count<Row>);
  });
}

}  // namespace ln::store::postgres
