#pragma once
// Fresh PostgreSQL databases on the throwaway test cluster (tests/postgres/cluster.sh, started
// once per ctest run by the `postgres` fixture).
#include <optional>
#include <string>

namespace ln::test {

// The cluster's admin URL: LANGNGHE_TEST_PG_URL, or the contents of the file that
// LANGNGHE_TEST_PG_URL_FILE names; nullopt when neither is set. Throws when the file is missing.
std::optional<std::string> postgres_admin_url();

// A new, empty database (t_<random>) on the cluster; dropped, with any connections still open
// to it, when this goes away.
class PostgresDatabase {
 public:
  explicit PostgresDatabase(const std::string& admin_url);
  ~PostgresDatabase();
  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;

  // postgresql://…/t_<random>, for --db.
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

  // Runs SQL on this database over a new connection; throws std::runtime_error with the error.
  void exec(const std::string& sql) const;
  // The first column of the first row (empty when there is none).
  std::string query_value(const std::string& sql) const;

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

}  // namespace ln::test
