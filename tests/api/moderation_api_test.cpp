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
  // The demo pupil's idea with a phone number in it; returns its id.
  std::string an_idea_with_a_phone_number() {
    auto sent = server.post_json(
        "/api/v1/submissions",
        {{"kind", "idea"}, {"text", "Gọi em 0912 345 678 để bàn về sân chơi"}}, bearer(pupil));
    EXPECT_EQ(sent.status, 201) << sent.body;
    return sent.json()["id"];
  }

  // Claimed by `token`; returns the version to decide on.
  int claimed(const std::string& token, const std::string& id) {
    auto claim = server.post_json("/api/v1/moderation/items/" + id + "/claim",
                                  nlohmann::json::object(), bearer(token));
    EXPECT_EQ(claim.status, 200) << claim.body;
    return claim.status == 200 ? claim.json()["version"].get<int>() : 0;
  }

  // The audit log's actions on this object.
  std::set<std::string> audited(const std::string& object_id) {
    auto audit =
        server.get("/api/v1/audit?limit=200", bearer(login(server, "admin"))).json()["items"];
    std::set<std::string> actions;
    for (const auto& e : audit)
      if (e["object_id"] == object_id) actions.insert(e["action"]);
    return actions;
  }

  // The two safeguarding leads sign in (lead, lead2).
  void leads_sign_in() {
    lead = login(server, "safeguarding");
    lead2 = login(server, "safeguarding2");
  }

  // The demo pupil's words that suggest harm: a safeguarding case; returns the answer.
  HttpResponse a_disclosure() {
    return server.post_json("/api/v1/submissions",
                            {{"kind", "opinion"}, {"text", "Bố em say rượu rồi đánh em"}},
                            bearer(pupil));
  }

  HttpResponse on_case(const std::string& id, const std::string& action, const nlohmann::json& body,
                       const std::string& token) {
    return server.post_json("/api/v1/safeguarding/cases/" + id + "/" + action, body, bearer(token));
  }

  // A disclosure acknowledged by the first lead; returns the case's id.
  std::string an_acknowledged_case() {
    leads_sign_in();
    std::string id = a_disclosure().json()["id"];
    EXPECT_EQ(on_case(id, "acknowledge", nlohmann::json::object(), lead).status, 200);
    return id;
  }

  // The notifications of `kind` about `id` that `token` has; none may hold `secret`.
  int told(const std::string& token, const std::string& kind, const std::string& id,
           const std::string& secret = "") {
    int count = 0;
    auto items = server.get("/api/v1/me/notifications", bearer(token)).json()["items"];
    for (const auto& n : items) {
      if (n["kind"] == kind && n["object_id"] == id) {
        ++count;
        if (!secret.empty()) {
          EXPECT_EQ(n["message"].get<std::string>().find(secret), std::string::npos);
        }
      }
    }
    return count;
  }

  Server server;
  std::string pupil, moderator, moderator2, lead, lead2;
};

// Screened and queued with priority: listed with its text collapsed, the phone number marked as
// personal information, and its author by pseudonym and age band, never identity.
TEST_F(Moderation, AnIdeaWithPersonalInformationWaitsCollapsedInThePriorityQueue) {
  std::string id = an_idea_with_a_phone_number();
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
  EXPECT_EQ(listed[0]["author"]["pseudonym"], "Mèo Xanh");
  EXPECT_EQ(listed[0]["author"]["age_band"], "11-13");
  EXPECT_FALSE(listed[0]["author"].contains("birth_date"));

  auto item = server.get("/api/v1/moderation/items/" + id, bearer(moderator)).json();
  EXPECT_EQ(item["screening"]["spans"][0]["label"], "personal_info");
  EXPECT_TRUE(audited(id).count("moderation.view"));
}

// A decision needs a claim; one moderator claims at a time; decisions on an old version, a
// rejection without a known reason and a redaction outside the text are refused.
TEST_F(Moderation, OneModeratorAtATimeDecidesOnTheVersionTheyClaimed) {
  std::string id = an_idea_with_a_phone_number();
  auto item = server.get("/api/v1/moderation/items/" + id, bearer(moderator)).json();
  EXPECT_EQ(
      decide(moderator, id, {{"decision", "approve"}, {"version", item["version"]}}).error_code(),
      "not_claimed");
  int version = claimed(moderator, id);
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
  auto audit = audited(id);
  for (std::string a : {"submission.create", "moderation.claim"}) EXPECT_TRUE(audit.count(a)) << a;
}

// Approved with the phone number hidden: decided once, out of the queue, and the child sees
// what happened in words for children.
TEST_F(Moderation, AnIdeaApprovedWithItsPhoneNumberHiddenIsDecidedOnce) {
  std::string id = an_idea_with_a_phone_number();
  auto item = server.get("/api/v1/moderation/items/" + id, bearer(moderator)).json();
  auto span = item["screening"]["spans"][0];
  int version = claimed(moderator, id);
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

  auto mine = server.get("/api/v1/submissions/" + id, bearer(pupil)).json();
  EXPECT_EQ(mine["status"], "approved_redacted");
  EXPECT_FALSE(mine["status_text"]["vi"].get<std::string>().empty());
  EXPECT_EQ(server.get("/api/v1/moderation/queues/priority/items", bearer(moderator))
                .json()["items"]
                .size(),
            0u);
  EXPECT_TRUE(audited(id).count("moderation.approve_redacted"));
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

// The child sees 111 at once; the case reaches the leads only and is never published.
TEST_F(Moderation, ADisclosureReachesOnlyTheLeadsAndIsNeverPublished) {
  auto sent = a_disclosure();
  ASSERT_EQ(sent.status, 201);
  EXPECT_EQ(sent.json()["support"]["hotline"], "111");
  leads_sign_in();
  std::string id = sent.json()["id"];
  auto cases = server.get("/api/v1/safeguarding/cases", bearer(lead)).json()["items"];
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0]["id"], id);
  EXPECT_EQ(cases[0]["timing"]["late"], false);
  EXPECT_EQ(server.get("/api/v1/safeguarding/cases", bearer(moderator)).status, 403);
  auto claim = server.post_json("/api/v1/moderation/items/" + id + "/claim",
                                nlohmann::json::object(), bearer(lead));
  ASSERT_EQ(claim.status, 200);
  EXPECT_EQ(decide(lead, id, {{"decision", "approve"}, {"version", claim.json()["version"]}})
                .error_code(),
            "safeguarding_item");
}

// Unacknowledged after an hour, a case is late; actions wait for one lead's acknowledgement,
// and a referral to 111 is recorded with its reference.
TEST_F(Moderation, ACaseIsLateAfterAnHourAndActionsWaitForOneLeadsAcknowledgement) {
  std::string id = a_disclosure().json()["id"];
  server.post_json("/__test/clock", {{"advance_seconds", 61 * 60}});
  leads_sign_in();
  EXPECT_EQ(server.get("/api/v1/safeguarding/cases/" + id, bearer(lead)).json()["timing"]["late"],
            true);
  EXPECT_EQ(
      on_case(id, "actions", {{"kind", "referral_111"}, {"date", "2026-11-24"}}, lead).error_code(),
      "not_acknowledged");
  auto acked = on_case(id, "acknowledge", nlohmann::json::object(), lead);
  ASSERT_EQ(acked.status, 200) << acked.body;
  EXPECT_FALSE(acked.json()["case"]["acknowledged_at"].is_null());
  EXPECT_EQ(on_case(id, "acknowledge", nlohmann::json::object(), lead2).status, 409);
  EXPECT_EQ(on_case(id, "actions", {{"kind", "astrology"}, {"date", "2026-11-24"}}, lead).status,
            400);
  auto referred = on_case(
      id, "actions",
      {{"kind", "referral_111"}, {"date", "2026-11-24"}, {"reference", "111-2026-0042"}}, lead);
  ASSERT_EQ(referred.status, 201) << referred.body;
  EXPECT_EQ(referred.json()["case"]["actions"][0]["reference"], "111-2026-0042");
  auto actions = audited(id);
  for (std::string a : {"safeguarding.acknowledge", "safeguarding.action"})
    EXPECT_TRUE(actions.count(a)) << a;
}

// When a lead reveals who the child is, the other lead sees that someone looked, who and why,
// and is told so in the app — never the identity itself.
TEST_F(Moderation, ARevealIsToldToTheOtherLeadWithItsReasonNeverTheIdentity) {
  std::string id = an_acknowledged_case();
  auto revealed = on_case(
      id, "reveal", {{"reason", "The 111 counsellor needs the child's school and class."}}, lead);
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  std::string birth_date = revealed.json()["birth_date"];
  EXPECT_FALSE(birth_date.empty());
  auto seen = server.get("/api/v1/safeguarding/cases/" + id, bearer(lead2)).json();
  EXPECT_EQ(seen["case"]["reveals"].size(), 1u);
  EXPECT_EQ(told(lead2, "identity_revealed", id, birth_date), 1);
  EXPECT_EQ(told(lead, "identity_revealed", id, birth_date), 0);  // not the lead who looked
  EXPECT_TRUE(audited(id).count("safeguarding.reveal_noted"));
}

TEST_F(Moderation, ClosingACaseWithNoConcernNeedsASecondLead) {
  std::string id = an_acknowledged_case();
  auto proposed = on_case(
      id, "close",
      {{"outcome", "no_concern"}, {"reason", "Spoke with the school; the child is safe."}}, lead);
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  EXPECT_EQ(proposed.json()["status"], "closure_pending");
  EXPECT_EQ(told(lead2, "closure_to_confirm", id), 1);
  EXPECT_EQ(on_case(id, "confirm-closure", nlohmann::json::object(), lead).error_code(),
            "second_lead_required");
  auto closed = on_case(id, "confirm-closure", nlohmann::json::object(), lead2);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["status"], "closed");
  EXPECT_EQ(closed.json()["case"]["closure"]["confirmed_by"].is_string(), true);
  auto actions = audited(id);
  for (std::string a : {"safeguarding.close_no_concern", "safeguarding.confirm_closure"})
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
