#include "store/postgres/audit_store.h"

#include "store/audit_columns.h"
#include "store/postgres/access.h"
#include "store/postgres/sql.h"

namespace ln::store::postgres {
namespace sql {

constexpr const char* kLastEntry = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
constexpr const char* kInsertEntry =
    "INSERT INTO audit_log(seq, at, actor_kind, actor_id, action, object_type, object_id, reason,"
    " details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
constexpr const char* kEntries =
    "SELECT seq, at, actor_kind, actor_id, action, object_type, object_id, reason, details,"
    " prev_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2";

}  // namespace sql

AuditTip audit_tip(Connection& c) {
  AuditTip tip;
  auto last = c.exec(sql::kLastEntry);
  if (last.rows() > 0) tip = {last.row(0).int64(0), last.row(0).text(1)};
  return tip;
}

void insert_audit_row(Connection& c, AuditEntry& e, const AuditSeal& seal) {
  const std::string details = details_column(e.details);
  e.hash = seal(chained_text(e, details));
  c.exec(sql::kInsertEntry, e.seq, e.at, e.actor_kind, e.actor_id, e.action, e.object_type,
         e.object_id, e.reason, details, e.prev_hash, e.hash);
}

AuditEntry PostgresAuditStore::append(AuditEntry entry, const AuditSeal& seal) {
  write(pool_, [&](Connection& c) {
    // One chain across every instance: appends queue on this lock until the holder commits, so
    // the newest hash read below is the one the new entry follows.
    c.exec(sql::kAdvisoryLock, sql::kAuditLockKey);
    AuditTip tip = audit_tip(c);
    entry.seq = tip.seq + 1;
    entry.prev_hash = tip.hash;
    insert_audit_row(c, entry, seal);
  });
  return entry;
}

namespace {

AuditEntry entry_of(const Row& r) {
  return AuditEntry{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5),
                    r.text(6),  r.text(7), {},        r.text(9), r.text(10)};
}

}  // namespace

std::vector<AuditEntry> PostgresAuditStore::entries(std::int64_t after_seq, int limit) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kEntries, after_seq, limit).all([](const Row& r) {
      AuditEntry e = entry_of(r);
      e.details = details_of_column(r.text(8));
      return e;
    });
  });
}

std::vector<AuditLink> PostgresAuditStore::links(std::int64_t after_seq, int limit) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kEntries, after_seq, limit).all([](const Row& r) {
      AuditEntry e = entry_of(r);
      return AuditLink{e.seq, chained_text(e, r.text(8)), e.prev_hash, e.hash};
    });
  });
}

}  // namespace ln::store::postgres
