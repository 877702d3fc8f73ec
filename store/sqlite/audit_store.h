#pragma once
#include "consult/storage.h"
#include "store/sqlite/pool.h"

namespace ln::store::sqlite {

// The newest entry's seq and hash (0 and 64 zeros for an empty log), read inside the caller's
// write transaction (on PostgreSQL one that holds the audit advisory lock).
struct AuditTip {
  std::int64_t seq = 0;
  std::string hash = std::string(64, '0');
};
AuditTip audit_tip(Connection& c);
// Inserts an entry whose seq and prev_hash are already set, its hash set by `seal` over the bytes
// stored (store/audit_columns).
void insert_audit_row(Connection& c, AuditEntry& entry, const AuditSeal& seal);

class SqliteAuditStore : public AuditStore {
 public:
  explicit SqliteAuditStore(Pool& pool) : pool_(pool) {}
  AuditEntry append(AuditEntry entry, const AuditSeal& seal) override;
  std::vector<AuditEntry> entries(std::int64_t after_seq, int limit) override;
  std::vector<AuditLink> links(std::int64_t after_seq, int limit) override;

 private:
  Pool& pool_;
};

}  // namespace ln::store::sqlite
