#pragma once
#include "consult/storage.h"
#include "store/sqlite/pool.h"

namespace ln::store::sqlite {

class SqliteRetentionStore : public RetentionStore {
 public:
  explicit SqliteRetentionStore(Pool& pool) : pool_(pool) {}
  RetentionPurged purge(const RetentionCutoffs& cutoffs) override;

 private:
  Pool& pool_;
};

}  // namespace ln::store::sqlite
