// Several instances on one PostgreSQL behind nginx, as deploy/README.md describes: two
// `langnghe serve` on free loopback ports sharing one fresh database and one key file, and nginx
// in front with the upstream and keep-alive settings of deploy/nginx.conf and the proxy settings
// of deploy/langnghe-proxy.conf (no TLS here). Consultation answers and moderation claims are not
// built yet; when they land, their multi-instance cases belong here too.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "tests/api/harness.h"
#include "tests/deploy/nginx.h"
#include "tests/postgres/test_database.h"

namespace ln::test {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct EnrolledPupil {
  std::string id;
  std::string token;
};

class MultiInstance : public ::testing::Test {
 protected:
  void SetUp() override {
    auto admin = postgres_admin_url();
    if (!admin) GTEST_SKIP() << "no PostgreSQL test cluster (run through ctest)";
    database_ = std::make_unique<PostgresDatabase>(*admin);
    dir_ = make_temp_dir();
    fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
    // One key file for both: it encrypts identities and hashes sign-in codes. The first instance
    // creates it (and the demo); the second starts once it exists.
    std::vector<std::string> shared = {"--key-file",      (dir_ / "langnghe.key").string(),
                                       "--jobs-interval", "3600",
                                       "--db-pool",       "4"};
    Server::Options first = demo_options();
    first.db = database_->url();
    first.args.insert(first.args.end(), shared.begin(), shared.end());
    first_ = std::make_unique<Server>(first);
    Server::Options second;
    second.db = database_->url();
    second.env["LANGNGHE_TEST_HOOKS"] = "1";
    second.args = shared;
    second_ = std::make_unique<Server>(second);
    fs::create_directories(dir_ / "nginx");
    fs::permissions(dir_ / "nginx", fs::perms::owner_all | fs::perms::group_read |
                                        fs::perms::group_exec | fs::perms::others_read |
                                        fs::perms::others_exec);
    nginx_ =
        std::make_unique<Nginx>(dir_ / "nginx", std::vector<int>{first_->port(), second_->port()});
    facilitator_ = nginx_
                       ->post("/api/v1/auth/login",
                              {{"username", "facilitator"}, {"password", "langnghe-demo"}})
                       .json()["token"];
  }

  void TearDown() override {
    nginx_.reset();
    first_.reset();
    second_.reset();
    database_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // A pupil who joined the demo class through nginx and has both consents.
  EnrolledPupil enrol(int n) {
    EnrolledPupil pupil;
    for (int attempt = 0; attempt < 6 && pupil.token.empty(); ++attempt) {
      auto names = nginx_->get("/api/v1/pupils/pseudonym-suggestions").json()["items"];
      auto joined = nginx_->post("/api/v1/pupils/join",
                                 {{"code", "DEMO6A"},
                                  {"pseudonym", names[(n + attempt) % names.size()]},
                                  {"birth_date", "2014-03-1" + std::to_string(n % 10)}});
      if (joined.status == 409) continue;  // that pseudonym is taken in the class
      EXPECT_EQ(joined.status, 201) << joined.body;
      if (joined.status != 201) break;
      pupil.token = joined.json()["token"];
      pupil.id = joined.json()["pupil"]["id"];
    }
    if (pupil.token.empty()) throw std::runtime_error("could not enrol pupil " + std::to_string(n));
    auto text = nginx_->get("/api/v1/me/consent-text", pupil.token).json();
    EXPECT_EQ(nginx_->post("/api/v1/me/consents", {{"text_version", text["version"]}}, pupil.token)
                  .status,
              201);
    EXPECT_EQ(
        nginx_
            ->post("/api/v1/pupils/" + pupil.id + "/consents",
                   {{"kind", "guardian"}, {"slip_number", "PH-" + std::to_string(n)}}, facilitator_)
            .status,
        201);
    return pupil;
  }

  std::vector<EnrolledPupil> enrol_many(int count) {
    std::vector<EnrolledPupil> pupils;
    for (int i = 0; i < count; ++i) pupils.push_back(enrol(i));
    return pupils;
  }

  HttpResponse submit(const EnrolledPupil& pupil, int n) {
    return nginx_->post(
        "/api/v1/submissions",
        {{"kind", "idea"}, {"text", "Ý kiến số " + std::to_string(n) + ": thêm cây xanh."}},
        pupil.token);
  }

  std::set<std::string> stored_submission_ids() {
    std::set<std::string> ids;
    std::string all =
        // The demo's own ideas (the sources of its recommendations) are not this test's.
        database_->query_value(
            "SELECT string_agg(id, ',' ORDER BY id) FROM submissions"
            " WHERE id NOT IN (SELECT submission_id FROM recommendation_sources)");
    std::stringstream s(all);
    for (std::string id; std::getline(s, id, ',');) ids.insert(id);
    return ids;
  }

  static int count(const std::string& text, const std::string& needle) {
    int n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
  }

  std::unique_ptr<PostgresDatabase> database_;
  fs::path dir_;
  std::unique_ptr<Server> first_, second_;
  std::unique_ptr<Nginx> nginx_;
  std::string facilitator_;
};

TEST_F(MultiInstance, SubmissionsSpreadOverBothInstancesAndEachIsStoredOnce) {
  EXPECT_EQ(nginx_->get("/readyz").json()["database"], "postgresql");
  auto pupils = enrol_many(6);
  std::set<std::string> acknowledged;
  std::mutex mutex;
  std::vector<std::thread> clients;
  for (int c = 0; c < 3; ++c)
    clients.emplace_back([&, c] {
      for (int i = 0; i < 20; ++i) {
        auto r = submit(pupils[(c * 20 + i) % pupils.size()], c * 100 + i);
        EXPECT_EQ(r.status, 201) << r.body;
        if (r.status != 201) continue;
        std::lock_guard lock(mutex);
        EXPECT_TRUE(acknowledged.insert(r.json()["id"].get<std::string>()).second);
      }
    });
  for (auto& c : clients) c.join();

  EXPECT_EQ(acknowledged.size(), 60u);
  EXPECT_EQ(stored_submission_ids(), acknowledged);
  // Both instances took a share of the writes.
  int on_first = count(first_->log(), "POST /api/v1/submissions 201");
  int on_second = count(second_->log(), "POST /api/v1/submissions 201");
  EXPECT_GT(on_first, 0);
  EXPECT_GT(on_second, 0);
  EXPECT_EQ(on_first + on_second, 60);

  // A pupil signed in on one instance is known to the other (sessions live in the database).
  EXPECT_EQ(first_->get("/api/v1/me", bearer(pupils[0].token)).status, 200);
  EXPECT_EQ(second_->get("/api/v1/me", bearer(pupils[0].token)).status, 200);

  // nginx refuses an oversize body itself, in our JSON envelope.
  auto big = nginx_->request(
      "POST", "/api/v1/submissions", std::string(100 * 1024, 'x'),
      {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + pupils[0].token}});
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(big.error_code(), "too_large") << big.body;
}

TEST_F(MultiInstance, TwoModeratorsClaimingTheSameItemOnDifferentInstancesOneWins) {
  auto pupil = enrol(1);
  auto item = submit(pupil, 1).json()["id"].get<std::string>();
  std::string one = login(*first_, "moderator"), two = login(*second_, "moderator2");
  for (int round = 0; round < 5; ++round) {
    // A fresh item each round, claimed at the same moment through each instance directly.
    if (round > 0) item = submit(pupil, 100 + round).json()["id"].get<std::string>();
    HttpResponse a, b;
    std::thread ta([&] {
      a = first_->post_json("/api/v1/moderation/items/" + item + "/claim", nlohmann::json::object(),
                            bearer(one));
    });
    std::thread tb([&] {
      b = second_->post_json("/api/v1/moderation/items/" + item + "/claim",
                             nlohmann::json::object(), bearer(two));
    });
    ta.join();
    tb.join();
    std::multiset<long> statuses = {a.status, b.status};
    EXPECT_EQ(statuses, (std::multiset<long>{200, 409})) << a.body << " / " << b.body;
    std::string winner =
        database_->query_value("SELECT claimed_by FROM submissions WHERE id = '" + item + "'");
    EXPECT_FALSE(winner.empty());
  }
}

TEST_F(MultiInstance, PupilsAnsweringThroughBothInstancesAreCountedOnce) {
  auto pupils = enrol_many(8);
  std::string consultation =
      nginx_->get("/api/v1/consultations", pupils[0].token).json()["items"][0]["id"];
  for (int pass = 0; pass < 2; ++pass)  // the second pass replaces the first
    for (const auto& p : pupils) {
      auto r = nginx_->post("/api/v1/consultations/" + consultation + "/responses",
                            {{"answers", {{"q_space", pass ? "park" : "school"}}}}, p.token);
      EXPECT_EQ(r.status, 201) << r.body;
    }
  EXPECT_EQ(database_->query_value(
                "SELECT COUNT(*) FROM consultation_responses WHERE consultation_id = '" +
                consultation + "'"),
            "8");
  auto moderator =
      nginx_->post("/api/v1/auth/login", {{"username", "moderator"}, {"password", "langnghe-demo"}})
          .json()["token"]
          .get<std::string>();
  auto results =
      nginx_->get("/api/v1/consultations/" + consultation + "/results", moderator).json();
  EXPECT_EQ(results["respondents"], 8);
  for (const auto& o : results["questions"][0]["options"]) {
    if (o["key"] == "park") {
      EXPECT_EQ(o["count"], 8) << results.dump();
    }
    if (o["key"] == "school") {
      EXPECT_TRUE(o["count"].is_null() || o["count"] == 0) << results.dump();
    }
  }
}

TEST_F(MultiInstance, KillingAnInstanceMidLoadLosesNoAcknowledgedSubmission) {
  auto pupils = enrol_many(4);
  constexpr int kClients = 4, kPerClient = 40, kKillAfter = 40;
  std::atomic<int> answered{0}, after_kill{0};
  std::atomic<bool> killed{false};
  std::set<std::string> acknowledged;
  std::map<long, int> statuses;
  std::mutex mutex;
  auto deadline = std::chrono::steady_clock::now() + 90s;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&, c] {
      for (int i = 0; i < kPerClient && std::chrono::steady_clock::now() < deadline; ++i) {
        long status = 0;
        std::string id;
        try {
          auto r = submit(pupils[c], c * 1000 + i);
          status = r.status;
          if (status == 201) id = r.json()["id"];
          if (status != 201) {
            EXPECT_EQ(r.error_code(), "unavailable") << r.body;
          }
        } catch (const std::exception&) {
          status = -1;  // no answer at all
        }
        std::lock_guard lock(mutex);
        ++statuses[status];
        if (!id.empty()) {
          EXPECT_TRUE(acknowledged.insert(id).second) << id;
          if (killed) ++after_kill;
        }
        ++answered;
      }
    });
  while (answered < kKillAfter && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(2ms);
  second_->kill_now();  // SIGKILL: no draining, connections cut mid-request
  killed = true;
  for (auto& c : clients) c.join();

  std::ostringstream seen;
  for (auto [status, n] : statuses) seen << status << "×" << n << " ";
  // Every 201 is in the database (a request cut before its answer may be stored without one).
  auto stored = stored_submission_ids();
  for (const auto& id : acknowledged) EXPECT_TRUE(stored.count(id)) << id << " got 201, not stored";
  EXPECT_GE(stored.size(), acknowledged.size());
  // Only the few requests in flight on the killed instance may fail, and only as 503 (nginx
  // never resends a POST that reached an instance).
  for (auto [status, n] : statuses) {
    EXPECT_TRUE(status == 201 || status == 503) << seen.str();
  }
  EXPECT_GE(statuses[201], kClients * kPerClient - 8) << seen.str();
  // The service kept answering through the other instance.
  EXPECT_GE(after_kill, 40) << seen.str();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(nginx_->get("/readyz").status, 200);
  EXPECT_EQ(submit(pupils[0], 9999).status, 201);
}

TEST_F(MultiInstance, KillingAnInstanceMidLoadOfAnswersLosesNoAcknowledgedAnswer) {
  auto pupils = enrol_many(40);
  std::string consultation =
      nginx_->get("/api/v1/consultations", pupils[0].token).json()["items"][0]["id"];
  std::atomic<int> next{0}, answered{0};
  std::set<std::string> acknowledged;  // pupil ids whose answer got a 201
  std::mutex mutex;
  auto deadline = std::chrono::steady_clock::now() + 90s;
  std::vector<std::thread> clients;
  for (int c = 0; c < 3; ++c)
    clients.emplace_back([&] {
      for (int i = next++;
           i < static_cast<int>(pupils.size()) && std::chrono::steady_clock::now() < deadline;
           i = next++) {
        try {
          auto r = nginx_->post("/api/v1/consultations/" + consultation + "/responses",
                                {{"answers", {{"q_space", "park"}}}}, pupils[i].token);
          if (r.status == 201) {
            std::lock_guard lock(mutex);
            acknowledged.insert(pupils[i].id);
          } else {
            EXPECT_EQ(r.error_code(), "unavailable") << r.body;
          }
        } catch (const std::exception&) {
        }
        ++answered;
      }
    });
  while (answered < 12 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(2ms);
  second_->kill_now();
  for (auto& c : clients) c.join();

  ASSERT_GE(acknowledged.size(), 30u);  // the service kept answering through the other instance
  for (const auto& id : acknowledged)
    EXPECT_EQ(database_->query_value(
                  "SELECT COUNT(*) FROM consultation_responses WHERE consultation_id = '" +
                  consultation + "' AND pupil_id = '" + id + "'"),
              "1")
        << id;
  // The running results equal a recount of what is stored.
  std::string stored = database_->query_value(
      "SELECT COUNT(*) FROM consultation_responses WHERE consultation_id = '" + consultation + "'");
  std::string counted = database_->query_value(
      "SELECT COALESCE(SUM(count), 0) FROM consultation_counters WHERE consultation_id = '" +
      consultation + "' AND question_id = 'q_space' AND option_key = 'park'");
  EXPECT_EQ(counted, stored);
}

TEST_F(MultiInstance, BothInstancesPurgingAtOnceTakeEachIdentityOnce) {
  auto pupils = enrol_many(6);
  for (const auto& p : pupils)
    ASSERT_EQ(nginx_->request("POST", "/api/v1/me/consents/withdraw", "", bearer(p.token)).status,
              204);
  nlohmann::json later = {{"advance_seconds", 16 * 24 * 3600}};
  ASSERT_EQ(first_->post_json("/__test/clock", later).status, 200);
  ASSERT_EQ(second_->post_json("/__test/clock", later).status, 200);

  std::atomic<int> ready{0}, purged{0};
  std::vector<std::thread> jobs;
  for (Server* s : {first_.get(), second_.get()})
    jobs.emplace_back([&, s] {
      ++ready;
      while (ready < 2) std::this_thread::yield();
      auto r = s->post_json("/__test/jobs/run", nlohmann::json::object());
      EXPECT_EQ(r.status, 200) << r.body;
      purged += r.json()["identities_purged"].get<int>();
    });
  for (auto& j : jobs) j.join();
  EXPECT_EQ(purged, 6);
  EXPECT_EQ(
      first_->post_json("/__test/jobs/run", nlohmann::json::object()).json()["identities_purged"],
      0);

  EXPECT_EQ(database_->query_value(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'pupil.identity_purge'"),
            "6");
  EXPECT_EQ(database_->query_value("SELECT COUNT(DISTINCT object_id) FROM audit_log"
                                   " WHERE action = 'pupil.identity_purge'"),
            "6");
  EXPECT_EQ(database_->query_value("SELECT COUNT(*) FROM pupil_identities i JOIN pupils p"
                                   " ON p.id = i.pupil_id WHERE p.status = 'withdrawn'"),
            "0");
  // Both instances appended to one audit chain, and it verifies.
  auto verify = run_langnghe({"audit", "verify", "--db", database_->url()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace ln::test
