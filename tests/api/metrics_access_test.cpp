// /metrics is for operators only: it shows when a text has just gone to safeguarding (DESIGN.md
// §7). Only the --metrics-token reads it; no session of any role does.
#include <gtest/gtest.h>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

TEST(Metrics, OnlyAnOperatorWithTheTokenReadsThem) {
  {
    Server::Options no_token;  // no --metrics-token: nobody reads them
    no_token.args = {"--demo"};
    Server server(no_token);
    auto r = server.get("/metrics", metrics_reader());
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body.find("langnghe_moderation_queue_items"), std::string::npos);
  }
  Server server(demo_options());
  auto signed_out = server.get("/metrics");
  EXPECT_EQ(signed_out.status, 401);
  EXPECT_EQ(signed_out.error_code(), "unauthorized");
  EXPECT_EQ(signed_out.body.find("safeguarding"), std::string::npos);
  // A session, even an admin's, is not the operator's token.
  EXPECT_EQ(server.get("/metrics", bearer(login(server, "admin"))).status, 401);
  EXPECT_EQ(
      server.get("/metrics", {{"Authorization", std::string("Bearer ") + kTestMetricsToken + "x"}})
          .status,
      401);
  auto text = server.get("/metrics", metrics_reader()).body;
  EXPECT_NE(text.find("langnghe_moderation_queue_items{queue=\"safeguarding\"}"),
            std::string::npos);
  EXPECT_NE(text.find("langnghe_credential_guesses_refused_total{credential=\"password\"} 0"),
            std::string::npos)
      << text;
  // Too short a token is refused at start.
  auto bad = run_langnghe({"serve", "--metrics-token", "short"});
  EXPECT_NE(bad.exit_code, 0);
}

// The metrics token is a credential: wrong ones are guesses, slowed per address like codes are,
// while Prometheus with the right token elsewhere reads on. (Guesses used to be unlimited.)
TEST(Metrics, WrongTokensAreGuessesAndAreSlowedLikeAnyCredential) {
  auto options = demo_options();
  options.args.insert(options.args.end(), {"--trusted-proxy", "127.0.0.1"});
  Server server(options);
  const Headers right = metrics_reader();
  auto from = [](const std::string& token, const std::string& address) {
    return Headers{{"Authorization", "Bearer " + token}, {"X-Real-IP", address}};
  };
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(server.get("/metrics", from("guess-" + std::to_string(i), "198.51.100.30")).status,
              401)
        << i;
  auto slowed = server.get("/metrics", from(kTestMetricsToken, "198.51.100.30"));
  EXPECT_EQ(slowed.status, 429) << slowed.body;
  EXPECT_FALSE(slowed.header("retry-after").empty());
  EXPECT_EQ(slowed.body.find("langnghe_"), std::string::npos);
  // No token at all is no guess: anyone may be told to bring one, as often as they like.
  for (int i = 0; i < 12; ++i) EXPECT_EQ(server.get("/metrics").status, 401);
  auto operator_view = server.get("/metrics", right);
  ASSERT_EQ(operator_view.status, 200);
  EXPECT_NE(operator_view.body.find(
                "langnghe_credential_guesses_failed_total{credential=\"metrics_token\"} 10"),
            std::string::npos)
      << operator_view.body;
  EXPECT_NE(operator_view.body.find(
                "langnghe_credential_guesses_refused_total{credential=\"metrics_token\"} 1"),
            std::string::npos);
}

}  // namespace
}  // namespace ln::test
