// Rate limits on every write, per account and per client address: 429 with Retry-After, the
// limits set by flags or LANGNGHE_ variables, reads never limited.
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

const Headers kJson = {{"Content-Type", "application/json"}};

Headers with_json(Headers h) {
  h["Content-Type"] = "application/json";
  return h;
}

// A write that changes nothing whatever the limit: an empty unit name is refused (400) — but
// it is still a write attempt and counts.
HttpResponse write_as(const Server& server, const Headers& who) {
  return server.request("POST", "/api/v1/units", R"({"kind":"province","name":""})",
                        with_json(who));
}

// Retry-After: whole seconds until the next write is allowed — at most a full refill interval
// (time passes while the test runs, so it may be a little less).
::testing::AssertionResult retry_after_within(const HttpResponse& r, int most) {
  int seconds = std::atoi(r.header("retry-after").c_str());
  if (seconds >= 1 && seconds <= most) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "Retry-After: '" << r.header("retry-after") << "', wanted 1 to " << most;
}

void advance(const Server& server, long long seconds) {
  auto r = server.post_json("/__test/clock", {{"advance_seconds", seconds}});
  ASSERT_EQ(r.status, 200) << r.body;
}

TEST(RateLimits, AnAccountPastItsLimitGets429WithRetryAfterOthersDoNot) {
  auto options = demo_options();
  options.env["LANGNGHE_WRITE_LIMIT_ACCOUNT"] = "5";  // 5 a minute: one every 12 s
  Server server(options);
  auto admin = bearer(login(server, "admin"));
  auto facilitator = bearer(login(server, "facilitator"));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(write_as(server, admin).status, 400) << i;
  auto limited = write_as(server, admin);
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(limited.error_code(), "rate_limited");
  EXPECT_TRUE(retry_after_within(limited, 12));
  // Any write counts, whatever the route; reads are never limited.
  EXPECT_EQ(server.post_json("/api/v1/me/password", {{"current", "x"}}, admin).status, 429);
  EXPECT_EQ(server.get("/api/v1/units?limit=1", admin).status, 200);
  EXPECT_EQ(server.get("/api/v1/me", admin).status, 200);
  // Another account at the same address is not held back by the first one's writes.
  EXPECT_EQ(write_as(server, facilitator).status, 403);

  advance(server, 12);
  EXPECT_EQ(write_as(server, admin).status, 400) << "one write is back after Retry-After";
  EXPECT_EQ(write_as(server, admin).status, 429);
  advance(server, 60);
  auto created =
      server.post_json("/api/v1/units", {{"kind", "province"}, {"name", "Tỉnh Mới"}}, admin);
  EXPECT_EQ(created.status, 201) << created.body;
}

TEST(RateLimits, AClientAddressPastItsLimitGets429WhoeverItClaimsToBe) {
  auto options = demo_options();
  options.args.insert(options.args.end(), {"--write-limit-account", "0", "--write-limit-address",
                                           "4", "--trusted-proxy", "127.0.0.1"});
  Server server(options);
  // Signing in is a write too: four wrong passwords, then the address waits (the growing lock
  // for wrong passwords is separate and later).
  for (int i = 0; i < 4; ++i) {
    auto r = server.post_json("/api/v1/auth/login", {{"username", "admin"}, {"password", "no"}});
    EXPECT_EQ(r.status, 401) << i << r.body;
  }
  auto limited = server.post_json("/api/v1/auth/login",
                                  {{"username", "admin"}, {"password", "langnghe-demo"}});
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_TRUE(retry_after_within(limited, 15));
  auto join = server.post_json(
      "/api/v1/pupils/join",
      {{"code", "DEMO6A"}, {"pseudonym", "Sóc Nâu"}, {"birth_date", "2014-05-02"}});
  EXPECT_EQ(join.status, 429) << join.body;
  EXPECT_EQ(server.get("/api/v1/about").status, 200);

  // Behind the trusted proxy each client is counted by its X-Real-IP: another school is served.
  Headers other = {{"X-Real-IP", "203.0.113.7"}};
  auto elsewhere = server.post_json("/api/v1/auth/login",
                                    {{"username", "admin"}, {"password", "langnghe-demo"}}, other);
  EXPECT_EQ(elsewhere.status, 200) << elsewhere.body;
  advance(server, 15);
  EXPECT_EQ(
      server.post_json("/api/v1/auth/login", {{"username", "admin"}, {"password", "langnghe-demo"}})
          .status,
      200);
}

// A client handed an IPv6 /64 cannot get a fresh write allowance from each of its addresses.
TEST(RateLimits, AnIpv6ClientIsLimitedByItsNetworkNotEachAddress) {
  auto options = demo_options();
  options.args.insert(options.args.end(), {"--write-limit-account", "0", "--write-limit-address",
                                           "4", "--trusted-proxy", "127.0.0.1"});
  Server server(options);
  auto login_from = [&](const std::string& address) {
    return server.post_json("/api/v1/auth/login", {{"username", "nobody"}, {"password", "no"}},
                            {{"X-Real-IP", address}});
  };
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(login_from("2001:db8:5:5::" + std::to_string(i + 1)).status, 401) << i;
  auto limited = login_from("2001:db8:5:5:abcd::1");
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(login_from("2001:db8:5:6::1").status, 401);
}

TEST(RateLimits, APupilIsLimitedPerPupilToo) {
  auto options = demo_options();
  options.env["LANGNGHE_WRITE_LIMIT_ACCOUNT"] = "3";
  Server server(options);
  auto pupil = bearer(
      server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"]);
  auto other = bearer(
      server.post_json("/api/v1/pupils/sign-in", {{"code", "caheo-vang-2025"}}).json()["token"]);
  for (int i = 0; i < 3; ++i) {
    auto r =
        server.post_json("/api/v1/submissions",
                         {{"kind", "idea"}, {"text", "Ý kiến số " + std::to_string(i)}}, pupil);
    EXPECT_EQ(r.status, 201) << r.body;
  }
  auto limited =
      server.post_json("/api/v1/submissions", {{"kind", "idea"}, {"text", "Thêm nữa"}}, pupil);
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_TRUE(retry_after_within(limited, 20));
  EXPECT_EQ(server.get("/api/v1/submissions", pupil).json()["items"].size(), 3u)
      << "the refused write stored nothing";
  EXPECT_EQ(
      server.post_json("/api/v1/submissions", {{"kind", "idea"}, {"text", "Của bạn khác"}}, other)
          .status,
      201);
}

TEST(RateLimits, BadLimitValuesExitTwo) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"serve", "--write-limit-account", "-1"}, {"serve", "--write-limit-address", "lots"}}) {
    auto r = run_langnghe(args);
    EXPECT_EQ(r.exit_code, 2) << args[1];
    EXPECT_NE(r.err.find(args[1]), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace ln::test
