#include "store/sqlite/organisation_store.h"

#include "store/rows.h"
#include "store/sqlite/access.h"

namespace ln::store::sqlite {
namespace sql {

constexpr const char* kUnitColumns =
    "SELECT id, parent_id, kind, name, code, merged_into, retired_at, created_at FROM units ";
constexpr const char* kInsertUnit =
    "INSERT INTO units(id, parent_id, kind, name, code, merged_into, retired_at, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr const char* kUpdateUnit =
    "UPDATE units SET parent_id = ?2, kind = ?3, name = ?4, code = ?5, merged_into = ?6, "
    "retired_at = ?7 WHERE id = ?1";
constexpr const char* kUnitAncestors =
    "WITH RECURSIVE up(id, parent_id, depth) AS ("
    " SELECT id, parent_id, 0 FROM units WHERE id = ?1"
    " UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id"
    " WHERE up.depth < 16) SELECT id FROM up ORDER BY depth";
constexpr const char* kMergeUnit =
    "UPDATE units SET merged_into = ?2, retired_at = ?3 WHERE id = ?1";
constexpr const char* kMoveChildUnits = "UPDATE units SET parent_id = ?2 WHERE parent_id = ?1";
constexpr const char* kMoveSchools = "UPDATE schools SET unit_id = ?2 WHERE unit_id = ?1";

constexpr const char* kSchoolColumns =
    "SELECT id, unit_id, name, code, retired_at, created_at FROM schools ";
constexpr const char* kInsertSchool =
    "INSERT INTO schools(id, unit_id, name, code, retired_at, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* kUpdateSchool =
    "UPDATE schools SET unit_id = ?2, name = ?3, code = ?4, retired_at = ?5 WHERE id = ?1";

constexpr const char* kClassColumns =
    "SELECT c.id, c.school_id, s.unit_id, c.name, c.grade, c.school_year, c.created_by, "
    "c.retired_at, c.created_at FROM classes c JOIN schools s ON s.id = c.school_id ";
constexpr const char* kInsertClass =
    "INSERT INTO classes(id, school_id, name, grade, school_year, created_by, retired_at, "
    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr const char* kUpdateClass =
    "UPDATE classes SET name = ?2, grade = ?3, school_year = ?4, retired_at = ?5 WHERE id = ?1";
constexpr const char* kClassesInScope =
    "WITH RECURSIVE scope(id) AS (SELECT value FROM json_each(?1)"
    " UNION SELECT u.id FROM units u JOIN scope ON u.parent_id = scope.id) "
    "SELECT c.id, c.school_id, s.unit_id, c.name, c.grade, c.school_year, c.created_by, "
    "c.retired_at, c.created_at FROM classes c JOIN schools s ON s.id = c.school_id "
    "WHERE (?2 = 1 OR s.unit_id IN (SELECT id FROM scope)) AND c.id > ?3"
    " AND (?5 = '[]' OR c.school_id IN (SELECT value FROM json_each(?5)))"
    " ORDER BY c.id LIMIT ?4";

constexpr const char* kJoinCodeColumns =
    "SELECT code, class_id, created_by, created_at, expires_at, revoked_at FROM join_codes ";
constexpr const char* kInsertJoinCode =
    "INSERT INTO join_codes(code, class_id, created_by, created_at, expires_at, revoked_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* kRevokeJoinCode =
    "UPDATE join_codes SET revoked_at = ?2 WHERE code = ?1 AND revoked_at IS NULL";

constexpr const char* kAuthorityColumns =
    "SELECT a.id, a.name, a.kind, a.unit_id, a.code, a.due_days, a.retired_at, a.created_at,"
    " (SELECT group_concat(unit_id) FROM authority_units au WHERE au.authority_id = a.id)"
    " FROM authorities a ";
constexpr const char* kInsertAuthority =
    "INSERT INTO authorities(id, name, kind, unit_id, code, due_days, retired_at, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr const char* kUpdateAuthority =
    "UPDATE authorities SET name = ?2, kind = ?3, unit_id = ?4, code = ?5, due_days = ?6, "
    "retired_at = ?7 WHERE id = ?1";
constexpr const char* kDeleteServedUnits = "DELETE FROM authority_units WHERE authority_id = ?1";
constexpr const char* kInsertServedUnit =
    "INSERT INTO authority_units(authority_id, unit_id) VALUES (?1, ?2)";

}  // namespace sql

namespace {

std::string where_id(const char* columns) {
  return std::string(columns) + "WHERE id = ?1";
}

void bind_unit(Statement& s, const Unit& u) {
  s.bind(1, u.id)
      .bind(2, u.parent_id)
      .bind(3, u.kind)
      .bind(4, u.name)
      .bind(5, u.code)
      .bind(6, u.merged_into)
      .bind(7, u.retired_at);
}

void write_served_units(Connection& c, const Authority& a) {
  c.prepare(sql::kDeleteServedUnits).bind(1, a.id).run();
  for (const auto& unit_id : a.served_unit_ids)
    c.prepare(sql::kInsertServedUnit).bind(1, a.id).bind(2, unit_id).run();
}

}  // namespace

void SqliteOrganisationStore::insert_units(const std::vector<Unit>& units) {
  write(pool_, [&](Connection& c) {
    for (const Unit& u : units) {
      auto s = c.prepare(sql::kInsertUnit);
      bind_unit(s, u);
      s.bind(8, u.created_at).run();
    }
  });
}

std::optional<Unit> SqliteOrganisationStore::unit(const std::string& id) {
  return first_row(pool_, where_id(sql::kUnitColumns), id, rows::unit<Statement>);
}

std::optional<Unit> SqliteOrganisationStore::unit_by_code(const std::string& code) {
  return first_row(pool_, std::string(sql::kUnitColumns) + "WHERE code = ?1", code,
                   rows::unit<Statement>);
}

std::vector<Unit> SqliteOrganisationStore::units(const Page& page,
                                                 const std::optional<std::string>& parent_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kUnitColumns) +
                       "WHERE id > ?1 AND (?2 IS NULL OR parent_id = ?2) ORDER BY id LIMIT ?3");
    s.bind(1, page.after.value_or("")).bind(2, parent_id).bind(3, page.limit);
    return all_rows(s, rows::unit<Statement>);
  });
}

void SqliteOrganisationStore::update_unit(const Unit& unit) {
  write(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kUpdateUnit);
    bind_unit(s, unit);
    s.run();
  });
}

std::vector<std::string> SqliteOrganisationStore::unit_and_ancestors(const std::string& id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kUnitAncestors);
    s.bind(1, id);
    return all_rows(s, [](const Statement& r) { return r.text(0); });
  });
}

void SqliteOrganisationStore::merge_unit(const std::string& from, const std::string& into,
                                         const std::string& at) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kMergeUnit).bind(1, from).bind(2, into).bind(3, at).run();
    c.prepare(sql::kMoveChildUnits).bind(1, from).bind(2, into).run();
    c.prepare(sql::kMoveSchools).bind(1, from).bind(2, into).run();
  });
}

void SqliteOrganisationStore::insert_schools(const std::vector<School>& schools) {
  write(pool_, [&](Connection& c) {
    for (const School& s : schools)
      c.prepare(sql::kInsertSchool)
          .bind(1, s.id)
          .bind(2, s.unit_id)
          .bind(3, s.name)
          .bind(4, s.code)
          .bind(5, s.retired_at)
          .bind(6, s.created_at)
          .run();
  });
}

std::optional<School> SqliteOrganisationStore::school(const std::string& id) {
  return first_row(pool_, where_id(sql::kSchoolColumns), id, rows::school<Statement>);
}

std::optional<School> SqliteOrganisationStore::school_by_code(const std::string& code) {
  return first_row(pool_, std::string(sql::kSchoolColumns) + "WHERE code = ?1", code,
                   rows::school<Statement>);
}

std::vector<School> SqliteOrganisationStore::schools(const Page& page,
                                                     const std::optional<std::string>& unit_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kSchoolColumns) +
                       "WHERE id > ?1 AND (?2 IS NULL OR unit_id = ?2) ORDER BY id LIMIT ?3");
    s.bind(1, page.after.value_or("")).bind(2, unit_id).bind(3, page.limit);
    return all_rows(s, rows::school<Statement>);
  });
}

void SqliteOrganisationStore::update_school(const School& s) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kUpdateSchool)
        .bind(1, s.id)
        .bind(2, s.unit_id)
        .bind(3, s.name)
        .bind(4, s.code)
        .bind(5, s.retired_at)
        .run();
  });
}

void SqliteOrganisationStore::insert_class(const SchoolClass& k, const JoinCode& first_code) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kInsertClass)
        .bind(1, k.id)
        .bind(2, k.school_id)
        .bind(3, k.name)
        .bind(4, k.grade)
        .bind(5, k.school_year)
        .bind(6, k.created_by)
        .bind(7, k.retired_at)
        .bind(8, k.created_at)
        .run();
    c.prepare(sql::kInsertJoinCode)
        .bind(1, first_code.code)
        .bind(2, first_code.class_id)
        .bind(3, first_code.created_by)
        .bind(4, first_code.created_at)
        .bind(5, first_code.expires_at)
        .bind(6, first_code.revoked_at)
        .run();
  });
}

std::optional<SchoolClass> SqliteOrganisationStore::school_class(const std::string& id) {
  return first_row(pool_, std::string(sql::kClassColumns) + "WHERE c.id = ?1", id,
                   rows::school_class<Statement>);
}

std::vector<SchoolClass> SqliteOrganisationStore::classes(const Page& page,
                                                          const std::vector<std::string>& unit_ids,
                                                          bool everywhere,
                                                          const std::vector<std::string>& school_ids) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kClassesInScope);
    s.bind(1, json_list(unit_ids))
        .bind(2, everywhere ? 1 : 0)
        .bind(3, page.after.value_or(""))
        .bind(4, page.limit)
        .bind(5, json_list(school_ids));
    return all_rows(s, rows::school_class<Statement>);
  });
}

void SqliteOrganisationStore::update_class(const SchoolClass& k) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kUpdateClass)
        .bind(1, k.id)
        .bind(2, k.name)
        .bind(3, k.grade)
        .bind(4, k.school_year)
        .bind(5, k.retired_at)
        .run();
  });
}

void SqliteOrganisationStore::insert_join_code(const JoinCode& j) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kInsertJoinCode)
        .bind(1, j.code)
        .bind(2, j.class_id)
        .bind(3, j.created_by)
        .bind(4, j.created_at)
        .bind(5, j.expires_at)
        .bind(6, j.revoked_at)
        .run();
  });
}

std::optional<JoinCode> SqliteOrganisationStore::join_code(const std::string& code) {
  return first_row(pool_, std::string(sql::kJoinCodeColumns) + "WHERE code = ?1", code,
                   rows::join_code<Statement>);
}

std::vector<JoinCode> SqliteOrganisationStore::join_codes(const std::string& class_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kJoinCodeColumns) +
                       "WHERE class_id = ?1 ORDER BY created_at DESC, code");
    s.bind(1, class_id);
    return all_rows(s, rows::join_code<Statement>);
  });
}

void SqliteOrganisationStore::revoke_join_code(const std::string& code, const std::string& at) {
  write(pool_,
        [&](Connection& c) { c.prepare(sql::kRevokeJoinCode).bind(1, code).bind(2, at).run(); });
}

void SqliteOrganisationStore::insert_authorities(const std::vector<Authority>& authorities) {
  write(pool_, [&](Connection& c) {
    for (const Authority& a : authorities) {
      c.prepare(sql::kInsertAuthority)
          .bind(1, a.id)
          .bind(2, a.name)
          .bind(3, a.kind)
          .bind(4, a.unit_id)
          .bind(5, a.code)
          .bind(6, a.due_days)
          .bind(7, a.retired_at)
          .bind(8, a.created_at)
          .run();
      write_served_units(c, a);
    }
  });
}

std::optional<Authority> SqliteOrganisationStore::authority(const std::string& id) {
  return first_row(pool_, std::string(sql::kAuthorityColumns) + "WHERE a.id = ?1", id,
                   rows::authority<Statement>);
}

std::optional<Authority> SqliteOrganisationStore::authority_by_code(const std::string& code) {
  return first_row(pool_, std::string(sql::kAuthorityColumns) + "WHERE a.code = ?1", code,
                   rows::authority<Statement>);
}

std::vector<Authority> SqliteOrganisationStore::authorities(const Page& page) {
  return read(pool_, [&](Connection& c) {
    auto s =
        c.prepare(std::string(sql::kAuthorityColumns) + "WHERE a.id > ?1 ORDER BY a.id LIMIT ?2");
    s.bind(1, page.after.value_or("")).bind(2, page.limit);
    return all_rows(s, rows::authority<Statement>);
  });
}

void SqliteOrganisationStore::update_authority(const Authority& a) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kUpdateAuthority)
        .bind(1, a.id)
        .bind(2, a.name)
        .bind(3, a.kind)
        .bind(4, a.unit_id)
        .bind(5, a.code)
        .bind(6, a.due_days)
        .bind(7, a.retired_at)
        .run();
    write_served_units(c, a);
  });
}

}  // namespace ln::store::sqlite
