// Retention: each kind of stored data goes when its period is over — not a day before — and a
// consultation's results (its counts) stay after its answers are deleted. The server's clock is
// moved with the test hook and the scheduled jobs run at once.
#include <gtest/gtest.h>

#include <ctime>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

void advance(const Server& server, long long seconds) {
  auto r = server.post_json("/__test/clock", {{"advance_seconds", seconds}});
  ASSERT_EQ(r.status, 200) << r.body;
}

nlohmann::json run_jobs(const Server& server) {
  auto r = server.request("POST", "/__test/jobs/run");
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json();
}

constexpr long long kDay = 24 * 3600;

long long to_seconds(const std::string& rfc3339) {
  std::tm tm{};
  strptime(rfc3339.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return static_cast<long long>(timegm(&tm));
}

std::string to_text(long long seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

// The server's clock now.
std::string server_now(const Server& server) {
  return server.post_json("/__test/clock", {{"advance_seconds", 0}}).json()["now"];
}

TEST(Retention, EachKindOfDataGoesWhenItsPeriodEndsAndResultsStay) {
  auto options = demo_options();
  options.args.insert(options.args.end(),
                      {"--retain-sessions-days", "2", "--retain-sign-in-failures-days", "1",
                       "--retain-codes-days", "3", "--retain-answers-days", "10"});
  Server server(options);
  const TestDatabase& db = server.database();
  auto facilitator = login(server, "facilitator");

  // Five children join, consent and answer the demo consultation.
  std::vector<std::string> children;
  for (int i = 0; i < 5; ++i) {
    auto joined =
        server.post_json("/api/v1/pupils/join", {{"code", "DEMO6A"},
                                                 {"pseudonym", "Bạn " + std::to_string(i)},
                                                 {"birth_date", "2014-03-03"}});
    ASSERT_EQ(joined.status, 201) << joined.body;
    std::string token = joined.json()["token"], id = joined.json()["pupil"]["id"];
    server.post_json("/api/v1/me/consents", {{"text_version", "2026-11-v1"}}, bearer(token));
    server.post_json("/api/v1/pupils/" + id + "/consents",
                     {{"kind", "guardian"}, {"slip_number", "R-" + std::to_string(i)}},
                     bearer(facilitator));
    children.push_back(token);
  }
  auto consultation = server.get("/api/v1/consultations", bearer(children[0])).json()["items"][0];
  std::string cid = consultation["id"];
  auto answers = [&] {
    return db.query_int("SELECT COUNT(*) FROM consultation_responses WHERE consultation_id = '" +
                        cid + "'");
  };
  const auto base = answers();  // the demo's own answers, if any
  for (const auto& token : children) {
    auto r = server.post_json("/api/v1/consultations/" + cid + "/responses",
                              {{"answers", {{"q_space", "park"}, {"q_safe", 4}}}}, bearer(token));
    ASSERT_EQ(r.status, 201) << r.body;
  }
  ASSERT_EQ(answers(), base + 5);
  // Closed by hand before its closing time (the answers' period still counts from closes_at):
  // results are shown once a consultation is closed.
  ASSERT_EQ(server
                .post_json("/api/v1/consultations/" + cid + "/close", nlohmann::json::object(),
                           bearer(login(server, "moderator")))
                .status,
            200);
  auto results_before =
      server.get("/api/v1/consultations/" + cid + "/results", bearer(login(server, "moderator")))
          .json();
  ASSERT_EQ(results_before["respondents"], base + 5) << results_before.dump();

  // A signed-out session, a failed sign-in, a revoked join code.
  auto leaving = login(server, "official");
  ASSERT_EQ(server.request("POST", "/api/v1/auth/logout", "", bearer(leaving)).status, 204);
  auto signed_out = [&] {
    return db.query_int("SELECT COUNT(*) FROM sessions WHERE revoked_at IS NOT NULL");
  };
  ASSERT_GE(signed_out(), 1);
  server.post_json("/api/v1/auth/login", {{"username", "official2"}, {"password", "wrong"}});
  auto failures = [&] { return db.query_int("SELECT COUNT(*) FROM sign_in_failures"); };
  ASSERT_GE(failures(), 1);

  // Day 0.9: nothing is due yet.
  advance(server, kDay * 9 / 10);
  auto jobs = run_jobs(server);
  EXPECT_EQ(jobs["retention_purged"]["sign_in_failures"], 0) << jobs.dump();
  EXPECT_GE(failures(), 1);
  // Day 1.1: the failure counters (1 day) go; the signed-out session (2 days) stays.
  advance(server, kDay / 5);
  jobs = run_jobs(server);
  EXPECT_GE(jobs["retention_purged"]["sign_in_failures"], 1) << jobs.dump();
  EXPECT_EQ(failures(), 0);
  EXPECT_GE(signed_out(), 1);
  // Day 2.1: the signed-out session goes too.
  advance(server, kDay);
  jobs = run_jobs(server);
  EXPECT_GE(jobs["retention_purged"]["sessions"], 1) << jobs.dump();
  EXPECT_EQ(signed_out(), 0);
  EXPECT_EQ(answers(), base + 5) << "answers stay until the consultation's closing time";

  // The consultation closes at closes_at; its answers stay 10 days longer, then go.
  auto closes = server.get("/api/v1/consultations/" + cid, bearer(login(server, "moderator")))
                    .json()["closes_at"]
                    .get<std::string>();
  std::string now = server_now(server);
  long long until_due = to_seconds(closes) + 10 * kDay - to_seconds(now);
  ASSERT_GT(until_due, 3600);
  advance(server, until_due - 3600);
  run_jobs(server);
  EXPECT_EQ(answers(), base + 5) << "an hour before the period ends";
  advance(server, 7200);
  jobs = run_jobs(server);
  EXPECT_EQ(jobs["retention_purged"]["answers"], base + 5) << jobs.dump();
  EXPECT_EQ(answers(), 0);

  // The counts are still there for the report, equal to what they were.
  auto moderator = bearer(login(server, "moderator"));
  auto results_after = server.get("/api/v1/consultations/" + cid + "/results", moderator).json();
  EXPECT_EQ(results_after["respondents"], base + 5) << results_after.dump();
  EXPECT_EQ(results_after["questions"], results_before["questions"]);
  // Join codes that ended more than 3 days ago are gone (the demo's expire after 14 days).
  std::string three_days_ago = to_text(to_seconds(server_now(server)) - 3 * kDay);
  EXPECT_EQ(
      db.query_int("SELECT COUNT(*) FROM join_codes WHERE expires_at < '" + three_days_ago + "'"),
      0);
  // Identity, pupils and the audit log are not touched by these periods.
  EXPECT_GE(db.query_int("SELECT COUNT(*) FROM pupils"), 5);
  EXPECT_EQ(run_langnghe({"audit", "verify", "--db", db.url()}).exit_code, 0);
}

TEST(Retention, PeriodsComeFromFlagsAndAreChecked) {
  auto r = run_langnghe({"serve", "--retain-answers-days", "-5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--retain-answers-days"), std::string::npos) << r.err;
  auto help = run_langnghe({"serve", "--help"});
  for (std::string flag :
       {"--retain-sessions-days", "--retain-sign-in-failures-days", "--retain-codes-days",
        "--retain-answers-days", "--retain-data-requests-days"})
    EXPECT_NE(help.out.find(flag), std::string::npos) << flag;
}

}  // namespace
}  // namespace ln::test
