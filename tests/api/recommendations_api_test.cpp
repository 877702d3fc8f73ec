// The whole chain with the real binary: approved submissions → recommendation → forwarded with a
// due date in working days → the clock moves past it: due-soon reminder, overdue flag, in-app
// notifications and e-mail to an SMTP sink, escalation with a reminder letter → a decline without
// reasons is refused → answered with reasons and a commitment → feedback → reported back → each
// contributing child sees it with their submission → a child disagrees → back with moderators →
// closed → the public tracker shows it without any child's identity.
#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "tests/api/harness.h"
#include "tests/api/smtp_sink.h"

namespace ln::test {
namespace {

using nlohmann::json;

class Recommendations : public ::testing::Test {
 protected:
  static Server::Options options(const SmtpSink& sink) {
    auto o = demo_options();
    o.args.push_back("--smtp-url");
    o.args.push_back(sink.url());
    o.args.push_back("--smtp-from");
    o.args.push_back("doan@phuong9.example");
    return o;
  }

  Recommendations() : server(options(sink)) { sign_in(); }

  // Adult sessions last 12 hours: after the clock moves, everybody signs in again.
  void sign_in() {
    admin = login(server, "admin");
    moderator = login(server, "moderator");
    official = login(server, "official");
    official2 = login(server, "official2");
    meo = server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"];
    caheo =
        server.post_json("/api/v1/pupils/sign-in", {{"code", "caheo-vang-2025"}}).json()["token"];
  }

  void advance_days(int days) {
    ASSERT_EQ(server.post_json("/__test/clock", {{"advance_seconds", days * 86400}}).status, 200);
    sign_in();
  }

  json run_jobs() { return server.post_json("/__test/jobs/run", json::object()).json(); }

  std::string find_id(const std::string& path, const std::string& field, const std::string& value) {
    json items = server.get(path + "?limit=200", bearer(admin)).json()["items"];
    for (const auto& item : items)
      if (item[field] == value) return item["id"];
    return "";
  }

  // A pupil's idea, approved (or approved with a part hidden) by the moderator.
  std::string approved_idea(const std::string& pupil, const std::string& text,
                            const json& redactions = nullptr) {
    auto sent =
        server.post_json("/api/v1/submissions", {{"kind", "idea"}, {"text", text}}, bearer(pupil));
    EXPECT_EQ(sent.status, 201) << sent.body;
    std::string id = sent.json()["id"];
    auto claimed = server.post_json("/api/v1/moderation/items/" + id + "/claim", json::object(),
                                    bearer(moderator));
    EXPECT_EQ(claimed.status, 200) << claimed.body;
    json decision = {{"decision", redactions.is_null() ? "approve" : "approve_redacted"},
                     {"version", claimed.json()["version"]}};
    if (!redactions.is_null()) decision["redactions"] = redactions;
    auto decided = server.post_json("/api/v1/moderation/items/" + id + "/decision", decision,
                                    bearer(moderator));
    EXPECT_EQ(decided.status, 200) << decided.body;
    return id;
  }

  HttpResponse post(const std::string& path, const json& body, const std::string& token) {
    return server.post_json(path, body, bearer(token));
  }

  json notifications(const std::string& token) {
    return server.get("/api/v1/me/notifications?limit=200", bearer(token)).json()["items"];
  }

  static bool has_notification(const json& items, const std::string& kind,
                               const std::string& object_id) {
    for (const auto& n : items)
      if (n["kind"] == kind && n["object_id"] == object_id) return true;
    return false;
  }

  // The chain's set-up steps. Phường 9 and its People's Committee, which takes e-mail.
  void find_the_ward() {
    ward9 = find_id("/api/v1/units", "code", "HCM-PN-P9");
    committee = find_id("/api/v1/authorities", "code", "UBND-P9");
    EXPECT_FALSE(ward9.empty());
    EXPECT_FALSE(committee.empty());
    EXPECT_EQ(
        server
            .request("PUT", "/api/v1/authorities/" + committee + "/contact",
                     json{{"email", "ubnd@phuong9.example"}}.dump(),
                     {{"Authorization", "Bearer " + admin}, {"Content-Type", "application/json"}})
            .status,
        200);
  }

  // Two children's approved ideas (the second with "bạn Lan ở hẻm 12" hidden by the moderator),
  // merged into a recommendation of ward 9; returns the response.
  HttpResponse merge_two_ideas() {
    first = approved_idea(meo, "Em muốn có sân chơi an toàn gần nhà.");
    second = approved_idea(caheo, "Sân chơi của bạn Lan ở hẻm 12 bị hỏng xích đu.", json{{13, 29}});
    return post("/api/v1/recommendations",
                {{"title", "Sân chơi <an toàn> cho trẻ em"},
                 {"text", "Các em đề nghị sửa sân chơi khu phố và thay xích đu đã hỏng."},
                 {"unit_id", ward9},
                 {"topic", "Vui chơi"},
                 {"submission_ids", {first, second}}},
                moderator);
  }

  // Merged and forwarded today to the ward's People's Committee, due ten working days on.
  HttpResponse forward(const std::string& id) {
    return post("/api/v1/recommendations/" + id + "/forward",
                {{"authority_id", committee},
                 {"dispatch_number", "45/ĐTN-KN"},
                 {"dispatch_date", vietnam_today()},
                 {"due_working_days", 10}},
                moderator);
  }
  std::string forwarded() {
    find_the_ward();
    auto created = merge_two_ideas();
    EXPECT_EQ(created.status, 201) << created.body;
    std::string id = created.json()["id"];
    auto sent = forward(id);
    EXPECT_EQ(sent.status, 200) << sent.body;
    return id;
  }

  // The official's answer: partly accepted, with reasons and two commitments (the second due
  // 33 days from today).
  HttpResponse answer_partly(const std::string& id) {
    return post("/api/v1/recommendations/" + id + "/answer",
                {{"decision", "partly_accepted"},
                 {"reasons", "Xích đu được thay ngay; sân mới cần ngân sách năm sau."},
                 {"commitments",
                  {{{"text", "Thay xích đu hỏng"},
                    {"owner", "Phòng Quản lý đô thị phường"},
                    {"due_date", "2027-02-26"}},
                   {{"text", "Kiểm tra an toàn sân chơi"},
                    {"owner", "Công an phường"},
                    {"due_date", vietnam_today(33)}}}}},
                official);
  }

  // Forwarded, acknowledged and answered in part 32 days later (past the due date).
  std::string answered_late() {
    std::string id = forwarded();
    advance_days(32);
    run_jobs();
    EXPECT_EQ(
        post("/api/v1/recommendations/" + id + "/acknowledge", json::object(), official).status,
        200);
    auto answered = answer_partly(id);
    EXPECT_EQ(answered.status, 200) << answered.body;
    return id;
  }

  // What the children are told: words for everybody and for 11–13 year olds.
  static json feedback_for_the_children() {
    return {{"bands",
             {{"all",
               {{"you_said", "Các em nói sân chơi khu phố bị hỏng."},
                {"we_did", "Ủy ban phường sẽ thay xích đu trong tháng này."},
                {"why", "Làm sân chơi mới cần tiền của năm sau."},
                {"what_next", "Đoàn phường sẽ báo các em khi xích đu đã được thay."}}},
              {"11-13",
               {{"you_said", "Các bạn lớp 6 nói xích đu bị hỏng."},
                {"we_did", "Phường sẽ thay xích đu mới."},
                {"why", "Sân mới phải chờ ngân sách năm sau."},
                {"what_next", "Bạn sẽ được báo khi xích đu xong."}}}}}};
  }

  // Forwarded, acknowledged, answered in part, given feedback and reported back to the children.
  std::string reported_back() {
    std::string id = forwarded();
    EXPECT_EQ(
        post("/api/v1/recommendations/" + id + "/acknowledge", json::object(), official).status,
        200);
    EXPECT_EQ(answer_partly(id).status, 200);
    EXPECT_EQ(
        post("/api/v1/recommendations/" + id + "/feedback", feedback_for_the_children(), moderator)
            .status,
        200);
    EXPECT_EQ(
        post("/api/v1/recommendations/" + id + "/report-back", json::object(), moderator).status,
        200);
    return id;
  }

  SmtpSink sink;
  Server server;
  std::string admin, moderator, official, official2, meo, caheo;
  // Set by the chain's set-up steps.
  std::string ward9, committee, first, second;
};

TEST_F(Recommendations, OnlyApprovedIdeasAreMergedAndTheWordsAModeratorHidStayHidden) {
  find_the_ward();
  std::string approved = approved_idea(meo, "Em muốn có sân chơi an toàn gần nhà.");
  auto pending =
      post("/api/v1/submissions", {{"kind", "idea"}, {"text", "Một ý kiến chưa duyệt."}}, meo);
  auto refused = post("/api/v1/recommendations",
                      {{"title", "Sân chơi"},
                       {"text", "Các em đề nghị sửa sân chơi khu phố."},
                       {"unit_id", ward9},
                       {"submission_ids", {approved, pending.json()["id"]}}},
                      moderator);
  EXPECT_EQ(refused.status, 400) << refused.body;

  auto created = merge_two_ideas();
  ASSERT_EQ(created.status, 201) << created.body;
  json rec = created.json();
  EXPECT_EQ(rec["status"], "draft");
  EXPECT_EQ(rec["children"], 2);
  EXPECT_NE(created.body.find("Em muốn có sân chơi an toàn gần nhà."), std::string::npos);
  EXPECT_EQ(created.body.find("bạn Lan ở hẻm"), std::string::npos) << "redacted words leaked";
}

// A draft is nobody's business outside the Youth Union; forwarded, it has a due date ten
// working days on and reaches the official of that authority, and no other.
TEST_F(Recommendations, ForwardedItReachesOnlyItsAuthorityWithADueDateInWorkingDays) {
  find_the_ward();
  auto created = merge_two_ideas();
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.json()["id"];
  EXPECT_EQ(server.get("/api/v1/recommendations/" + id, bearer(official)).status, 404);

  auto forwarded = forward(id);
  ASSERT_EQ(forwarded.status, 200) << forwarded.body;
  json rec = forwarded.json();
  EXPECT_EQ(rec["status"], "forwarded");
  EXPECT_EQ(rec["working_days_left"], 10);
  EXPECT_GT(rec["due_date"].get<std::string>(), vietnam_today());
  EXPECT_TRUE(has_notification(notifications(official), "forwarded", id));

  EXPECT_EQ(server.get("/api/v1/recommendations/" + id, bearer(official2)).status, 404);
  EXPECT_EQ(
      post("/api/v1/recommendations/" + id + "/acknowledge", json::object(), official2).status,
      404);
  json others = server.get("/api/v1/recommendations?limit=200", bearer(official2)).json()["items"];
  for (const auto& item : others) EXPECT_NE(item["id"], id);
  EXPECT_EQ(server.get("/api/v1/recommendations/" + id, bearer(official)).status, 200);
}

TEST_F(Recommendations, TheForwardingLetterHasTheOfficialLayoutWithEveryValueEscaped) {
  std::string id = forwarded();
  auto letter =
      server.get("/api/v1/recommendations/" + id + "/letters/forwarding", bearer(official));
  ASSERT_EQ(letter.status, 200);
  EXPECT_NE(letter.header("content-type").find("text/html"), std::string::npos);
  for (const char* part :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 45/ĐTN-KN",
        "V/v chuyển kiến nghị", "Kính gửi: Ủy ban nhân dân Phường 9",
        "Nơi nhận:", "Sân chơi &lt;an toàn&gt;", "/letter.css"})
    EXPECT_NE(letter.body.find(part), std::string::npos) << part;
  EXPECT_EQ(letter.body.find("<an toàn>"), std::string::npos);
  EXPECT_EQ(letter.body.find("style="), std::string::npos);
  EXPECT_EQ(letter.body.find("<script"), std::string::npos);
}

// A week on, five working days are left: the reminder goes out in the app and by e-mail, once.
TEST_F(Recommendations, FiveWorkingDaysBeforeTheDueDateTheAuthorityIsRemindedOnce) {
  std::string id = forwarded();
  advance_days(7);
  run_jobs();
  EXPECT_TRUE(has_notification(notifications(official), "due_soon", id));
  EXPECT_TRUE(has_notification(notifications(moderator), "due_soon", id));
  ASSERT_GE(sink.messages().size(), 1u);
  EXPECT_EQ(sink.messages()[0].to.at(0), "<ubnd@phuong9.example>");
  EXPECT_NE(sink.messages()[0].data.find("Sân chơi <an toàn> cho trẻ em"), std::string::npos)
      << sink.messages()[0].data;
  run_jobs();
  EXPECT_EQ(sink.messages().size(), 1u);
}

// Past the due date: flagged overdue by the system, its authority and the Youth Union told in
// the app and the authority by e-mail once more; past the grace period, escalated with a
// printable reminder letter.
TEST_F(Recommendations, PastTheDueDateItIsOverdueAndPastTheGracePeriodEscalated) {
  std::string id = forwarded();
  advance_days(7);
  run_jobs();
  advance_days(9);
  auto jobs = run_jobs();
  EXPECT_GE(jobs["recommendations_overdue"].get<int>(), 1) << jobs.dump();
  json rec = server.get("/api/v1/recommendations/" + id, bearer(moderator)).json();
  EXPECT_TRUE(rec["overdue"].get<bool>());
  EXPECT_LT(rec["working_days_left"].get<int>(), 0);
  EXPECT_TRUE(has_notification(notifications(official), "overdue", id));
  EXPECT_TRUE(has_notification(notifications(moderator), "overdue", id));
  EXPECT_FALSE(has_notification(notifications(official2), "overdue", id));
  EXPECT_EQ(sink.messages().size(), 2u);
  bool logged_overdue = false;
  for (const auto& step : rec["history"])
    if (step["action"] == "overdue" && step["by"] == "system") logged_overdue = true;
  EXPECT_TRUE(logged_overdue);

  advance_days(16);
  jobs = run_jobs();
  EXPECT_GE(jobs["escalated"].get<int>(), 1) << jobs.dump();
  EXPECT_TRUE(has_notification(notifications(moderator), "escalated", id));
  auto reminder =
      server.get("/api/v1/recommendations/" + id + "/letters/reminder", bearer(moderator));
  ASSERT_EQ(reminder.status, 200);
  EXPECT_NE(reminder.body.find("V/v đôn đốc"), std::string::npos);
  EXPECT_NE(reminder.body.find("chưa nhận được văn bản trả lời"), std::string::npos);
}

// The official acknowledges before answering; a decline without reasons is refused and changes
// nothing; a late answer in part clears the overdue flag but is not on time.
TEST_F(Recommendations, AnAnswerFollowsAnAcknowledgementAndADeclineNeedsReasons) {
  std::string id = forwarded();
  advance_days(32);
  run_jobs();
  EXPECT_EQ(post("/api/v1/recommendations/" + id + "/answer", {{"decision", "accepted"}}, official)
                .error_code(),
            "not_acknowledged");
  ASSERT_EQ(post("/api/v1/recommendations/" + id + "/acknowledge", json::object(), official).status,
            200);
  auto no_reasons =
      post("/api/v1/recommendations/" + id + "/answer", {{"decision", "declined"}}, official);
  EXPECT_EQ(no_reasons.status, 422) << no_reasons.body;
  EXPECT_EQ(no_reasons.json()["error"]["problems"][0]["field"], "reasons");
  EXPECT_EQ(post("/api/v1/recommendations/" + id + "/answer",
                 {{"decision", "declined"}, {"reasons", "   "}}, official)
                .status,
            422);
  EXPECT_EQ(server.get("/api/v1/recommendations/" + id, bearer(official)).json()["status"],
            "acknowledged");

  auto answered = answer_partly(id);
  ASSERT_EQ(answered.status, 200) << answered.body;
  json rec = answered.json();
  EXPECT_EQ(rec["status"], "answered");
  EXPECT_FALSE(rec["overdue"].get<bool>());
  EXPECT_FALSE(rec["answered_on_time"].get<bool>());
  EXPECT_TRUE(has_notification(notifications(moderator), "answered", id));
}

// Its authority records progress on a commitment (no other can); one past its due date and not
// done is flagged, and its owners are told.
TEST_F(Recommendations, CommitmentsShowProgressAndAreFlaggedWhenLate) {
  std::string id = answered_late();
  json rec = server.get("/api/v1/recommendations/" + id, bearer(official)).json();
  std::string commitment = rec["commitments"][0]["id"];
  auto progress = post("/api/v1/commitments/" + commitment + "/progress",
                       {{"note", "Đã đặt mua xích đu mới."}, {"status", "in_progress"}}, official);
  ASSERT_EQ(progress.status, 200) << progress.body;
  EXPECT_EQ(progress.json()["commitments"][0]["status"], "in_progress");
  EXPECT_EQ(
      post("/api/v1/commitments/" + commitment + "/progress", {{"note", "x"}}, official2).status,
      404);

  advance_days(3);
  run_jobs();
  EXPECT_TRUE(has_notification(notifications(official), "commitment_overdue", id));
  rec = server.get("/api/v1/recommendations/" + id, bearer(moderator)).json();
  EXPECT_FALSE(rec["commitments"][0]["overdue"].get<bool>());
  EXPECT_TRUE(rec["commitments"][1]["overdue"].get<bool>());
}

// Not reported back without feedback, not closed before it is; feedback for a band the
// deployment does not have would reach no child: refused, and nothing kept.
TEST_F(Recommendations, ItIsReportedBackOnlyWithFeedbackForBandsTheChildrenHave) {
  std::string id = forwarded();
  ASSERT_EQ(post("/api/v1/recommendations/" + id + "/acknowledge", json::object(), official).status,
            200);
  ASSERT_EQ(answer_partly(id).status, 200);
  EXPECT_EQ(post("/api/v1/recommendations/" + id + "/report-back", json::object(), moderator)
                .error_code(),
            "feedback_missing");
  EXPECT_EQ(
      post("/api/v1/recommendations/" + id + "/close", json::object(), moderator).error_code(),
      "not_reported_back");
  json feedback = feedback_for_the_children();
  json stray = feedback;
  stray["bands"]["12-99"] = feedback["bands"]["all"];
  auto no_band = post("/api/v1/recommendations/" + id + "/feedback", stray, moderator);
  EXPECT_EQ(no_band.status, 400) << no_band.body;
  EXPECT_NE(no_band.body.find("bands.12-99"), std::string::npos) << no_band.body;
  EXPECT_EQ(post("/api/v1/recommendations/" + id + "/report-back", json::object(), moderator)
                .error_code(),
            "feedback_missing");
  ASSERT_EQ(post("/api/v1/recommendations/" + id + "/feedback", feedback, moderator).status, 200);
  ASSERT_EQ(
      post("/api/v1/recommendations/" + id + "/report-back", json::object(), moderator).status,
      200);
}

TEST_F(Recommendations, AChildSeesTheAuthoritysAnswerWithTheirIdeaInWordsForTheirAge) {
  std::string id = reported_back();
  auto meo_view = server.get("/api/v1/submissions/" + first, bearer(meo)).json();
  ASSERT_EQ(meo_view["outcomes"].size(), 1u) << meo_view.dump();
  EXPECT_EQ(meo_view["outcomes"][0]["decision"], "partly_accepted");
  EXPECT_EQ(meo_view["outcomes"][0]["feedback"]["we_did"], "Phường sẽ thay xích đu mới.");
  auto caheo_view = server.get("/api/v1/submissions/" + second, bearer(caheo)).json();
  ASSERT_EQ(caheo_view["outcomes"].size(), 1u);
  EXPECT_EQ(caheo_view["outcomes"][0]["recommendation_id"], id);
  EXPECT_TRUE(has_notification(notifications(meo), "reported_back", first));
  EXPECT_TRUE(has_notification(notifications(caheo), "reported_back", second));
}

// A child who disagrees is heard: the words wait in the moderators' queue like any submission,
// the moderators are told, and one disagreement is too few to show as a count.
TEST_F(Recommendations, AChildWhoDisagreesReachesTheModeratorsOnce) {
  std::string id = reported_back();
  auto disagree =
      post("/api/v1/recommendations/" + id + "/reactions",
           {{"kind", "disagree"}, {"text", "Em nghĩ sân chơi cần làm ngay năm nay."}}, meo);
  ASSERT_EQ(disagree.status, 201) << disagree.body;
  EXPECT_EQ(
      post("/api/v1/recommendations/" + id + "/reactions", {{"kind", "agree"}}, meo).error_code(),
      "already_reacted");
  std::string item = disagree.json()["submission_id"];
  bool queued = false;
  json queue =
      server.get("/api/v1/moderation/queues/normal/items?limit=200", bearer(moderator)).json();
  for (const auto& waiting : queue["items"])
    if (waiting["id"] == item) queued = true;
  EXPECT_TRUE(queued) << queue.dump();
  auto opened = server.get("/api/v1/moderation/items/" + item, bearer(moderator)).json();
  EXPECT_EQ(opened["topic"], "feedback_reaction:disagree");
  EXPECT_EQ(opened["text"], "Em nghĩ sân chơi cần làm ngay năm nay.");
  EXPECT_TRUE(has_notification(notifications(moderator), "reaction", id));
  json rec = server.get("/api/v1/recommendations/" + id, bearer(moderator)).json();
  EXPECT_TRUE(rec["reactions"]["disagree"].is_null()) << rec["reactions"].dump();
  EXPECT_EQ(rec["reactions"]["agree"], 0);
  EXPECT_EQ(server.get("/api/v1/submissions/" + first, bearer(meo))
                .json()["outcomes"][0]["my_reaction"]["kind"],
            "disagree");
}

// The public tracker, without signing in: the closed recommendation with its answer and
// feedback, no child's identity, and the authorities with enough recommendations to show.
TEST_F(Recommendations, TheClosedRecommendationIsOnThePublicTrackerWithoutAnyChildsIdentity) {
  std::string id = reported_back();
  ASSERT_EQ(post("/api/v1/recommendations/" + id + "/close", json::object(), moderator).status,
            200);
  auto tracker = server.get("/api/v1/public/units/" + ward9 + "/tracker");
  ASSERT_EQ(tracker.status, 200) << tracker.body;
  json found;
  json board = tracker.json();
  for (const auto& item : board["recommendations"])
    if (item["id"] == id) found = item;
  ASSERT_FALSE(found.is_null());
  EXPECT_EQ(found["status"], "closed");
  EXPECT_EQ(found["authority"], "Ủy ban nhân dân Phường 9");
  EXPECT_EQ(found["answer"]["decision"], "partly_accepted");
  EXPECT_EQ(found["feedback"]["all"]["what_next"],
            "Đoàn phường sẽ báo các em khi xích đu đã được thay.");
  for (const char* secret :
       {"Mèo Xanh", "Cá Heo Vàng", "Sóc Nâu", "Thỏ Trắng", "bạn Lan ở hẻm", "pup_", "sub_"})
    EXPECT_EQ(tracker.body.find(secret), std::string::npos) << secret;
  // The ward People's Committee has at least 5 recommendations here (the demo's and this one).
  bool shown = false;
  for (const auto& a : board["authorities"])
    if (a["authority_id"] == committee) {
      shown = true;
      EXPECT_GE(a["received"].get<int>(), 5);
      EXPECT_GE(a["answered"].get<int>(), 3);
    }
  EXPECT_TRUE(shown) << tracker.body;
  EXPECT_GE(tracker.json()["authorities_not_shown"].get<int>(), 1);  // the education office
}

// The ids of every item of an approved listing, in order.
std::vector<std::string> ids_of(const json& listing) {
  std::vector<std::string> ids;
  for (const auto& item : listing["items"]) ids.push_back(item["id"]);
  return ids;
}

// The ideas a moderator gathers for a recommendation are kept on the server, per moderator; bad
// drafts are refused in our error shape and change nothing; saving a recommendation takes the
// ideas it used out of the draft.
TEST_F(Recommendations, TheCompileDraftIsKeptOnTheServerAndRefusesBadInput) {
  std::string ward9 = find_id("/api/v1/units", "code", "HCM-PN-P9");
  std::string first = approved_idea(meo, "Em muốn có thêm vòi nước uống ở sân trường.");
  std::string second = approved_idea(caheo, "Thư viện trường nên mở cửa giờ ra chơi.");
  std::string waiting =
      post("/api/v1/submissions", {{"kind", "idea"}, {"text", "Một ý kiến chưa duyệt."}}, meo)
          .json()["id"];
  auto put = [&](const std::string& body, const std::string& token) {
    return server.request(
        "PUT", "/api/v1/me/compile-draft", body,
        {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
  };
  auto draft = [&](const std::string& token) {
    auto r = server.get("/api/v1/me/compile-draft", bearer(token));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["submission_ids"];
  };
  EXPECT_EQ(draft(moderator), json::array());

  auto saved = put(json{{"submission_ids", {first, second, first}}}.dump(), moderator);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["submission_ids"], json({first, second}));
  EXPECT_EQ(draft(moderator), json({first, second}));
  // Another moderator has a draft of their own; a child has none.
  EXPECT_EQ(draft(login(server, "moderator2")), json::array());
  EXPECT_EQ(server.get("/api/v1/me/compile-draft", bearer(meo)).status, 403);
  EXPECT_EQ(put(json{{"submission_ids", {first}}}.dump(), meo).status, 403);

  std::string big = "{\"submission_ids\": [\"" + std::string(70 * 1024, 'x') + "\"]}";
  std::vector<std::pair<std::string, int>> bad = {
      {"{\"submission_ids\": [", 400},
      {"[]", 400},
      {"{}", 400},
      {json{{"submission_ids", "sub_1"}}.dump(), 400},
      {json{{"submission_ids", {1, 2}}}.dump(), 400},
      {json{{"submission_ids", {first}}, {"unit_id", ward9}}.dump(), 400},
      {json{{"submission_ids", {first, "sub_doesnotexist"}}}.dump(), 400},
      {json{{"submission_ids", {first, waiting}}}.dump(), 400},
      {big, 413}};
  for (const auto& [body, status] : bad) {
    auto r = put(body, moderator);
    EXPECT_EQ(r.status, status) << body.substr(0, 80) << " → " << r.body.substr(0, 200);
    EXPECT_FALSE(r.error_code().empty()) << r.body.substr(0, 200);
    EXPECT_EQ(draft(moderator), json({first, second})) << body.substr(0, 80);
  }

  // The recommendation made of the first idea leaves the second in the draft.
  auto created = post("/api/v1/recommendations",
                      {{"title", "Nước uống ở trường"},
                       {"text", "Các em đề nghị thêm vòi nước uống ở sân trường."},
                       {"unit_id", ward9},
                       {"submission_ids", {first}}},
                      moderator);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(draft(moderator), json({second}));
}

TEST_F(Recommendations, TheApprovedListShowsOnlyApprovedWordsOfMyUnits) {
  std::string ward9 = find_id("/api/v1/units", "code", "HCM-PN-P9");
  std::string ward2 = find_id("/api/v1/units", "code", "HCM-PN-P2");
  ASSERT_FALSE(ward9.empty());
  ASSERT_FALSE(ward2.empty());
  std::string plain = approved_idea(meo, "Em muốn trường mở thư viện vào sáng thứ Bảy.");
  // "bạn Hùng ở hẻm 34" is hidden by the moderator.
  std::string hidden =
      approved_idea(caheo, "Sân bóng của bạn Hùng ở hẻm 34 cần lưới mới ạ.", json{{13, 30}});
  std::string waiting = post("/api/v1/submissions",
                             {{"kind", "idea"}, {"text", "Em muốn thêm ghế đá ở công viên."}}, meo)
                            .json()["id"];
  std::string rejected =
      post("/api/v1/submissions",
           {{"kind", "idea"}, {"text", "Mua mua mua giảm giá ngay hôm nay."}}, caheo)
          .json()["id"];
  auto claimed = post("/api/v1/moderation/items/" + rejected + "/claim", json::object(), moderator);
  ASSERT_EQ(claimed.status, 200) << claimed.body;
  ASSERT_EQ(
      post("/api/v1/moderation/items/" + rejected + "/decision",
           {{"decision", "reject"}, {"reason", "spam"}, {"version", claimed.json()["version"]}},
           moderator)
          .status,
      200);

  auto listed = server.get("/api/v1/moderation/approved?limit=200", bearer(moderator));
  ASSERT_EQ(listed.status, 200) << listed.body;
  std::map<std::string, json> by_id;
  const json items = listed.json()["items"];
  for (const auto& item : items) by_id[item["id"]] = item;
  ASSERT_TRUE(by_id.count(plain));
  ASSERT_TRUE(by_id.count(hidden));
  EXPECT_FALSE(by_id.count(waiting));
  EXPECT_FALSE(by_id.count(rejected));
  EXPECT_EQ(by_id[plain]["text"], "Em muốn trường mở thư viện vào sáng thứ Bảy.");
  EXPECT_EQ(by_id[plain]["redacted"], false);
  EXPECT_EQ(by_id[plain]["kind"], "idea");
  EXPECT_EQ(by_id[plain]["unit_id"], ward9);
  EXPECT_EQ(by_id[plain]["author"]["pseudonym"], "Mèo Xanh");
  EXPECT_EQ(by_id[plain]["author"]["age_band"], "11-13");
  EXPECT_EQ(by_id[plain]["in_recommendation"], false);
  EXPECT_FALSE(by_id[plain].contains("pupil_id"));
  // Only the words as approved: the hidden part is nowhere in the answer.
  EXPECT_EQ(by_id[hidden]["text"], "Sân bóng của […] cần lưới mới ạ.");
  EXPECT_EQ(by_id[hidden]["redacted"], true);
  EXPECT_EQ(listed.body.find("Hùng"), std::string::npos);
  EXPECT_EQ(listed.body.find("hẻm 34"), std::string::npos);
  // Newest first.
  for (std::size_t i = 1; i < items.size(); ++i)
    EXPECT_GE(items[i - 1]["created_at"].get<std::string>(),
              items[i]["created_at"].get<std::string>());

  // Once compiled into a recommendation, the list says so.
  ASSERT_EQ(post("/api/v1/recommendations",
                 {{"title", "Thư viện cuối tuần"},
                  {"text", "Các em đề nghị mở thư viện trường vào sáng thứ Bảy."},
                  {"unit_id", ward9},
                  {"submission_ids", {plain}}},
                 moderator)
                .status,
            201);
  auto after =
      server.get("/api/v1/moderation/approved?limit=200&unit_id=" + ward9, bearer(moderator))
          .json();
  bool seen = false;
  for (const auto& item : after["items"])
    if (item["id"] == plain) {
      seen = true;
      EXPECT_EQ(item["in_recommendation"], true);
    }
  EXPECT_TRUE(seen);

  // Two pages of one are the first two items, in order, without repeats (the demo's ideas may
  // share a creation time with these: the cursor carries the id too).
  std::string in9 = "/api/v1/moderation/approved?unit_id=" + ward9;
  auto both = server.get(in9 + "&limit=2", bearer(moderator)).json();
  ASSERT_EQ(both["items"].size(), 2u);
  auto page1 = server.get(in9 + "&limit=1", bearer(moderator)).json();
  ASSERT_EQ(page1["items"].size(), 1u);
  ASSERT_TRUE(page1["next"].is_string());
  auto page2 =
      server.get(in9 + "&limit=1&after=" + page1["next"].get<std::string>(), bearer(moderator))
          .json();
  ASSERT_EQ(page2["items"].size(), 1u);
  EXPECT_EQ(ids_of(both), (std::vector<std::string>{ids_of(page1)[0], ids_of(page2)[0]}));

  // Filters: kind, and bad input.
  auto opinions = server.get(in9 + "&kind=opinion&limit=200", bearer(moderator)).json();
  for (const auto& item : opinions["items"]) EXPECT_EQ(item["kind"], "opinion");
  auto bad_kind = server.get("/api/v1/moderation/approved?kind=poem", bearer(moderator));
  EXPECT_EQ(bad_kind.status, 400);
  EXPECT_EQ(bad_kind.json()["error"]["field"], "kind");
  EXPECT_EQ(server.get("/api/v1/moderation/approved?limit=0", bearer(moderator)).status, 400);
  EXPECT_EQ(server.get("/api/v1/moderation/approved?limit=lots", bearer(moderator)).status, 400);
  EXPECT_EQ(server.get("/api/v1/moderation/approved?unit_id=unt_nope", bearer(admin)).status, 404);

  // A moderator of Phường 2 sees none of Phường 9's words, and cannot ask for them.
  ASSERT_EQ(post("/api/v1/accounts",
                 {{"username", "mod.ward2"},
                  {"display_name", "Đoàn Phường 2"},
                  {"role", "moderator"},
                  {"password", "ward-two-password"},
                  {"unit_ids", {ward2}}},
                 admin)
                .status,
            201);
  std::string other = login(server, "mod.ward2", "ward-two-password");
  auto theirs = server.get("/api/v1/moderation/approved?limit=200", bearer(other));
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  const json their_items = theirs.json()["items"];
  for (const auto& item : their_items) EXPECT_NE(item["unit_id"], ward9);
  EXPECT_EQ(server.get("/api/v1/moderation/approved?unit_id=" + ward9, bearer(other)).status, 404);
  EXPECT_EQ(server.get("/api/v1/moderation/approved?unit_id=" + ward2, bearer(other)).status, 200);
  // Officials and facilitators do not compile recommendations.
  EXPECT_EQ(server.get("/api/v1/moderation/approved", bearer(official)).status, 403);
}

TEST_F(Recommendations, OfficialsSeeOnlyTheirAuthoritysItems) {
  auto mine = server.get("/api/v1/recommendations?limit=200", bearer(official)).json()["items"];
  auto theirs = server.get("/api/v1/recommendations?limit=200", bearer(official2)).json()["items"];
  ASSERT_FALSE(mine.empty());
  ASSERT_FALSE(theirs.empty());
  std::set<std::string> states;
  for (const auto& r : mine) {
    EXPECT_NE(r["status"], "draft");
    EXPECT_EQ(server.get("/api/v1/recommendations/" + r["id"].get<std::string>(), bearer(official2))
                  .status,
              404);
    states.insert(r["status"]);
  }
  for (const auto& r : theirs) {
    states.insert(r["status"]);
    if (r["overdue"].get<bool>()) states.insert("overdue");
  }
  // The demo has every state, across both authorities.
  for (const char* s :
       {"forwarded", "acknowledged", "answered", "reported_back", "closed", "overdue"})
    EXPECT_TRUE(states.count(s)) << s;
  bool draft = false;
  json all = server.get("/api/v1/recommendations?limit=200", bearer(moderator)).json()["items"];
  for (const auto& r : all)
    if (r["status"] == "draft") draft = true;
  EXPECT_TRUE(draft);

  // ?status= narrows the list to that state; a state that does not exist is a 400, not an
  // empty list that looks like "nothing answered yet".
  auto answered =
      server.get("/api/v1/recommendations?status=answered&limit=200", bearer(moderator));
  ASSERT_EQ(answered.status, 200) << answered.body;
  ASSERT_FALSE(answered.json()["items"].empty());
  for (const auto& r : answered.json()["items"]) EXPECT_EQ(r["status"], "answered");
  auto bogus = server.get("/api/v1/recommendations?status=answred", bearer(moderator));
  EXPECT_EQ(bogus.status, 400) << bogus.body;
  EXPECT_EQ(bogus.json()["error"]["field"], "status");
}

TEST_F(Recommendations, TheDemoCouncilHasAPublicTrackerWithoutChildrensIdentities) {
  auto councils = server.get("/api/v1/councils", bearer(moderator)).json()["items"];
  ASSERT_FALSE(councils.empty());
  std::string council = councils[0]["id"];
  auto tracker = server.get("/api/v1/public/councils/" + council + "/tracker");  // no sign-in
  ASSERT_EQ(tracker.status, 200) << tracker.body;
  auto board = tracker.json();
  EXPECT_EQ(board["council"]["name"], councils[0]["name"]);
  EXPECT_EQ(board["unit"]["id"], councils[0]["unit_id"]);
  EXPECT_FALSE(board["recommendations"].empty());
  for (const auto& item : board["recommendations"]) EXPECT_NE(item["status"], "draft");
  for (const char* secret : {"Mèo Xanh", "Cá Heo Vàng", "Sóc Nâu", "Thỏ Trắng", "pup_", "sub_"})
    EXPECT_EQ(tracker.body.find(secret), std::string::npos) << secret;
  EXPECT_EQ(server.get("/api/v1/public/councils/cou_nowhere/tracker").status, 404);
}

TEST_F(Recommendations, ADemoChildSeesWhatHappenedToTheirIdea) {
  auto child =
      server.post_json("/api/v1/pupils/sign-in", {{"code", "soc-nau-2026"}}).json()["token"];
  json mine = server.get("/api/v1/submissions?limit=200", bearer(child)).json()["items"];
  int heard_back = 0;
  for (const auto& s : mine) {
    for (const auto& o : s["outcomes"]) {
      ++heard_back;
      EXPECT_FALSE(o["feedback"]["we_did"].get<std::string>().empty());
    }
  }
  EXPECT_GE(heard_back, 1);
  EXPECT_FALSE(notifications(child).empty());
}

TEST_F(Recommendations, NotificationsAreMineAndCanBeMarkedRead) {
  auto items = notifications(official2);
  ASSERT_FALSE(items.empty());
  std::string nid = items[0]["id"];
  EXPECT_EQ(post("/api/v1/me/notifications/" + nid + "/read", json::object(), official).status,
            404);
  EXPECT_EQ(post("/api/v1/me/notifications/" + nid + "/read", json::object(), official2).status,
            204);
  EXPECT_FALSE(notifications(official2)[0]["read_at"].is_null());
}

TEST(RecommendationsWithoutSmtp, RemindersStayInAppAndTheLogSaysSoOnce) {
  Server server(demo_options());
  server.post_json("/__test/clock", {{"advance_seconds", 90 * 86400}});
  server.post_json("/__test/jobs/run", json::object());
  server.post_json("/__test/jobs/run", json::object());
  std::string log = server.log();
  auto first = log.find("no SMTP server configured");
  ASSERT_NE(first, std::string::npos) << log;
  EXPECT_EQ(log.find("no SMTP server configured", first + 1), std::string::npos);
  EXPECT_EQ(log.find("e-mail sent"), std::string::npos);
}

// Two instances on one database run the reminder job at the same moment, again and again: each
// recommendation is flagged overdue once, escalated once, and each e-mail goes out once.
TEST(RecommendationsOnTwoInstances, TheReminderJobDoesEachThingOnce) {
  SmtpSink sink;
  std::vector<std::string> shared = {"--smtp-url", sink.url(), "--jobs-interval", "3600"};
  auto first_options = demo_options();
  first_options.args.insert(first_options.args.end(), shared.begin(), shared.end());
  Server first(first_options);
  Server::Options second_options;
  second_options.db = first.database().url();
  second_options.env["LANGNGHE_TEST_HOOKS"] = "1";
  second_options.args = shared;
  Server second(second_options);

  std::string admin = login(first, "admin");
  json authorities = first.get("/api/v1/authorities?limit=200", bearer(admin)).json()["items"];
  for (const auto& a : authorities) {
    if (a["code"] != "UBND-P9" && a["code"] != "PGDDT-PN") continue;
    auto set =
        first.request("PUT", "/api/v1/authorities/" + a["id"].get<std::string>() + "/contact",
                      json{{"email", a["code"].get<std::string>() + "@example.org"}}.dump(),
                      {{"Authorization", "Bearer " + admin}, {"Content-Type", "application/json"}});
    ASSERT_EQ(set.status, 200) << set.body;
  }
  // Sixty days on, every unanswered demo recommendation is overdue and past the grace period.
  for (const Server* s : {&first, &second})
    ASSERT_EQ(s->post_json("/__test/clock", {{"advance_seconds", 60 * 86400}}).status, 200);
  std::vector<std::thread> runners;
  for (int round = 0; round < 3; ++round)
    for (const Server* s : {&first, &second})
      runners.emplace_back([s] { s->post_json("/__test/jobs/run", json::object()); });
  for (auto& t : runners) t.join();

  admin = login(second, "admin");
  json all = second.get("/api/v1/recommendations?limit=200", bearer(admin)).json()["items"];
  int unanswered = 0;
  for (const auto& r : all) {
    if (r["status"] != "forwarded" && r["status"] != "acknowledged") continue;
    ++unanswered;
    EXPECT_TRUE(r["overdue"].get<bool>()) << r["title"];
    int overdue = 0, escalated = 0;
    for (const auto& step : r["history"]) {
      if (step["action"] == "overdue") ++overdue;
      if (step["action"] == "escalated") ++escalated;
    }
    EXPECT_EQ(overdue, 1) << r["title"];
    EXPECT_EQ(escalated, 1) << r["title"];
  }
  EXPECT_EQ(unanswered, 4);
  // One overdue e-mail per unanswered recommendation, none twice.
  auto mails = sink.messages();
  EXPECT_EQ(mails.size(), 4u);
  std::set<std::string> bodies;
  for (const auto& m : mails) bodies.insert(m.data.substr(m.data.find("\n\n")));
  EXPECT_EQ(bodies.size(), mails.size());
  // Each official got one overdue notification per item of their authority.
  std::string official = login(first, "official");
  std::map<std::string, int> per_item;
  json items = first.get("/api/v1/me/notifications?limit=200", bearer(official)).json()["items"];
  for (const auto& n : items) {
    if (n["kind"] == "overdue") ++per_item[n["object_id"]];
  }
  EXPECT_EQ(per_item.size(), 2u);
  for (const auto& [item, count] : per_item) EXPECT_EQ(count, 1) << item;
}

// The calendar is data an admin edits (when the server runs with --holidays FILE): a new day off
// moves the next due date and is written back to the file.
TEST(RecommendationsCalendar, AnAdminAddsDaysOffAndDueDatesMove) {
  auto dir = make_temp_dir();
  auto file = dir / "holidays.tsv";
  std::filesystem::copy_file(std::string(LANGNGHE_SOURCE_DIR) + "/base/calendar/holidays_vn.tsv",
                             file);
  auto options = demo_options();
  options.args.push_back("--holidays");
  options.args.push_back(file.string());
  Server server(options);
  std::string admin = login(server, "admin");
  std::string moderator = login(server, "moderator");
  auto put = [&](const json& body, const std::string& token) {
    return server.request(
        "PUT", "/api/v1/calendar", body.dump(),
        {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
  };
  json days = server.get("/api/v1/calendar", bearer(moderator)).json()["days"];
  ASSERT_GE(days.size(), 20u);
  // Ten days off from tomorrow on (a local festival, say).
  for (int i = 1; i <= 10; ++i)
    days.push_back(
        {{"date", vietnam_today(i)}, {"kind", "holiday"}, {"name", "Lễ hội địa phương"}});
  EXPECT_EQ(
      put({{"days", {{{"date", "2026-02-30"}, {"kind", "holiday"}, {"name", "x"}}}}}, admin).status,
      400);
  EXPECT_EQ(put({{"days", days}}, moderator).status, 403);
  ASSERT_EQ(put({{"days", days}}, admin).status, 200);
  EXPECT_EQ(server.get("/api/v1/calendar", bearer(moderator)).json()["days"].size(), days.size());
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("Lễ hội địa phương"), std::string::npos);

  // A draft forwarded today with one working day is due after the festival.
  json draft;
  json all = server.get("/api/v1/recommendations?limit=200", bearer(moderator)).json()["items"];
  for (const auto& r : all)
    if (r["status"] == "draft") draft = r;
  ASSERT_FALSE(draft.is_null());
  std::string committee;
  json authorities = server.get("/api/v1/authorities?limit=200", bearer(admin)).json()["items"];
  for (const auto& a : authorities)
    if (a["code"] == "UBND-P9") committee = a["id"];
  auto forwarded =
      server.post_json("/api/v1/recommendations/" + draft["id"].get<std::string>() + "/forward",
                       {{"authority_id", committee},
                        {"dispatch_number", "7/ĐTN"},
                        {"dispatch_date", vietnam_today()},
                        {"due_working_days", 1}},
                       bearer(moderator));
  ASSERT_EQ(forwarded.status, 200) << forwarded.body;
  EXPECT_GT(forwarded.json()["due_date"].get<std::string>(), vietnam_today(10));
  std::filesystem::remove_all(dir);
}

TEST(RecommendationsCalendar, TheBuiltInCalendarIsReadOnly) {
  Server server(demo_options());
  auto r = server.request("PUT", "/api/v1/calendar", R"({"days": []})",
                          {{"Authorization", "Bearer " + login(server, "admin")},
                           {"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "calendar_read_only");
}

// A deployment in another zone (Paris, with daylight saving) counts due dates from its own day:
// at 20:00 UTC it is already tomorrow in Viet Nam but still today in Paris.
TEST(RecommendationsCalendar, DueDatesCountFromTheDeploymentZonesDay) {
  auto options = demo_options();
  options.args.insert(options.args.end(), {"--time-zone", "Europe/Paris"});
  Server server(options);
  EXPECT_EQ(server.get("/api/v1/about").json()["time_zone"], "Europe/Paris");
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto into_day = duration_cast<seconds>(now - floor<days>(now)).count();
  const long long advance = ((20 * 3600 - into_day) % 86400 + 86400) % 86400 + 60;
  ASSERT_EQ(server.post_json("/__test/clock", {{"advance_seconds", advance}}).status, 200);
  const auto day = floor<days>(now + seconds(advance));
  auto text = [](sys_days d) {
    year_month_day ymd{d};
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return std::string(out);
  };
  const std::string today = text(day), tomorrow = text(day + days(1));

  std::string admin = login(server, "admin");
  std::string moderator = login(server, "moderator");
  json draft;
  const json recommendations =
      server.get("/api/v1/recommendations?limit=200", bearer(moderator)).json();
  for (const auto& r : recommendations["items"])
    if (r["status"] == "draft") draft = r;
  ASSERT_FALSE(draft.is_null());
  std::string committee;
  const json authorities = server.get("/api/v1/authorities?limit=200", bearer(admin)).json();
  for (const auto& a : authorities["items"])
    if (a["code"] == "UBND-P9") committee = a["id"];
  const std::string path = "/api/v1/recommendations/" + draft["id"].get<std::string>() + "/forward";
  auto forward = [&](const std::string& date) {
    return server.post_json(path,
                            {{"authority_id", committee},
                             {"dispatch_number", "8/ĐTN"},
                             {"dispatch_date", date},
                             {"due_working_days", 1}},
                            bearer(moderator));
  };
  // Viet Nam's date is still the future in Paris.
  auto early = forward(tomorrow);
  EXPECT_EQ(early.status, 400) << early.body;
  EXPECT_EQ(early.json()["error"]["field"], "dispatch_date");
  // Paris's today: due the next working day, one working day left.
  auto sent = forward(today);
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_GT(sent.json()["due_date"].get<std::string>(), today);
  EXPECT_EQ(sent.json()["working_days_left"], 1) << sent.body;
}

}  // namespace
}  // namespace ln::test
