// What moderation gives back beyond a single decision: a returned idea changed and sent again,
// repeats and floods marked for moderators, first reviews that run late, and the measures
// moderators' leads read (time to first review, acknowledgement times, rule agreement).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

class ModerationMeasures : public ::testing::Test {
 protected:
  ModerationMeasures() : server(demo_options()) {
    pupil = server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"];
    other_pupil =
        server.post_json("/api/v1/pupils/sign-in", {{"code", "caheo-vang-2025"}}).json()["token"];
    moderator = login(server, "moderator");
  }
  nlohmann::json send(const std::string& token, const std::string& text) {
    auto r =
        server.post_json("/api/v1/submissions", {{"kind", "idea"}, {"text", text}}, bearer(token));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  // Claims and decides; returns the item after the decision.
  nlohmann::json review(const std::string& id, nlohmann::json decision) {
    auto claimed = server.post_json("/api/v1/moderation/items/" + id + "/claim",
                                    nlohmann::json::object(), bearer(moderator));
    EXPECT_EQ(claimed.status, 200) << claimed.body;
    decision["version"] = claimed.json()["version"];
    auto decided = server.post_json("/api/v1/moderation/items/" + id + "/decision", decision,
                                    bearer(moderator));
    EXPECT_EQ(decided.status, 200) << decided.body;
    return decided.json();
  }
  nlohmann::json item(const std::string& id) {
    return server.get("/api/v1/moderation/items/" + id, bearer(moderator)).json();
  }
  std::map<std::string, nlohmann::json> queues() {
    std::map<std::string, nlohmann::json> by_name;
    auto list = server.get("/api/v1/moderation/queues", bearer(moderator)).json()["items"];
    for (const auto& q : list) by_name[q["queue"]] = q;
    return by_name;
  }
  std::set<std::string> rules_of(const nlohmann::json& item) {
    std::set<std::string> rules;
    for (const auto& span : item["screening"]["spans"]) rules.insert(span["rule"]);
    return rules;
  }
  Server server;
  std::string pupil, other_pupil, moderator;
};

TEST_F(ModerationMeasures, AReturnedIdeaIsChangedAndSentAgain) {
  auto sent = send(pupil, "Em tên là Lan học lớp 6A trường Lê Quý Đôn, em muốn có thêm sân chơi");
  std::string id = sent["id"];
  // Sending it again before it is returned is refused.
  auto early = server.post_json(
      "/api/v1/submissions/" + id + "/resend",
      {{"text", "Em muốn có thêm sân chơi"}, {"version", sent["version"]}}, bearer(pupil));
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.error_code(), "not_returned");

  review(id, {{"decision", "return"}, {"reason", "personal_info"}, {"note", "Bỏ tên trường nhé"}});
  auto mine = server.get("/api/v1/submissions/" + id, bearer(pupil)).json();
  EXPECT_EQ(mine["status"], "returned");
  EXPECT_NE(mine["returned_because"]["vi"].get<std::string>().find("thông tin riêng"),
            std::string::npos);
  EXPECT_NE(mine["returned_because"]["en"].get<std::string>().find("private details"),
            std::string::npos);
  EXPECT_EQ(mine["note"], "Bỏ tên trường nhé");

  // Bad input changes nothing: an old version, an empty text, another child's idea.
  auto stale =
      server.post_json("/api/v1/submissions/" + id + "/resend",
                       {{"text", "Em muốn có thêm sân chơi"}, {"version", 1}}, bearer(pupil));
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.error_code(), "stale_version");
  EXPECT_EQ(server
                .post_json("/api/v1/submissions/" + id + "/resend",
                           {{"text", ""}, {"version", mine["version"]}}, bearer(pupil))
                .status,
            400);
  EXPECT_EQ(
      server
          .post_json("/api/v1/submissions/" + id + "/resend",
                     {{"text", "Sân chơi"}, {"version", mine["version"]}}, bearer(other_pupil))
          .status,
      404);
  EXPECT_EQ(server.get("/api/v1/submissions/" + id, bearer(pupil)).json()["status"], "returned");

  auto resent = server.post_json(
      "/api/v1/submissions/" + id + "/resend",
      {{"text", "Em muốn trường có thêm sân chơi"}, {"version", mine["version"]}}, bearer(pupil));
  ASSERT_EQ(resent.status, 200) << resent.body;
  EXPECT_EQ(resent.json()["status"], "queued");
  EXPECT_EQ(resent.json()["text"], "Em muốn trường có thêm sân chơi");
  EXPECT_FALSE(resent.json()["resent_at"].is_null());

  // Back in the normal queue (no personal information now), with the earlier text kept.
  auto again = item(id);
  EXPECT_EQ(again["queue"], "normal");
  EXPECT_EQ(again["status"], "queued");
  EXPECT_TRUE(again["first_reviewed_at"].is_null());
  ASSERT_EQ(again["revisions"].size(), 1u);
  EXPECT_EQ(again["revisions"][0]["decision"]["reason"], "personal_info");
  EXPECT_NE(again["revisions"][0]["text"].get<std::string>().find("Lê Quý Đôn"), std::string::npos);
  EXPECT_TRUE(again["screening"]["labels"].empty()) << again["screening"];
  review(id, {{"decision", "approve"}});
  EXPECT_EQ(server.get("/api/v1/submissions/" + id, bearer(pupil)).json()["status"], "approved");
}

TEST_F(ModerationMeasures, RepeatsNearDuplicatesAndFloodsAreMarkedNeverRefused) {
  const std::string text = "Em mong phường làm thêm đèn đường ở con hẻm gần trường cho tụi em";
  auto first = send(pupil, text);
  EXPECT_FALSE(rules_of(item(first["id"])).count("spam.repeat"));
  auto repeat = send(pupil, "  EM MONG phường làm thêm đèn đường ở con hẻm gần trường cho tụi em!");
  auto repeated = item(repeat["id"]);
  EXPECT_TRUE(rules_of(repeated).count("spam.repeat")) << repeated["screening"];
  EXPECT_EQ(repeated["screening"]["labels"], nlohmann::json::array({"spam"}));
  EXPECT_EQ(repeated["queue"], "normal");  // marked, still reviewed like any other

  auto near = send(pupil, "Em mong phường làm thêm đèn đường ở con hẻm gần trường cho tụi em ạ");
  EXPECT_TRUE(rules_of(item(near["id"])).count("spam.near_duplicate"));

  // Another child asking for the same thing is not spam: moderators see how many did.
  auto other = send(other_pupil, text);
  auto from_other = item(other["id"]);
  EXPECT_FALSE(rules_of(from_other).count("spam.repeat"));
  EXPECT_EQ(from_other["alike_from_other_children"], 3);

  // A flood of different texts from one child in a few minutes is marked too.
  send(pupil, "Cần thêm thùng rác ở sân trường");
  auto fifth = send(pupil, "Thư viện nên mở cửa vào thứ bảy");
  EXPECT_TRUE(rules_of(item(fifth["id"])).count("spam.burst"));
  server.post_json("/__test/clock", {{"advance_seconds", 11 * 60}});
  auto later = send(pupil, "Sân bóng cần thêm lưới che nắng");
  EXPECT_FALSE(rules_of(item(later["id"])).count("spam.burst"));
}

TEST_F(ModerationMeasures, QueuesFilterByLabelKindAndUnit) {
  send(pupil, "Em muốn có thêm cây xanh quanh trường");
  send(pupil, "Em muốn có thêm cây xanh quanh trường");  // the same again: marked as spam
  auto opinion = server.post_json("/api/v1/submissions",
                                  {{"kind", "opinion"}, {"text", "Giờ ra chơi nên dài hơn"}},
                                  bearer(other_pupil));
  ASSERT_EQ(opinion.status, 201);
  auto list = [&](const std::string& query) {
    auto r = server.get("/api/v1/moderation/queues/normal/items" + query, bearer(moderator));
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    return r.json()["items"];
  };
  EXPECT_EQ(list("").size(), 3u);
  auto spam = list("?label=spam");
  ASSERT_EQ(spam.size(), 1u);
  EXPECT_EQ(spam[0]["labels"], nlohmann::json::array({"spam"}));
  auto opinions = list("?kind=opinion");
  ASSERT_EQ(opinions.size(), 1u);
  EXPECT_EQ(opinions[0]["id"], opinion.json()["id"]);
  auto ward = server.get("/api/v1/moderation/queues/normal/items?limit=1", bearer(moderator))
                  .json()["items"][0]["unit_id"]
                  .get<std::string>();
  EXPECT_EQ(list("?unit_id=" + ward).size(), 3u);
  EXPECT_EQ(
      server.get("/api/v1/moderation/queues/normal/items?label=mean", bearer(moderator)).status,
      400);
  EXPECT_EQ(
      server.get("/api/v1/moderation/queues/normal/items?kind=poem", bearer(moderator)).status,
      400);
  // A unit the moderator does not work for is not there at all.
  EXPECT_EQ(
      server.get("/api/v1/moderation/queues/normal/items?unit_id=unit_nowhere", bearer(moderator))
          .status,
      404);
}

TEST_F(ModerationMeasures, LateFirstReviewsAreFlaggedInQueuesAndMetrics) {
  auto sent = send(pupil, "Em muốn có thêm cây xanh quanh trường");
  std::string id = sent["id"];
  EXPECT_EQ(queues()["normal"]["late"], 0);
  EXPECT_EQ(queues()["normal"]["deadline_minutes"], 24 * 60);
  server.post_json("/__test/clock", {{"advance_seconds", 25 * 3600}});
  moderator = login(server, "moderator");  // an adult's session lasts 12 hours
  auto normal = queues()["normal"];
  EXPECT_EQ(normal["late"], 1);
  auto listed = server.get("/api/v1/moderation/queues/normal/items", bearer(moderator)).json();
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["late"], true);
  auto metrics = server.get("/metrics", metrics_reader()).body;
  EXPECT_NE(metrics.find("langnghe_moderation_queue_late_items{queue=\"normal\"} 1"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("langnghe_moderation_queue_items{queue=\"normal\"} 1"), std::string::npos);
  EXPECT_NE(metrics.find("langnghe_moderation_queue_oldest_seconds{queue=\"normal\"} 9"),
            std::string::npos);  // 25 h = 90,000 s

  // Late is a flag, never a decision: the item is still waiting, and a review clears the flag.
  review(id, {{"decision", "approve"}});
  EXPECT_EQ(queues()["normal"]["late"], 0);
  EXPECT_NE(server.get("/metrics", metrics_reader())
                .body.find("langnghe_moderation_queue_late_items{queue=\"normal\"} 0"),
            std::string::npos);
}

TEST_F(ModerationMeasures, LeadsSeeReviewTimesAndHowOftenTheyAgreedWithEachRule) {
  // What the demo already holds; the decisions below add to it.
  auto before = server.get("/api/v1/moderation/measures?days=7", bearer(moderator)).json();
  auto decided_before = [&](const std::string& d) { return before["decisions"].value(d, 0); };
  std::map<std::string, nlohmann::json> rules_before;
  for (const auto& r : before["rules"]) rules_before[r["rule"]] = r;
  // Two ideas with phone numbers: one redacted (agreed with the rule), one approved as it was.
  auto a = send(pupil, "Số của em là 0912 345 678, gọi em về sân chơi nhé");
  auto b = send(other_pupil, "Đường dây nóng của phường là 0283 844 5566 phải không ạ");
  server.post_json("/__test/clock", {{"advance_seconds", 30 * 60}});
  auto a_item = item(a["id"]);
  std::vector<std::vector<std::size_t>> spans;
  for (const auto& s : a_item["screening"]["spans"]) spans.push_back({s["start"], s["end"]});
  review(a["id"], {{"decision", "approve_redacted"}, {"redactions", spans}});
  server.post_json("/__test/clock", {{"advance_seconds", 90 * 60}});
  review(b["id"], {{"decision", "approve"}});
  send(pupil, "Một ý kiến còn đang chờ");

  auto measures = server.get("/api/v1/moderation/measures?days=7", bearer(moderator));
  ASSERT_EQ(measures.status, 200) << measures.body;
  auto m = measures.json();
  EXPECT_EQ(m["first_review"]["count"], 2);
  EXPECT_EQ(m["first_review"]["p50_minutes"], 30.0);
  EXPECT_EQ(m["first_review"]["p90_minutes"], 120.0);
  EXPECT_EQ(m["first_review"]["waiting"], 1);
  EXPECT_EQ(m["first_review"]["late"], 0);
  EXPECT_EQ(m["decisions"]["approve"], decided_before("approve") + 1);
  EXPECT_EQ(m["decisions"]["approve_redacted"], decided_before("approve_redacted") + 1);
  std::map<std::string, nlohmann::json> rules;
  for (const auto& r : m["rules"]) rules[r["rule"]] = r;
  ASSERT_TRUE(rules.count("pi.phone.vn")) << m["rules"];
  const nlohmann::json earlier =
      rules_before.count("pi.phone.vn") ? rules_before["pi.phone.vn"] : nlohmann::json::object();
  EXPECT_EQ(rules["pi.phone.vn"]["agreed"], earlier.value("agreed", 0) + 1);
  EXPECT_EQ(rules["pi.phone.vn"]["disagreed"], earlier.value("disagreed", 0) + 1);

  EXPECT_EQ(server.get("/api/v1/moderation/measures?days=0", bearer(moderator)).status, 400);
  EXPECT_EQ(server.get("/api/v1/moderation/measures?days=abc", bearer(moderator)).status, 400);

  // The decision's audit entry names the rules and the lexicon version.
  auto admin = login(server, "admin");
  auto audit = server.get("/api/v1/audit?limit=200", bearer(admin)).json()["items"];
  bool found = false;
  for (const auto& e : audit) {
    if (e["action"] == "moderation.approve_redacted" && e["object_id"] == a["id"]) {
      found = true;
      EXPECT_EQ(e["details"]["rules"], nlohmann::json::array({"pi.phone.vn"})) << e;
      EXPECT_FALSE(e["details"]["lexicon_version"].get<std::string>().empty());
    }
  }
  EXPECT_TRUE(found);
}

// What the screener learns from: an item a moderator escalated that it had not routed to
// safeguarding, and a label a moderator marked wrong, both counted per label in the measures and
// exported as text only by `langnghe screen --misses`.
TEST_F(ModerationMeasures, TheScreenerLearnsFromEscalationsAndFlagsMarkedWrong) {
  auto screener_of = [&] {
    std::map<std::string, nlohmann::json> by_label;
    auto m = server.get("/api/v1/moderation/measures?days=7", bearer(moderator)).json();
    for (const auto& row : m["screener"]) by_label[row["label"]] = row;
    return by_label;
  };
  auto before = screener_of();
  ASSERT_EQ(before.count("disclosure"), 1u);

  // A text the screener routes to the normal queue, which the moderator who read it escalates
  // (a child left home alone every weekend with a younger sibling, said as an ordinary idea).
  const std::string worry = "Cuối tuần em toàn ở nhà trông em, em muốn có sân chơi gần nhà";
  auto quiet = send(pupil, worry);
  auto quiet_item = item(quiet["id"]);
  ASSERT_EQ(quiet_item["queue"], "normal") << quiet_item;
  review(quiet["id"], {{"decision", "escalate"}});

  // A phone number that is really the ward's public hotline: the flag was wrong.
  auto hotline = send(other_pupil, "Số 0283 844 5566 là đường dây nóng của phường mình đó");
  const std::string hotline_id = hotline["id"];
  ASSERT_EQ(item(hotline_id)["screening"]["labels"], nlohmann::json::array({"personal_info"}));
  // A label the screener did not give cannot be wrong, and wrong_flags is a list: 400 naming
  // the field, and the item stays as it was.
  auto claimed = server.post_json("/api/v1/moderation/items/" + hotline_id + "/claim",
                                  nlohmann::json::object(), bearer(moderator));
  ASSERT_EQ(claimed.status, 200);
  for (const nlohmann::json& bad : {nlohmann::json::array({"rude"}), nlohmann::json("personal_info"),
                                    nlohmann::json::array({1})}) {
    auto refused = server.post_json(
        "/api/v1/moderation/items/" + hotline_id + "/decision",
        {{"decision", "approve"}, {"version", claimed.json()["version"]}, {"wrong_flags", bad}},
        bearer(moderator));
    EXPECT_EQ(refused.status, 400) << bad << refused.body;
    EXPECT_EQ(refused.json()["error"]["field"], "wrong_flags");
  }
  EXPECT_EQ(item(hotline_id)["status"], "claimed");
  auto decided = server
                     .post_json("/api/v1/moderation/items/" + hotline_id + "/decision",
                                {{"decision", "approve"},
                                 {"version", claimed.json()["version"]},
                                 {"wrong_flags", {"personal_info"}}},
                                bearer(moderator))
                     .json();
  EXPECT_EQ(decided["decision"]["wrong_flags"], nlohmann::json::array({"personal_info"}));

  auto after = screener_of();
  EXPECT_EQ(after["disclosure"]["missed"], before["disclosure"]["missed"].get<int>() + 1);
  EXPECT_EQ(after["personal_info"]["wrong"], before["personal_info"]["wrong"].get<int>() + 1);
  EXPECT_EQ(after["personal_info"]["flagged"], before["personal_info"]["flagged"].get<int>() + 1);

  // Exported for the leads as text only: no pseudonym, no id, no unit.
  auto exported = run_langnghe({"screen", "--misses", "--db", server.database().url()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.out.find("missed\tdisclosure\t" + worry + "\n"), std::string::npos)
      << exported.out;
  EXPECT_NE(exported.out.find("wrong_flag\tpersonal_info\tSố 0283 844 5566"), std::string::npos)
      << exported.out;
  EXPECT_EQ(exported.out.find(quiet["id"].get<std::string>()), std::string::npos);
  EXPECT_EQ(exported.out.find("meo"), std::string::npos);
  EXPECT_EQ(run_langnghe({"screen", "--misses", "--days", "0", "--db", server.database().url()})
                .exit_code,
            2);
}

TEST_F(ModerationMeasures, SafeguardingAcknowledgementTimesAreMeasured) {
  auto lead = login(server, "safeguarding");
  auto sent = send(pupil, "Bố em say rượu về hay đánh em, em sợ lắm");
  std::string id = sent["id"];
  server.post_json("/__test/clock", {{"advance_seconds", 90 * 60}});
  auto waiting = server.get("/api/v1/moderation/queues", bearer(lead)).json()["items"];
  for (const auto& q : waiting) {
    if (q["queue"] == "safeguarding") {
      EXPECT_EQ(q["late"], 1);
      EXPECT_EQ(q["deadline_minutes"], 60);
    }
  }
  ASSERT_EQ(server
                .post_json("/api/v1/safeguarding/cases/" + id + "/acknowledge",
                           nlohmann::json::object(), bearer(lead))
                .status,
            200);
  auto m = server.get("/api/v1/moderation/measures", bearer(lead)).json();
  EXPECT_EQ(m["safeguarding_acknowledgement"]["count"], 1);
  EXPECT_EQ(m["safeguarding_acknowledgement"]["p50_minutes"], 90.0);
  EXPECT_EQ(m["safeguarding_acknowledgement"]["late"], 1);
}

// A moderator (or an admin) who reads the measures again and again must not learn that a child
// has just disclosed harm: what the screener sends to safeguarding moves nothing they read, while
// the safeguarding leads see it waiting. What a moderator escalated themselves stays in their own
// figures.
TEST_F(ModerationMeasures, ModeratorsNeverSeeThatASafeguardingItemWaits) {
  auto lead = login(server, "safeguarding");
  auto admin = login(server, "admin");
  auto measures = [&](const std::string& who) {
    auto r = server.get("/api/v1/moderation/measures?days=7", bearer(who));
    EXPECT_EQ(r.status, 200) << r.body;
    auto m = r.json();
    m.erase("since");  // the window's start moves with the clock
    return m;
  };
  auto before = measures(moderator), lead_before = measures(lead), admin_before = measures(admin);
  EXPECT_FALSE(before.contains("safeguarding_acknowledgement")) << before;
  EXPECT_FALSE(before.contains("safeguarding_deadline_minutes")) << before;
  EXPECT_FALSE(admin_before.contains("safeguarding_acknowledgement")) << admin_before;

  auto sent = send(pupil, "Bố em say rượu về hay đánh em, em sợ lắm");
  auto waiting =
      server.get("/api/v1/safeguarding/cases/" + sent["id"].get<std::string>(), bearer(lead));
  ASSERT_EQ(waiting.status, 200) << waiting.body;  // it went to safeguarding

  EXPECT_EQ(measures(moderator), before);
  EXPECT_EQ(measures(admin), admin_before);
  auto lead_after = measures(lead);
  EXPECT_EQ(lead_after["safeguarding_acknowledgement"]["waiting"],
            lead_before["safeguarding_acknowledgement"]["waiting"].get<int>() + 1);
  EXPECT_EQ(lead_after["items"], lead_before["items"].get<int>() + 1);
  // Its acknowledgement moves nothing a moderator reads either.
  ASSERT_EQ(
      server
          .post_json("/api/v1/safeguarding/cases/" + sent["id"].get<std::string>() + "/acknowledge",
                     nlohmann::json::object(), bearer(lead))
          .status,
      200);
  EXPECT_EQ(measures(moderator), before);
  EXPECT_EQ(measures(admin), admin_before);
  EXPECT_EQ(measures(lead)["safeguarding_acknowledgement"]["count"],
            lead_before["safeguarding_acknowledgement"]["count"].get<int>() + 1);

  // An item the moderator escalated is theirs to count: the item and the decision.
  auto quiet = send(other_pupil, "Cuối tuần em toàn ở nhà trông em, em muốn có sân chơi gần nhà");
  ASSERT_EQ(item(quiet["id"])["queue"], "normal");
  review(quiet["id"], {{"decision", "escalate"}});
  auto after = measures(moderator);
  EXPECT_EQ(after["items"], before["items"].get<int>() + 1);
  EXPECT_EQ(after["decisions"]["escalate"], before["decisions"].value("escalate", 0) + 1);
  EXPECT_FALSE(after.contains("safeguarding_acknowledgement"));
}

}  // namespace
}  // namespace ln::test
