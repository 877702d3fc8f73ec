#include "store/database_url.h"

#include <gtest/gtest.h>

namespace ln::store {
namespace {

TEST(DatabaseUrl, SqliteForms) {
  auto a = parse_database_url("sqlite:./data/langnghe.db");
  EXPECT_EQ(a.backend, DatabaseUrl::Backend::kSqlite);
  EXPECT_EQ(a.target, "./data/langnghe.db");
  EXPECT_EQ(parse_database_url("sqlite:///var/lib/langnghe/db").target, "/var/lib/langnghe/db");
}

TEST(DatabaseUrl, PostgresqlKeepsTheWholeUrl) {
  auto p = parse_database_url("postgresql://ln:pw@127.0.0.1:5432/langnghe");
  EXPECT_EQ(p.backend, DatabaseUrl::Backend::kPostgresql);
  EXPECT_EQ(p.target, "postgresql://ln:pw@127.0.0.1:5432/langnghe");
}

TEST(DatabaseUrl, RejectsOtherSchemesAndEmptyPaths) {
  EXPECT_THROW(parse_database_url("mysql://x"), std::invalid_argument);
  EXPECT_THROW(parse_database_url("sqlite:"), std::invalid_argument);
  EXPECT_THROW(parse_database_url("./file.db"), std::invalid_argument);
}

}  // namespace
}  // namespace ln::store
