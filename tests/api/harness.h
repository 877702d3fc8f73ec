#pragma once
// Starts the real `langnghe` binary (LANGNGHE_BIN) on a free loopback port with a temporary
// database and speaks HTTP to it with libcurl. Later API tests reuse it.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ln::test {

class PostgresDatabase;

// True when the API tests run against PostgreSQL (LANGNGHE_TEST_PG_URL or
// LANGNGHE_TEST_PG_URL_FILE is set, as the "postgresql." tests are by CTest).
bool testing_postgres();

// A new, empty database on the backend under test: a SQLite file in `dir`, or a fresh database
// on the PostgreSQL test cluster, dropped when this goes away.
class TestDatabase {
 public:
  explicit TestDatabase(const std::filesystem::path& dir);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // For --db.
  std::string url() const;
  // "sqlite" or "postgresql", as /readyz names it.
  std::string backend() const;
  // Runs SQL directly on the database, behind the server's back (test set-up only).
  void exec(const std::string& sql) const;
  std::int64_t query_int(const std::string& sql) const;
  // The SQLite file (SQLite only).
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  std::unique_ptr<PostgresDatabase> postgres_;
};

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  nlohmann::json json() const { return nlohmann::json::parse(body); }
  std::string header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    return it == headers.end() ? "" : it->second;
  }
  // The error envelope's code, or "" when the body is not our error shape.
  std::string error_code() const;
};

using Headers = std::map<std::string, std::string>;

// One HTTP request to a full URL (127.0.0.1 only in these tests); throws when no answer came.
HttpResponse http_request(const std::string& method, const std::string& url,
                          const std::string& body = "", const Headers& headers = {},
                          long timeout_seconds = 60);

// A TCP port on 127.0.0.1 that nothing listens on right now.
int free_port();

// Starts a program (args[0] is its path) with stdout/stderr appended to the given files.
pid_t spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const std::filesystem::path& out_file, const std::filesystem::path& err_file,
            const std::filesystem::path& in_file = "/dev/null");
// Waits for it to exit (SIGKILL after `limit`); returns the exit code or -signal.
int wait_exit(pid_t pid, std::chrono::seconds limit);

class Server {
 public:
  struct Options {
    std::vector<std::string> args;           // extra `serve` flags
    std::map<std::string, std::string> env;  // extra environment
    std::filesystem::path dir;               // reuse a folder (and its database); empty = new
    std::string db;                          // a --db URL to use; empty = a new TestDatabase
  };
  Server() : Server(Options{}) {}
  explicit Server(Options options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  HttpResponse request(const std::string& method, const std::string& path,
                       const std::string& body = "", const Headers& headers = {}) const;
  HttpResponse get(const std::string& path, const Headers& headers = {}) const {
    return request("GET", path, "", headers);
  }
  HttpResponse post_json(const std::string& path, const nlohmann::json& body,
                         Headers headers = {}) const;

  // Sends SIGTERM and waits; returns the exit status (or -signal).
  int stop();
  void kill_now();
  bool running() const { return pid_ > 0; }

  std::string log() const;
  const std::filesystem::path& dir() const { return dir_; }
  // The database this server was started on (only when the harness made it).
  const TestDatabase& database() const;
  int port() const { return port_; }
  std::string url(const std::string& path) const;

 private:
  std::filesystem::path dir_;
  bool own_dir_ = false;
  std::unique_ptr<TestDatabase> database_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// Runs the binary with `args` to completion; returns the exit code and what it printed.
struct CommandResult {
  int exit_code;
  std::string out;
  std::string err;
};
CommandResult run_langnghe(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env = {},
                           const std::string& input = "");

// Signs in an adult (the demo password by default) and returns the session token.
std::string login(const Server& server, const std::string& username,
                  const std::string& password = "langnghe-demo");
Headers bearer(const std::string& token);
// The id of the demo school with this code (THCS-DDA in Phường 9, THCS-CVL in Phường 2, TH-CL in
// Phường 15), as an adult who can list schools sees it; "" when there is none.
std::string school_with_code(const Server& server, const std::string& token,
                             const std::string& code);
// Server options for a server with the demo data, the test hooks (clock, jobs) and a metrics
// token (metrics_reader()).
Server::Options demo_options();
// Today in Viet Nam (YYYY-MM-DD) by the real clock, plus some days.
std::string vietnam_today(int plus_days = 0);
// The headers an operator reads /metrics with, on a server started with demo_options().
Headers metrics_reader();
inline constexpr const char* kTestMetricsToken = "metrics-token-of-the-api-tests-0123456789";

std::filesystem::path make_temp_dir();
std::string binary_path();
std::string source_web_root();

}  // namespace ln::test
