#include "store/sqlite/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sql.h"

namespace ln::store::sqlite {
namespace {

namespace fs = std::filesystem;

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

// Read-write even to read: a WAL database whose -shm is gone cannot be opened read-only.
Handle open(const fs::path& path, int flags) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Handle handle(db);
  if (rc != SQLITE_OK)
    throw std::runtime_error("cannot open " + path.string() + ": " +
                             (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(db, 10000);
  return handle;
}

void exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errmsg(db);
    sqlite3_free(error);
    throw std::runtime_error(message);
  }
}

// Runs a query and returns the first column of every row as text.
std::vector<std::string> column(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("cannot read the database: ") + sqlite3_errmsg(db));
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(stmt, sqlite3_finalize);
  std::vector<std::string> out;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    auto text = sqlite3_column_text(stmt, 0);
    out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
  }
  if (rc != SQLITE_DONE)
    throw std::runtime_error(std::string("cannot read the database: ") + sqlite3_errmsg(db));
  return out;
}

std::int64_t number(sqlite3* db, const std::string& sql) {
  auto values = column(db, sql);
  return values.empty() ? 0 : std::stoll(values.front());
}

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

BackupReport report_of(sqlite3* db) {
  BackupReport report;
  // One read transaction, so the counts belong together.
  exec(db, "BEGIN");
  try {
    if (number(db, sql::kHasSchemaTable) > 0)
      report.schema_version = static_cast<int>(number(db, sql::kSchemaVersion));
    for (const auto& table : column(db, sql::kUserTables))
      report.rows += number(db, "SELECT COUNT(*) FROM " + quoted(table));
    report.pages = number(db, sql::kPageCount);
  } catch (...) {
    exec(db, "ROLLBACK");
    throw;
  }
  exec(db, "COMMIT");
  return report;
}

std::string check(sqlite3* db) {
  auto problems = column(db, sql::kIntegrityCheck);
  std::string out;
  for (const auto& p : problems) out += (out.empty() ? "" : "; ") + p;
  return out.empty() ? "no answer" : out;
}

// Copies every page of src into dst in one step: one read transaction on src, so the copy is a
// consistent snapshot however busy the writers are (WAL lets them go on meanwhile).
void copy_pages(sqlite3* src, sqlite3* dst) {
  sqlite3_backup* backup = sqlite3_backup_init(dst, "main", src, "main");
  if (!backup)
    throw std::runtime_error(std::string("cannot start the copy: ") + sqlite3_errmsg(dst));
  int rc;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while ((rc = sqlite3_backup_step(backup, -1)) != SQLITE_DONE) {
    bool retry = rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
    if (!retry || std::chrono::steady_clock::now() > deadline) {
      sqlite3_backup_finish(backup);
      throw std::runtime_error(std::string("the copy failed: ") + sqlite3_errstr(rc));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (sqlite3_backup_finish(backup) != SQLITE_OK)
    throw std::runtime_error(std::string("the copy failed: ") + sqlite3_errmsg(dst));
}

void sync_path(const fs::path& path, int flags) {
  int fd = ::open(path.c_str(), flags);
  if (fd < 0) throw std::runtime_error("cannot open " + path.string() + " to sync it");
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error("cannot sync " + path.string());
}

}  // namespace

std::string integrity_check(const fs::path& path) {
  auto db = open(path, SQLITE_OPEN_READWRITE);
  return check(db.get());
}

BackupReport inspect_database(const fs::path& path) {
  if (!fs::exists(path)) return {};
  auto db = open(path, SQLITE_OPEN_READWRITE);
  auto report = report_of(db.get());
  report.bytes = static_cast<std::int64_t>(fs::file_size(path));
  return report;
}

BackupReport backup_database(const fs::path& db_path, const fs::path& out) {
  if (!fs::exists(db_path)) throw std::runtime_error("there is no database at " + db_path.string());
  fs::path tmp = out;
  tmp += ".tmp";
  fs::remove(tmp);
  {
    // Created 0600 before SQLite opens it: the copy holds children's data.
    int fd = ::open(tmp.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + tmp.string());
    ::close(fd);
  }
  try {
    auto src = open(db_path, SQLITE_OPEN_READWRITE);
    {
      auto dst = open(tmp, SQLITE_OPEN_READWRITE);
      copy_pages(src.get(), dst.get());
      // One self-contained file: no -wal beside it.
      exec(dst.get(), "PRAGMA journal_mode=DELETE");
    }
    sync_path(tmp, O_RDONLY);
    auto copy = open(tmp, SQLITE_OPEN_READONLY);
    if (auto verdict = check(copy.get()); verdict != "ok")
      throw std::runtime_error("the copy fails its integrity check: " + verdict);
    auto report = report_of(copy.get());
    copy.reset();
    fs::rename(tmp, out);
    sync_path(out.parent_path().empty() ? fs::path(".") : out.parent_path(),
              O_RDONLY | O_DIRECTORY);
    report.bytes = static_cast<std::int64_t>(fs::file_size(out));
    return report;
  } catch (...) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw;
  }
}

BackupReport restore_database(const fs::path& in, const fs::path& db_path, bool force) {
  if (!fs::exists(in)) throw std::runtime_error("there is no backup at " + in.string());
  {
    auto backup = open(in, SQLITE_OPEN_READONLY);
    if (auto verdict = check(backup.get()); verdict != "ok")
      throw std::runtime_error(in.string() + " fails its integrity check: " + verdict);
    auto report = report_of(backup.get());
    int newest = migrations().empty() ? 0 : migrations().back().version;
    if (report.schema_version < 1)
      throw std::runtime_error(in.string() + " is not a Lắng Nghe database (no schema_migrations)");
    if (report.schema_version > newest)
      throw std::runtime_error(in.string() + " is at schema version " +
                               std::to_string(report.schema_version) +
                               ", newer than this binary (" + std::to_string(newest) + ")");
  }
  bool created = !fs::exists(db_path);
  auto existing = inspect_database(db_path);
  if (existing.rows > 0 && !force)
    throw std::runtime_error(db_path.string() + " already holds " + std::to_string(existing.rows) +
                             " rows; stop every server using it, then pass --force to replace it");
  {
    auto src = open(in, SQLITE_OPEN_READONLY);
    auto dst = open(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    copy_pages(src.get(), dst.get());
    exec(dst.get(), "PRAGMA journal_mode=WAL");
  }
  if (created) ::chmod(db_path.c_str(), 0600);
  if (auto verdict = integrity_check(db_path); verdict != "ok")
    throw std::runtime_error("the restored database fails its integrity check: " + verdict);
  auto report = inspect_database(db_path);
  return report;
}

}  // namespace ln::store::sqlite
