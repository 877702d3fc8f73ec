#include "store/postgres/pupil_store.h"

#include "store/identity_columns.h"
#include "store/postgres/access.h"
#include "store/rows.h"

namespace ln::store::postgres {
namespace sql {

#define LN_PUPIL_COLUMNS                                                                         \
  "SELECT p.id, p.pseudonym, p.class_id, c.school_id, s.unit_id, p.age_band, p.band_changes_on," \
  " p.sign_in_lookup, p.role, p.status, p.withdrawn_at, p.identity_purge_at, p.created_at"
#define LN_PUPIL_FROM \
  " FROM pupils p JOIN classes c ON c.id = p.class_id JOIN schools s ON s.id = c.school_id "
constexpr const char* kPupilColumns = LN_PUPIL_COLUMNS LN_PUPIL_FROM;
// The pupil, then their school's and class's names.
constexpr const char* kConsentingUnder =
    "WITH RECURSIVE scope(id) AS (SELECT $1::text COLLATE \"C\" UNION SELECT u.id FROM units u "
    "JOIN scope"
    " ON u.parent_id = scope.id) " LN_PUPIL_COLUMNS ", s.name, c.name" LN_PUPIL_FROM
    "WHERE s.unit_id IN (SELECT id FROM scope) AND p.status = 'active' AND p.id > $3"
    " AND EXISTS (SELECT 1 FROM consents k WHERE k.pupil_id = p.id AND k.kind = 'child'"
    " AND k.withdrawn_at IS NULL)"
    " AND EXISTS (SELECT 1 FROM consents k WHERE k.pupil_id = p.id AND k.kind = 'guardian'"
    " AND k.withdrawn_at IS NULL)"
    " AND NOT EXISTS (SELECT 1 FROM council_members m WHERE m.council_id = $2"
    " AND m.pupil_id = p.id AND m.left_on IS NULL)"
    " ORDER BY p.id LIMIT $4";
#undef LN_PUPIL_COLUMNS
#undef LN_PUPIL_FROM
const std::string kPupilById = std::string(kPupilColumns) + "WHERE p.id = $1";
// = ANY(array) reads the primary key once per id; IN (function scan) scanned every pupil.
const std::string kPupilsById =
    std::string(kPupilColumns) +
    "WHERE p.id = ANY(ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))";
const std::string kPupilBySignIn = std::string(kPupilColumns) + "WHERE p.sign_in_lookup = $1";
const std::string kPupilsOfClass = std::string(kPupilColumns) +
                                   "WHERE p.class_id = $1 AND p.status <> 'deleted' "
                                   "ORDER BY p.pseudonym";
constexpr const char* kInsertPupil =
    "INSERT INTO pupils(id, pseudonym, class_id, age_band, band_changes_on, sign_in_lookup, role,"
    " status, withdrawn_at, identity_purge_at, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr const char* kUpdatePupil =
    "UPDATE pupils SET pseudonym = $2, class_id = $3, age_band = $4, band_changes_on = $5,"
    " sign_in_lookup = $6, role = $7, status = $8, withdrawn_at = $9, identity_purge_at = $10"
    " WHERE id = $1";
// lower() under COLLATE "C" folds ASCII only, as SQLite's lower() does.
constexpr const char* kPseudonymTaken =
    "SELECT 1 FROM pupils WHERE class_id = $1 AND lower(pseudonym) = lower($2 COLLATE \"C\") AND "
    "status <> "
    "'deleted'";
constexpr const char* kIdentity =
    "SELECT nonce, ciphertext FROM pupil_identities WHERE pupil_id = $1";
constexpr const char* kSetIdentity =
    "INSERT INTO pupil_identities(pupil_id, nonce, ciphertext, updated_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT(pupil_id) DO UPDATE SET nonce = excluded.nonce, ciphertext = excluded.ciphertext,"
    " updated_at = excluded.updated_at";
// Several instances run the purge job: each takes the due rows no other has locked, so every
// identity is purged (and audited) once.
constexpr const char* kDuePurges =
    "SELECT id FROM pupils WHERE identity_purge_at IS NOT NULL AND identity_purge_at <= $1"
    " AND NOT EXISTS (SELECT 1 FROM submissions x WHERE x.pupil_id = pupils.id"
    " AND x.queue = 'safeguarding' AND x.status <> 'closed')"
    " ORDER BY id FOR UPDATE SKIP LOCKED";
constexpr const char* kSetSignInCode =
    "UPDATE pupils SET sign_in_lookup = $2, sign_in_code_issued_by = $3 WHERE id = $1";
constexpr const char* kSignInCodeIssuer = "SELECT sign_in_code_issued_by FROM pupils WHERE id = $1";
constexpr const char* kDeleteIdentity = "DELETE FROM pupil_identities WHERE pupil_id = $1";
constexpr const char* kClearPurge = "UPDATE pupils SET identity_purge_at = NULL WHERE id = $1";

constexpr const char* kConsentColumns =
    "SELECT id, pupil_id, kind, method, text_version, slip_number, recorded_by, given_at,"
    " withdrawn_at, withdrawn_by FROM consents ";
const std::string kConsentsOf =
    std::string(kConsentColumns) + "WHERE pupil_id = $1 ORDER BY given_at, id";
constexpr const char* kInsertConsent =
    "INSERT INTO consents(id, pupil_id, kind, method, text_version, slip_number, recorded_by,"
    " given_at, withdrawn_at, withdrawn_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr const char* kWithdrawConsents =
    "UPDATE consents SET withdrawn_at = $2, withdrawn_by = $3 WHERE pupil_id = $1 AND withdrawn_at "
    "IS NULL";

constexpr const char* kInsertGuardianCode =
    "INSERT INTO guardian_codes(lookup, pupil_id, created_by, created_at, expires_at, revoked_at)"
    " VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kGuardianCode =
    "SELECT lookup, pupil_id, created_by, created_at, expires_at, revoked_at FROM guardian_codes"
    " WHERE lookup = $1";
constexpr const char* kUseGuardianCode =
    "INSERT INTO guardian_code_uses(lookup, action, used_at) VALUES ($1, $2, $3)"
    " ON CONFLICT(lookup, action) DO NOTHING";

constexpr const char* kRequestColumns =
    "SELECT id, pupil_id, kind, requested_by, status, details, requested_at, due_at, handled_by,"
    " handled_at, outcome FROM data_requests ";
const std::string kRequestById = std::string(kRequestColumns) + "WHERE id = $1";
const std::string kRequests =
    std::string(kRequestColumns) +
    "WHERE id > $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR pupil_id = $3)"
    " ORDER BY id LIMIT $4";
constexpr const char* kInsertRequest =
    "INSERT INTO data_requests(id, pupil_id, kind, requested_by, status, details, requested_at,"
    " due_at, handled_by, handled_at, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "$11)";
constexpr const char* kUpdateRequest =
    "UPDATE data_requests SET status = $2, handled_by = $3, handled_at = $4, outcome = $5 WHERE id "
    "= $1";

}  // namespace sql

namespace {

void write_identity(Connection& c, const std::string& pupil_id, const SealedIdentity& identity,
                    const std::string& at) {
  c.exec(sql::kSetIdentity, pupil_id, Bytes{identity.nonce}, Bytes{identity.ciphertext}, at);
}

}  // namespace

void PostgresPupilStore::insert_pupil(const Pupil& p, const SealedIdentity& identity) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kInsertPupil, p.id, p.pseudonym, p.class_id, p.age_band, p.band_changes_on,
           p.sign_in_lookup, p.role, std::string(word(p.status)), p.withdrawn_at,
           p.identity_purge_at, p.created_at);
    write_identity(c, p.id, identity, p.created_at);
  });
}

std::optional<Pupil> PostgresPupilStore::pupil(const std::string& id) {
  return first_row(pool_, sql::kPupilById, id, rows::pupil<Row>);
}

std::optional<Pupil> PostgresPupilStore::pupil_by_sign_in(const std::string& lookup) {
  return first_row(pool_, sql::kPupilBySignIn, lookup, rows::pupil<Row>);
}

std::vector<Pupil> PostgresPupilStore::pupils_of_class(const std::string& class_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kPupilsOfClass, class_id).all(rows::pupil<Row>);
  });
}

std::vector<EnrolledPupil> PostgresPupilStore::consenting_pupils_under(
    const std::string& unit_id, const std::string& not_member_of, const Page& page) {
  return read(pool_, [&](Connection& c) {
    return c
        .exec(sql::kConsentingUnder, unit_id, not_member_of, page.after.value_or(""), page.limit)
        .all([](const Row& row) {
          return EnrolledPupil{rows::pupil(row), row.text(13), row.text(14)};
        });
  });
}

bool PostgresPupilStore::pseudonym_taken(const std::string& class_id,
                                         const std::string& pseudonym) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kPseudonymTaken, class_id, pseudonym).rows() > 0;
  });
}

void PostgresPupilStore::update_pupil(const Pupil& p) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kUpdatePupil, p.id, p.pseudonym, p.class_id, p.age_band, p.band_changes_on,
           p.sign_in_lookup, p.role, std::string(word(p.status)), p.withdrawn_at,
           p.identity_purge_at);
  });
}

void PostgresPupilStore::set_sign_in_code(const std::string& pupil_id, const std::string& lookup,
                                          const std::optional<std::string>& issued_by) {
  write(pool_, [&](Connection& c) { c.exec(sql::kSetSignInCode, pupil_id, lookup, issued_by); });
}

std::optional<std::string> PostgresPupilStore::sign_in_code_issuer(const std::string& pupil_id) {
  auto found = first_row(pool_, sql::kSignInCodeIssuer, pupil_id,
                         [](const Row& s) { return s.optional_text(0); });
  return found ? *found : std::nullopt;
}

std::optional<SealedIdentity> PostgresPupilStore::identity(const std::string& pupil_id) {
  return first_row(pool_, sql::kIdentity, pupil_id, [](const Row& s) {
    return SealedIdentity{s.bytes(0), s.bytes(1)};
  });
}

void PostgresPupilStore::set_identity(const std::string& pupil_id, const SealedIdentity& identity,
                                      const std::string& at) {
  write(pool_, [&](Connection& c) { write_identity(c, pupil_id, identity, at); });
}

std::vector<std::string> PostgresPupilStore::purge_identities(const std::string& now) {
  return write(pool_, [&](Connection& c) {
    auto purged = c.exec(sql::kDuePurges, now).all([](const Row& r) { return r.text(0); });
    for (const auto& id : purged) {
      c.exec(sql::kDeleteIdentity, id);
      c.exec(sql::kClearPurge, id);
    }
    return purged;
  });
}

std::vector<Consent> PostgresPupilStore::consents(const std::string& pupil_id) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kConsentsOf, pupil_id).all(rows::consent<Row>);
  });
}

void PostgresPupilStore::insert_consent(const Consent& k) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kInsertConsent, k.id, k.pupil_id, std::string(word(k.kind)),
           std::string(word(k.method)), k.text_version, k.slip_number, k.recorded_by, k.given_at,
           k.withdrawn_at, k.withdrawn_by);
  });
}

void PostgresPupilStore::withdraw_consents(const std::string& pupil_id, const std::string& at,
                                           const std::string& by) {
  write(pool_, [&](Connection& c) { c.exec(sql::kWithdrawConsents, pupil_id, at, by); });
}

void PostgresPupilStore::insert_guardian_code(const GuardianCode& g) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kInsertGuardianCode, g.lookup, g.pupil_id, g.created_by, g.created_at, g.expires_at,
           g.revoked_at);
  });
}

std::optional<GuardianCode> PostgresPupilStore::guardian_code(const std::string& lookup) {
  return first_row(pool_, sql::kGuardianCode, lookup, [](const Row& s) {
    return GuardianCode{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.optional_text(5)};
  });
}

bool PostgresPupilStore::use_guardian_code(const std::string& lookup, const std::string& action,
                                           const std::string& at) {
  return write(pool_, [&](Connection& c) {
    return c.exec(sql::kUseGuardianCode, lookup, action, at).affected() == 1;
  });
}

void PostgresPupilStore::insert_data_request(const DataRequest& r) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kInsertRequest, r.id, r.pupil_id, std::string(word(r.kind)),
           std::string(word(r.requested_by)), std::string(word(r.status)), r.details,
           r.requested_at, r.due_at, r.handled_by, r.handled_at, r.outcome);
  });
}

std::optional<DataRequest> PostgresPupilStore::data_request(const std::string& id) {
  return first_row(pool_, sql::kRequestById, id, rows::data_request<Row>);
}

std::vector<DataRequest> PostgresPupilStore::data_requests(
    const Page& page, const std::optional<DataRequestStatus>& status,
    const std::optional<std::string>& pupil_id) {
  std::optional<std::string> status_word;
  if (status) status_word = std::string(word(*status));
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kRequests, page.after.value_or(""), status_word, pupil_id, page.limit)
        .all(rows::data_request<Row>);
  });
}

void PostgresPupilStore::update_data_request(const DataRequest& r) {
  write(pool_, [&](Connection& c) {
    c.exec(sql::kUpdateRequest, r.id, std::string(word(r.status)), r.handled_by, r.handled_at,
           r.outcome);
  });
}

std::vector<Pupil> PostgresPupilStore::pupils_by_id(const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kPupilsById, json_list(ids)).all(rows::pupil<Row>);
  });
}

std::string PostgresPupilStore::identity_plaintext(const Identity& identity) {
  return identity_text(identity);
}

Identity PostgresPupilStore::identity_of_plaintext(std::string_view plaintext) {
  return identity_of(plaintext);
}

}  // namespace ln::store::postgres
