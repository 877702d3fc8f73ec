#pragma once
// What every backend's migration runner reports, whatever its SQL.
#include <stdexcept>
#include <string>
#include <vector>

namespace ln::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<int> applied;
};

// The database was migrated by a newer langnghe: refuse it rather than guess.
class SchemaTooNew : public std::runtime_error {
 public:
  SchemaTooNew(int database_version, int binary_version)
      : std::runtime_error("the database schema is at version " + std::to_string(database_version) +
                           ", newer than this langnghe understands (" +
                           std::to_string(binary_version) + "); run a newer langnghe"),
        database_version_(database_version) {}
  int database_version() const { return database_version_; }

 private:
  int database_version_;
};

}  // namespace ln::store
