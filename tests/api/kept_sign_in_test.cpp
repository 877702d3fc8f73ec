// Each instance keeps what a pupil's request reads of sign-in, consent, the consultation and the
// unit tree in memory (on SQLite, for as long as the database's reference epoch stays the same).
// Two instances on one database: what one of them changes, the other honours on its very next
// request — a kept copy must never outlive the change.
#include <gtest/gtest.h>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

class KeptSignIn : public ::testing::Test {
 protected:
  KeptSignIn()
      : first(demo_options()),
        second(Server::Options{{}, {}, first.dir(), first.database().url()}) {}

  std::string sign_in(const std::string& code) {
    auto r = first.post_json("/api/v1/pupils/sign-in", {{"code", code}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["token"];
  }

  HttpResponse answer(const Server& server, const std::string& token) {
    Headers h = bearer(token);
    h["Content-Type"] = "application/json";
    return server.request("POST", "/api/v1/consultations/" + consultation + "/responses",
                          R"({"answers":{"q_space":"park","q_safe":4}})", h);
  }

  Server first;
  Server second;
  std::string consultation;
};

TEST_F(KeptSignIn, ChangesOnOneInstanceAreHonouredAtOnceOnTheOther) {
  std::string meo = sign_in("meo-xanh-2024"), caheo = sign_in("caheo-vang-2025");
  auto list = second.get("/api/v1/consultations", bearer(meo));
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_FALSE(list.json()["items"].empty());
  consultation = list.json()["items"][0]["id"];

  // Both instances sign both pupils in and read the consultation (and keep them).
  for (const Server* server : {&first, &second})
    for (const auto& token : {meo, caheo}) {
      auto r = answer(*server, token);
      EXPECT_EQ(r.status, 201) << r.body;
    }

  // Consent withdrawn through the first: the second refuses the child's next answer.
  EXPECT_EQ(first.request("POST", "/api/v1/me/consents/withdraw", "", bearer(meo)).status, 204);
  auto refused = answer(second, meo);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.error_code(), "consent_required");
  EXPECT_EQ(second.get("/api/v1/me", bearer(meo)).json()["consent"]["complete"], false);

  // Signed out through the second: the first no longer knows the token.
  EXPECT_EQ(first.get("/api/v1/me", bearer(caheo)).status, 200);
  EXPECT_EQ(second.request("POST", "/api/v1/auth/logout", "", bearer(caheo)).status, 204);
  EXPECT_EQ(first.get("/api/v1/me", bearer(caheo)).status, 401);
  EXPECT_EQ(answer(first, caheo).status, 401);

  // The consultation closed through the first: the second refuses answers as closed.
  std::string again = sign_in("caheo-vang-2025");
  ASSERT_EQ(answer(second, again).status, 201);
  std::string moderator = login(first, "moderator");
  auto closed = first.post_json("/api/v1/consultations/" + consultation + "/close",
                                nlohmann::json::object(), bearer(moderator));
  ASSERT_EQ(closed.status, 200) << closed.body;
  auto late = answer(second, again);
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(late.error_code(), "consultation_closed");

  // An account disabled through the first: the second no longer lets it in.
  std::string moderator2 = login(first, "moderator2");
  auto me = second.get("/api/v1/me", bearer(moderator2));
  ASSERT_EQ(me.status, 200) << me.body;
  auto disabled = first.request(
      "PATCH", "/api/v1/accounts/" + me.json()["id"].get<std::string>(), R"({"disabled":true})",
      {{"Authorization", "Bearer " + login(first, "admin")}, {"Content-Type", "application/json"}});
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(second.get("/api/v1/me", bearer(moderator2)).status, 401);
}

}  // namespace
}  // namespace ln::test
