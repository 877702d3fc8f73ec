#include "tests/api/harness.h"

#include <algorithm>

#include <curl/curl.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/postgres/test_database.h"

namespace ln::test {
namespace fs = std::filesystem;

namespace {

size_t collect_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t collect_header(char* data, size_t size, size_t count, void* out) {
  std::string line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t\r\n") + 1);
    auto& headers = *static_cast<std::map<std::string, std::string>*>(out);
    // Repeated headers (Set-Cookie) are kept, one per line.
    if (headers.count(name) && !headers[name].empty())
      headers[name] += "\n" + value;
    else
      headers[name] = value;
  }
  return size * count;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error("bind for a free port failed");
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

pid_t spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const fs::path& out_file, const fs::path& err_file, const fs::path& in_file) {
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    int null = ::open(in_file.c_str(), O_RDONLY);
    ::dup2(null, 0);
    // Sanitizer findings end the server with a failure the harness reports; harmless otherwise.
    ::setenv("ASAN_OPTIONS", "abort_on_error=1:detect_leaks=1", 0);
    ::setenv("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1", 0);
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int wait_exit(pid_t pid, std::chrono::seconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -SIGKILL;
}

bool testing_postgres() {
  return postgres_admin_url().has_value();
}

TestDatabase::TestDatabase(const fs::path& dir) {
  if (auto admin = postgres_admin_url())
    postgres_ = std::make_unique<PostgresDatabase>(*admin);
  else
    file_ = dir / "langnghe.db";
}

TestDatabase::~TestDatabase() = default;

std::string TestDatabase::url() const {
  return postgres_ ? postgres_->url() : "sqlite:" + file_.string();
}

std::string TestDatabase::backend() const {
  return postgres_ ? "postgresql" : "sqlite";
}

void TestDatabase::exec(const std::string& sql) const {
  if (postgres_) return postgres_->exec(sql);
  sqlite3* db = nullptr;
  sqlite3_open(file_.c_str(), &db);
  sqlite3_busy_timeout(db, 5000);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error("SQL failed: " + sql + ": " + message);
}

std::int64_t TestDatabase::query_int(const std::string& sql) const {
  if (postgres_) return std::stoll(postgres_->query_value(sql));
  sqlite3* db = nullptr;
  sqlite3_open_v2(file_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  std::int64_t value = 0;
  bool ok = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW;
  if (ok) value = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  if (!ok) throw std::runtime_error("SQL failed: " + sql);
  return value;
}

std::string HttpResponse::error_code() const {
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("error")) return "";
  return parsed["error"].value("code", "");
}

std::string binary_path() {
  const char* bin = std::getenv("LANGNGHE_BIN");
#ifdef LANGNGHE_BUILT_BIN
  if (!bin) bin = LANGNGHE_BUILT_BIN;
#endif
  if (!bin) throw std::runtime_error("LANGNGHE_BIN is not set (run the tests through ctest)");
  return bin;
}

std::string source_web_root() {
  return std::string(LANGNGHE_SOURCE_DIR) + "/web";
}

fs::path make_temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "langnghe-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

Server::Server(Options options) {
  static const bool curl_ready = (curl_global_init(CURL_GLOBAL_DEFAULT), true);
  (void)curl_ready;
  if (options.dir.empty()) {
    dir_ = make_temp_dir();
    own_dir_ = true;
  } else {
    dir_ = options.dir;
  }
  std::string db = options.db;
  if (db.empty()) {
    database_ = std::make_unique<TestDatabase>(dir_);
    db = database_->url();
  }
  port_ = free_port();
  std::vector<std::string> args = {binary_path(), "serve",
                                   "--key-file",  (dir_ / "langnghe.key").string(),
                                   "--listen",    "127.0.0.1:" + std::to_string(port_),
                                   "--db",        db,
                                   "--web-root",  source_web_root(),
                                   "--threads",   "2"};
  // Tests stop servers all the time: no pause for a balancer unless a test asks for one.
  if (std::find(options.args.begin(), options.args.end(), "--drain-seconds") == options.args.end())
    args.insert(args.end(), {"--drain-seconds", "0"});
  args.insert(args.end(), options.args.begin(), options.args.end());
  pid_ = spawn(args, options.env, dir_ / "server.out", dir_ / "server.err");

  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("langnghe exited at start:\n" + log());
    }
    try {
      if (get("/healthz").status == 200) return;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  kill_now();
  throw std::runtime_error("langnghe did not answer /healthz within 30 s:\n" + log());
}

Server::~Server() {
  if (pid_ > 0) {
    int code = stop();
    if (code != 0) ADD_FAILURE() << "langnghe exited with " << code << " on SIGTERM:\n" << log();
  }
  if (own_dir_) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

const TestDatabase& Server::database() const {
  if (!database_) throw std::logic_error("this server was given its database by the test");
  return *database_;
}

std::string Server::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

HttpResponse Server::request(const std::string& method, const std::string& path,
                             const std::string& body, const Headers& headers) const {
  return http_request(method, url(path), body, headers);
}

namespace {

HttpResponse http_request_once(const std::string& method, const std::string& full,
                               const std::string& body, const Headers& headers,
                               long timeout_seconds, CURLcode& rc) {
  static const bool curl_ready = (curl_global_init(CURL_GLOBAL_DEFAULT), true);
  (void)curl_ready;
  CURL* curl = curl_easy_init();
  HttpResponse response;
  curl_easy_setopt(curl, CURLOPT_URL, full.c_str());
  curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
  if (method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_slist* list = curl_slist_append(nullptr, "Expect:");
  for (const auto& [name, value] : headers)
    list = curl_slist_append(list, (name + ": " + value).c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout_seconds);
  rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return response;
}

// With LANGNGHE_RECORD_EXCHANGES=<folder>, every exchange is appended as one JSON line to
// <folder>/<backend>.<Suite>.<Test>.jsonl (started afresh by each run of the test), for the
// contract check against the served description (tests/contract/check_exchanges.mjs).
void record_exchange(const std::string& method, const std::string& full, const std::string& body,
                     const HttpResponse& response) {
  static const char* folder = std::getenv("LANGNGHE_RECORD_EXCHANGES");
  if (!folder || !*folder || response.status == 0) return;
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = test ? std::string(test->test_suite_name()) + "." + test->name() : "outside";
  for (auto& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_') c = '_';
  fs::path file = fs::path(folder) / ((testing_postgres() ? "postgresql." : "sqlite.") + name +
                                      ".jsonl");
  auto scheme = full.find("://");
  auto slash = full.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  nlohmann::json line = {{"method", method},
                         {"path", slash == std::string::npos ? "/" : full.substr(slash)},
                         {"request_bytes", body.size()},
                         {"status", response.status},
                         {"content_type", response.header("content-type")},
                         {"retry_after", response.header("retry-after")},
                         {"request_id", response.header("x-request-id")},
                         {"body", response.body}};
  static std::mutex mutex;
  static std::set<std::string> started;
  std::lock_guard lock(mutex);
  fs::create_directories(folder);
  bool fresh = started.insert(file.string()).second;
  std::ofstream out(file, fresh ? std::ios::trunc : std::ios::app);
  out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace

HttpResponse http_request(const std::string& method, const std::string& full,
                          const std::string& body, const Headers& headers, long timeout_seconds) {
  CURLcode rc = CURLE_OK;
  HttpResponse response = http_request_once(method, full, body, headers, timeout_seconds, rc);
  // Very rarely a connection is reset before any answer arrives (seen once in many runs, with no
  // server error; Pistache 0.0.5's connection handling). Nothing was answered, so ask once more.
  if (response.status == 0 &&
      (rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING || rc == CURLE_SEND_ERROR)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    response = http_request_once(method, full, body, headers, timeout_seconds, rc);
  }
  if (rc != CURLE_OK && response.status == 0)
    throw std::runtime_error(std::string("HTTP request failed: ") + curl_easy_strerror(rc));
  record_exchange(method, full, body, response);
  return response;
}

HttpResponse Server::post_json(const std::string& path, const nlohmann::json& body,
                               Headers headers) const {
  headers.emplace("Content-Type", "application/json");
  return request("POST", path, body.dump(), headers);
}

int Server::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int code = wait_exit(pid_, std::chrono::seconds(30));
  pid_ = -1;
  return code;
}

void Server::kill_now() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string Server::log() const {
  return read_file(dir_ / "server.out") + read_file(dir_ / "server.err");
}

std::string login(const Server& server, const std::string& username, const std::string& password) {
  auto r = server.post_json("/api/v1/auth/login", {{"username", username}, {"password", password}});
  if (r.status != 200) throw std::runtime_error("login as " + username + " failed: " + r.body);
  return r.json()["token"];
}

std::string school_with_code(const Server& server, const std::string& token,
                             const std::string& code) {
  auto schools = server.get("/api/v1/schools?limit=200", bearer(token)).json()["items"];
  for (const auto& s : schools)
    if (s["code"] == code) return s["id"];
  return "";
}

Headers bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

std::string vietnam_today(int plus_days) {
  std::time_t t = std::time(nullptr) + 7 * 3600 + plus_days * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[11];
  std::strftime(out, sizeof out, "%Y-%m-%d", &tm);
  return out;
}

Server::Options demo_options() {
  Server::Options options;
  options.args = {"--demo", "--metrics-token", kTestMetricsToken};
  options.env["LANGNGHE_TEST_HOOKS"] = "1";
  return options;
}

Headers metrics_reader() {
  return {{"Authorization", std::string("Bearer ") + kTestMetricsToken}};
}

CommandResult run_langnghe(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env,
                           const std::string& input) {
  fs::path dir = make_temp_dir();
  std::ofstream(dir / "in") << input;
  std::vector<std::string> full = {binary_path()};
  full.insert(full.end(), args.begin(), args.end());
  pid_t pid = spawn(full, env, dir / "out", dir / "err", dir / "in");
  int code = wait_exit(pid, std::chrono::seconds(60));
  CommandResult result{code, read_file(dir / "out"), read_file(dir / "err")};
  fs::remove_all(dir);
  return result;
}

}  // namespace ln::test
