#include "tests/postgres/test_database.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>

namespace ln::test {
namespace {

using ConnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

ConnPtr connect(const std::string& url) {
  ConnPtr conn(PQconnectdb(url.c_str()), PQfinish);
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK)
    throw std::runtime_error("connect to the test cluster: " +
                             std::string(conn ? PQerrorMessage(conn.get()) : "out of memory"));
  PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  return conn;
}

ResultPtr run(PGconn* conn, const std::string& sql) {
  ResultPtr result(PQexec(conn, sql.c_str()), PQclear);
  auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw std::runtime_error("SQL failed: " + sql + ": " + PQerrorMessage(conn));
  return result;
}

// The admin URL with its database name replaced.
std::string with_database(const std::string& url, const std::string& name) {
  auto query = url.find('?');
  std::string base = url.substr(0, query);
  std::string rest = query == std::string::npos ? "" : url.substr(query);
  auto scheme = base.find("://");
  auto slash = base.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash != std::string::npos) base = base.substr(0, slash);
  return base + "/" + name + rest;
}

std::string random_name() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static const char* digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string name = "t_";
  for (int i = 0; i < 16; ++i) name += digits[rng() % 36];
  return name;
}

}  // namespace

std::optional<std::string> postgres_admin_url() {
  if (const char* url = std::getenv("LANGNGHE_TEST_PG_URL"); url && *url) return std::string(url);
  const char* file = std::getenv("LANGNGHE_TEST_PG_URL_FILE");
  if (!file || !*file) return std::nullopt;
  std::ifstream in(file);
  std::string url;
  if (!in || !std::getline(in, url) || url.empty())
    throw std::runtime_error(std::string("no PostgreSQL test cluster: ") + file +
                             " is missing (did the postgres.cluster.start fixture run?)");
  return url;
}

PostgresDatabase::PostgresDatabase(const std::string& admin_url)
    : admin_url_(admin_url), name_(random_name()), url_(with_database(admin_url, name_)) {
  auto conn = connect(admin_url_);
  run(conn.get(), "CREATE DATABASE " + name_);
}

PostgresDatabase::~PostgresDatabase() {
  try {
    auto conn = connect(admin_url_);
    run(conn.get(), "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The cluster's stop removes whatever is left.
  }
}

void PostgresDatabase::exec(const std::string& sql) const {
  auto conn = connect(url_);
  run(conn.get(), sql);
}

std::string PostgresDatabase::query_value(const std::string& sql) const {
  auto conn = connect(url_);
  auto result = run(conn.get(), sql);
  if (PQntuples(result.get()) == 0 || PQgetisnull(result.get(), 0, 0)) return "";
  return PQgetvalue(result.get(), 0, 0);
}

}  // namespace ln::test
