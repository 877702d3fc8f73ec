// A consultation's whole life through the real binary: planned, refused for a missing age-band
// wording (every problem listed), fixed, published; pupils of three age bands see their own
// wording and answer once (replacing, retrying); paper and forum records; closing; results with
// small groups hidden; the CSV with Vietnamese intact; feedback to the children.
#include <gtest/gtest.h>

#include <set>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

Headers json_auth(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}

nlohmann::json by_band(const std::string& base, const std::vector<std::string>& bands) {
  nlohmann::json w = nlohmann::json::object();
  for (const auto& b : bands) w[b] = base + " [" + b + "]";
  return w;
}

const std::vector<std::string> kBands = {"7-10", "11-13", "14-15"};

nlohmann::json plan(const std::string& owner, const std::string& audience) {
  nlohmann::json cards = nlohmann::json::object();
  for (const auto& b : kBands)
    cards[b] = {
        {"why", "Vì sao hỏi " + b}, {"who_reads", "Đoàn phường đọc"}, {"hear_back", "Trước Tết"}};
  auto options = [](std::vector<std::string> ids) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& id : ids)
      list.push_back({{"id", id}, {"text", by_band("Lựa chọn " + id, kBands)}});
    return list;
  };
  nlohmann::json scale_labels = nlohmann::json::object();
  for (const auto& b : kBands) scale_labels[b] = {"Rất tệ", "Tệ", "Bình thường", "Tốt", "Rất tốt"};
  return {{"title", "Thư viện trường học"},
          {"purpose", "Hỏi các em về thư viện"},
          {"owner_unit_id", owner},
          {"audience_unit_ids", {audience}},
          {"audience_bands", kBands},
          {"opens_at", "2020-01-01T00:00:00Z"},
          {"closes_at", "2099-01-01T00:00:00Z"},
          {"decision", "Kế hoạch thư viện 2027"},
          {"decision_maker", "Phòng Giáo dục"},
          {"decision_due", "2099-02-01"},
          {"feedback_due", "2099-03-01"},
          {"info_cards", cards},
          {"questions",
           {{{"id", "q_like"},
             {"type", "single"},
             {"text", by_band("Em thích đọc gì", kBands)},
             {"options", options({"truyen", "khoahoc", "tranh"})}},
            {{"id", "q_rate"},
             {"type", "scale"},
             {"text", by_band("Thư viện thế nào", kBands)},
             {"scale_labels", scale_labels},
             {"faces", {"😟", "🙁", "😐", "🙂", "😄"}}},
            {{"id", "q_open"}, {"type", "yes_no"}, {"text", by_band("Mở cửa thứ Bảy?", kBands)}},
            {{"id", "q_idea"}, {"type", "text"}, {"text", by_band("Ý kiến khác", kBands)}}}}};
}

class ConsultationLife : public ::testing::Test {
 protected:
  ConsultationLife() : server(demo_options()) {
    admin = login(server, "admin");
    moderator = login(server, "moderator");
    facilitator = login(server, "facilitator");
    auto units = server.get("/api/v1/units?limit=200", bearer(admin)).json()["items"];
    for (const auto& u : units) {
      if (u["code"] == "HCM-PN") district = u["id"];
      if (u["code"] == "HCM-PN-P9") ward9 = u["id"];
      if (u["code"] == "HCM-PN-P2") ward2 = u["id"];
    }
    auto schools = server.get("/api/v1/schools?limit=200", bearer(admin)).json()["items"];
    for (const auto& s : schools)
      if (s["code"] == "THCS-DDA") school = s["id"];
    auto k =
        server
            .post_json(
                "/api/v1/classes",
                {{"school_id", school}, {"name", "5A"}, {"grade", 5}, {"school_year", "2026-2027"}},
                bearer(facilitator))
            .json();
    join_code = k["join_code"]["code"];
  }

  // A pupil with both consents, born `birth_date`.
  std::string pupil(const std::string& name, const std::string& birth_date, bool consent = true,
                    const std::string& code = "") {
    auto joined =
        server.post_json("/api/v1/pupils/join", {{"code", code.empty() ? join_code : code},
                                                 {"pseudonym", name},
                                                 {"birth_date", birth_date}});
    EXPECT_EQ(joined.status, 201) << joined.body;
    std::string token = joined.json()["token"], id = joined.json()["pupil"]["id"];
    if (consent) {
      server.post_json("/api/v1/me/consents", {{"text_version", "2026-11-v1"}}, bearer(token));
      server.post_json("/api/v1/pupils/" + id + "/consents",
                       {{"kind", "guardian"}, {"slip_number", "S-" + std::to_string(++slips)}},
                       bearer(facilitator));
    }
    return token;
  }

  HttpResponse answer(const std::string& token, const std::string& id,
                      const nlohmann::json& answers, Headers extra = {}) {
    Headers h = json_auth(token);
    h.insert(extra.begin(), extra.end());
    return server.request("POST", "/api/v1/consultations/" + id + "/responses",
                          nlohmann::json{{"answers", answers}}.dump(), h);
  }

  // A consultation of `body`, planned by the moderator; "" when refused.
  std::string draft(const nlohmann::json& body) {
    auto created = server.post_json("/api/v1/consultations", body, bearer(moderator));
    EXPECT_EQ(created.status, 201) << created.body;
    return created.status == 201 ? created.json()["id"].get<std::string>() : "";
  }

  // The moderator's step on a consultation: "publish", "close", "publish-results".
  HttpResponse step(const std::string& id, const std::string& action) {
    return server.post_json("/api/v1/consultations/" + id + "/" + action, nlohmann::json::object(),
                            bearer(moderator));
  }

  HttpResponse change(const std::string& id, const nlohmann::json& fields) {
    return server.request("PATCH", "/api/v1/consultations/" + id, fields.dump(),
                          json_auth(moderator));
  }

  // The plan, owned by the district, published for `audience`.
  std::string published(const std::string& audience) {
    std::string id = draft(plan(district, audience));
    EXPECT_EQ(step(id, "publish").status, 200);
    return id;
  }

  // One consented pupil of 5A in each band the plan asks.
  struct Children {
    std::string young, middle, teen;
  };
  Children one_of_each_band() {
    return {pupil("Mèo Nhỏ", "2017-05-05"),  // 9 → 7-10
            pupil("Cáo Nâu", "2014-05-05"),  // 12 → 11-13
            pupil("Cú Xám", "2011-05-05")};  // 15 → 14-15
  }

  // Three online answers: the youngest child answers, then answers again (this one counts:
  // "tranh", and yes to Saturdays); the middle one likes stories, rates 4 and has an idea; the
  // teenager skips everything.
  void answered_online(const std::string& id, const Children& c) {
    EXPECT_EQ(answer(c.young, id, {{"q_like", "truyen"}}).status, 201);
    EXPECT_EQ(answer(c.young, id, {{"q_like", "tranh"}, {"q_open", true}}).status, 201);
    EXPECT_EQ(answer(c.middle, id,
                     {{"q_like", "truyen"}, {"q_rate", 4}, {"q_idea", "Thêm truyện tranh mới"}})
                  .status,
              201);
    EXPECT_EQ(answer(c.teen, id, nlohmann::json::object()).status, 201);
  }

  // Nine paper sheets of 5A: six of 11–13 and three of 7–10; seven like stories, two science;
  // the ratings 3, 4, 5 in turn.
  static nlohmann::json nine_sheets() {
    nlohmann::json sheets = nlohmann::json::array();
    for (int i = 0; i < 9; ++i)
      sheets.push_back(
          {{"age_band", i < 6 ? "11-13" : "7-10"},
           {"gender", i % 2 ? "girl" : "boy"},
           {"answers", {{"q_like", i < 7 ? "truyen" : "khoahoc"}, {"q_rate", 3 + (i % 3)}}}});
    return sheets;
  }

  HttpResponse paper_batch(const std::string& id, const nlohmann::json& batch) {
    return server.post_json("/api/v1/consultations/" + id + "/paper-batches", batch,
                            bearer(facilitator));
  }

  // A ward forum of twenty 14–15 year olds: 14 yes and 6 no to opening on Saturdays.
  HttpResponse forum_record(const std::string& id) {
    return paper_batch(
        id,
        {{"channel", "forum"},
         {"reference", "DD-2026-11"},
         {"unit_id", ward9},
         {"notes", "Diễn đàn lắng nghe tiếng nói trẻ em phường 9"},
         {"participants", {{"14-15", 20}}},
         {"tallies",
          {{{"question_id", "q_open"}, {"option", "yes"}, {"age_band", "14-15"}, {"count", 14}},
           {{"question_id", "q_open"}, {"option", "no"}, {"age_band", "14-15"}, {"count", 6}}}}});
  }

  // The nine paper sheets and the forum, recorded by the facilitator.
  void on_paper_and_at_a_forum(const std::string& id) {
    auto paper = paper_batch(id, {{"channel", "paper"},
                                  {"reference", "PB-5A-01"},
                                  {"unit_id", ward9},
                                  {"sheet_count", 9},
                                  {"sheets", nine_sheets()}});
    EXPECT_EQ(paper.status, 201) << paper.body;
    auto forum = forum_record(id);
    EXPECT_EQ(forum.status, 201) << forum.body;
  }

  // Published for ward 9, answered by three children online, nine on paper and twenty at a
  // forum (3 + 9 + 20 = 32 children), and closed.
  std::string answered_on_every_channel_and_closed() {
    std::string id = published(ward9);
    answered_online(id, one_of_each_band());
    on_paper_and_at_a_forum(id);
    EXPECT_EQ(step(id, "close").status, 200);
    return id;
  }

  HttpResponse results(const std::string& id) {
    return server.get("/api/v1/consultations/" + id + "/results", bearer(moderator));
  }

  // Published for ward 9: six 11–13 pupils answer online (the first with an idea), one 7–10
  // pupil too, and eight 11–13 sheets come on paper.
  struct Participation {
    std::string id;
    std::vector<std::string> online;  // the six 11–13 pupils
    std::string young;                // the 7–10 pupil
  };
  Participation seven_online_and_eight_on_paper() {
    Participation p;
    p.id = published(ward9);
    for (int i = 0; i < 6; ++i) {
      p.online.push_back(pupil("Sẻ " + std::string(1, static_cast<char>('A' + i)), "2014-05-05"));
      nlohmann::json answers = {{"q_like", "truyen"}};
      if (i == 0) answers["q_idea"] = "Thư viện mở cả buổi trưa";
      EXPECT_EQ(answer(p.online.back(), p.id, answers).status, 201);
    }
    p.young = pupil("Nai Nhỏ", "2017-05-05");
    EXPECT_EQ(answer(p.young, p.id, {{"q_like", "tranh"}}).status, 201);
    nlohmann::json sheets = nlohmann::json::array();
    for (int i = 0; i < 8; ++i)
      sheets.push_back({{"age_band", "11-13"}, {"answers", {{"q_like", "khoahoc"}}}});
    EXPECT_EQ(
        paper_batch(
            p.id,
            {{"channel", "paper"}, {"reference", "PB-1"}, {"unit_id", ward9}, {"sheets", sheets}})
            .status,
        201);
    return p;
  }

  // Feedback in four parts per band (the 14–15 band, which nobody answered, in one line).
  static nlohmann::json four_parts(const std::string& band) {
    return {{"you_said", "Các em muốn thêm truyện [" + band + "]"},
            {"we_did", "Phường mua 200 cuốn truyện"},
            {"why", "Nhiều em chọn truyện nhất"},
            {"what_next", "Sách về trước Tết"}};
  }
  static nlohmann::json feedback_in_four_parts() {
    return {{"7-10", four_parts("7-10")}, {"11-13", four_parts("11-13")}, {"14-15", "Cảm ơn"}};
  }

  HttpResponse give_feedback(const std::string& id, const nlohmann::json& feedback) {
    return server.post_json("/api/v1/consultations/" + id + "/feedback", {{"feedback", feedback}},
                            bearer(moderator));
  }

  // Closed, its results published and the feedback in four parts given; returns the answer.
  HttpResponse closed_and_answered_in_four_parts(const std::string& id) {
    EXPECT_EQ(step(id, "close").status, 200);
    EXPECT_EQ(step(id, "publish-results").status, 200);
    return give_feedback(id, feedback_in_four_parts());
  }

  Server server;
  std::string admin, moderator, facilitator, district, ward9, ward2, school, join_code;
  int slips = 0;
};

// A plan missing wordings is refused with every problem at once, and published once fixed.
TEST_F(ConsultationLife, PublishingListsEveryMissingWordingAndSucceedsOnceTheyAreWritten) {
  auto body = plan(district, ward9);
  body["questions"][0]["options"][1]["text"].erase("14-15");
  body["info_cards"].erase("7-10");
  auto created = server.post_json("/api/v1/consultations", body, bearer(moderator));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.json()["id"];
  EXPECT_EQ(created.json()["status"], "draft");

  auto refused = step(id, "publish");
  ASSERT_EQ(refused.status, 422) << refused.body;
  std::set<std::string> fields;
  auto refusal = refused.json();
  for (const auto& p : refusal["error"]["problems"]) fields.insert(p["field"].get<std::string>());
  EXPECT_TRUE(fields.count("questions[0].options[1].text.14-15")) << refused.body;
  EXPECT_TRUE(fields.count("info_cards.7-10.why"));
  EXPECT_TRUE(fields.count("info_cards.7-10.hear_back"));

  auto fixed = change(id, {{"questions", plan(district, ward9)["questions"]},
                           {"info_cards", plan(district, ward9)["info_cards"]}});
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  auto published = step(id, "publish");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.json()["status"], "published");
}

TEST_F(ConsultationLife, AChildSeesItOnlyOncePublishedAndInTheWordingOfTheirAgeBand) {
  std::string id = draft(plan(district, ward9));
  auto children = one_of_each_band();
  EXPECT_EQ(server.get("/api/v1/consultations/" + id, bearer(children.young)).status, 404);

  ASSERT_EQ(step(id, "publish").status, 200);
  for (const auto& [token, band] : std::vector<std::pair<std::string, std::string>>{
           {children.young, "7-10"}, {children.middle, "11-13"}, {children.teen, "14-15"}}) {
    auto list = server.get("/api/v1/consultations", bearer(token)).json()["items"];
    bool listed = false;
    for (const auto& c : list) listed = listed || c["id"] == id;
    EXPECT_TRUE(listed) << band;
    auto view = server.get("/api/v1/consultations/" + id, bearer(token)).json();
    EXPECT_EQ(view["age_band"], band);
    EXPECT_EQ(view["questions"][0]["text"], "Em thích đọc gì [" + band + "]");
    EXPECT_EQ(view["info_card"]["why"], "Vì sao hỏi " + band);
    EXPECT_EQ(view["questions"][1].contains("faces"), band == "7-10");
    EXPECT_EQ(view["one_question_per_screen"], band == "7-10");
  }
}

TEST_F(ConsultationLife, AnswersAreCheckedMayBeSkippedAndAnsweringAgainReplacesTheFirst) {
  std::string id = published(ward9);
  auto young = pupil("Mèo Nhỏ", "2017-05-05"), teen = pupil("Cú Xám", "2011-05-05");

  auto bad = answer(young, id, {{"q_like", "nope"}, {"q_rate", 7}, {"q_what", 1}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["error"]["problems"].size(), 3u);
  EXPECT_EQ(answer(young, id, {{"q_like", "truyen"}}).status, 201);
  auto replaced = answer(young, id, {{"q_like", "tranh"}, {"q_open", true}});
  EXPECT_EQ(replaced.status, 201);
  EXPECT_EQ(replaced.json()["replaced"], true);
  EXPECT_EQ(answer(teen, id, nlohmann::json::object()).status, 201);  // everything skipped

  auto mine = server.get("/api/v1/consultations/" + id + "/responses/mine", bearer(young)).json();
  EXPECT_EQ(mine["answers"]["q_like"], "tranh");
  EXPECT_EQ(mine["info_version"], 1);
}

// A retry with the same Idempotency-Key is the same answer, and its free text is one idea that
// waits for moderation as the child's own submission.
TEST_F(ConsultationLife, ARetriedAnswerIsKeptOnceWithItsFreeTextQueuedForModeration) {
  std::string id = published(ward9);
  auto middle = pupil("Cáo Nâu", "2014-05-05");
  const nlohmann::json answers = {
      {"q_like", "truyen"}, {"q_rate", 4}, {"q_idea", "Thêm truyện tranh mới"}};

  auto first = answer(middle, id, answers, {{"Idempotency-Key", "abc-1"}});
  auto retry = answer(middle, id, answers, {{"Idempotency-Key", "abc-1"}});
  EXPECT_EQ(first.status, 201);
  EXPECT_EQ(retry.status, 201);
  EXPECT_EQ(retry.json()["id"], first.json()["id"]);
  EXPECT_EQ(retry.json()["replaced"], false);

  auto subs = server.get("/api/v1/submissions", bearer(middle)).json()["items"];
  ASSERT_EQ(subs.size(), 1u);
  EXPECT_EQ(subs[0]["text"], "Thêm truyện tranh mới");
  EXPECT_EQ(subs[0]["status"], "queued");
}

TEST_F(ConsultationLife, OnlyConsentedChildrenOfTheAudienceMayAnswer) {
  std::string id = published(ward9);
  auto no_consent = pupil("Gấu Xám", "2014-02-02", false);
  EXPECT_EQ(answer(no_consent, id, {{"q_like", "truyen"}}).error_code(), "consent_required");

  // The demo's pupil of 6A (Phường 9) is not in Phường 2's audience.
  auto outsider =
      server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"];
  std::string elsewhere = published(ward2);
  auto not_audience = answer(outsider, elsewhere, {{"q_like", "truyen"}});
  EXPECT_EQ(not_audience.status, 403);
  EXPECT_EQ(not_audience.error_code(), "not_in_audience");
}

TEST_F(ConsultationLife, OnceAnsweredTheMeaningIsLockedButTheWordingCanBeFixed) {
  std::string id = published(ward9);
  ASSERT_EQ(answer(pupil("Cáo Nâu", "2014-05-05"), id, {{"q_like", "truyen"}}).status, 201);

  auto meaning = plan(district, ward9)["questions"];
  meaning[0]["options"].erase(2);
  EXPECT_EQ(change(id, {{"questions", meaning}}).error_code(), "questions_locked");
  auto typo = plan(district, ward9)["questions"];
  typo[0]["text"]["11-13"] = "Em thích đọc loại sách gì? [11-13]";
  EXPECT_EQ(change(id, {{"questions", typo}}).status, 200);
}

TEST_F(ConsultationLife, PaperSheetsAreCheckedOneByOneAndForumsAreRecordedBesideThem) {
  std::string id = published(ward9);
  auto sheets = nine_sheets();
  auto paper = paper_batch(id, {{"channel", "paper"},
                                {"reference", "PB-5A-01"},
                                {"unit_id", ward9},
                                {"sheet_count", 9},
                                {"sheets", sheets}});
  ASSERT_EQ(paper.status, 201) << paper.body;
  EXPECT_EQ(paper.json()["sheets"], 9);

  auto bad_sheet = sheets;
  bad_sheet[4]["answers"]["q_rate"] = 0;
  auto refused_batch = paper_batch(
      id,
      {{"channel", "paper"}, {"reference", "PB-5A-02"}, {"unit_id", ward9}, {"sheets", bad_sheet}});
  EXPECT_EQ(refused_batch.status, 422);
  EXPECT_EQ(refused_batch.json()["error"]["problems"][0]["field"], "sheets[4].answers.q_rate");

  auto forum = forum_record(id);
  ASSERT_EQ(forum.status, 201) << forum.body;
  EXPECT_EQ(server.get("/api/v1/consultations/" + id + "/paper-batches", bearer(facilitator))
                .json()["items"]
                .size(),
            2u);
}

TEST_F(ConsultationLife, AClosedConsultationRefusesNewAnswers) {
  std::string id = published(ward9);
  auto middle = pupil("Cáo Nâu", "2014-05-05");
  ASSERT_EQ(answer(middle, id, {{"q_like", "truyen"}}).status, 201);

  EXPECT_EQ(step(id, "close").status, 200);
  auto closed = answer(middle, id, {{"q_like", "tranh"}});
  EXPECT_EQ(closed.status, 409);
  EXPECT_EQ(closed.error_code(), "consultation_closed");
}

// Nothing shows while children answer; once closed, the results count online, paper and forum
// answers (also those recorded after a read the server keeps), hide every small group and
// everything that would give one back, and export to a CSV that keeps Vietnamese.
TEST_F(ConsultationLife, ResultsCountEveryChannelAndHideSmallGroupsAlsoInTheCsv) {
  std::string id = published(ward9);
  answered_online(id, one_of_each_band());
  auto early = results(id);
  ASSERT_EQ(early.status, 200) << early.body;
  EXPECT_TRUE(early.json()["respondents"].is_null()) << early.body;
  EXPECT_EQ(early.json()["status"], "published");
  EXPECT_TRUE(early.json()["questions"].empty()) << early.body;
  on_paper_and_at_a_forum(id);
  ASSERT_EQ(step(id, "close").status, 200);

  auto read = results(id);
  ASSERT_EQ(read.status, 200) << read.body;
  auto r = read.json();
  EXPECT_EQ(r["respondents"], 3 + 9 + 20);
  auto q_like = r["questions"][0];
  EXPECT_EQ(q_like["answered"], 11);  // 2 online + 9 paper
  std::map<std::string, nlohmann::json> counts;
  for (const auto& o : q_like["options"]) counts[o["key"]] = o["count"];
  EXPECT_EQ(counts["truyen"], 8);            // 1 online + 7 paper
  EXPECT_TRUE(counts["khoahoc"].is_null());  // 2: hidden
  EXPECT_TRUE(counts["tranh"].is_null());    // 1: hidden
  auto q_open = r["questions"][2];
  std::map<std::string, nlohmann::json> open_counts;
  for (const auto& o : q_open["options"]) open_counts[o["key"]] = o["count"];
  // One online 7–10 answer beside twenty forum answers: the exact check over the age-band and
  // channel tables hides more than that one answer; whatever is shown is its true count.
  EXPECT_TRUE(open_counts["yes"].is_null() || open_counts["yes"] == 15) << open_counts["yes"];
  EXPECT_TRUE(open_counts["no"].is_null() || open_counts["no"] == 6) << open_counts["no"];
  // The scale's counts are hidden (3, 4 and 3 children): a mean would give them back.
  EXPECT_FALSE(r["questions"][1].contains("mean"));
  // In every breakdown, no row or column has exactly one hidden count: it would be its total
  // minus the shown others.
  for (const auto& q : r["questions"])
    for (const auto& [dim, table] : q["breakdowns"].items()) {
      for (const auto& row : table["rows"]) {
        int hidden = row["total"].is_null();
        for (const auto& c : row["counts"]) hidden += c.is_null();
        EXPECT_NE(hidden, 1) << q["id"] << " " << dim << " " << row.dump();
      }
      for (std::size_t g = 0; g < table["groups"].size(); ++g) {
        int hidden = table["totals"].at(g).is_null();
        for (const auto& row : table["rows"]) hidden += row["counts"].at(g).is_null();
        EXPECT_NE(hidden, 1) << q["id"] << " " << dim << " group " << g;
      }
    }

  // The CSV opens with a BOM and keeps Vietnamese.
  auto csv = server.get("/api/v1/consultations/" + id + "/results.csv", bearer(moderator));
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("Lựa chọn truyen"), std::string::npos);
  EXPECT_NE(csv.body.find(",hidden,"), std::string::npos);
  EXPECT_EQ(csv.body.find("<5"), std::string::npos);
}

// Representativeness and targets count online children, paper sheets and forum participants,
// and what one of them shows never gives away a channel the other hides.
TEST_F(ConsultationLife, RepresentativenessAndTargetsCountEveryChannelWithoutGivingOneAway) {
  std::string id = answered_on_every_channel_and_closed();
  auto rep =
      server.get("/api/v1/consultations/" + id + "/representativeness", bearer(moderator)).json();
  EXPECT_EQ(rep["respondents"], 32);
  EXPECT_TRUE(rep["age_band"].is_array());
  auto target = server.post_json("/api/v1/targets",
                                 {{"unit_id", district},
                                  {"kind", "children_consulted"},
                                  {"period_start", "2024-01-01"},
                                  {"period_end", "2027-12-31"},
                                  {"target", 50000}},
                                 bearer(admin));
  ASSERT_EQ(target.status, 201) << target.body;
  auto targets = server.get("/api/v1/targets", bearer(admin)).json()["items"];
  ASSERT_EQ(targets.size(), 1u);
  // Three online children are too few to show, and the paper sheets would give them away.
  EXPECT_TRUE(targets[0]["progress"]["online_children"].is_null());
  EXPECT_TRUE(targets[0]["progress"]["paper_sheets"].is_null());
  EXPECT_EQ(targets[0]["progress"]["forum_participants"], 20);
  EXPECT_EQ(targets[0]["progress"]["total"], 32);
  // The target counts the same 32 children as the consultation's respondents by channel: a
  // channel hidden in one is not given away by what the other shows.
  std::map<std::string, nlohmann::json> by_channel;
  for (const auto& g : rep["channel"]) by_channel[g["group"]] = g["respondents"];
  const auto& progress = targets[0]["progress"];
  std::map<std::string, nlohmann::json> in_target = {{"online", progress["online_children"]},
                                                     {"paper", progress["paper_sheets"]},
                                                     {"forum", progress["forum_participants"]}};
  // What anyone knows from both together: a channel shown in either. With the total of 32
  // shown, exactly one channel unknown would be 32 minus the others; and the three online
  // children (too few) stay unknown.
  int unknown = 0;
  for (const auto& [channel, v] : in_target)
    unknown += v.is_null() && by_channel[channel].is_null();
  EXPECT_NE(unknown, 1) << rep.dump() << progress.dump();
  EXPECT_TRUE(in_target["online"].is_null() && by_channel["online"].is_null())
      << rep.dump() << progress.dump();
}

// Feedback waits for published results and is refused for a band the consultation did not ask
// or with a band missing, changing nothing; given, each child reads it in their band's words.
TEST_F(ConsultationLife, FeedbackNeedsPublishedResultsAndEveryBandThenReachesTheChild) {
  std::string id = published(ward9);
  auto young = pupil("Mèo Nhỏ", "2017-05-05");
  ASSERT_EQ(answer(young, id, {{"q_like", "tranh"}}).status, 201);
  ASSERT_EQ(step(id, "close").status, 200);
  ASSERT_EQ(results(id).status, 200);  // kept by the server for a moment

  EXPECT_EQ(server
                .post_json("/api/v1/consultations/" + id + "/feedback",
                           {{"feedback", by_band("x", kBands)}}, bearer(moderator))
                .error_code(),
            "results_not_published");
  EXPECT_EQ(step(id, "publish-results").status, 200);
  // Within the same second as the read after closing: the new status, not the kept one.
  EXPECT_EQ(results(id).json()["status"], "results_published");
  // A band the consultation did not ask (16-17 is a band of the deployment) would reach nobody.
  auto stray_feedback = by_band("Cảm ơn các em", kBands);
  stray_feedback["16-17"] = "Cảm ơn";
  auto stray = server.post_json("/api/v1/consultations/" + id + "/feedback",
                                {{"feedback", stray_feedback}}, bearer(moderator));
  EXPECT_EQ(stray.status, 400) << stray.body;
  EXPECT_EQ(stray.json()["error"]["field"], "feedback.16-17") << stray.body;
  EXPECT_EQ(server.get("/api/v1/consultations/" + id, bearer(moderator)).json()["status"],
            "results_published");
  auto partial = server.post_json("/api/v1/consultations/" + id + "/feedback",
                                  {{"feedback", {{"7-10", "Cảm ơn"}}}}, bearer(moderator));
  EXPECT_EQ(partial.status, 422);

  auto given = server.post_json("/api/v1/consultations/" + id + "/feedback",
                                {{"feedback", by_band("Phường sẽ mở thư viện thứ Bảy", kBands)}},
                                bearer(moderator));
  ASSERT_EQ(given.status, 200) << given.body;
  EXPECT_EQ(given.json()["status"], "feedback_given");
  EXPECT_EQ(given.json()["lifecycle"].size(), 5u);
  EXPECT_EQ(server.get("/api/v1/consultations/" + id, bearer(young)).json()["feedback"],
            "Phường sẽ mở thư viện thứ Bảy [7-10]");
}

// Respondents by channel: 7 online and 8 on paper are shown, and no forum is a shown zero; the
// one 7–10 child is hidden in the table by band (with the empty 14–15 band beside it).
TEST_F(ConsultationLife, RespondentsAreShownByChannelWhileAChildAloneInABandIsHidden) {
  auto p = seven_online_and_eight_on_paper();
  auto rep =
      server.get("/api/v1/consultations/" + p.id + "/representativeness", bearer(moderator)).json();
  EXPECT_EQ(rep["respondents"], 15);
  std::map<std::string, nlohmann::json> channel;
  for (const auto& g : rep["channel"]) channel[g["group"]] = g["respondents"];
  EXPECT_EQ(channel["online"], 7) << rep.dump();
  EXPECT_EQ(channel["paper"], 8) << rep.dump();
  EXPECT_EQ(channel["forum"], 0) << rep.dump();
  std::map<std::string, nlohmann::json> band;
  for (const auto& g : rep["age_band"]) band[g["group"]] = g["respondents"];
  EXPECT_TRUE(band["7-10"].is_null()) << rep.dump();
  EXPECT_TRUE(band["11-13"].is_null() || band["11-13"] == 14) << rep.dump();
}

// Quotes: none while children answer (a new one would be the words of the child just seen
// answering), nor until a moderator approves the idea; then its words, never its author, and
// only for the adults who plan.
TEST_F(ConsultationLife, QuotesAreApprovedWordsShownOnlyOnceTheConsultationIsClosed) {
  auto p = seven_online_and_eight_on_paper();
  auto quoted = [&] {
    return server.get("/api/v1/consultations/" + p.id + "/quotes", bearer(moderator))
        .json()["items"]
        .size();
  };
  EXPECT_EQ(quoted(), 0u);
  std::string sub = server.get("/api/v1/submissions", bearer(p.online[0])).json()["items"][0]["id"];
  auto claimed = server.post_json("/api/v1/moderation/items/" + sub + "/claim",
                                  nlohmann::json::object(), bearer(moderator));
  ASSERT_EQ(claimed.status, 200) << claimed.body;
  ASSERT_EQ(server
                .post_json("/api/v1/moderation/items/" + sub + "/decision",
                           {{"decision", "approve"}, {"version", claimed.json()["version"]}},
                           bearer(moderator))
                .status,
            200);
  EXPECT_EQ(quoted(), 0u) << "a quote while children answer";
  ASSERT_EQ(step(p.id, "close").status, 200);
  auto quotes = server.get("/api/v1/consultations/" + p.id + "/quotes", bearer(moderator)).json();
  ASSERT_EQ(quotes["items"].size(), 1u) << quotes.dump();
  EXPECT_EQ(quotes["items"][0], "Thư viện mở cả buổi trưa");
  EXPECT_EQ(server.get("/api/v1/consultations/" + p.id + "/quotes", bearer(p.young)).status, 403);
}

// A part missing or unknown is refused, and nothing changes: no child hears anything.
TEST_F(ConsultationLife, FeedbackInFourPartsIsRefusedWithAPartMissingOrUnknown) {
  auto p = seven_online_and_eight_on_paper();
  ASSERT_EQ(step(p.id, "close").status, 200);
  ASSERT_EQ(step(p.id, "publish-results").status, 200);
  auto missing = feedback_in_four_parts();
  missing["11-13"].erase("why");
  auto refused = give_feedback(p.id, missing);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.json()["error"]["field"], "feedback.11-13.why") << refused.body;
  auto stray = feedback_in_four_parts();
  stray["7-10"]["when"] = "Tết";
  EXPECT_EQ(give_feedback(p.id, stray).json()["error"]["field"], "feedback.7-10.when");
  EXPECT_EQ(server.get("/api/v1/consultations/" + p.id, bearer(moderator)).json()["status"],
            "results_published");
  EXPECT_EQ(server.get("/api/v1/me/consultation-feedback", bearer(p.young)).json()["items"].size(),
            0u);
}

// Each child who answered online has one notification and the feedback in their band's words;
// a child who did not answer hears nothing about it.
TEST_F(ConsultationLife, EachChildWhoAnsweredIsToldOnceAndReadsTheFeedbackForTheirBand) {
  auto p = seven_online_and_eight_on_paper();
  auto given = closed_and_answered_in_four_parts(p.id);
  ASSERT_EQ(given.status, 200) << given.body;
  for (const auto& [token, b] : std::vector<std::pair<std::string, std::string>>{
           {p.online[3], "11-13"}, {p.young, "7-10"}}) {
    int told = 0;
    auto notes = server.get("/api/v1/me/notifications", bearer(token)).json();
    for (const auto& n : notes["items"])
      if (n["kind"] == "consultation_feedback" && n["object_id"] == p.id) ++told;
    EXPECT_EQ(told, 1) << b << " " << notes.dump();
    auto heard = server.get("/api/v1/me/consultation-feedback", bearer(token)).json()["items"];
    ASSERT_EQ(heard.size(), 1u) << b;
    EXPECT_EQ(heard[0]["id"], p.id);
    EXPECT_EQ(heard[0]["feedback"]["you_said"], "Các em muốn thêm truyện [" + b + "]");
    EXPECT_EQ(heard[0]["feedback"]["what_next"], "Sách về trước Tết");
    EXPECT_EQ(server.get("/api/v1/consultations/" + p.id, bearer(token)).json()["feedback"]["why"],
              "Nhiều em chọn truyện nhất");
  }
  auto other = pupil("Cò Trắng", "2014-06-06");
  EXPECT_EQ(server.get("/api/v1/me/consultation-feedback", bearer(other)).json()["items"].size(),
            0u);
  EXPECT_EQ(server.get("/api/v1/me/notifications", bearer(other)).json()["items"].size(), 0u);
}

// Targets show progress year by year: this year holds every answer, the others none; the paper
// sheets of the years add up to the period's.
TEST_F(ConsultationLife, ATargetShowsTheChildrenConsultedYearByYear) {
  auto p = seven_online_and_eight_on_paper();
  auto given = closed_and_answered_in_four_parts(p.id);
  ASSERT_EQ(given.status, 200) << given.body;
  int year = std::stoi(given.json()["created_at"].get<std::string>().substr(0, 4));
  ASSERT_EQ(server
                .post_json("/api/v1/targets",
                           {{"unit_id", ward9},
                            {"kind", "children_consulted"},
                            {"period_start", std::to_string(year - 1) + "-07-01"},
                            {"period_end", std::to_string(year + 1) + "-06-30"},
                            {"target", 1000}},
                           bearer(admin))
                .status,
            201);
  auto target = server.get("/api/v1/targets", bearer(moderator)).json()["items"][0];
  ASSERT_EQ(target["years"].size(), 3u) << target.dump();
  EXPECT_EQ(target["progress"]["total"], 15) << target.dump();
  EXPECT_EQ(target["progress"]["paper_sheets"], 8);
  for (const auto& y : target["years"]) {
    bool now = y["year"] == year;
    EXPECT_EQ(y["total"], now ? 15 : 0) << y.dump();
    EXPECT_EQ(y["online_children"], now ? 7 : 0) << y.dump();
    EXPECT_EQ(y["paper_sheets"], now ? 8 : 0) << y.dump();
  }
}

TEST_F(ConsultationLife, BadPlansAndBadCalls) {
  auto h = bearer(moderator);
  EXPECT_EQ(server.post_json("/api/v1/consultations", {{"title", "x"}}, h).status, 400);
  EXPECT_EQ(
      server.post_json("/api/v1/consultations", {{"title", "x"}, {"owner_unit_id", "unt_nope"}}, h)
          .status,
      400);
  EXPECT_EQ(
      server
          .post_json("/api/v1/consultations",
                     {{"title", "x"}, {"owner_unit_id", district}, {"opens_at", "tomorrow"}}, h)
          .status,
      400);
  EXPECT_EQ(
      server
          .post_json("/api/v1/consultations",
                     {{"title", "x"}, {"owner_unit_id", district}, {"audience_bands", {"3-5"}}}, h)
          .status,
      400);
  EXPECT_EQ(server
                .post_json("/api/v1/consultations",
                           {{"title", "x"}, {"owner_unit_id", district}, {"questions", "many"}}, h)
                .status,
            400);
  EXPECT_EQ(server
                .post_json("/api/v1/consultations",
                           {{"title", "x"}, {"owner_unit_id", district}, {"colour", "red"}}, h)
                .status,
            400);
  auto empty = server.post_json("/api/v1/consultations",
                                {{"title", "Trống"}, {"owner_unit_id", district}}, h);
  ASSERT_EQ(empty.status, 201);
  auto problems = server.post_json(
      "/api/v1/consultations/" + empty.json()["id"].get<std::string>() + "/publish",
      nlohmann::json::object(), h);
  EXPECT_EQ(problems.status, 422);
  EXPECT_GE(problems.json()["error"]["problems"].size(), 9u);
  EXPECT_EQ(server.post_json("/api/v1/consultations/con_nope/publish", nlohmann::json::object(), h)
                .status,
            404);
  EXPECT_EQ(
      server
          .post_json("/api/v1/consultations/" + empty.json()["id"].get<std::string>() + "/close",
                     nlohmann::json::object(), h)
          .status,
      409);
  EXPECT_EQ(server.get("/api/v1/consultations?status=weird", h).status, 400);
  // A facilitator may not plan; an official sees nothing before results are published.
  EXPECT_EQ(
      server.post_json("/api/v1/consultations", plan(district, ward9), bearer(facilitator)).status,
      403);
  EXPECT_EQ(server
                .get("/api/v1/consultations/" + empty.json()["id"].get<std::string>(),
                     bearer(login(server, "official")))
                .status,
            404);
}

// A facilitator follows how many pupils of each of their classes answered a consultation open to
// them (a district-wide one too): counts only, protected with the results — a class of two is
// never shown, nor is a class whose count would give it away — and nothing of another school.
TEST_F(ConsultationLife, FacilitatorsSeeHowManyOfEachClassAnsweredNeverWho) {
  auto created =
      server.post_json("/api/v1/consultations", plan(district, district), bearer(moderator));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.json()["id"], classes = "/api/v1/consultations/" + id + "/classes";
  ASSERT_EQ(server
                .post_json("/api/v1/consultations/" + id + "/publish", nlohmann::json::object(),
                           bearer(moderator))
                .status,
            200);
  auto b =
      server
          .post_json(
              "/api/v1/classes",
              {{"school_id", school}, {"name", "5B"}, {"grade", 5}, {"school_year", "2026-2027"}},
              bearer(facilitator))
          .json();
  std::string class_b = b["id"], code_b = b["join_code"]["code"];

  // The district-wide consultation is in the facilitator's list: it is open to their classes.
  bool listed = false;
  auto list = server.get("/api/v1/consultations?limit=100", bearer(facilitator)).json();
  for (const auto& c : list["items"]) listed = listed || c["id"] == id;
  EXPECT_TRUE(listed);

  auto counts = [&](const std::string& token) {
    auto r = server.get(classes, bearer(token));
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, nlohmann::json> by_name;
    auto body = r.json();
    for (const auto& k : body["classes"]) by_name[k["name"]] = k["answered"];
    return by_name;
  };
  std::vector<std::string> names;
  for (int i = 0; i < 6; ++i) {
    names.push_back("Sơn Ca " + std::to_string(i));
    ASSERT_EQ(answer(pupil(names.back(), "2014-05-05"), id, {{"q_like", "truyen"}}).status, 201);
  }
  auto six = counts(facilitator);
  EXPECT_EQ(six["5A"], 6);
  EXPECT_EQ(six["5B"], 0);
  EXPECT_EQ(six["6A"], 0);  // the demo's class, whose pupils have not answered this one

  // Two pupils of 5B: their class is hidden, and so is 5A — the school's 8 less 5A's 6 would
  // tell 5B's 2. The total is still shown.
  for (int i = 0; i < 2; ++i)
    ASSERT_EQ(answer(pupil("Chích Chòe " + std::to_string(i), "2014-05-05", true, code_b), id,
                     {{"q_like", "tranh"}})
                  .status,
              201);
  auto eight = counts(facilitator);
  EXPECT_TRUE(eight["5B"].is_null());
  EXPECT_TRUE(eight["5A"].is_null());
  auto raw = server.get(classes, bearer(facilitator));
  EXPECT_EQ(raw.json()["threshold"], 5);
  for (const auto& name : names) EXPECT_EQ(raw.body.find(name), std::string::npos);
  EXPECT_EQ(raw.body.find("pupil"), std::string::npos) << raw.body;
  auto results = server.get("/api/v1/consultations/" + id + "/results", bearer(moderator));
  EXPECT_EQ(results.json()["respondents"], 8) << results.body;

  // A facilitator of another school sees only their own classes, at 0; of a consultation for
  // another ward, nothing at all. Officers plan, they do not read classes: 403.
  auto cvl = school_with_code(server, admin, "THCS-CVL");
  auto other = server.post_json("/api/v1/accounts",
                                {{"username", "co.lan"},
                                 {"display_name", "Cô Lan"},
                                 {"role", "facilitator"},
                                 {"password", "langnghe-demo-lan"},
                                 {"unit_ids", {ward2}},
                                 {"school_ids", {cvl}}},
                                bearer(admin));
  ASSERT_EQ(other.status, 201) << other.body;
  auto lan = login(server, "co.lan", "langnghe-demo-lan");
  ASSERT_EQ(
      server
          .post_json(
              "/api/v1/classes",
              {{"school_id", cvl}, {"name", "7C"}, {"grade", 7}, {"school_year", "2026-2027"}},
              bearer(lan))
          .status,
      201);
  auto theirs = counts(lan);
  EXPECT_EQ(theirs.size(), 2u);  // 7C and the demo's 8B
  EXPECT_EQ(theirs["7C"], 0);
  EXPECT_EQ(theirs["8B"], 0);
  EXPECT_EQ(theirs.count("5A") + theirs.count("5B") + theirs.count("6A"), 0u);
  EXPECT_EQ(server.get(classes, bearer(lan)).body.find(class_b), std::string::npos);
  auto ward_only =
      server.post_json("/api/v1/consultations", plan(district, ward9), bearer(moderator));
  ASSERT_EQ(ward_only.status, 201);
  std::string ward_id = ward_only.json()["id"];
  EXPECT_EQ(server.get("/api/v1/consultations/" + ward_id + "/classes", bearer(lan)).status, 404);
  EXPECT_EQ(server.get(classes, bearer(moderator)).status, 403);
  EXPECT_EQ(server.get("/api/v1/consultations/con_nope/classes", bearer(facilitator)).status, 404);
}

TEST_F(ConsultationLife, PlannersPreviewADraftAsAChildOfEachBand) {
  auto created =
      server.post_json("/api/v1/consultations", plan(district, ward9), bearer(moderator));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.json()["id"];
  std::string preview = "/api/v1/consultations/" + id + "/preview?band=";

  // The youngest band: its own wording, faces on the scale, one question per screen.
  auto young = server.get(preview + "7-10", bearer(moderator));
  ASSERT_EQ(young.status, 200) << young.body;
  auto y = young.json();
  EXPECT_EQ(y["age_band"], "7-10");
  EXPECT_EQ(y["status"], "draft");
  EXPECT_EQ(y["one_question_per_screen"], true);
  EXPECT_EQ(y["info_card"]["why"], "Vì sao hỏi 7-10");
  ASSERT_EQ(y["questions"].size(), 4u);
  EXPECT_EQ(y["questions"][0]["text"], "Em thích đọc gì [7-10]");
  EXPECT_EQ(y["questions"][0]["options"][1]["text"], "Lựa chọn khoahoc [7-10]");
  EXPECT_EQ(y["questions"][1]["faces"].size(), 5u);
  EXPECT_EQ(y["questions"][1]["labels"][0], "Rất tệ");

  // An older band: its wording, all questions on one page, no faces.
  auto teen = server.get(preview + "14-15", bearer(moderator)).json();
  EXPECT_EQ(teen["questions"][0]["text"], "Em thích đọc gì [14-15]");
  EXPECT_EQ(teen["one_question_per_screen"], false);
  EXPECT_FALSE(teen["questions"][1].contains("faces"));

  // The preview is what a pupil of that band is given once it is published.
  ASSERT_EQ(server
                .post_json("/api/v1/consultations/" + id + "/publish", nlohmann::json::object(),
                           bearer(moderator))
                .status,
            200);
  auto child = pupil("Gà Con", "2011-05-05");  // 15 → 14-15
  auto seen = server.get("/api/v1/consultations/" + id, bearer(child)).json();
  auto previewed = server.get(preview + "14-15", bearer(moderator)).json();
  EXPECT_EQ(seen["questions"], previewed["questions"]);
  EXPECT_EQ(seen["info_card"], previewed["info_card"]);

  // No band, an unknown band: 400; not a planner: 403; no such consultation: 404.
  EXPECT_EQ(server.get("/api/v1/consultations/" + id + "/preview", bearer(moderator)).status, 400);
  EXPECT_EQ(server.get(preview + "3-5", bearer(moderator)).status, 400);
  EXPECT_EQ(server.get(preview + "7-10", bearer(facilitator)).status, 403);
  EXPECT_EQ(server.get(preview + "7-10", bearer(child)).status, 403);
  EXPECT_EQ(
      server.get("/api/v1/consultations/con_nope/preview?band=7-10", bearer(moderator)).status,
      404);
}

TEST_F(ConsultationLife, TheDemoHasAPublishedConsultationForClass6A) {
  auto pupil6a =
      server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"];
  auto list = server.get("/api/v1/consultations", bearer(pupil6a)).json()["items"];
  ASSERT_FALSE(list.empty());
  auto view =
      server.get("/api/v1/consultations/" + list[0]["id"].get<std::string>(), bearer(pupil6a))
          .json();
  EXPECT_EQ(view["status"], "published");
  EXPECT_EQ(view["questions"].size(), 6u);
  auto a = answer(pupil6a, list[0]["id"],
                  {{"q_space", "park"}, {"q_safe", 5}, {"q_first", {"open", "fix"}}});
  EXPECT_EQ(a.status, 201) << a.body;
}

}  // namespace
}  // namespace ln::test

namespace ln::test {
namespace {

TEST(AgeBands, AreConfigurablePerDeployment) {
  auto options = demo_options();
  options.args.push_back("--age-bands");
  options.args.push_back("7-9,10-12,13-17");
  Server server(options);
  auto facilitator = login(server, "facilitator");
  auto schools = server.get("/api/v1/schools?limit=200", bearer(facilitator)).json()["items"];
  std::string school;
  for (const auto& s : schools)
    if (s["code"] == "THCS-DDA") school = s["id"];
  auto k =
      server
          .post_json(
              "/api/v1/classes",
              {{"school_id", school}, {"name", "4A"}, {"grade", 4}, {"school_year", "2026-2027"}},
              bearer(facilitator))
          .json();
  auto joined = server.post_json(
      "/api/v1/pupils/join",
      {{"code", k["join_code"]["code"]}, {"pseudonym", "Sẻ Nâu"}, {"birth_date", "2016-12-30"}});
  ASSERT_EQ(joined.status, 201) << joined.body;
  EXPECT_EQ(joined.json()["pupil"]["age_band"], "7-9");
  // Forms read the bands from the server: the configured ones, youngest first.
  auto bands = server.get("/api/v1/age-bands", bearer(facilitator));
  ASSERT_EQ(bands.status, 200) << bands.body;
  EXPECT_EQ(bands.json()["items"], nlohmann::json::parse(R"([
      {"id": "7-9", "min_age": 7, "max_age": 9},
      {"id": "10-12", "min_age": 10, "max_age": 12},
      {"id": "13-17", "min_age": 13, "max_age": 17}])"));
  EXPECT_EQ(server.get("/api/v1/age-bands", bearer(joined.json()["token"])).status, 403);
  EXPECT_EQ(server.get("/api/v1/age-bands").status, 401);
  EXPECT_EQ(run_langnghe({"serve", "--age-bands", "7-9,11-17"}).exit_code, 2);
  EXPECT_EQ(run_langnghe({"serve", "--age-bands", "seven"}).exit_code, 2);
}

}  // namespace
}  // namespace ln::test
