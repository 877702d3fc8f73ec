// Faults an operator meets: the database's disk fills up, the server is stopped under load, the
// PostgreSQL server goes away. Each is injected for real — a small tmpfs filled to the last byte,
// SIGTERM, `pg_ctl stop -m immediate` — and the test checks what clients and the operator see.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <future>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "tests/api/harness.h"
#include "tests/postgres/test_database.h"

namespace ln::test {
namespace {

namespace fs = std::filesystem;

int count_lines_with(const std::string& log, const std::string& needle) {
  int n = 0;
  std::size_t at = 0;
  while ((at = log.find(needle, at)) != std::string::npos) {
    ++n;
    at += needle.size();
  }
  return n;
}

// Our 503: the JSON error shape, code "unavailable", and a Retry-After.
void expect_unavailable(const HttpResponse& r, const std::string& what) {
  EXPECT_EQ(r.status, 503) << what << ": " << r.body;
  EXPECT_EQ(r.error_code(), "unavailable") << what << ": " << r.body;
  EXPECT_FALSE(r.header("retry-after").empty()) << what;
}

// A tmpfs of `megabytes` mounted on a new folder, unmounted (and removed) when this goes away.
class SmallDisk {
 public:
  explicit SmallDisk(int megabytes) : dir_(make_temp_dir()) {
    std::string options = "size=" + std::to_string(megabytes) + "m,mode=0700";
    mounted_ = ::mount("tmpfs", dir_.c_str(), "tmpfs", 0, options.c_str()) == 0;
    if (!mounted_) error_ = std::strerror(errno);
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }
  const fs::path& dir() const { return dir_; }

  // Writes a file until the disk refuses another byte.
  void fill() {
    std::ofstream out(dir_ / "filler", std::ios::binary);
    std::string block(4096, 'x');
    while (out.write(block.data(), static_cast<std::streamsize>(block.size())) && out.flush()) {
    }
    out.close();
    // A smaller tail fills what a whole block did not.
    std::ofstream tail(dir_ / "filler-tail", std::ios::binary);
    while (tail.put('x') && tail.flush()) {
    }
  }
  void free_space() {
    fs::remove(dir_ / "filler");
    fs::remove(dir_ / "filler-tail");
  }

 private:
  fs::path dir_;
  bool mounted_ = false;
  std::string error_;
};

TEST(DiskFull, EveryWriteIsA503AndReadinessSaysSoUntilItWorksAgain) {
  if (testing_postgres()) GTEST_SKIP() << "a full disk under SQLite (PostgreSQL: DatabaseDown)";
  SmallDisk disk(16);
  if (!disk.mounted())
    GTEST_SKIP() << "cannot mount a tmpfs for the database (" << disk.error()
                 << "): this test needs root";
  auto options = demo_options();
  options.db = "sqlite:" + (disk.dir() / "langnghe.db").string();  // the log stays elsewhere
  Server server(options);

  // Everything the writes below need, made while the disk has room.
  auto facilitator = login(server, "facilitator");
  auto moderator = login(server, "moderator");
  auto leaving = login(server, "moderator");
  auto joined = server.post_json(
      "/api/v1/pupils/join",
      {{"code", "DEMO6A"}, {"pseudonym", "Cá Heo Xanh"}, {"birth_date", "2014-03-03"}});
  ASSERT_EQ(joined.status, 201) << joined.body;
  std::string child = joined.json()["token"], child_id = joined.json()["pupil"]["id"];
  std::string sign_in_code = joined.json()["sign_in_code"];
  ASSERT_EQ(server.post_json("/api/v1/me/consents", {{"text_version", "2026-11-v1"}}, bearer(child))
                .status,
            201);
  ASSERT_EQ(server
                .post_json("/api/v1/pupils/" + child_id + "/consents",
                           {{"kind", "guardian"}, {"slip_number", "DF-1"}}, bearer(facilitator))
                .status,
            201);
  auto unconsented = server.post_json(
      "/api/v1/pupils/join",
      {{"code", "DEMO6A"}, {"pseudonym", "Rùa Vàng"}, {"birth_date", "2014-05-05"}});
  ASSERT_EQ(unconsented.status, 201) << unconsented.body;
  std::string second_child = unconsented.json()["token"];
  auto idea = server.post_json(
      "/api/v1/submissions", {{"kind", "idea"}, {"text", "Gọi em 0912 345 678 để bàn về sân chơi"}},
      bearer(child));
  ASSERT_EQ(idea.status, 201) << idea.body;
  std::string item = idea.json()["id"];
  std::string consultation =
      server.get("/api/v1/consultations", bearer(child)).json()["items"][0]["id"];
  ASSERT_EQ(server.get("/readyz").status, 200);

  // The write-ahead log is emptied first, as after a quiet night: otherwise SQLite reuses the
  // room it holds and writes go on succeeding on a full disk until they reach its end.
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((disk.dir() / "langnghe.db").c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    EXPECT_EQ(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  disk.fill();
  // Should the log still have room, writes go on until the database refuses.
  int tries = 0;
  HttpResponse refused;
  for (; tries < 3000; ++tries) {
    refused = server.post_json("/api/v1/pupils/join",
                               {{"code", "DEMO6A"},
                                {"pseudonym", "Bạn Lấp Đầy " + std::to_string(tries)},
                                {"birth_date", "2014-03-03"}});
    if (refused.status != 201) break;
  }
  expect_unavailable(refused, "join on a full disk");
  EXPECT_EQ(tries, 0) << "writes that succeeded on the full disk";

  expect_unavailable(server.post_json("/api/v1/pupils/sign-in", {{"code", sign_in_code}}),
                     "pupil sign-in");
  expect_unavailable(server.post_json("/api/v1/auth/login",
                                      {{"username", "admin"}, {"password", "langnghe-demo"}}),
                     "adult sign-in");
  expect_unavailable(server.post_json("/api/v1/pupils/join", {{"code", "DEMO6A"},
                                                              {"pseudonym", "Hươu Cam"},
                                                              {"birth_date", "2014-03-03"}}),
                     "join");
  expect_unavailable(server.post_json("/api/v1/me/consents", {{"text_version", "2026-11-v1"}},
                                      bearer(second_child)),
                     "consent");
  expect_unavailable(server.post_json("/api/v1/moderation/items/" + item + "/claim",
                                      nlohmann::json::object(), bearer(moderator)),
                     "claim");
  expect_unavailable(server.request("POST", "/api/v1/auth/logout", "", bearer(leaving)), "logout");
  auto answer =
      server.post_json("/api/v1/consultations/" + consultation + "/responses",
                       {{"answers", {{"q_space", "park"}, {"q_safe", 4}}}}, bearer(child));
  expect_unavailable(answer, "answer");
  auto second_idea =
      server.post_json("/api/v1/submissions",
                       {{"kind", "idea"}, {"text", "Thêm ghế đá ở công viên"}}, bearer(child));
  expect_unavailable(second_idea, "idea");
  auto ready = server.get("/readyz");
  EXPECT_EQ(ready.status, 503) << ready.body;
  EXPECT_EQ(ready.error_code(), "unavailable");
  // Reads still work.
  EXPECT_EQ(server.get("/api/v1/consultations", bearer(child)).status, 200);

  std::string log = server.log();
  EXPECT_EQ(count_lines_with(log, "database unavailable"), 1) << log;
  EXPECT_EQ(count_lines_with(log, "database works again"), 0) << log;

  // Room again: readiness comes back by itself (its own small write), and so do writes.
  disk.free_space();
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (server.get("/readyz").status != 200 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(server.get("/readyz").status, 200);
  auto again = server.post_json("/api/v1/consultations/" + consultation + "/responses",
                                {{"answers", {{"q_space", "park"}, {"q_safe", 4}}}}, bearer(child));
  EXPECT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(server.post_json("/api/v1/pupils/sign-in", {{"code", sign_in_code}}).status, 200);
  log = server.log();
  EXPECT_EQ(count_lines_with(log, "database unavailable"), 1) << log;
  EXPECT_EQ(count_lines_with(log, "database works again"), 1) << log;
}

// One raw HTTP exchange on its own connection: the request's head at once, its body in `pieces`
// sent `pause` apart. Returns what came back ("" when the connection was closed or reset first).
std::string slow_exchange(int port, const std::string& head, const std::string& body, int pieces,
                          std::chrono::milliseconds pause, std::string* failure) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    *failure = std::string("connect: ") + std::strerror(errno);
    ::close(fd);
    return "";
  }
  auto send_all = [&](const std::string& bytes) {
    return ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  };
  bool sent = send_all(head);
  std::size_t step = (body.size() + pieces - 1) / pieces;
  for (std::size_t at = 0; sent && at < body.size(); at += step) {
    std::this_thread::sleep_for(pause);
    sent = send_all(body.substr(at, step));
  }
  if (!sent) *failure = std::string("send: ") + std::strerror(errno);
  std::string reply;
  char buffer[4096];
  while (true) {
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n < 0 && failure->empty()) *failure = std::string("recv: ") + std::strerror(errno);
    if (n <= 0) break;
    reply.append(buffer, static_cast<std::size_t>(n));
    if (reply.find("\r\n\r\n") != std::string::npos) {
      auto length_at = reply.find("Content-Length: ");
      if (length_at != std::string::npos) {
        auto length = std::stoul(reply.substr(length_at + 16));
        if (reply.size() >= reply.find("\r\n\r\n") + 4 + length) break;
      }
    }
  }
  ::close(fd);
  return reply;
}

TEST(Shutdown, SigtermUnderLoadAnswersEveryRequestAndDrainsForTheBalancer) {
  auto options = demo_options();
  options.args.insert(options.args.end(), {"--drain-seconds", "3", "--finish-seconds", "10"});
  Server server(options);
  auto facilitator = login(server, "facilitator");
  auto pupil = server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}});
  ASSERT_EQ(pupil.status, 200) << pupil.body;
  std::string child = pupil.json()["token"];

  using Clock = std::chrono::steady_clock;
  std::atomic<bool> stop_sending{false};
  std::mutex mutex;
  std::map<long, int> statuses;
  std::vector<std::string> failures;
  auto load = [&](int n) {
    while (!stop_sending) {
      try {
        auto r = n % 2 ? server.get("/api/v1/consultations", bearer(child))
                       : server.get("/api/v1/units", bearer(facilitator));
        std::lock_guard lock(mutex);
        ++statuses[r.status];
        auto connection = r.header("connection");
        std::transform(connection.begin(), connection.end(), connection.begin(), ::tolower);
        if (r.status != 200 && !(r.status == 503 && r.error_code() == "draining" &&
                                 connection == "close" && !r.header("retry-after").empty()))
          failures.push_back(std::to_string(r.status) + " " + r.body);
      } catch (const std::exception& e) {
        std::lock_guard lock(mutex);
        failures.push_back(e.what());
      }
    }
  };
  std::vector<std::thread> clients;
  for (int i = 0; i < 6; ++i) clients.emplace_back(load, i);

  // An idea uploaded slowly: its body is still arriving when SIGTERM comes, and for a second
  // after the drain's 3 seconds.
  std::string body =
      nlohmann::json({{"kind", "idea"}, {"text", "Em muốn có thêm sân bóng cho lớp em chơi."}})
          .dump();
  std::string head =
      "POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + child +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\nConnection: close\r\n\r\n";
  std::string upload_failure;
  auto upload = std::async(std::launch::async, [&] {
    return slow_exchange(server.port(), head, body, 8, std::chrono::milliseconds(500),
                         &upload_failure);
  });

  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  auto signalled = Clock::now();
  auto stopped = std::async(std::launch::async, [&] { return server.stop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // The balancer's probe: 503 during the whole drain.
  int ready_503 = 0, ready_other = 0;
  while (Clock::now() < signalled + std::chrono::milliseconds(2500)) {
    try {
      auto ready = server.get("/readyz");
      (ready.status == 503 ? ready_503 : ready_other)++;
    } catch (const std::exception& e) {
      std::lock_guard lock(mutex);
      failures.push_back(std::string("/readyz: ") + e.what());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  stop_sending = true;
  for (auto& t : clients) t.join();

  std::string reply = upload.get();
  EXPECT_EQ(upload_failure, "");
  EXPECT_EQ(reply.rfind("HTTP/1.1 201", 0), 0u) << reply;

  auto status = stopped.wait_for(std::chrono::seconds(20));
  ASSERT_EQ(status, std::future_status::ready) << "no exit 20 s after SIGTERM";
  EXPECT_EQ(stopped.get(), 0);
  auto took = Clock::now() - signalled;
  EXPECT_GE(took, std::chrono::seconds(3));  // the drain lasted what it says
  EXPECT_LT(took, std::chrono::seconds(15));

  EXPECT_GT(ready_503, 5);
  EXPECT_EQ(ready_other, 0);
  EXPECT_GT(statuses[200], 0);
  EXPECT_GT(statuses[503], 0);  // requests that arrived during the drain
  std::lock_guard lock(mutex);
  EXPECT_TRUE(failures.empty()) << failures.size() << " bad replies, first: " << failures[0];
}

// The throwaway cluster of tests/postgres/cluster.sh, of this test alone: it is stopped and
// started again under the server's feet.
class OwnCluster {
 public:
  OwnCluster() : state_(make_temp_dir()) {
    run(script() + " start " + state_.string());
    std::ifstream(state_ / "url") >> url_;
    std::ifstream(state_ / "cluster") >> root_;
  }
  ~OwnCluster() { run(script() + " stop " + state_.string()); }
  const std::string& url() const { return url_; }
  void stop_immediately() { ASSERT_EQ(run(pg_ctl() + " stop -m immediate -w -t 30"), 0); }
  void start() { ASSERT_EQ(run(pg_ctl() + " start -w -t 30 -l " + root_ + "/server.log"), 0); }

 private:
  static std::string script() {
    return std::string(LANGNGHE_SOURCE_DIR) + "/tests/postgres/cluster.sh";
  }
  std::string pg_ctl() const {
    std::string as_owner = ::geteuid() == 0 ? "runuser -u postgres -- " : "";
    return as_owner + "/usr/lib/postgresql/15/bin/pg_ctl -D " + root_ + "/data";
  }
  static int run(const std::string& command) {
    return std::system((command + " >/dev/null 2>&1").c_str());
  }
  fs::path state_;
  std::string url_;
  std::string root_;
};

TEST(DatabaseDown, RequestsGet503FastThePoolBacksOffAndTheLogSaysLostAndBackOnce) {
  if (!testing_postgres()) GTEST_SKIP() << "a PostgreSQL test (see the postgresql. variant)";
  OwnCluster cluster;
  ASSERT_FALSE(cluster.url().empty());
  auto database = std::make_unique<PostgresDatabase>(cluster.url());
  auto options = demo_options();
  options.db = database->url();
  options.args.insert(options.args.end(), {"--db-pool", "4"});
  Server server(options);
  auto facilitator = login(server, "facilitator");
  struct Child {
    std::string token;
    std::string id;
  };
  std::vector<Child> children;
  for (int i = 0; i < 8; ++i) {
    auto joined =
        server.post_json("/api/v1/pupils/join", {{"code", "DEMO6A"},
                                                 {"pseudonym", "Bạn " + std::to_string(i)},
                                                 {"birth_date", "2014-03-03"}});
    ASSERT_EQ(joined.status, 201) << joined.body;
    Child c{joined.json()["token"], joined.json()["pupil"]["id"]};
    server.post_json("/api/v1/me/consents", {{"text_version", "2026-11-v1"}}, bearer(c.token));
    server.post_json("/api/v1/pupils/" + c.id + "/consents",
                     {{"kind", "guardian"}, {"slip_number", "PG-" + std::to_string(i)}},
                     bearer(facilitator));
    children.push_back(c);
  }
  std::string consultation =
      server.get("/api/v1/consultations", bearer(children[0].token)).json()["items"][0]["id"];
  auto attempts = [&] {
    auto metrics = server.get("/metrics", metrics_reader()).body;
    const std::string name = "\nlangnghe_database_connection_attempts_total ";
    auto at = metrics.find(name);
    return at == std::string::npos ? -1L : std::stol(metrics.substr(at + name.size()));
  };
  long attempts_before = attempts();
  ASSERT_GT(attempts_before, 0);
  // Lines other than the access log's one line per request.
  auto log_lines = [&] {
    std::istringstream log(server.log());
    int n = 0;
    for (std::string line; std::getline(log, line);)
      if (line.find(" access ") == std::string::npos) ++n;
    return n;
  };

  using Clock = std::chrono::steady_clock;
  std::atomic<bool> stop_sending{false};
  std::mutex mutex;
  std::map<long, int> statuses;
  std::vector<std::string> bad;
  std::vector<std::string> unsure;  // tokens whose answers got a 503
  Clock::duration slowest_503{};
  auto load = [&](int n) {
    for (int round = 0; !stop_sending; ++round) {
      const auto& c = children[static_cast<std::size_t>(n)];
      auto started = Clock::now();
      try {
        auto r = server.post_json("/api/v1/consultations/" + consultation + "/responses",
                                  {{"answers", {{"q_space", round % 2 ? "park" : "school"}}}},
                                  bearer(c.token));
        auto took = Clock::now() - started;
        std::lock_guard lock(mutex);
        ++statuses[r.status];
        if (r.status == 503) {
          slowest_503 = std::max(slowest_503, took);
          unsure.push_back(c.token);
          auto message = r.json()["error"]["message"].get<std::string>();
          bool honest = message.find("nothing was changed") != std::string::npos ||
                        message.find("could not be saved") != std::string::npos ||
                        message.find("Sending them again is safe") != std::string::npos;
          if (!honest || r.header("retry-after").empty()) bad.push_back(r.body);
        } else if (r.status != 200 && r.status != 201) {
          bad.push_back(std::to_string(r.status) + " " + r.body);
        }
      } catch (const std::exception& e) {
        std::lock_guard lock(mutex);
        bad.push_back(e.what());
      }
    }
  };
  std::vector<std::thread> clients;
  for (int i = 0; i < 8; ++i) clients.emplace_back(load, i);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));

  auto lines_before = log_lines();
  cluster.stop_immediately();
  std::this_thread::sleep_for(std::chrono::seconds(4));
  EXPECT_EQ(server.get("/readyz").status, 503);
  auto lines_while_down = log_lines() - lines_before;
  cluster.start();
  auto until = Clock::now() + std::chrono::seconds(15);
  while (server.get("/readyz").status != 200 && Clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(server.get("/readyz").status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  stop_sending = true;
  for (auto& t : clients) t.join();

  // Down for about 4 s with 8 clients sending as fast as they are answered: a few dozen
  // connection tries (100 ms doubling up to 5 s, shared), not thousands; one log line each way.
  long tried = attempts() - attempts_before;
  std::cout << "down 4 s: " << tried << " connection tries, " << lines_while_down
            << " log lines besides the access log, " << statuses[503]
            << " answers got 503 (slowest "
            << std::chrono::duration_cast<std::chrono::milliseconds>(slowest_503).count()
            << " ms)\n";
  EXPECT_LT(tried, 40) << "connection tries while the database was down";
  EXPECT_LT(lines_while_down, 10) << server.log();
  auto log = server.log();
  EXPECT_EQ(count_lines_with(log, "postgresql database unavailable"), 1) << log;
  EXPECT_EQ(count_lines_with(log, "postgresql database works again"), 1) << log;
  EXPECT_GT(statuses[503], 0);
  // Fast: no request waits for a connection try (connect_timeout is 10 s); the margin is for a
  // machine busy with other builds.
  EXPECT_LT(slowest_503, std::chrono::seconds(5)) << "a 503 should come fast";
  EXPECT_TRUE(bad.empty()) << bad.size() << " bad replies, first: " << bad[0];

  // Answers told 503 are sent again: each replaces what may have been stored, so every child
  // has exactly one set of answers, the last one sent.
  for (const auto& c : children) {
    auto r = server.post_json("/api/v1/consultations/" + consultation + "/responses",
                              {{"answers", {{"q_space", "alley"}}}}, bearer(c.token));
    EXPECT_TRUE(r.status == 200 || r.status == 201) << r.body;
  }
  std::string ids;
  for (const auto& c : children) ids += (ids.empty() ? "'" : ",'") + c.id + "'";
  EXPECT_EQ(database->query_value(
                "SELECT COUNT(*) FROM consultation_responses WHERE consultation_id = '" +
                consultation + "' AND pupil_id IN (" + ids + ")"),
            std::to_string(children.size()));
  server.stop();
}

}  // namespace
}  // namespace ln::test
