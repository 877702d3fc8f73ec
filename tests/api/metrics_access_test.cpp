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

}  // namespace
}  // namespace ln::test
