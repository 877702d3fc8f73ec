// Closing the loop for a child: two ideas in one recommendation are answered once; the child asks
// a question about the answer, which a moderator approves like any child's words; the Youth Union
// finds it among the open questions, a reply with personal information is refused, the plain
// reply reaches the child as a notification and beside the answer. The unread count follows.
#include <gtest/gtest.h>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

using nlohmann::json;

class AskingBack : public ::testing::Test {
 protected:
  AskingBack() : server(demo_options()) {
    admin = login(server, "admin");
    moderator = login(server, "moderator");
    official = login(server, "official");
    meo = server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"];
    caheo =
        server.post_json("/api/v1/pupils/sign-in", {{"code", "caheo-vang-2025"}}).json()["token"];
  }

  HttpResponse post(const std::string& path, const json& body, const std::string& token) {
    return server.post_json(path, body, bearer(token));
  }

  std::string find_id(const std::string& path, const std::string& field, const std::string& value) {
    json items = server.get(path + "?limit=200", bearer(admin)).json()["items"];
    for (const auto& item : items)
      if (item[field] == value) return item["id"];
    return "";
  }

  void approve(const std::string& item) {
    auto claimed = post("/api/v1/moderation/items/" + item + "/claim", json::object(), moderator);
    ASSERT_EQ(claimed.status, 200) << claimed.body;
    auto decided =
        post("/api/v1/moderation/items/" + item + "/decision",
             {{"decision", "approve"}, {"version", claimed.json()["version"]}}, moderator);
    ASSERT_EQ(decided.status, 200) << decided.body;
  }

  std::string approved_idea(const std::string& pupil, const std::string& text) {
    auto sent = post("/api/v1/submissions", {{"kind", "idea"}, {"text", text}}, pupil);
    EXPECT_EQ(sent.status, 201) << sent.body;
    std::string id = sent.json()["id"];
    approve(id);
    return id;
  }

  // Compiled, forwarded, answered by the ward committee and reported back to the children.
  std::string reported_back(const std::vector<std::string>& ideas) {
    std::string ward9 = find_id("/api/v1/units", "code", "HCM-PN-P9");
    std::string committee = find_id("/api/v1/authorities", "code", "UBND-P9");
    auto created = post("/api/v1/recommendations",
                        {{"title", "Đèn cho hẻm tối"},
                         {"text", "Các em đề nghị lắp đèn ở hẻm đi học."},
                         {"unit_id", ward9},
                         {"submission_ids", ideas}},
                        moderator);
    EXPECT_EQ(created.status, 201) << created.body;
    std::string id = created.json()["id"];
    EXPECT_EQ(post("/api/v1/recommendations/" + id + "/forward",
                   {{"authority_id", committee},
                    {"dispatch_number", "12/ĐTN-KN"},
                    {"dispatch_date", vietnam_today()}},
                   moderator)
                  .status,
              200);
    EXPECT_EQ(
        post("/api/v1/recommendations/" + id + "/acknowledge", json::object(), official).status,
        200);
    EXPECT_EQ(
        post("/api/v1/recommendations/" + id + "/answer", {{"decision", "accepted"}}, official)
            .status,
        200);
    json feedback = {{"bands",
                      {{"all",
                        {{"you_said", "Hẻm đi học tối quá."},
                         {"we_did", "Phường sẽ lắp hai bóng đèn."},
                         {"why", "Để các em đi học an toàn."},
                         {"what_next", "Đèn sẽ sáng trước Tết."}}}}}};
    EXPECT_EQ(post("/api/v1/recommendations/" + id + "/feedback", feedback, moderator).status, 200);
    EXPECT_EQ(
        post("/api/v1/recommendations/" + id + "/report-back", json::object(), moderator).status,
        200);
    return id;
  }

  json notifications(const std::string& token) {
    return server.get("/api/v1/me/notifications?limit=200", bearer(token)).json();
  }

  json outcome_of(const std::string& pupil, const std::string& idea) {
    return server.get("/api/v1/submissions/" + idea, bearer(pupil)).json()["outcomes"][0];
  }

  json open_questions(const std::string& token) {
    return server.get("/api/v1/questions", bearer(token)).json()["items"];
  }

  Server server;
  std::string admin, moderator, official, meo, caheo;
};

TEST_F(AskingBack, AQuestionReachesTheYouthUnionAndTheReplyReachesTheChild) {
  std::string first = approved_idea(meo, "Đường đi học cần thêm đèn vào buổi tối.");
  std::string second = approved_idea(meo, "Công viên phường cần thêm bóng đèn.");
  std::string other = approved_idea(caheo, "Đèn đường giúp các bạn đi học an toàn hơn.");
  int unread_before = notifications(meo)["unread"];
  std::string rec = reported_back({first, second, other});

  // Both of the child's ideas carry the same answer; the child hears back once, the page shows
  // the answer once; each idea says where it has been.
  EXPECT_EQ(outcome_of(meo, first)["recommendation_id"], rec);
  EXPECT_EQ(outcome_of(meo, second)["recommendation_id"], rec);
  json journey = server.get("/api/v1/submissions/" + second, bearer(meo)).json()["journey"];
  ASSERT_EQ(journey.size(), 1u) << journey.dump();
  EXPECT_EQ(journey[0]["status"], "reported_back");
  EXPECT_EQ(journey[0]["authority"], "Ủy ban nhân dân Phường 9");
  EXPECT_FALSE(journey[0]["forwarded_at"].is_null());
  EXPECT_FALSE(journey[0]["answered_at"].is_null());
  json mine = notifications(meo);
  EXPECT_EQ(mine["unread"], unread_before + 1) << mine.dump();
  int told = 0;
  for (const auto& n : mine["items"])
    if (n["kind"] == "reported_back" && (n["object_id"] == first || n["object_id"] == second))
      ++told;
  EXPECT_EQ(told, 1);

  // A question is its words: none, and nothing is kept.
  auto wordless =
      post("/api/v1/recommendations/" + rec + "/reactions", {{"kind", "question"}}, meo);
  EXPECT_EQ(wordless.status, 400) << wordless.body;
  EXPECT_TRUE(outcome_of(meo, first)["my_reaction"].is_null());

  const std::string asked = "Bao giờ thì đèn được lắp ạ?";
  auto question = post("/api/v1/recommendations/" + rec + "/reactions",
                       {{"kind", "question"}, {"text", asked}}, meo);
  ASSERT_EQ(question.status, 201) << question.body;
  std::string item = question.json()["submission_id"];
  // Not one more idea of the child's: it shows with the answer, being checked.
  json ideas = server.get("/api/v1/submissions?limit=200", bearer(meo)).json()["items"];
  for (const auto& s : ideas) EXPECT_NE(s["id"], item);
  EXPECT_EQ(outcome_of(meo, first)["my_reaction"]["progress"], "checking");
  // Nobody but moderators reads a child's words before one approves them.
  EXPECT_TRUE(open_questions(moderator).empty());

  approve(item);
  json open = open_questions(moderator);
  ASSERT_EQ(open.size(), 1u) << open.dump();
  std::string qid = open[0]["id"];
  EXPECT_EQ(open[0]["recommendation"]["id"], rec);
  EXPECT_EQ(open[0]["recommendation"]["title"], "Đèn cho hẻm tối");
  EXPECT_EQ(open[0]["text"], asked);
  EXPECT_EQ(open_questions(admin).size(), 1u);
  EXPECT_EQ(outcome_of(meo, first)["my_reaction"]["progress"], "waiting");
  // One child's question is counted, but a group of one is never shown as its number.
  EXPECT_TRUE(server.get("/api/v1/recommendations/" + rec, bearer(moderator))
                  .json()["reactions"]["question"]
                  .is_null());

  // Only the Youth Union reads and answers them.
  EXPECT_EQ(server.get("/api/v1/questions", bearer(official)).status, 403);
  EXPECT_EQ(server.get("/api/v1/questions", bearer(meo)).status, 403);
  EXPECT_EQ(server.get("/api/v1/questions").status, 401);
  EXPECT_EQ(
      post("/api/v1/questions/" + qid + "/reply", {{"text", "Sắp rồi em nhé."}}, official).status,
      403);

  // Bad replies change nothing: personal information, no words, wrong types, unknown fields.
  auto with_phone =
      post("/api/v1/questions/" + qid + "/reply",
           {{"text", "Em gọi cho chị Hoa số 0912345678 để hỏi thêm nhé."}}, moderator);
  EXPECT_EQ(with_phone.status, 422) << with_phone.body;
  EXPECT_EQ(with_phone.error_code(), "not_for_a_child");
  EXPECT_EQ(post("/api/v1/questions/" + qid + "/reply", {{"text", ""}}, moderator).status, 400);
  EXPECT_EQ(post("/api/v1/questions/" + qid + "/reply", json::object(), moderator).status, 400);
  EXPECT_EQ(post("/api/v1/questions/" + qid + "/reply", {{"text", 5}}, moderator).status, 400);
  EXPECT_EQ(
      post("/api/v1/questions/" + qid + "/reply", {{"text", "Sắp rồi."}, {"extra", 1}}, moderator)
          .status,
      400);
  EXPECT_EQ(
      post("/api/v1/questions/rx_nowhere/reply", {{"text", "Sắp rồi em nhé."}}, moderator).status,
      404);
  EXPECT_EQ(open_questions(moderator).size(), 1u);
  EXPECT_TRUE(outcome_of(meo, first)["my_reaction"]["reply"].is_null());

  const std::string answer = "Phường sẽ lắp đèn trong tháng này. Cảm ơn em đã hỏi!";
  auto replied = post("/api/v1/questions/" + qid + "/reply", {{"text", answer}}, moderator);
  ASSERT_EQ(replied.status, 200) << replied.body;
  EXPECT_EQ(replied.json()["reply"], answer);
  EXPECT_TRUE(open_questions(moderator).empty());
  auto again = post("/api/v1/questions/" + qid + "/reply", {{"text", "Lần nữa nhé."}}, moderator);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "already_answered");

  // The child: a notification about the recommendation, and the reply beside the answer.
  json reaction = outcome_of(meo, first)["my_reaction"];
  EXPECT_EQ(reaction["reply"], answer);
  EXPECT_EQ(reaction["progress"], "answered");
  mine = notifications(meo);
  EXPECT_EQ(mine["unread"], unread_before + 2);
  std::string note;
  for (const auto& n : mine["items"])
    if (n["kind"] == "question_answered" && n["object_id"] == rec) note = n["id"];
  ASSERT_FALSE(note.empty()) << mine.dump();
  // Another child cannot mark it; the child's own opening does, once.
  EXPECT_EQ(post("/api/v1/me/notifications/" + note + "/read", json::object(), caheo).status, 404);
  EXPECT_EQ(post("/api/v1/me/notifications/" + note + "/read", json::object(), meo).status, 204);
  EXPECT_EQ(notifications(meo)["unread"], unread_before + 1);
  EXPECT_EQ(post("/api/v1/me/notifications/" + note + "/read", json::object(), meo).status, 204);
  EXPECT_EQ(notifications(meo)["unread"], unread_before + 1);
  EXPECT_EQ(post("/api/v1/me/notifications/ntf_nowhere/read", json::object(), meo).status, 404);
}

TEST_F(AskingBack, AReturnedIdeaKeepsItsEarlierTextForTheChild) {
  auto sent =
      post("/api/v1/submissions", {{"kind", "idea"}, {"text", "Sân trường cần thêm ghế đá."}}, meo);
  ASSERT_EQ(sent.status, 201);
  std::string id = sent.json()["id"];
  auto claimed = post("/api/v1/moderation/items/" + id + "/claim", json::object(), moderator);
  ASSERT_EQ(post("/api/v1/moderation/items/" + id + "/decision",
                 {{"decision", "return"},
                  {"reason", "unclear"},
                  {"note", "Em muốn đặt ghế ở đâu?"},
                  {"version", claimed.json()["version"]}},
                 moderator)
                .status,
            200);
  json returned = server.get("/api/v1/submissions/" + id, bearer(meo)).json();
  EXPECT_EQ(returned["note"], "Em muốn đặt ghế ở đâu?");
  EXPECT_FALSE(returned["reviewed_at"].is_null());
  EXPECT_TRUE(returned["earlier_texts"].empty());
  auto resent = post(
      "/api/v1/submissions/" + id + "/resend",
      {{"text", "Sân trường cần thêm ghế đá dưới gốc phượng."}, {"version", returned["version"]}},
      meo);
  ASSERT_EQ(resent.status, 200) << resent.body;
  json now = server.get("/api/v1/submissions/" + id, bearer(meo)).json();
  EXPECT_EQ(now["status"], "queued");
  EXPECT_TRUE(now["reviewed_at"].is_null());
  ASSERT_EQ(now["earlier_texts"].size(), 1u);
  EXPECT_EQ(now["earlier_texts"][0]["text"], "Sân trường cần thêm ghế đá.");
  EXPECT_EQ(now["earlier_texts"][0].dump().find("note"), std::string::npos)
      << "the moderators' notes stay with them";
}

}  // namespace
}  // namespace ln::test
