#include "store/postgres/audit_store.h"

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

AuditEntry PostgresAuditStore::append(AuditEntry entry,
                                      const std::function<void(AuditEntry&)>& seal) {
  write(pool_, [&](Connection& c) {
    // One chain across every instance: appends queue on this lock until the holder commits, so
    // the newest hash read below is the one the new entry follows.
    c.exec(sql::kAdvisoryLock, sql::kAuditLockKey);
    auto last = c.exec(sql::kLastEntry);
    if (last.rows() > 0) {
      entry.seq = last.row(0).int64(0) + 1;
      entry.prev_hash = last.row(0).text(1);
    } else {
      entry.seq = 1;
      entry.prev_hash = std::string(64, '0');
    }
    seal(entry);
    c.exec(sql::kInsertEntry, entry.seq, entry.at, entry.actor_kind, entry.actor_id, entry.action,
           entry.object_type, entry.object_id, entry.reason, entry.details, entry.prev_hash,
           entry.hash);
  });
  return entry;
}

std::vector<AuditEntry> PostgresAuditStore::entries(std::int64_t after_seq, int limit) {
  return read(pool_, [&](Connection& c) {
    return c.exec(sql::kEntries, after_seq, limit).all([](const Row& r) {
      return AuditEntry{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5),
                        r.text(6),  r.text(7), r.text(8), r.text(9), r.text(10)};
    });
  });
}

}  // namespace ln::store::postgres
