#include "store/sqlite/pupil_store.h"

#include "store/identity_columns.h"
#include "store/rows.h"
#include "store/sqlite/access.h"

namespace ln::store::sqlite {
namespace sql {

#define LN_PUPIL_COLUMNS                                                                         \
  "SELECT p.id, p.pseudonym, p.class_id, c.school_id, s.unit_id, p.age_band, p.band_changes_on," \
  " p.sign_in_lookup, p.role, p.status, p.withdrawn_at, p.identity_purge_at, p.created_at"
#define LN_PUPIL_FROM \
  " FROM pupils p JOIN classes c ON c.id = p.class_id JOIN schools s ON s.id = c.school_id "
constexpr const char* kPupilColumns = LN_PUPIL_COLUMNS LN_PUPIL_FROM;
// The pupil, then their school's and class's names.
constexpr const char* kConsentingUnder =
    "WITH RECURSIVE scope(id) AS (SELECT ?1 UNION SELECT u.id FROM units u JOIN scope"
    " ON u.parent_id = scope.id) " LN_PUPIL_COLUMNS ", s.name, c.name" LN_PUPIL_FROM
    "WHERE s.unit_id IN (SELECT id FROM scope) AND p.status = 'active' AND p.id > ?3"
    " AND EXISTS (SELECT 1 FROM consents k WHERE k.pupil_id = p.id AND k.kind = 'child'"
    " AND k.withdrawn_at IS NULL)"
    " AND EXISTS (SELECT 1 FROM consents k WHERE k.pupil_id = p.id AND k.kind = 'guardian'"
    " AND k.withdrawn_at IS NULL)"
    " AND NOT EXISTS (SELECT 1 FROM council_members m WHERE m.council_id = ?2"
    " AND m.pupil_id = p.id AND m.left_on IS NULL)"
    " ORDER BY p.id LIMIT ?4";
#undef LN_PUPIL_COLUMNS
#undef LN_PUPIL_FROM
constexpr const char* kInsertPupil =
    "INSERT INTO pupils(id, pseudonym, class_id, age_band, band_changes_on, sign_in_lookup, role,"
    " status, withdrawn_at, identity_purge_at, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
constexpr const char* kUpdatePupil =
    "UPDATE pupils SET pseudonym = ?2, class_id = ?3, age_band = ?4, band_changes_on = ?5,"
    " sign_in_lookup = ?6, role = ?7, status = ?8, withdrawn_at = ?9, identity_purge_at = ?10"
    " WHERE id = ?1";
constexpr const char* kSetSignInCode =
    "UPDATE pupils SET sign_in_lookup = ?2, sign_in_code_issued_by = ?3 WHERE id = ?1";
constexpr const char* kSignInCodeIssuer = "SELECT sign_in_code_issued_by FROM pupils WHERE id = ?1";
constexpr const char* kPseudonymTaken =
    "SELECT 1 FROM pupils WHERE class_id = ?1 AND lower(pseudonym) = lower(?2) AND status <> "
    "'deleted'";
constexpr const char* kIdentity =
    "SELECT nonce, ciphertext FROM pupil_identities WHERE pupil_id = ?1";
constexpr const char* kSetIdentity =
    "INSERT INTO pupil_identities(pupil_id, nonce, ciphertext, updated_at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT(pupil_id) DO UPDATE SET nonce = excluded.nonce, ciphertext = excluded.ciphertext,"
    " updated_at = excluded.updated_at";
constexpr const char* kDuePurges =
    "SELECT id FROM pupils WHERE identity_purge_at IS NOT NULL AND identity_purge_at <= ?1"
    " AND NOT EXISTS (SELECT 1 FROM submissions x WHERE x.pupil_id = pupils.id"
    " AND x.queue = 'safeguarding' AND x.status <> 'closed')";
constexpr const char* kDeleteIdentity = "DELETE FROM pupil_identities WHERE pupil_id = ?1";
constexpr const char* kClearPurge = "UPDATE pupils SET identity_purge_at = NULL WHERE id = ?1";

constexpr const char* kConsentColumns =
    "SELECT id, pupil_id, kind, method, text_version, slip_number, recorded_by, given_at,"
    " withdrawn_at, withdrawn_by FROM consents ";
constexpr const char* kInsertConsent =
    "INSERT INTO consents(id, pupil_id, kind, method, text_version, slip_number, recorded_by,"
    " given_at, withdrawn_at, withdrawn_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr const char* kWithdrawConsents =
    "UPDATE consents SET withdrawn_at = ?2, withdrawn_by = ?3 WHERE pupil_id = ?1 AND withdrawn_at "
    "IS NULL";

constexpr const char* kInsertGuardianCode =
    "INSERT INTO guardian_codes(lookup, pupil_id, created_by, created_at, expires_at, revoked_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* kGuardianCode =
    "SELECT lookup, pupil_id, created_by, created_at, expires_at, revoked_at FROM guardian_codes"
    " WHERE lookup = ?1";
constexpr const char* kUseGuardianCode =
    "INSERT INTO guardian_code_uses(lookup, action, used_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(lookup, action) DO NOTHING";

constexpr const char* kRequestColumns =
    "SELECT id, pupil_id, kind, requested_by, status, details, requested_at, due_at, handled_by,"
    " handled_at, outcome FROM data_requests ";
constexpr const char* kInsertRequest =
    "INSERT INTO data_requests(id, pupil_id, kind, requested_by, status, details, requested_at,"
    " due_at, handled_by, handled_at, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
    "?11)";
constexpr const char* kUpdateRequest =
    "UPDATE data_requests SET status = ?2, handled_by = ?3, handled_at = ?4, outcome = ?5 WHERE id "
    "= ?1";

}  // namespace sql

namespace {

void bind_pupil(Statement& s, const Pupil& p) {
  s.bind(1, p.id)
      .bind(2, p.pseudonym)
      .bind(3, p.class_id)
      .bind(4, p.age_band)
      .bind(5, p.band_changes_on)
      .bind(6, p.sign_in_lookup)
      .bind(7, p.role)
      .bind(8, word(p.status))
      .bind(9, p.withdrawn_at)
      .bind(10, p.identity_purge_at);
}

void write_identity(Connection& c, const std::string& pupil_id, const SealedIdentity& identity,
                    const std::string& at) {
  c.prepare(sql::kSetIdentity)
      .bind(1, pupil_id)
      .bind_blob(2, identity.nonce)
      .bind_blob(3, identity.ciphertext)
      .bind(4, at)
      .run();
}

}  // namespace

void SqlitePupilStore::insert_pupil(const Pupil& pupil, const SealedIdentity& identity) {
  write(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kInsertPupil);
    bind_pupil(s, pupil);
    s.bind(11, pupil.created_at).run();
    write_identity(c, pupil.id, identity, pupil.created_at);
  });
}

std::optional<Pupil> SqlitePupilStore::pupil(const std::string& id) {
  return first_row(pool_, std::string(sql::kPupilColumns) + "WHERE p.id = ?1", id,
                   rows::pupil<Statement>);
}

std::optional<Pupil> SqlitePupilStore::pupil_by_sign_in(const std::string& lookup) {
  return first_row(pool_, std::string(sql::kPupilColumns) + "WHERE p.sign_in_lookup = ?1", lookup,
                   rows::pupil<Statement>);
}

std::vector<Pupil> SqlitePupilStore::pupils_of_class(const std::string& class_id) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kPupilColumns) +
                       "WHERE p.class_id = ?1 AND p.status <> 'deleted' ORDER BY p.pseudonym");
    s.bind(1, class_id);
    return all_rows(s, rows::pupil<Statement>);
  });
}

std::vector<EnrolledPupil> SqlitePupilStore::consenting_pupils_under(
    const std::string& unit_id, const std::string& not_member_of, const Page& page) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kConsentingUnder);
    s.bind(1, unit_id).bind(2, not_member_of).bind(3, page.after.value_or("")).bind(4, page.limit);
    return all_rows(s, [](const Statement& row) {
      return EnrolledPupil{rows::pupil(row), row.text(13), row.text(14)};
    });
  });
}

bool SqlitePupilStore::pseudonym_taken(const std::string& class_id, const std::string& pseudonym) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kPseudonymTaken);
    s.bind(1, class_id).bind(2, pseudonym);
    return s.step();
  });
}

void SqlitePupilStore::update_pupil(const Pupil& pupil) {
  write(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kUpdatePupil);
    bind_pupil(s, pupil);
    s.run();
  });
}

void SqlitePupilStore::set_sign_in_code(const std::string& pupil_id, const std::string& lookup,
                                        const std::optional<std::string>& issued_by) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kSetSignInCode).bind(1, pupil_id).bind(2, lookup).bind(3, issued_by).run();
  });
}

std::optional<std::string> SqlitePupilStore::sign_in_code_issuer(const std::string& pupil_id) {
  auto found = first_row(pool_, sql::kSignInCodeIssuer, pupil_id,
                         [](const Statement& s) { return s.optional_text(0); });
  return found ? *found : std::nullopt;
}

std::optional<SealedIdentity> SqlitePupilStore::identity(const std::string& pupil_id) {
  return first_row(pool_, sql::kIdentity, pupil_id, [](const Statement& s) {
    return SealedIdentity{s.text(0), s.text(1)};
  });
}

void SqlitePupilStore::set_identity(const std::string& pupil_id, const SealedIdentity& identity,
                                    const std::string& at) {
  write(pool_, [&](Connection& c) { write_identity(c, pupil_id, identity, at); });
}

std::vector<std::string> SqlitePupilStore::purge_identities(const std::string& now) {
  std::vector<std::string> purged;
  write(pool_, [&](Connection& c) {
    auto due = c.prepare(sql::kDuePurges);
    due.bind(1, now);
    purged = all_rows(due, [](const Statement& s) { return s.text(0); });
    for (const auto& id : purged) {
      c.prepare(sql::kDeleteIdentity).bind(1, id).run();
      c.prepare(sql::kClearPurge).bind(1, id).run();
    }
  });
  return purged;
}

std::vector<Consent> SqlitePupilStore::consents(const std::string& pupil_id) {
  return read(pool_, [&](Connection& c) {
    auto s =
        c.prepare(std::string(sql::kConsentColumns) + "WHERE pupil_id = ?1 ORDER BY given_at, id");
    s.bind(1, pupil_id);
    return all_rows(s, rows::consent<Statement>);
  });
}

void SqlitePupilStore::insert_consent(const Consent& k) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kInsertConsent)
        .bind(1, k.id)
        .bind(2, k.pupil_id)
        .bind(3, word(k.kind))
        .bind(4, word(k.method))
        .bind(5, k.text_version)
        .bind(6, k.slip_number)
        .bind(7, k.recorded_by)
        .bind(8, k.given_at)
        .bind(9, k.withdrawn_at)
        .bind(10, k.withdrawn_by)
        .run();
  });
}

void SqlitePupilStore::withdraw_consents(const std::string& pupil_id, const std::string& at,
                                         const std::string& by) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kWithdrawConsents).bind(1, pupil_id).bind(2, at).bind(3, by).run();
  });
}

void SqlitePupilStore::insert_guardian_code(const GuardianCode& g) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kInsertGuardianCode)
        .bind(1, g.lookup)
        .bind(2, g.pupil_id)
        .bind(3, g.created_by)
        .bind(4, g.created_at)
        .bind(5, g.expires_at)
        .bind(6, g.revoked_at)
        .run();
  });
}

std::optional<GuardianCode> SqlitePupilStore::guardian_code(const std::string& lookup) {
  return first_row(pool_, sql::kGuardianCode, lookup, [](const Statement& s) {
    return GuardianCode{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.optional_text(5)};
  });
}

bool SqlitePupilStore::use_guardian_code(const std::string& lookup, const std::string& action,
                                         const std::string& at) {
  bool used = false;
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kUseGuardianCode).bind(1, lookup).bind(2, action).bind(3, at).run();
    used = c.changes() == 1;
  });
  return used;
}

void SqlitePupilStore::insert_data_request(const DataRequest& r) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kInsertRequest)
        .bind(1, r.id)
        .bind(2, r.pupil_id)
        .bind(3, word(r.kind))
        .bind(4, word(r.requested_by))
        .bind(5, word(r.status))
        .bind(6, r.details)
        .bind(7, r.requested_at)
        .bind(8, r.due_at)
        .bind(9, r.handled_by)
        .bind(10, r.handled_at)
        .bind(11, r.outcome)
        .run();
  });
}

std::optional<DataRequest> SqlitePupilStore::data_request(const std::string& id) {
  return first_row(pool_, std::string(sql::kRequestColumns) + "WHERE id = ?1", id,
                   rows::data_request<Statement>);
}

std::vector<DataRequest> SqlitePupilStore::data_requests(
    const Page& page, const std::optional<DataRequestStatus>& status,
    const std::optional<std::string>& pupil_id) {
  return read(pool_, [&](Connection& c) {
    auto s =
        c.prepare(std::string(sql::kRequestColumns) +
                  "WHERE id > ?1 AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR pupil_id = ?3)"
                  " ORDER BY id LIMIT ?4");
    s.bind(1, page.after.value_or(""))
        .bind(2, status ? std::optional<std::string>(word(*status)) : std::nullopt)
        .bind(3, pupil_id)
        .bind(4, page.limit);
    return all_rows(s, rows::data_request<Statement>);
  });
}

void SqlitePupilStore::update_data_request(const DataRequest& r) {
  write(pool_, [&](Connection& c) {
    c.prepare(sql::kUpdateRequest)
        .bind(1, r.id)
        .bind(2, word(r.status))
        .bind(3, r.handled_by)
        .bind(4, r.handled_at)
        .bind(5, r.outcome)
        .run();
  });
}

std::vector<Pupil> SqlitePupilStore::pupils_by_id(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(std::string(sql::kPupilColumns) +
                       "WHERE p.id IN (SELECT value FROM json_each(?1))");
    s.bind(1, json_list(ids));
    return all_rows(s, rows::pupil<Statement>);
  });
}

std::string SqlitePupilStore::identity_plaintext(const Identity& identity) {
  return identity_text(identity);
}

Identity SqlitePupilStore::identity_of_plaintext(std::string_view plaintext) {
  return identity_of(plaintext);
}

}  // namespace ln::store::sqlite
