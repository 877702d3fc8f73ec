#pragma once
// The storage interface the domain owns. store/ implements it once per backend
// (SQLite embedded, PostgreSQL for several instances); nothing here knows SQL.
#include <string>

namespace ln {

class Storage {
 public:
  virtual ~Storage() = default;

  // "sqlite" or "postgresql".
  virtual std::string backend() const = 0;

  // Round-trips to the database; throws Unavailable when it cannot.
  virtual void ping() = 0;

  // The newest migration applied to this database.
  virtual int schema_version() = 0;
};

}  // namespace ln
