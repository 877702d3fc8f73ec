#pragma once
#include <memory>
#include <string>

#include "consult/storage.h"
#include "store/migration.h"

namespace ln::store {

struct OpenOptions {
  // PostgreSQL: the most connections this process opens (`serve --db-pool`).
  int pool_size = 8;
};

// Opens the database that `url` names and brings its schema up to date.
// Throws std::invalid_argument for a bad URL and SchemaTooNew for a newer database.
std::unique_ptr<Storage> open_storage(const std::string& url, MigrationReport* report = nullptr,
                                      const OpenOptions& options = {});

}  // namespace ln::store
