#include "store/sqlite/audit_store.h"

#include "store/audit_columns.h"
#include "store/sqlite/access.h"

namespace ln::store::sqlite {
namespace sql {

constexpr const char* kLastEntry = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
constexpr const char* kInsertEntry =
    "INSERT INTO audit_log(seq, at, actor_kind, actor_id, action, object_type, object_id, reason,"
    " details, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
constexpr const char* kEntries =
    "SELECT seq, at, actor_kind, actor_id, action, object_type, object_id, reason, details,"
    " prev_hash, hash FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2";

}  // namespace sql

AuditTip audit_tip(Connection& c) {
  AuditTip tip;
  auto last = c.prepare(sql::kLastEntry);
  if (last.step()) tip = {last.int64(0), last.text(1)};
  return tip;
}

void insert_audit_row(Connection& c, AuditEntry& entry, const AuditSeal& seal) {
  const std::string details = details_column(entry.details);
  entry.hash = seal(chained_text(entry, details));
  c.prepare(sql::kInsertEntry)
      .bind(1, entry.seq)
      .bind(2, entry.at)
      .bind(3, entry.actor_kind)
      .bind(4, entry.actor_id)
      .bind(5, entry.action)
      .bind(6, entry.object_type)
      .bind(7, entry.object_id)
      .bind(8, entry.reason)
      .bind(9, details)
      .bind(10, entry.prev_hash)
      .bind(11, entry.hash)
      .run();
}

AuditEntry SqliteAuditStore::append(AuditEntry entry, const AuditSeal& seal) {
  write(pool_, [&](Connection& c) {
    AuditTip tip = audit_tip(c);
    entry.seq = tip.seq + 1;
    entry.prev_hash = tip.hash;
    insert_audit_row(c, entry, seal);
  });
  return entry;
}

namespace {

AuditEntry entry_of(const Statement& r) {
  return AuditEntry{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5),
                    r.text(6),  r.text(7), {},        r.text(9), r.text(10)};
}

}  // namespace

std::vector<AuditEntry> SqliteAuditStore::entries(std::int64_t after_seq, int limit) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kEntries);
    s.bind(1, after_seq).bind(2, limit);
    return all_rows(s, [](const Statement& r) {
      AuditEntry e = entry_of(r);
      e.details = details_of_column(r.text(8));
      return e;
    });
  });
}

std::vector<AuditLink> SqliteAuditStore::links(std::int64_t after_seq, int limit) {
  return read(pool_, [&](Connection& c) {
    auto s = c.prepare(sql::kEntries);
    s.bind(1, after_seq).bind(2, limit);
    return all_rows(s, [](const Statement& r) {
      AuditEntry e = entry_of(r);
      return AuditLink{e.seq, chained_text(e, r.text(8)), e.prev_hash, e.hash};
    });
  });
}

}  // namespace ln::store::sqlite
