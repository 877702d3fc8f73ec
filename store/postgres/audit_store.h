#pragma once
#include "consult/storage.h"
#include "store/postgres/pool.h"

namespace ln::store::postgres {

class PostgresAuditStore : public AuditStore {
 public:
  explicit PostgresAuditStore(Pool& pool) : pool_(pool) {}
  AuditEntry append(AuditEntry entry, const std::function<void(AuditEntry&)>& seal) override;
  std::vector<AuditEntry> entries(std::int64_t after_seq, int limit) override;

 private:
  Pool& pool_;
};

}  // namespace ln::store::postgres
