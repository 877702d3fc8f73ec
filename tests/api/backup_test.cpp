// `langnghe backup` while the server is serving writes, `langnghe restore`, and a comparison of
// every row. SQLite only: PostgreSQL is backed up with pg_dump (README).
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

namespace fs = std::filesystem;

// Every row of every table, as text, table by table in a fixed order.
std::vector<std::string> dump(const fs::path& file) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  std::vector<std::string> tables, rows;
  auto each = [&](const std::string& sql, auto&& row) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
    while (sqlite3_step(stmt) == SQLITE_ROW) row(stmt);
    sqlite3_finalize(stmt);
  };
  each("SELECT name FROM sqlite_schema WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
       [&](sqlite3_stmt* s) { tables.emplace_back((const char*)sqlite3_column_text(s, 0)); });
  for (const auto& table : tables) {
    each("SELECT * FROM \"" + table + "\" ORDER BY 1", [&](sqlite3_stmt* s) {
      std::string line = table + ":";
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        auto text = sqlite3_column_text(s, c);
        line += "|" + (text ? std::string((const char*)text, sqlite3_column_bytes(s, c))
                            : std::string("NULL"));
      }
      rows.push_back(line);
    });
  }
  sqlite3_close(db);
  return rows;
}

std::string integrity(const fs::path& file) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
  std::string verdict = sqlite3_step(stmt) == SQLITE_ROW
                            ? std::string((const char*)sqlite3_column_text(stmt, 0))
                            : "no answer";
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return verdict;
}

long count_of(const std::vector<std::string>& rows, const std::string& table) {
  return std::count_if(rows.begin(), rows.end(),
                       [&](const std::string& r) { return r.rfind(table + ":", 0) == 0; });
}

TEST(Backup, ACopyMadeWhileServingWritesRestoresRowForRow) {
  if (testing_postgres()) GTEST_SKIP() << "SQLite's online backup; PostgreSQL uses pg_dump";
  Server server(demo_options());
  auto admin = bearer(login(server, "admin"));
  fs::path out = server.dir() / "backup.db";

  // Writers keep creating units while the copy is made.
  std::atomic<bool> stop{false};
  std::atomic<int> created{0};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      auto r = server.post_json(
          "/api/v1/units", {{"kind", "province"}, {"name", "Tỉnh " + std::to_string(i)}}, admin);
      if (r.status == 201) ++created;
    }
  });
  while (created < 20) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  auto backed = run_langnghe({"backup", "--db", server.database().url(), "--out", out.string()});
  int at_backup_end = created;
  while (created < at_backup_end + 20) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  stop = true;
  writer.join();
  ASSERT_EQ(backed.exit_code, 0) << backed.err;
  EXPECT_NE(backed.out.find("integrity ok"), std::string::npos) << backed.out;
  EXPECT_EQ(integrity(out), "ok");
  struct stat st {};
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600) << "the copy holds children's data";
  EXPECT_FALSE(fs::exists(out.string() + ".tmp"));

  auto copy = dump(out);
  long units_in_copy = count_of(copy, "units");
  int total = created;
  EXPECT_GT(units_in_copy, 20);
  EXPECT_LT(units_in_copy, total + 20) << "the copy is a snapshot from while writes went on";
  EXPECT_EQ(server.stop(), 0);
  EXPECT_GT(count_of(dump(server.database().file()), "units"), units_in_copy);

  // Restore into a new database: the same rows, and a server on it serves them.
  fs::path restored = server.dir() / "restored.db";
  auto r = run_langnghe({"restore", "--db", "sqlite:" + restored.string(), "--in", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("held 0 rows"), std::string::npos) << r.out;
  EXPECT_EQ(integrity(restored), "ok");
  EXPECT_EQ(dump(restored), copy);

  Server::Options again;
  again.dir = server.dir();  // the same key file
  again.db = "sqlite:" + restored.string();
  Server second(again);
  auto units = second.get("/api/v1/units?limit=200", bearer(login(second, "admin"))).json();
  EXPECT_EQ(second.get("/readyz").status, 200);
  EXPECT_EQ(second.stop(), 0);
  EXPECT_FALSE(units["items"].empty());
}

TEST(Backup, RestoreRefusesToOverwriteADatabaseThatHoldsDataUnlessForced) {
  if (testing_postgres()) GTEST_SKIP() << "SQLite's online backup; PostgreSQL uses pg_restore";
  Server server(demo_options());
  fs::path out = server.dir() / "backup.db";
  ASSERT_EQ(
      run_langnghe({"backup", "--db", server.database().url(), "--out", out.string()}).exit_code,
      0);
  auto admin = bearer(login(server, "admin"));
  ASSERT_EQ(
      server.post_json("/api/v1/units", {{"kind", "province"}, {"name", "Sau bản sao"}}, admin)
          .status,
      201);
  EXPECT_EQ(server.stop(), 0);
  auto live = dump(server.database().file());

  auto refused = run_langnghe({"restore", "--db", server.database().url(), "--in", out.string()});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;
  EXPECT_EQ(dump(server.database().file()), live) << "a refused restore changed nothing";

  auto garbage = server.dir() / "garbage.db";
  std::ofstream(garbage) << "not a database at all";
  auto bad = run_langnghe(
      {"restore", "--db", server.database().url(), "--in", garbage.string(), "--force"});
  EXPECT_EQ(bad.exit_code, 1) << bad.out;
  EXPECT_EQ(dump(server.database().file()), live);

  auto forced =
      run_langnghe({"restore", "--db", server.database().url(), "--in", out.string(), "--force"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_NE(forced.out.find("replaced because of --force"), std::string::npos) << forced.out;
  EXPECT_EQ(dump(server.database().file()), dump(out));
  EXPECT_EQ(integrity(server.database().file()), "ok");

  auto pg = run_langnghe({"backup", "--db", "postgresql://u:p@127.0.0.1:1/x", "--out", "x"});
  EXPECT_EQ(pg.exit_code, 2);
  EXPECT_NE(pg.err.find("pg_dump"), std::string::npos) << pg.err;
}

}  // namespace
}  // namespace ln::test
