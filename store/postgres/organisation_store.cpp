#include "store/postgres/organisation_store.h"

#include "store/postgres/access.h"
#include "store/rows.h"

namespace ln::store::postgres {
namespace sql {

constexpr const char* kUnitColumns =
    "SELECT id, parent_id, kind, name, code, merged_into, retired_at, created_at FROM units ";
const std::string kUnitById = std::string(kUnitColumns) + "WHERE id = $1";
const std::string kUnitByCode = std::string(kUnitColumns) + "WHERE code = $1";
const std::string kUnits = std::string(kUnitColumns) +
                           "WHERE id > $1 AND ($2::text IS NULL OR parent_id = $2) "
                           "ORDER BY id LIMIT $3";
constexpr const char* kInsertUnit =
    "INSERT INTO units(id, parent_id, kind, name, code, merged_into, retired_at, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr const char* kUpdateUnit =
    "UPDATE units SET parent_id = $2, kind = $3, name = $4, code = $5, merged_into = $6, "
    "retired_at = $7 WHERE id = $1";
constexpr const char* kUnitAncestors =
    "WITH RECURSIVE up(id, parent_id, depth) AS ("
    " SELECT id, parent_id, 0 FROM units WHERE id = $1"
    " UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id"
    " WHERE up.depth < 16) SELECT id FROM up ORDER BY depth";
constexpr const char* kMergeUnit =
    "UPDATE units SET merged_into = $2, retired_at = $3 WHERE id = $1";
constexpr const char* kMoveChildUnits = "UPDATE units SET parent_id = $2 WHERE parent_id = $1";
constexpr const char* kMoveSchools = "UPDATE schools SET unit_id = $2 WHERE unit_id = $1";

constexpr const char* kSchoolColumns =
    "SELECT id, unit_id, name, code, retired_at, created_at FROM schools ";
const std::string kSchoolById = std::string(kSchoolColumns) + "WHERE id = $1";
const std::string kSchoolByCode = std::string(kSchoolColumns) + "WHERE code = $1";
const std::string kSchools = std::string(kSchoolColumns) +
                             "WHERE id > $1 AND ($2::text IS NULL OR unit_id = $2) "
                             "ORDER BY id LIMIT $3";
constexpr const char* kInsertSchool =
    "INSERT INTO schools(id, unit_id, name, code, retired_at, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kUpdateSchool =
    "UPDATE schools SET unit_id = $2, name = $3, code = $4, retired_at = $5 WHERE id = $1";

constexpr const char* kClassColumns =
    "SELECT c.id, c.school_id, s.unit_id, c.name, c.grade, c.school_year, c.created_by, "
    "c.retired_at, c.created_at FROM classes c JOIN schools s ON s.id = c.school_id ";
const std::string kClassById = std::string(kClassColumns) + "WHERE c.id = $1";
constexpr const char* kInsertClass =
    "INSERT INTO classes(id, school_id, name, grade, school_year, created_by, retired_at, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr const char* kUpdateClass =
    "UPDATE classes SET name = $2, grade = $3, school_year = $4, retired_at = $5 WHERE id = $1";
constexpr const char* kClassesInScope =
    "WITH RECURSIVE scope(id) AS ("
    " SELECT value COLLATE \"C\" FROM jsonb_array_elements_text($1::jsonb)"
    " UNION SELECT u.id FROM units u JOIN scope ON u.parent_id = scope.id) "
    "SELECT c.id, c.school_id, s.unit_id, c.name, c.grade, c.school_year, c.created_by, "
    "c.retired_at, c.created_at FROM classes c JOIN schools s ON s.id = c.school_id "
    "WHERE ($2::boolean OR s.unit_id IN (SELECT id FROM scope)) AND c.id > $3 "
    "AND ($5::jsonb = '[]'::jsonb OR c.school_id IN"
    " (SELECT value COLLATE \"C\" FROM jsonb_array_elements_text($5::jsonb))) "
    "ORDER BY c.id LIMIT $4";

constexpr const char* kJoinCodeColumns =
    "SELECT code, class_id, created_by, created_at, expires_at, revoked_at FROM join_codes ";
const std::string kJoinCode = std::string(kJoinCodeColumns) + "WHERE code = $1";
const std::string kJoinCodesOfClass =
    std::string(kJoinCodeColumns) + "WHERE class_id = $1 ORDER BY created_at DESC, code";
constexpr const char* kInsertJoinCode =
    "INSERT INTO join_codes(code, class_id, created_by, created_at, expires_at, revoked_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kRevokeJoinCode =
    "UPDATE join_codes SET revoked_at = $2 WHERE code = $1 AND revoked_at IS NULL";

constexpr const char* kAuthorityColumns =
    "SELECT a.id, a.name, a.kind, a.unit_id, a.code, a.due_days, a.retired_at, a.created_at,"
    " (SELECT string_agg(unit_id, ',' ORDER BY unit_id) FROM authority_units au"
    " WHERE au.authority_id = a.id)"
    " FROM authorities a ";
const std::string kAuthorityById = std::string(kAuthorityColumns) + "WHERE a.id = $1";
const std::string kAuthorityByCode = std::string(kAuthorityColumns) + "WHERE a.code = $1";
const std::string kAuthorities =
    std::string(kAuthorityColumns) + "WHERE a.id > $1 ORDER BY a.id LIMIT $2";
constexpr const char* kInsertAuthority =
    "INSERT INTO authorities(id, name, kind, unit_id, code, due_days, retired_at, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr const char* kUpdateAuthority =
    "UPDATE authorities SET name = $2, kind = $3, unit_id = $4, code = $5, due_days = $6, "
    "retired_at = $7 WHERE id = $1";
constexpr const char* kDeleteServedUnits = "DELETE FROM authority_units WHERE authority_id = $1";
constexpr const char* kInsertServedUnit =
    "INSERT INTO authority_units(authority_id, unit_id) VALUES ($1, $2)";

}  // namespace sql

namespace {

void write_served_units(Connection& c, const Authority& a) {
  c.exec(sql::kDeleteServedUnits, a.id);
  for (const auto& unit_id : a.served_unit_ids) c.exec(sql::kInsertServedUnit, a.id, unit_id);
}

void insert_join_code_row(Connection& c, const JoinCode& j) {
  c.exec(sql::kInsertJoinCode, j.code, j.class_id, j.created_by, j.created_at, j.expires_at,
         j.revoked_at);
}

}  // namespace

void PostgresOrganisationStore::insert_units(const std::vector<Unit>& units) {
  write(pool_, [&](Connection& c) {
    for (const Unit& u : units)
      c.exec(sql::kInsertUnit, u.id, u.parent_id, u.kind, u.name, u.code, u.merged_into,
             u.retired_at, u.created_at);
  });
}

std::optional<Unit> PostgresOrganisationStore::unit(const std::string& id) {
  return first_row(pool_, sql::kUnitById, id, rows::unit<Row>);
}

std::optional<Unit> PostgresOrganisationStore::unit_by_code(const std::string& code) {
  return first_row(pool_, sql::kUnitByCode, code, rows::unit<Row>);
}

std::vector<Unit> PostgresOrganisationStore::units(const Page& page,
                                                   const std::optional<std::string>& parent_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kUnits, page.after.value_or(""), parent_id, page.limit).all(rows::unit<Row>);
  });
}

void PostgresOrganisationStore::update_unit(const Unit& u) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kUpdateUnit, u.id, u.parent_id, u.kind, u.name, u.code, u.merged_into,
           u.retired_at);
  });
}

std::vector<std::string> PostgresOrganisationStore::unit_and_ancestors(const std::string& id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kUnitAncestors, id).all([](const Row& r) { return r.text(0); });
  });
}

void PostgresOrganisationStore::merge_unit(const std::string& from, const std::string& into,
                                           const std::string& at) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kMergeUnit, from, into, at);
    c.exec(sql::kMoveChildUnits, from, into);
    c.exec(sql::kMoveSchools, from, into);
  });
}

void PostgresOrganisationStore::insert_schools(const std::vector<School>& schools) {
  write(pool_, [&](Connection& c) {
    for (const School& s : schools)
      c.exec(sql::kInsertSchool, s.id, s.unit_id, s.name, s.code, s.retired_at, s.created_at);
  });
}

std::optional<School> PostgresOrganisationStore::school(const std::string& id) {
  return first_row(pool_, sql::kSchoolById, id, rows::school<Row>);
}

std::optional<School> PostgresOrganisationStore::school_by_code(const std::string& code) {
  return first_row(pool_, sql::kSchoolByCode, code, rows::school<Row>);
}

std::vector<School> PostgresOrganisationStore::schools(const Page& page,
                                                       const std::optional<std::string>& unit_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kSchools, page.after.value_or(""), unit_id, page.limit)
        .all(rows::school<Row>);
  });
}

void PostgresOrganisationStore::update_school(const School& s) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kUpdateSchool, s.id, s.unit_id, s.name, s.code, s.retired_at);
  });
}

void PostgresOrganisationStore::insert_class(const SchoolClass& k, const JoinCode& first_code) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kInsertClass, k.id, k.school_id, k.name, k.grade, k.school_year, k.created_by,
           k.retired_at, k.created_at);
    insert_join_code_row(c, first_code);
  });
}

std::optional<SchoolClass> PostgresOrganisationStore::school_class(const std::string& id) {
  return first_row(pool_, sql::kClassById, id, rows::school_class<Row>);
}

std::vector<SchoolClass> PostgresOrganisationStore::classes(
    const Page& page, const std::vector<std::string>& unit_ids, bool everywhere,
    const std::vector<std::string>& school_ids) {
  return read(pool_, [&](Connection& c) {
    return c
        .exec(sql::kClassesInScope, json_list(unit_ids), everywhere, page.after.value_or(""),
              page.limit, json_list(school_ids))
        .all(rows::school_class<Row>);
  });
}

void PostgresOrganisationStore::update_class(const SchoolClass& k) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kUpdateClass, k.id, k.name, k.grade, k.school_year, k.retired_at);
  });
}

void PostgresOrganisationStore::insert_join_code(const JoinCode& j) {
  write(pool_, [&](Connection& c) { insert_join_code_row(c, j); });
}

std::optional<JoinCode> PostgresOrganisationStore::join_code(const std::string& code) {
  return first_row(pool_, sql::kJoinCode, code, rows::join_code<Row>);
}

std::vector<JoinCode> PostgresOrganisationStore::join_codes(const std::string& class_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kJoinCodesOfClass, class_id).all(rows::join_code<Row>);
  });
}

void PostgresOrganisationStore::revoke_join_code(const std::string& code, const std::string& at) {
  write(pool_, [&](Connection& c) { c.exec(sql::kRevokeJoinCode, code, at); });
}

void PostgresOrganisationStore::insert_authorities(const std::vector<Authority>& authorities) {
  write(pool_, [&](Connection& c) {
    for (const Authority& a : authorities) {
      c.exec(sql::kInsertAuthority, a.id, a.name, a.kind, a.unit_id, a.code, a.due_days,
             a.retired_at, a.created_at);
      write_served_units(c, a);
    }
  });
}

std::optional<Authority> PostgresOrganisationStore::authority(const std::string& id) {
  return first_row(pool_, sql::kAuthorityById, id, rows::authority<Row>);
}

std::optional<Authority> PostgresOrganisationStore::authority_by_code(const std::string& code) {
  return first_row(pool_, sql::kAuthorityByCode, code, rows::authority<Row>);
}

std::vector<Authority> PostgresOrganisationStore::authorities(const Page& page) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kAuthorities, page.after.value_or(""), page.limit).all(rows::authority<Row>);
  });
}

void PostgresOrganisationStore::update_authority(const Authority& a) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kUpdateAuthority, a.id, a.name, a.kind, a.unit_id, a.code, a.due_days,
           a.retired_at);
    write_served_units(c, a);
  });
}

}  // namespace ln::store::postgres
