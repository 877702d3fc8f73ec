// Class join codes: eight signs, a configurable lifetime, and a rotate action for the
// facilitator; the demo's own code outlives real ones.
#include <gtest/gtest.h>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

Server::Options behind_proxy() {
  auto options = demo_options();
  options.args.insert(options.args.end(), {"--trusted-proxy", "127.0.0.1"});
  return options;
}

void advance(const Server& server, long long seconds) {
  auto r = server.post_json("/__test/clock", {{"advance_seconds", seconds}});
  ASSERT_EQ(r.status, 200) << r.body;
}

TEST(JoinCodes, ExpireAfterTheConfiguredLifetimeAndRotateEndsTheOthers) {
  auto options = behind_proxy();
  options.args.insert(options.args.end(), {"--join-code-days", "3"});
  Server server(options);
  auto facilitator = bearer(login(server, "facilitator"));
  std::string class_id;
  auto classes = server.get("/api/v1/classes?limit=200", facilitator).json();
  for (const auto& c : classes["items"])
    if (c["name"] == "6A") class_id = c["id"];
  ASSERT_FALSE(class_id.empty());
  auto first =
      server.request("POST", "/api/v1/classes/" + class_id + "/join-codes", "", facilitator);
  ASSERT_EQ(first.status, 201) << first.body;
  std::string old_code = first.json()["code"];
  EXPECT_EQ(old_code.size(), 8u);
  auto rotated =
      server.request("POST", "/api/v1/classes/" + class_id + "/join-codes/rotate", "", facilitator);
  ASSERT_EQ(rotated.status, 201) << rotated.body;
  std::string code = rotated.json()["code"];
  auto join = [&](const std::string& c, const std::string& name) {
    return server.post_json("/api/v1/pupils/join",
                            {{"code", c}, {"pseudonym", name}, {"birth_date", "2014-05-02"}});
  };
  auto old = join(old_code, "Ban Cu");
  EXPECT_EQ(old.status, 400);
  EXPECT_EQ(old.error_code(), "join_code_revoked");
  // The demo's own code was one of the class's codes too: rotating ends every other code.
  EXPECT_EQ(join("DEMO6A", "Ban Demo").error_code(), "join_code_revoked");
  EXPECT_EQ(join(code, "Ban Moi").status, 201);
  advance(server, 3 * 86400 + 1);
  auto expired = join(code, "Ban Muon");
  EXPECT_EQ(expired.status, 400);
  EXPECT_EQ(expired.error_code(), "join_code_expired");
  // Only adults of the class's school rotate; a pupil cannot.
  auto pupil = server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json();
  EXPECT_EQ(server
                .request("POST", "/api/v1/classes/" + class_id + "/join-codes/rotate", "",
                         bearer(pupil["token"]))
                .status,
            403);
}

TEST(JoinCodes, TheDemoCodeOutlivesRealCodes) {
  Server server(behind_proxy());
  advance(server, 60 * 86400);
  auto r = server.post_json(
      "/api/v1/pupils/join",
      {{"code", "DEMO6A"}, {"pseudonym", "Ban Lau"}, {"birth_date", "2014-05-02"}});
  EXPECT_EQ(r.status, 201) << r.body;
}

}  // namespace
}  // namespace ln::test
