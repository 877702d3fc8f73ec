// A child's copy of their data (GET /me/data) holds everything they gave and were sent: their
// answers in their own age band's words, their ideas with what happened to them, their reactions
// to feedback and their notifications. A guardian's copy (POST /guardian/data) is the same except
// for what the child told us about their safety.
#include <gtest/gtest.h>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

using nlohmann::json;

const std::string kDisclosure = "Bố em hay đánh em, em sợ về nhà lắm.";
const std::string kNewIdea = "Em mong trường có thêm ghế đá dưới gốc cây.";

const json* find_by(const json& items, const std::string& key, const std::string& value) {
  for (const auto& item : items)
    if (item.contains(key) && item[key] == value) return &item;
  return nullptr;
}

class DataExport : public ::testing::Test {
 protected:
  DataExport() : server(demo_options()) {
    // Thỏ Trắng (9, band 7-10): a demo child whose idea became a recommendation that was
    // reported back.
    token =
        server.post_json("/api/v1/pupils/sign-in", {{"code", "tho-trang-2026"}}).json()["token"];
    pupil_id = server.get("/api/v1/me", bearer(token)).json()["id"];
  }

  HttpResponse post(const std::string& path, const json& body) {
    return server.post_json(path, body, bearer(token));
  }

  // The child reacts to the feedback, answers the demo consultation (one free-text answer tells of
  // harm) and sends a new idea.
  void take_part() {
    auto mine = server.get("/api/v1/submissions", bearer(token)).json()["items"];
    for (const auto& s : mine)
      if (!s["outcomes"].empty()) {
        recommendation_title = s["outcomes"][0]["title"];
        auto reacted =
            post("/api/v1/recommendations/" +
                     s["outcomes"][0]["recommendation_id"].get<std::string>() + "/reactions",
                 {{"kind", "agree"}});
        ASSERT_EQ(reacted.status, 201) << reacted.body;
      }
    ASSERT_FALSE(recommendation_title.empty()) << json(mine).dump();

    auto open = server.get("/api/v1/consultations", bearer(token)).json()["items"];
    ASSERT_FALSE(open.empty());
    view = server.get("/api/v1/consultations/" + open[0]["id"].get<std::string>(), bearer(token))
               .json();
    json answers = json::object();
    for (const auto& q : view["questions"]) {
      std::string type = q["type"];
      if (type == "single") answers[q["id"]] = q["options"][0]["id"];
      if (type == "multiple") answers[q["id"]] = {q["options"][1]["id"], q["options"][0]["id"]};
      if (type == "ranking") answers[q["id"]] = {q["options"][0]["id"]};
      if (type == "scale") answers[q["id"]] = 4;
      if (type == "yes_no") answers[q["id"]] = true;
      if (type == "text") answers[q["id"]] = kDisclosure;
    }
    auto answered = post("/api/v1/consultations/" + view["id"].get<std::string>() + "/responses",
                         {{"answers", answers}});
    ASSERT_EQ(answered.status, 201) << answered.body;
    ASSERT_EQ(post("/api/v1/submissions", {{"kind", "idea"}, {"text", kNewIdea}}).status, 201);
  }

  // The question of this type as the child saw it.
  const json& question(const std::string& type) {
    for (const auto& q : view["questions"])
      if (q["type"] == type) return q;
    throw std::runtime_error("no " + type + " question");
  }

  Server server;
  std::string token, pupil_id, recommendation_title;
  json view;
};

TEST_F(DataExport, TheChildsCopyHoldsWhatTheyGaveAndWereSent) {
  ASSERT_NO_FATAL_FAILURE(take_part());
  auto got = server.get("/api/v1/me/data", bearer(token));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_NE(got.header("content-disposition").find("attachment"), std::string::npos);
  auto data = got.json();
  EXPECT_EQ(data["pupil"]["id"], pupil_id);

  // The answer set, each question and answer in the words this child read.
  ASSERT_EQ(data["answers"].size(), 1u) << data["answers"].dump();
  const auto& set = data["answers"][0];
  EXPECT_EQ(set["consultation_id"], view["id"]);
  EXPECT_EQ(set["consultation"], view["title"]);
  auto answer_to = [&](const std::string& type) -> json {
    const json* a = find_by(set["answers"], "question_id", question(type)["id"]);
    if (!a) return nullptr;
    EXPECT_EQ((*a)["question"], question(type)["text"]) << type;
    return (*a)["answer_in_words"];
  };
  EXPECT_EQ(answer_to("single"), question("single")["options"][0]["text"]);
  EXPECT_EQ(answer_to("multiple"), json({question("multiple")["options"][1]["text"],
                                         question("multiple")["options"][0]["text"]}));
  EXPECT_EQ(answer_to("scale"), question("scale")["labels"][3]);
  EXPECT_EQ(answer_to("yes_no"), question("yes_no")["options"][0]["text"]);
  EXPECT_EQ(answer_to("text"), kDisclosure);  // the child's own words, in their own copy

  // Every idea and opinion, with its status in words for children: the demo idea that became a
  // recommendation, the new idea, and the free-text answer (with where to get help).
  const auto& sent = data["submissions"];
  ASSERT_NE(find_by(sent, "text", kNewIdea), nullptr) << sent.dump();
  EXPECT_FALSE((*find_by(sent, "text", kNewIdea))["status_text"]["vi"].get<std::string>().empty());
  const json* disclosure = find_by(sent, "text", kDisclosure);
  ASSERT_NE(disclosure, nullptr) << sent.dump();
  EXPECT_EQ((*disclosure)["consultation_id"], view["id"]);
  EXPECT_TRUE(disclosure->contains("support"));
  const json* approved = find_by(sent, "status", "approved");
  ASSERT_NE(approved, nullptr) << sent.dump();

  // The reaction to the feedback, and the notification that the idea was answered.
  ASSERT_EQ(data["reactions"].size(), 1u);
  EXPECT_EQ(data["reactions"][0]["kind"], "agree");
  EXPECT_EQ(data["reactions"][0]["recommendation"], recommendation_title);
  auto notifications = server.get("/api/v1/me/notifications", bearer(token)).json()["items"];
  ASSERT_FALSE(notifications.empty());
  EXPECT_EQ(data["notifications"], notifications);

  // Each export is recorded as a data request, done at once: the next copy lists this one.
  auto again = server.get("/api/v1/me/data", bearer(token)).json();
  const json* recorded = find_by(again["data_requests"], "kind", "export");
  ASSERT_NE(recorded, nullptr) << again["data_requests"].dump();
  EXPECT_EQ((*recorded)["status"], "done");
}

TEST_F(DataExport, AGuardiansCopyLeavesOutWhatTheChildToldAboutTheirSafety) {
  ASSERT_NO_FATAL_FAILURE(take_part());
  auto facilitator = login(server, "facilitator");
  auto code = server.post_json("/api/v1/pupils/" + pupil_id + "/guardian-codes", json::object(),
                               bearer(facilitator));
  ASSERT_EQ(code.status, 201) << code.body;
  auto got = server.post_json("/api/v1/guardian/data", {{"code", code.json()["code"]}});
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body.find("đánh em"), std::string::npos) << got.body;
  auto data = got.json();
  EXPECT_EQ(data["pupil"]["id"], pupil_id);
  EXPECT_FALSE(data["guardian_note"].get<std::string>().empty());

  // The answers without the free-text one; the ideas without the one that went to a lead.
  ASSERT_EQ(data["answers"].size(), 1u);
  EXPECT_EQ(find_by(data["answers"][0]["answers"], "question_id", question("text")["id"]), nullptr);
  EXPECT_NE(find_by(data["answers"][0]["answers"], "question_id", question("scale")["id"]),
            nullptr);
  EXPECT_NE(find_by(data["submissions"], "text", kNewIdea), nullptr);
  EXPECT_NE(find_by(data["submissions"], "status", "approved"), nullptr);
  EXPECT_EQ(find_by(data["submissions"], "text", kDisclosure), nullptr);
  EXPECT_EQ(data["reactions"].size(), 1u);
  EXPECT_FALSE(data["notifications"].empty());

  // The child's own copy still has it all; a wrong code gets nothing.
  auto own = server.get("/api/v1/me/data", bearer(token)).json();
  EXPECT_NE(find_by(own["submissions"], "text", kDisclosure), nullptr);
  auto wrong = server.post_json("/api/v1/guardian/data", {{"code", "G-WRONG-CODE"}});
  EXPECT_EQ(wrong.error_code(), "guardian_code_invalid");
}

}  // namespace
}  // namespace ln::test
