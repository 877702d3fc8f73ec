// SIGKILL in the middle of mixed writes (organisation, sign-ins, children's ideas, the audit log),
// three times over on one database: after each restart the database is intact (SQLite's
// integrity_check; PostgreSQL recovers by itself), the audit chain verifies, every write that got
// its 201 is there, and the server serves.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

TEST(CrashSafety, SigkillDuringWritesNeverCorruptsTheDatabase) {
  auto options = demo_options();
  auto first = std::make_unique<Server>(options);
  auto dir = first->dir();
  std::string db = first->database().url();
  const TestDatabase& database = first->database();
  std::set<std::string> acknowledged_units;
  std::mutex mutex;

  // The database outlives the servers: keep the first one's TestDatabase, restart on its URL.
  std::unique_ptr<Server> current;
  Server* server = first.get();
  for (int round = 0; round < 3; ++round) {
    auto admin = bearer(login(*server, "admin"));
    auto pupil = bearer(
        server->post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"]);
    std::atomic<bool> stop{false};
    std::atomic<int> acknowledged{0}, units_this_round{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 3; ++w)
      writers.emplace_back([&, w] {
        for (int i = 0; !stop; ++i) {
          try {
            if (w == 0) {
              std::string name = "Tỉnh " + std::to_string(round) + "-" + std::to_string(i);
              auto r =
                  server->post_json("/api/v1/units", {{"kind", "province"}, {"name", name}}, admin);
              if (r.status == 201) {
                std::lock_guard lock(mutex);
                acknowledged_units.insert(r.json()["id"].get<std::string>());
                ++units_this_round;
              }
            } else if (w == 1) {
              server->post_json("/api/v1/submissions",
                                {{"kind", "idea"}, {"text", "Ý kiến " + std::to_string(i)}}, pupil);
            } else {
              login(*server, "moderator");
            }
            ++acknowledged;
          } catch (const std::exception&) {
            // Killed: no answer.
          }
        }
      });
    // Killed mid-stream: after at least 30 writes, 5 of them units, have been answered.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while ((acknowledged < 30 || units_this_round < 5) &&
           std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    server->kill_now();
    stop = true;
    for (auto& t : writers) t.join();

    if (database.backend() == "sqlite") {
      EXPECT_EQ(database.query_int("SELECT COUNT(*) FROM pragma_integrity_check "
                                   "WHERE integrity_check = 'ok'"),
                1)
          << "round " << round;
    }
    auto verify = run_langnghe({"audit", "verify", "--db", db});
    EXPECT_EQ(verify.exit_code, 0) << "round " << round << ": " << verify.out << verify.err;

    Server::Options again = options;
    again.dir = dir;
    again.db = db;
    current = std::make_unique<Server>(again);
    server = current.get();
    EXPECT_EQ(server->get("/readyz").status, 200);
    auto admin_again = bearer(login(*server, "admin"));
    std::lock_guard lock(mutex);
    for (const auto& id : acknowledged_units)
      EXPECT_EQ(server->get("/api/v1/units/" + id, admin_again).status, 200) << id;
  }
  EXPECT_GE(acknowledged_units.size(), 15u);
  EXPECT_EQ(current->stop(), 0);
}

}  // namespace
}  // namespace ln::test
