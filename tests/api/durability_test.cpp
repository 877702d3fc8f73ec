// A 201 for a child's answer means it is on disk: kill the server with SIGKILL in the middle of a
// load of answers, restart it on the same database, and every answer that got a 201 is there,
// the running results equal a recount of the stored answers, and the database is intact.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

TEST(Durability, EveryAnswerThatGot201SurvivesSigkill) {
  auto first = std::make_unique<Server>(demo_options());
  Server& a = *first;
  auto facilitator = login(a, "facilitator");

  struct Child {
    std::string token;
    std::string id;
  };
  std::vector<Child> children;
  for (int i = 0; i < 80; ++i) {
    auto joined = a.post_json("/api/v1/pupils/join", {{"code", "DEMO6A"},
                                                      {"pseudonym", "Bạn " + std::to_string(i)},
                                                      {"birth_date", "2014-03-03"}});
    ASSERT_EQ(joined.status, 201) << joined.body;
    Child c{joined.json()["token"], joined.json()["pupil"]["id"]};
    a.post_json("/api/v1/me/consents", {{"text_version", "2026-11-v1"}}, bearer(c.token));
    a.post_json("/api/v1/pupils/" + c.id + "/consents",
                {{"kind", "guardian"}, {"slip_number", "D-" + std::to_string(i)}},
                bearer(facilitator));
    children.push_back(c);
  }
  std::string consultation =
      a.get("/api/v1/consultations", bearer(children[0].token)).json()["items"][0]["id"];

  // Two clients answer as fast as they can; the server is killed after the 30th 201.
  std::mutex mutex;
  std::vector<std::string> acknowledged;
  std::atomic<int> next{0};
  std::atomic<bool> killed{false};
  auto answer_loop = [&] {
    for (int i = next++; i < static_cast<int>(children.size()); i = next++) {
      try {
        auto r = a.post_json("/api/v1/consultations/" + consultation + "/responses",
                             {{"answers", {{"q_space", "park"}, {"q_safe", 4}}}},
                             bearer(children[i].token));
        if (r.status == 201) {
          std::lock_guard lock(mutex);
          acknowledged.push_back(children[i].token);
        }
      } catch (const std::exception&) {
        // The server is gone: nothing was acknowledged.
      }
      if (killed) return;
    }
  };
  std::thread one(answer_loop), two(answer_loop);
  while (!killed) {
    {
      std::lock_guard lock(mutex);
      if (acknowledged.size() >= 30) {
        a.kill_now();
        killed = true;
      }
    }
    if (next >= static_cast<int>(children.size())) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  one.join();
  two.join();
  ASSERT_TRUE(killed) << "the load finished before the kill";
  ASSERT_GE(acknowledged.size(), 30u);

  // Restart on the same database and key.
  Server::Options again = demo_options();
  again.dir = a.dir();
  again.db = a.database().url();
  Server b(again);
  for (const auto& token : acknowledged) {
    auto mine = b.get("/api/v1/consultations/" + consultation + "/responses/mine", bearer(token));
    EXPECT_EQ(mine.status, 200) << mine.body;
  }
  std::int64_t stored = a.database().query_int(
      "SELECT COUNT(*) FROM consultation_responses WHERE consultation_id = '" + consultation + "'");
  EXPECT_GE(stored, static_cast<std::int64_t>(acknowledged.size()));
  auto results =
      b.get("/api/v1/consultations/" + consultation + "/results", bearer(login(b, "moderator")))
          .json();
  EXPECT_EQ(results["respondents"], stored);
  bool park_seen = false;
  for (const auto& o : results["questions"][0]["options"]) {
    if (o["key"] != "park") continue;
    park_seen = true;
    EXPECT_EQ(o["count"], stored);  // the running counters equal a recount of the stored answers
  }
  EXPECT_TRUE(park_seen);
  if (a.database().backend() == "sqlite") {
    EXPECT_EQ(a.database().query_int(
                  "SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"),
              1);
  }
}

}  // namespace
}  // namespace ln::test
