#pragma once
#include <string>

#include "consult/storage.h"
#include "store/sqlite/pool.h"

namespace ln::store::sqlite {

class SqliteStorage : public Storage {
 public:
  // Opens the database file, creating its folder if needed. Does not migrate.
  explicit SqliteStorage(const std::string& path);

  std::string backend() const override { return "sqlite"; }
  void ping() override;
  int schema_version() override;

  Pool& pool() { return pool_; }

 private:
  Pool pool_;
};

}  // namespace ln::store::sqlite
