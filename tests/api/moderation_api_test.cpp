// A child's idea through moderation: screened and queued, listed with its text collapsed,
// claimed (one moderator at a time), approved with the phone number redacted; a second
// moderator's decision is a 409; a disclosure goes to the safeguarding leads only.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

class Moderation : public ::testing::Test {
 protected:
  Moderation() : server(demo_options()) {
    pupil = server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"];
    moderator = login(server, "moderator");
    moderator2 = login(server, "moderator2");
  }
  HttpResponse decide(const std::string& token, const std::string& id, nlohmann::json body) {
    return server.post_json("/api/v1/moderation/items/" + id + "/decision", body, bearer(token));
  }
  Server server;
  std::string pupil, moderator, moderator2;
};

TEST_F(Moderation, ClaimDecideAndRedact) {
  auto sent = server
                  .post_json("/api/v1/submissions",
                             {{"kind", "idea"}, {"text", "Gọi em 0912 345 678 để bàn về sân chơi"}},
                             bearer(pupil))
                  .json();
  std::string id = sent["id"];

  auto queues = server.get("/api/v1/moderation/queues", bearer(moderator)).json()["items"];
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& q : queues) by_name[q["queue"]] = q;
  EXPECT_FALSE(by_name.count("safeguarding"));  // leads only
  EXPECT_EQ(by_name["priority"]["items"], 1);
  EXPECT_FALSE(by_name["priority"]["oldest_at"].is_null());

  auto listed =
      server.get("/api/v1/moderation/queues/priority/items", bearer(moderator)).json()["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["id"], id);
  EXPECT_EQ(listed[0]["text_collapsed"], true);
  EXPECT_FALSE(listed[0].contains("text"));
  EXPECT_EQ(listed[0]["labels"], nlohmann::json::array({"personal_info"}));
  EXPECT_EQ(listed[0]["author"]["pseudonym"],
            "Mèo Xanh");  // pseudonym and age band, never identity
  EXPECT_EQ(listed[0]["author"]["age_band"], "11-13");
  EXPECT_FALSE(listed[0]["author"].contains("birth_date"));

  auto item = server.get("/api/v1/moderation/items/" + id, bearer(moderator)).json();
  auto span = item["screening"]["spans"][0];
  EXPECT_EQ(span["label"], "personal_info");

  // A decision before claiming is refused; one moderator claims, the other cannot.
  EXPECT_EQ(
      decide(moderator, id, {{"decision", "approve"}, {"version", item["version"]}}).error_code(),
      "not_claimed");
  auto claimed = server.post_json("/api/v1/moderation/items/" + id + "/claim",
                                  nlohmann::json::object(), bearer(moderator));
  ASSERT_EQ(claimed.status, 200) << claimed.body;
  int version = claimed.json()["version"];
  auto second = server.post_json("/api/v1/moderation/items/" + id + "/claim",
                                 nlohmann::json::object(), bearer(moderator2));
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(second.error_code(), "claimed_by_other");
  EXPECT_EQ(decide(moderator2, id, {{"decision", "approve"}, {"version", version}}).status, 409);
  EXPECT_EQ(decide(moderator, id, {{"decision", "approve"}, {"version", version - 1}}).error_code(),
            "stale_version");
  EXPECT_EQ(
      decide(moderator, id, {{"decision", "reject"}, {"version", version}, {"reason", "because"}})
          .status,
      400);
  EXPECT_EQ(
      decide(moderator, id,
             {{"decision", "approve_redacted"}, {"version", version}, {"redactions", {{5, 500}}}})
          .status,
      400);

  auto approved = decide(moderator, id,
                         {{"decision", "approve_redacted"},
                          {"version", version},
                          {"redactions", {{span["start"], span["end"]}}}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["status"], "approved_redacted");
  std::string redacted = approved.json()["redacted_text"];
  EXPECT_EQ(redacted.find("0912"), std::string::npos);
  EXPECT_NE(redacted.find("[…]"), std::string::npos);
  EXPECT_NE(redacted.find("sân chơi"), std::string::npos);
  EXPECT_EQ(decide(moderator, id, {{"decision", "approve"}, {"version", version + 1}}).status, 409);

  // The child sees what happened, in words for children.
  auto mine = server.get("/api/v1/submissions/" + id, bearer(pupil)).json();
  EXPECT_EQ(mine["status"], "approved_redacted");
  EXPECT_FALSE(mine["status_text"]["vi"].get<std::string>().empty());
  EXPECT_EQ(server.get("/api/v1/moderation/queues/priority/items", bearer(moderator))
                .json()["items"]
                .size(),
            0u);

  auto audit =
      server.get("/api/v1/audit?limit=200", bearer(login(server, "admin"))).json()["items"];
  std::set<std::string> actions;
  for (const auto& e : audit)
    if (e["object_id"] == id) actions.insert(e["action"]);
  for (std::string a :
       {"submission.create", "moderation.view", "moderation.claim", "moderation.approve_redacted"})
    EXPECT_TRUE(actions.count(a)) << a;
}

TEST_F(Moderation, ClaimsRunOutAndReturnsNeedAReasonForChildren) {
  auto id =
      server
          .post_json("/api/v1/submissions",
                     {{"kind", "idea"}, {"text", "Sân trường cần thêm ghế đá"}}, bearer(pupil))
          .json()["id"]
          .get<std::string>();
  ASSERT_EQ(server
                .post_json("/api/v1/moderation/items/" + id + "/claim", nlohmann::json::object(),
                           bearer(moderator))
                .status,
            200);
  server.post_json("/__test/clock", {{"advance_seconds", 11 * 60}});
  auto taken = server.post_json("/api/v1/moderation/items/" + id + "/claim",
                                nlohmann::json::object(), bearer(moderator2));
  ASSERT_EQ(taken.status, 200) << taken.body;
  int version = taken.json()["version"];
  EXPECT_EQ(decide(moderator2, id, {{"decision", "return"}, {"version", version}}).status, 400);
  auto returned = decide(moderator2, id,
                         {{"decision", "return"},
                          {"version", version},
                          {"reason", "unclear"},
                          {"note", "Em viết rõ hơn vị trí nhé"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(server.get("/api/v1/submissions/" + id, bearer(pupil)).json()["status"], "returned");
}

TEST_F(Moderation, DisclosuresReachOnlySafeguardingLeads) {
  auto id = server
                .post_json("/api/v1/submissions",
                           {{"kind", "opinion"}, {"text", "Chú hàng xóm hay sờ vào người em"}},
                           bearer(pupil))
                .json()["id"]
                .get<std::string>();
  EXPECT_EQ(server.get("/api/v1/moderation/queues/safeguarding/items", bearer(moderator)).status,
            403);
  EXPECT_EQ(server.get("/api/v1/moderation/items/" + id, bearer(moderator)).status, 404);
  auto lead = login(server, "safeguarding");
  auto items =
      server.get("/api/v1/moderation/queues/safeguarding/items", bearer(lead)).json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["labels"], nlohmann::json::array({"disclosure"}));

  // A moderator can escalate an ordinary-looking item to the leads.
  auto plain =
      server
          .post_json("/api/v1/submissions",
                     {{"kind", "idea"}, {"text", "Em muốn nói chuyện riêng với cô tổng phụ trách"}},
                     bearer(pupil))
          .json()["id"]
          .get<std::string>();
  auto claimed = server.post_json("/api/v1/moderation/items/" + plain + "/claim",
                                  nlohmann::json::object(), bearer(moderator));
  ASSERT_EQ(claimed.status, 200) << claimed.body;
  auto escalated =
      decide(moderator, plain, {{"decision", "escalate"}, {"version", claimed.json()["version"]}});
  EXPECT_EQ(escalated.status, 200) << escalated.body;
  EXPECT_EQ(escalated.json()["queue"], "safeguarding");
  EXPECT_EQ(server.get("/api/v1/moderation/queues/safeguarding/items", bearer(lead))
                .json()["items"]
                .size(),
            2u);
  EXPECT_EQ(server.get("/api/v1/moderation/queues/nowhere/items", bearer(lead)).status, 404);
}

TEST_F(Moderation, ASafeguardingCaseFromDisclosureToSecondLeadClosure) {
  auto sent = server.post_json("/api/v1/submissions",
                               {{"kind", "opinion"}, {"text", "Bố em say rượu rồi đánh em"}},
                               bearer(pupil));
  ASSERT_EQ(sent.status, 201);
  EXPECT_EQ(sent.json()["support"]["hotline"], "111");  // the child sees 111 at once
  std::string id = sent.json()["id"];
  auto lead = login(server, "safeguarding"), lead2 = login(server, "safeguarding2");

  auto cases = server.get("/api/v1/safeguarding/cases", bearer(lead)).json()["items"];
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0]["id"], id);
  EXPECT_EQ(cases[0]["timing"]["late"], false);
  EXPECT_EQ(server.get("/api/v1/safeguarding/cases", bearer(moderator)).status, 403);
  // Never published: the moderation decisions refuse it.
  auto claim = server.post_json("/api/v1/moderation/items/" + id + "/claim",
                                nlohmann::json::object(), bearer(lead));
  ASSERT_EQ(claim.status, 200);
  EXPECT_EQ(decide(lead, id, {{"decision", "approve"}, {"version", claim.json()["version"]}})
                .error_code(),
            "safeguarding_item");

  server.post_json("/__test/clock", {{"advance_seconds", 61 * 60}});
  EXPECT_EQ(server.get("/api/v1/safeguarding/cases/" + id, bearer(lead)).json()["timing"]["late"],
            true);
  EXPECT_EQ(server
                .post_json("/api/v1/safeguarding/cases/" + id + "/actions",
                           {{"kind", "referral_111"}, {"date", "2026-11-24"}}, bearer(lead))
                .error_code(),
            "not_acknowledged");
  auto acked = server.post_json("/api/v1/safeguarding/cases/" + id + "/acknowledge",
                                nlohmann::json::object(), bearer(lead));
  ASSERT_EQ(acked.status, 200) << acked.body;
  EXPECT_FALSE(acked.json()["case"]["acknowledged_at"].is_null());
  EXPECT_EQ(server
                .post_json("/api/v1/safeguarding/cases/" + id + "/acknowledge",
                           nlohmann::json::object(), bearer(lead2))
                .status,
            409);
  EXPECT_EQ(server
                .post_json("/api/v1/safeguarding/cases/" + id + "/actions",
                           {{"kind", "astrology"}, {"date", "2026-11-24"}}, bearer(lead))
                .status,
            400);
  auto referred = server.post_json(
      "/api/v1/safeguarding/cases/" + id + "/actions",
      {{"kind", "referral_111"}, {"date", "2026-11-24"}, {"reference", "111-2026-0042"}},
      bearer(lead));
  ASSERT_EQ(referred.status, 201) << referred.body;
  EXPECT_EQ(referred.json()["case"]["actions"][0]["reference"], "111-2026-0042");

  auto revealed = server.post_json(
      "/api/v1/safeguarding/cases/" + id + "/reveal",
      {{"reason", "The 111 counsellor needs the child's school and class."}}, bearer(lead));
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_FALSE(revealed.json()["birth_date"].get<std::string>().empty());
  // The other lead sees that someone looked, who and why.
  auto seen = server.get("/api/v1/safeguarding/cases/" + id, bearer(lead2)).json();
  EXPECT_EQ(seen["case"]["reveals"].size(), 1u);
  // …and is told so in the app, with the reason but never the identity.
  auto told = [&](const std::string& token, const std::string& kind) {
    int count = 0;
    auto items = server.get("/api/v1/me/notifications", bearer(token)).json()["items"];
    for (const auto& n : items) {
      if (n["kind"] == kind && n["object_id"] == id) {
        ++count;
        EXPECT_EQ(n["message"].get<std::string>().find(revealed.json()["birth_date"]),
                  std::string::npos);
      }
    }
    return count;
  };
  EXPECT_EQ(told(lead2, "identity_revealed"), 1);
  EXPECT_EQ(told(lead, "identity_revealed"), 0);  // not the lead who looked

  // "No concern" needs a second lead.
  auto proposed = server.post_json(
      "/api/v1/safeguarding/cases/" + id + "/close",
      {{"outcome", "no_concern"}, {"reason", "Spoke with the school; the child is safe."}},
      bearer(lead));
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  EXPECT_EQ(proposed.json()["status"], "closure_pending");
  EXPECT_EQ(told(lead2, "closure_to_confirm"), 1);
  EXPECT_EQ(server
                .post_json("/api/v1/safeguarding/cases/" + id + "/confirm-closure",
                           nlohmann::json::object(), bearer(lead))
                .error_code(),
            "second_lead_required");
  auto closed = server.post_json("/api/v1/safeguarding/cases/" + id + "/confirm-closure",
                                 nlohmann::json::object(), bearer(lead2));
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["status"], "closed");
  EXPECT_EQ(closed.json()["case"]["closure"]["confirmed_by"].is_string(), true);

  auto audit =
      server.get("/api/v1/audit?limit=200", bearer(login(server, "admin"))).json()["items"];
  std::set<std::string> actions;
  for (const auto& e : audit)
    if (e["object_id"] == id) actions.insert(e["action"]);
  for (std::string a :
       {"safeguarding.acknowledge", "safeguarding.action", "safeguarding.reveal_noted",
        "safeguarding.close_no_concern", "safeguarding.confirm_closure"})
    EXPECT_TRUE(actions.count(a)) << a;
}

// Texts are stored trimmed (README, "The API"): an idea keeps the line breaks inside it, not
// the spaces and line breaks around it.
TEST_F(Moderation, AnIdeaIsKeptWithoutTheSpacesAroundIt) {
  auto sent = server.post_json(
      "/api/v1/submissions",
      {{"kind", "idea"}, {"text", " \t Sân chơi cần thêm ghế đá.\n  Và cây xanh.  \r\n "}},
      bearer(pupil));
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::string kept = "Sân chơi cần thêm ghế đá.\n  Và cây xanh.";
  EXPECT_EQ(sent.json()["text"], kept);
  auto again =
      server.get("/api/v1/submissions/" + sent.json()["id"].get<std::string>(), bearer(pupil));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["text"], kept);
  // Only spaces is no idea at all.
  EXPECT_EQ(
      server.post_json("/api/v1/submissions", {{"kind", "idea"}, {"text", " \n\t "}}, bearer(pupil))
          .status,
      400);
}

}  // namespace
}  // namespace ln::test
