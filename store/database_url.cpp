#include "store/database_url.h"

#include <stdexcept>

namespace ln::store {

DatabaseUrl parse_database_url(const std::string& url) {
  auto starts = [&](const char* prefix) { return url.rfind(prefix, 0) == 0; };
  if (starts("sqlite://")) {
    std::string path = url.substr(9);
    if (path.empty()) throw std::invalid_argument("--db sqlite:// needs a file path");
    return {DatabaseUrl::Backend::kSqlite, path};
  }
  if (starts("sqlite:")) {
    std::string path = url.substr(7);
    if (path.empty()) throw std::invalid_argument("--db sqlite: needs a file path");
    return {DatabaseUrl::Backend::kSqlite, path};
  }
  if (starts("postgresql://") || starts("postgres://")) {
    return {DatabaseUrl::Backend::kPostgresql, url};
  }
  throw std::invalid_argument(
      "--db must be sqlite:PATH or postgresql://user:pass@host:port/db, not '" + url + "'");
}

}  // namespace ln::store
