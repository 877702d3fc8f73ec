#include "store/postgres/access.h"

#include <spdlog/spdlog.h>

namespace ln::store::postgres {

void unavailable(const PgError& error) {
  spdlog::error("postgresql unavailable: {}", error.what());
  throw Unavailable("The database is not reachable.");
}

}  // namespace ln::store::postgres
