// A 201 for a child's answer or idea means it is on disk: kill the server with SIGKILL in the
// middle of a load of answers and ideas, restart it on the same database, and every answer and
// idea that got a 201 is there,
// the running results equal a recount of the stored answers, and the database is intact.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

TEST(Durability, EveryAnswerAndIdeaThatGot201SurvivesSigkill) {
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

  // Two clients answer and send ideas as fast as they can; the server is killed after the 30th
  // answer's 201.
  std::mutex mutex;
  std::vector<std::string> acknowledged;
  std::vector<std::pair<std::string, std::string>> ideas;  // (token, submission id) that got 201
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
        auto idea = a.post_json(
            "/api/v1/submissions",
            {{"kind", "idea"}, {"text", "Thêm cây xanh ở sân trường số " + std::to_string(i)}},
            bearer(children[i].token));
        if (idea.status == 201) {
          std::lock_guard lock(mutex);
          ideas.emplace_back(children[i].token, idea.json()["id"]);
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
  EXPECT_FALSE(ideas.empty());
  for (const auto& [token, id] : ideas) {
    auto idea = b.get("/api/v1/submissions/" + id, bearer(token));
    EXPECT_EQ(idea.status, 200) << idea.body;
  }
  std::int64_t stored = a.database().query_int(
      "SELECT COUNT(*) FROM consultation_responses WHERE consultation_id = '" + consultation + "'");
  EXPECT_GE(stored, static_cast<std::int64_t>(acknowledged.size()));
  auto moderator = bearer(login(b, "moderator"));
  ASSERT_EQ(b.post_json("/api/v1/consultations/" + consultation + "/close",
                        nlohmann::json::object(), moderator)
                .status,
            200);
  auto results = b.get("/api/v1/consultations/" + consultation + "/results", moderator).json();
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

// Answers are written by the group committer and answered from its thread: the reply still
// carries the request id, the security headers and shows in the metrics; and SIGTERM in the
// middle of a load of answers lets every batch in flight finish before the process exits.
TEST(Durability, AnswersInFlightAtSigtermAreWrittenAndAnswered) {
  auto first = std::make_unique<Server>(demo_options());
  Server& a = *first;
  auto facilitator = login(a, "facilitator");
  std::vector<std::string> tokens;
  for (int i = 0; i < 60; ++i) {
    auto joined = a.post_json("/api/v1/pupils/join", {{"code", "DEMO6A"},
                                                      {"pseudonym", "Sao " + std::to_string(i)},
                                                      {"birth_date", "2014-03-03"}});
    ASSERT_EQ(joined.status, 201) << joined.body;
    std::string token = joined.json()["token"];
    std::string id = joined.json()["pupil"]["id"];
    a.post_json("/api/v1/me/consents", {{"text_version", "2026-11-v1"}}, bearer(token));
    a.post_json("/api/v1/pupils/" + id + "/consents",
                {{"kind", "guardian"}, {"slip_number", "S-" + std::to_string(i)}},
                bearer(facilitator));
    tokens.push_back(token);
  }
  std::string consultation =
      a.get("/api/v1/consultations", bearer(tokens[0])).json()["items"][0]["id"];
  std::string path = "/api/v1/consultations/" + consultation + "/responses";

  auto headers = bearer(tokens[0]);
  headers["X-Request-Id"] = "answer-probe-1";
  auto probe = a.post_json(path, {{"answers", {{"q_space", "park"}}}}, headers);
  ASSERT_EQ(probe.status, 201) << probe.body;
  EXPECT_EQ(probe.header("x-request-id"), "answer-probe-1");
  EXPECT_EQ(probe.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(probe.header("cache-control"), "no-store");
  EXPECT_EQ(probe.json()["answers"]["q_space"], "park");
  auto metrics = a.get("/metrics", metrics_reader()).body;
  EXPECT_NE(metrics.find("route=\"/api/v1/consultations/{id}/responses\",status=\"201\""),
            std::string::npos)
      << metrics.substr(0, 2000);

  std::mutex mutex;
  std::vector<std::string> acknowledged;
  std::vector<long> statuses;
  std::atomic<int> next{1};
  auto answer_loop = [&] {
    for (int i = next++; i < static_cast<int>(tokens.size()); i = next++) {
      try {
        auto r = a.post_json(path, {{"answers", {{"q_space", "school"}, {"q_safe", 3}}}},
                             bearer(tokens[i]));
        std::lock_guard lock(mutex);
        statuses.push_back(r.status);
        if (r.status == 201) acknowledged.push_back(tokens[i]);
      } catch (const std::exception&) {
        // Refused once the listener closed: never acknowledged.
      }
    }
  };
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) clients.emplace_back(answer_loop);
  while (next < 20) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_EQ(a.stop(), 0) << a.log();
  for (auto& c : clients) c.join();
  for (long status : statuses) EXPECT_TRUE(status == 201 || status == 503) << status;

  Server::Options again = demo_options();
  again.dir = a.dir();
  again.db = a.database().url();
  Server b(again);
  for (const auto& token : acknowledged) {
    auto mine = b.get(path + "/mine", bearer(token));
    EXPECT_EQ(mine.status, 200) << mine.body;
  }
  std::int64_t stored = a.database().query_int(
      "SELECT COUNT(*) FROM consultation_responses WHERE consultation_id = '" + consultation + "'");
  EXPECT_GE(stored, static_cast<std::int64_t>(acknowledged.size()) + 1);
  auto moderator = bearer(login(b, "moderator"));
  ASSERT_EQ(b.post_json("/api/v1/consultations/" + consultation + "/close",
                        nlohmann::json::object(), moderator)
                .status,
            200);
  auto results = b.get("/api/v1/consultations/" + consultation + "/results", moderator).json();
  EXPECT_EQ(results["respondents"], stored);
}

}  // namespace
}  // namespace ln::test
