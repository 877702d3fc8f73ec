#pragma once
#include "consult/storage.h"
#include "store/postgres/pool.h"

namespace ln::store::postgres {

class PostgresRetentionStore : public RetentionStore {
 public:
  explicit PostgresRetentionStore(Pool& pool) : pool_(pool) {}
  RetentionPurged purge(const RetentionCutoffs& cutoffs) override;

 private:
  Pool& pool_;
};

}  // namespace ln::store::postgres
