// A Children's Council through the real binary: set up for a ward with a cap and age limits;
// members refused without both consents, outside the age limits or over the cap; the
// council_member role follows membership; a session planned with an agenda of approved words
// only, held with attendance, votes adopted by more than half of those present (and not at
// exactly half), minuted; the warning under two sessions a year; the yearly age review.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <vector>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

int this_year() {
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<int>(std::chrono::year_month_day(today).year());
}

std::string today_text() {
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day d(today);
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return out;
}

// A day `days` from now in Viet Nam by the real clock, as YYYY-MM-DD.
std::string vietnam_day(int days) {
  std::time_t t = std::time(nullptr) + 7 * 3600 + days * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[11];
  std::strftime(out, sizeof out, "%Y-%m-%d", &tm);
  return out;
}

// The school year a Council counts ages for (by its first year): it begins on 1 September.
int school_year() {
  const std::string today = vietnam_day(0);
  const int year = std::stoi(today.substr(0, 4));
  return today.substr(5, 2) >= "09" ? year : year - 1;
}

// Born on 1 January: `age` as a Council counts it (by year of birth) all through this school
// year.
std::string born_aged(int age) {
  return std::to_string(school_year() - age) + "-01-01";
}

class CouncilsApi : public ::testing::Test {
 protected:
  CouncilsApi() : server(demo_options()) {
    admin = login(server, "admin");
    moderator = login(server, "moderator");
    facilitator = login(server, "facilitator");
    auto listed1 = server.get("/api/v1/units?limit=200", bearer(admin)).json()["items"];
    for (const auto& u : listed1)
      if (u["code"] == "HCM-PN-P9") ward9 = u["id"];
  }

  struct Child {
    std::string token, id;
  };
  // A pupil of class 6A (Phường 9); `child` and `guardian` say which consents exist.
  Child pupil(const std::string& name, int age, bool child = true, bool guardian = true) {
    auto joined =
        server.post_json("/api/v1/pupils/join",
                         {{"code", "DEMO6A"}, {"pseudonym", name}, {"birth_date", born_aged(age)}});
    EXPECT_EQ(joined.status, 201) << joined.body;
    Child c{joined.json()["token"], joined.json()["pupil"]["id"]};
    if (child) {
      EXPECT_EQ(
          server.post_json("/api/v1/me/consents", {{"text_version", "2026-11-v1"}}, bearer(c.token))
              .status,
          201);
    }
    if (guardian) {
      EXPECT_EQ(
          server
              .post_json("/api/v1/pupils/" + c.id + "/consents",
                         {{"kind", "guardian"}, {"slip_number", "HD-" + std::to_string(++slips)}},
                         bearer(facilitator))
              .status,
          201);
    }
    return c;
  }

  HttpResponse post(const std::string& path, const nlohmann::json& body, const std::string& who) {
    return server.post_json(path, body, bearer(who));
  }

  std::string council(int cap, int min_age, int max_age,
                      const std::string& term_end = std::to_string(this_year() + 1) + "-12-31") {
    int y = this_year();
    auto r = post("/api/v1/councils",
                  {{"unit_id", ward9},
                   {"name", "Hội đồng trẻ em thử nghiệm"},
                   {"term_start", std::to_string(y) + "-01-01"},
                   {"term_end", term_end},
                   {"member_cap", cap},
                   {"min_age", min_age},
                   {"max_age", max_age}},
                  moderator);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"];
  }

  std::string add(const std::string& council_id, const Child& c, const std::string& role,
                  int expect_status, const std::string& expect_code = "") {
    auto r = post("/api/v1/councils/" + council_id + "/members",
                  {{"pupil_id", c.id}, {"role", role}, {"joined_by", "election"}}, moderator);
    EXPECT_EQ(r.status, expect_status) << r.body;
    if (!expect_code.empty()) {
      EXPECT_EQ(r.error_code(), expect_code) << r.body;
    }
    return r.status == 201 ? r.json()["member_id"].get<std::string>() : "";
  }

  // A submission by `c`, approved by the moderator; returns its id.
  std::string approved_idea(const Child& c, const std::string& text) {
    std::string id =
        post("/api/v1/submissions", {{"kind", "idea"}, {"text", text}}, c.token).json()["id"];
    auto claimed =
        post("/api/v1/moderation/items/" + id + "/claim", nlohmann::json::object(), moderator);
    EXPECT_EQ(claimed.status, 200) << claimed.body;
    auto decided =
        post("/api/v1/moderation/items/" + id + "/decision",
             {{"decision", "approve"}, {"version", claimed.json()["version"]}}, moderator);
    EXPECT_EQ(decided.status, 200) << decided.body;
    return id;
  }

  // Four members of a new Council (cap 10, ages 7–15) of ward 9: a chair of 12 and members of
  // 13, 14 and 11.
  struct Members {
    std::string council;
    Child a, b, c, d;
    std::string ma, mb, mc, md;
  };
  Members four_members() {
    Members m;
    m.council = council(10, 7, 15);
    m.a = pupil("Hải Âu", 12);
    m.b = pupil("Cò Trắng", 13);
    m.c = pupil("Vành Khuyên", 14);
    m.d = pupil("Cu Gáy", 11);
    m.ma = add(m.council, m.a, "chair", 201);
    m.mb = add(m.council, m.b, "member", 201);
    m.mc = add(m.council, m.c, "member", 201);
    m.md = add(m.council, m.d, "member", 201);
    return m;
  }

  // A session planned for today; returns its id.
  std::string planned_session(const std::string& council_id, const std::string& title) {
    auto planned = post("/api/v1/councils/" + council_id + "/sessions",
                        {{"title", title}, {"planned_for", today_text()}}, moderator);
    EXPECT_EQ(planned.status, 201) << planned.body;
    return planned.status == 201 ? planned.json()["id"].get<std::string>() : "";
  }

  // A session planned and held today with these members present; returns its id.
  std::string held_session(const std::string& council_id, const std::vector<std::string>& present,
                           const std::string& title = "Kỳ họp thứ nhất") {
    std::string id = planned_session(council_id, title);
    auto held = post("/api/v1/council-sessions/" + id + "/held",
                     {{"held_on", today_text()}, {"attendance", present}}, moderator);
    EXPECT_EQ(held.status, 200) << held.body;
    return id;
  }

  HttpResponse propose(const std::string& session, const nlohmann::json& motion) {
    return post("/api/v1/council-sessions/" + session + "/proposals", motion, moderator);
  }

  // "Thêm ghế đá", with the votes given (member id → for/against/abstain).
  static nlohmann::json motion(const nlohmann::json& votes) {
    return {{"title", "Thêm ghế đá"},
            {"text", "Đề nghị nhà trường đặt thêm ghế đá dưới bóng cây."},
            {"votes", votes}};
  }

  // The demo Council's one recommendation, as its chair (Cá Heo Vàng, 13) reads it.
  std::string demo_council() {
    auto councils = server.get("/api/v1/councils", bearer(moderator)).json()["items"];
    EXPECT_EQ(councils.size(), 1u);
    return councils.empty() ? "" : councils[0]["id"].get<std::string>();
  }
  std::string chair_token() {
    return server.post_json("/api/v1/pupils/sign-in", {{"code", "caheo-vang-2025"}})
        .json()["token"]
        .get<std::string>();
  }
  nlohmann::json as_the_chair_sees_it(const std::string& council_id) {
    auto r =
        server.get("/api/v1/councils/" + council_id + "/recommendations", bearer(chair_token()));
    EXPECT_EQ(r.status, 200) << r.body;
    auto items = r.json()["items"];
    EXPECT_EQ(items.size(), 1u) << r.body;
    return items.empty() ? nlohmann::json::object() : items[0];
  }

  std::string ward_committee() {
    auto authorities = server.get("/api/v1/authorities?limit=200", bearer(admin)).json()["items"];
    for (const auto& a : authorities)
      if (a["code"] == "UBND-P9") return a["id"];
    return "";
  }

  // The demo Council's recommendation, forwarded to the ward's People's Committee.
  std::string forwarded_council_recommendation(const std::string& council_id) {
    std::string id = as_the_chair_sees_it(council_id)["id"];
    auto forwarded = post("/api/v1/recommendations/" + id + "/forward",
                          {{"authority_id", ward_committee()},
                           {"dispatch_number", "12/HĐTE-KN"},
                           {"dispatch_date", vietnam_today()},
                           {"due_working_days", 10}},
                          moderator);
    EXPECT_EQ(forwarded.status, 200) << forwarded.body;
    return id;
  }

  // Twenty days on (past its due date), acknowledged and answered in part by the official.
  void answered_late(const std::string& id) {
    EXPECT_EQ(server.post_json("/__test/clock", {{"advance_seconds", 20 * 86400}}).status, 200);
    EXPECT_EQ(server.post_json("/__test/jobs/run", nlohmann::json::object()).status, 200);
    moderator = login(server, "moderator");
    official = login(server, "official");
    EXPECT_EQ(
        post("/api/v1/recommendations/" + id + "/acknowledge", nlohmann::json::object(), official)
            .status,
        200);
    auto answered = post(
        "/api/v1/recommendations/" + id + "/answer",
        {{"decision", "partly_accepted"},
         {"reasons", "Sân trường mở từ tháng sau; cần thêm người trông coi nên chỉ đến 10 giờ."},
         {"commitments",
          {{{"text", "Mở cửa sân trường sáng Chủ nhật"},
            {"owner", "Trường THCS Đào Duy Anh"},
            {"due_date", "2099-01-31"}}}}},
        official);
    EXPECT_EQ(answered.status, 200) << answered.body;
  }

  // Words for everybody and for 11–13 year olds, given and reported back.
  void reported_back(const std::string& id) {
    nlohmann::json feedback = {{"bands",
                                {{"all",
                                  {{"you_said", "Hội đồng nói các em cần chỗ chơi sáng Chủ nhật."},
                                   {"we_did", "Phường và nhà trường sẽ mở cửa sân trường."},
                                   {"why", "Cần người trông coi nên chỉ mở đến 10 giờ."},
                                   {"what_next", "Đoàn phường báo các em ngày mở cửa."}}},
                                 {"11-13",
                                  {{"you_said", "Các bạn muốn chơi ở sân trường sáng Chủ nhật."},
                                   {"we_did", "Sân trường sẽ mở cửa sáng Chủ nhật."},
                                   {"why", "Có người trông coi đến 10 giờ."},
                                   {"what_next", "Bạn sẽ biết ngày mở cửa."}}}}}};
    EXPECT_EQ(post("/api/v1/recommendations/" + id + "/feedback", feedback, moderator).status, 200);
    EXPECT_EQ(
        post("/api/v1/recommendations/" + id + "/report-back", nlohmann::json::object(), moderator)
            .status,
        200);
  }

  Server server;
  std::string admin, moderator, facilitator, ward9;
  std::string official;  // signed in by answered_late()
  int slips = 0;
};

TEST_F(CouncilsApi, MembersNeedBothConsentsTheAgeLimitsAndRoomUnderTheCap) {
  EXPECT_EQ(post("/api/v1/councils",
                 {{"unit_id", ward9},
                  {"name", "Sai"},
                  {"term_start", "2027-01-01"},
                  {"term_end", "2026-01-01"},
                  {"member_cap", 5}},
                 moderator)
                .error_code(),
            "invalid");
  // The term's last school year is the next one: every member is a year older by then.
  std::string id = council(3, 11, 13, std::to_string(school_year() + 1) + "-12-31");

  auto ok1 = pupil("Hải Âu", 12), ok2 = pupil("Cò Trắng", 12), ok3 = pupil("Vành Khuyên", 13);
  auto no_guardian = pupil("Chim Cắt", 12, true, false);
  auto no_child = pupil("Đại Bàng", 12, false, true);
  auto too_old = pupil("Bói Cá", 14), too_young = pupil("Chim Non", 10);
  auto extra = pupil("Cu Gáy", 12);

  std::string chair = add(id, ok1, "chair", 201);
  EXPECT_EQ(server.get("/api/v1/me", bearer(ok1.token)).json()["role"], "council_member");
  add(id, no_guardian, "member", 422, "consent_missing");
  add(id, no_child, "member", 422, "consent_missing");
  add(id, too_old, "member", 422, "outside_age_limits");
  add(id, too_young, "member", 422, "outside_age_limits");
  add(id, ok2, "chair", 409, "chair_taken");
  add(id, ok2, "vice_chair", 201);
  add(id, ok2, "member", 409, "already_member");
  add(id, ok3, "member", 201);
  add(id, extra, "member", 409, "council_full");
  EXPECT_EQ(server.get("/api/v1/me", bearer(extra.token)).json()["role"], "pupil");
  EXPECT_EQ(post("/api/v1/councils/" + id + "/members",
                 {{"pupil_id", ok1.id}, {"role", "king"}, {"joined_by", "election"}}, moderator)
                .status,
            400);

  // A member sees their Council, fellow members by pseudonym only; other pupils do not.
  auto seen = server.get("/api/v1/councils/" + id, bearer(ok1.token));
  ASSERT_EQ(seen.status, 200) << seen.body;
  ASSERT_EQ(seen.json()["members"].size(), 3u);
  EXPECT_EQ(seen.json()["members"][0]["pseudonym"], "Hải Âu");
  EXPECT_EQ(seen.json()["members"][0]["role"], "chair");
  EXPECT_FALSE(seen.json()["members"][0].contains("pupil_id"));
  EXPECT_EQ(server.get("/api/v1/councils/" + id, bearer(extra.token)).status, 404);
  auto mine = server.get("/api/v1/councils", bearer(ok1.token)).json()["items"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["id"], id);
  // Officials act in no unit: they do not see it.
  EXPECT_EQ(server.get("/api/v1/councils/" + id, bearer(login(server, "official"))).status, 404);

  // Leaving: the role goes back to pupil, and there is room again.
  EXPECT_EQ(
      server
          .request("DELETE", "/api/v1/councils/" + id + "/members/" + chair, "", bearer(moderator))
          .status,
      204);
  EXPECT_EQ(server.get("/api/v1/me", bearer(ok1.token)).json()["role"], "pupil");
  add(id, extra, "member", 201);
  EXPECT_EQ(
      server
          .request("DELETE", "/api/v1/councils/" + id + "/members/" + chair, "", bearer(moderator))
          .status,
      404);

  // Lowering the cap under the current members is refused.
  auto patched = server.request(
      "PATCH", "/api/v1/councils/" + id, nlohmann::json{{"member_cap", 2}}.dump(),
      {{"Authorization", "Bearer " + moderator}, {"Content-Type", "application/json"}});
  EXPECT_EQ(patched.status, 409) << patched.body;

  // The yearly review flags who will be past the age limit in a school year the term reaches,
  // and who is past it in the school year of the review day.
  auto review = server.get("/api/v1/councils/" + id + "/review", bearer(moderator));
  ASSERT_EQ(review.status, 200) << review.body;
  ASSERT_EQ(review.json()["flagged"].size(), 1u);
  EXPECT_EQ(review.json()["flagged"][0]["pseudonym"], "Vành Khuyên");
  EXPECT_EQ(review.json()["flagged"][0]["reason"], "over_age_limit_before_term_end");
  auto next_year = server
                       .get("/api/v1/councils/" + id +
                                "/review?on=" + std::to_string(school_year() + 1) + "-09-15",
                            bearer(moderator))
                       .json();
  ASSERT_EQ(next_year["flagged"].size(), 1u);
  EXPECT_EQ(next_year["flagged"][0]["reason"], "over_age_limit");
  EXPECT_EQ(server.get("/api/v1/councils/" + id + "/review?on=someday", bearer(moderator)).status,
            400);
  // A guardian withdraws consent: the review lists the child for leaving the Council.
  ASSERT_EQ(post("/api/v1/pupils/" + ok2.id + "/consents/withdraw",
                 {{"reason", "Phiếu rút đồng ý của phụ huynh"}}, facilitator)
                .status,
            204);
  auto after = server.get("/api/v1/councils/" + id + "/review", bearer(moderator)).json();
  ASSERT_EQ(after["flagged"].size(), 2u) << after.dump();
  bool listed = false;
  for (const auto& f : after["flagged"])
    listed = listed || (f["member_id"].is_string() && f["pupil_id"] == ok2.id &&
                        f["reason"] == "consent_withdrawn");
  EXPECT_TRUE(listed) << after.dump();
}

// The agenda takes approved words only, and consultations once closed; members read it in the
// approved words.
TEST_F(CouncilsApi, ASessionsAgendaTakesOnlyApprovedWordsAndMembersReadThem) {
  auto m = four_members();
  std::string approved = approved_idea(m.a, "Trường em cần thêm ghế đá dưới bóng cây");
  std::string waiting = post("/api/v1/submissions",
                             {{"kind", "idea"}, {"text", "Em muốn có thêm sân bóng"}}, m.b.token)
                            .json()["id"];
  std::string demo_consultation =
      server.get("/api/v1/consultations", bearer(moderator)).json()["items"][0]["id"];
  nlohmann::json plan = {{"title", "Kỳ họp thứ nhất"},
                         {"planned_for", today_text()},
                         {"location", "Nhà văn hóa"},
                         {"agenda",
                          {{{"kind", "submission"}, {"id", approved}},
                           {{"kind", "submission"}, {"id", waiting}},
                           {{"kind", "consultation"}, {"id", demo_consultation}}}}};
  auto refused = post("/api/v1/councils/" + m.council + "/sessions", plan, moderator);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.error_code(), "invalid_agenda");
  EXPECT_EQ(refused.json()["error"]["problems"].size(), 2u);
  plan["agenda"] = {{{"kind", "submission"}, {"id", approved}}};
  auto planned = post("/api/v1/councils/" + m.council + "/sessions", plan, moderator);
  ASSERT_EQ(planned.status, 201) << planned.body;
  std::string s1 = planned.json()["id"];
  EXPECT_EQ(planned.json()["status"], "planned");

  auto seen = server.get("/api/v1/council-sessions/" + s1, bearer(m.b.token));
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json()["agenda"][0]["text"], "Trường em cần thêm ghế đá dưới bóng cây");
}

// No vote before the session is held, held only with members; an absent member does not vote,
// nor do more children than were present; once votes are counted the attendance stays.
TEST_F(CouncilsApi, OnlyMembersPresentAtAHeldSessionVote) {
  auto m = four_members();
  std::string s1 = planned_session(m.council, "Kỳ họp thứ nhất");
  EXPECT_EQ(propose(s1, motion({{m.ma, "for"}, {m.mb, "for"}, {m.mc, "against"}})).error_code(),
            "not_held");
  EXPECT_EQ(
      post("/api/v1/council-sessions/" + s1 + "/held", {{"attendance", {"mem_nobody"}}}, moderator)
          .status,
      400);
  auto held = post("/api/v1/council-sessions/" + s1 + "/held",
                   {{"held_on", today_text()}, {"attendance", {m.ma, m.mb, m.mc}}}, moderator);
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_EQ(held.json()["status"], "held");
  EXPECT_EQ(held.json()["attendance"].size(), 3u);

  EXPECT_EQ(propose(s1, motion({{m.md, "for"}})).status, 400);
  auto counted = motion(nullptr);
  counted.erase("votes");
  counted["counts"] = {{"for", 3}, {"against", 1}};
  EXPECT_EQ(propose(s1, counted).error_code(), "too_many_votes");
  ASSERT_EQ(propose(s1, motion({{m.ma, "for"}, {m.mb, "for"}, {m.mc, "against"}})).status, 201);
  auto attendance = server.request(
      "PUT", "/api/v1/council-sessions/" + s1 + "/attendance",
      nlohmann::json{{"attendance", {m.ma, m.mb}}}.dump(),
      {{"Authorization", "Bearer " + moderator}, {"Content-Type", "application/json"}});
  EXPECT_EQ(attendance.error_code(), "votes_recorded");
}

// More than half of those present adopt a proposal, which becomes a draft recommendation of the
// Council's unit; one for, one against and one abstaining is not adopted, nor is exactly half.
TEST_F(CouncilsApi, MoreThanHalfOfThosePresentAdoptAProposalIntoADraftRecommendation) {
  auto m = four_members();
  std::string s1 = held_session(m.council, {m.ma, m.mb, m.mc});
  auto adopted = propose(s1, motion({{m.ma, "for"}, {m.mb, "for"}, {m.mc, "against"}}));
  ASSERT_EQ(adopted.status, 201) << adopted.body;
  EXPECT_EQ(adopted.json()["adopted"], true);
  EXPECT_EQ(adopted.json()["for"], 2);
  EXPECT_EQ(adopted.json()["present"], 3);
  ASSERT_TRUE(adopted.json()["recommendation_id"].is_string()) << adopted.body;
  auto draft = server.get(
      "/api/v1/recommendations/" + adopted.json()["recommendation_id"].get<std::string>(),
      bearer(moderator));
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(draft.json()["status"], "draft");
  EXPECT_EQ(draft.json()["origin"], "council");
  EXPECT_EQ(draft.json()["council_session_id"], s1);
  EXPECT_EQ(draft.json()["title"], "Thêm ghế đá");

  auto split = motion(nullptr);
  split.erase("votes");
  split["title"] = "Đổi giờ ra chơi";
  split["counts"] = {{"for", 1}, {"against", 1}, {"abstain", 1}};
  auto lost = propose(s1, split);
  ASSERT_EQ(lost.status, 201) << lost.body;
  EXPECT_EQ(lost.json()["adopted"], false);

  std::string s2 = held_session(m.council, {m.ma, m.mb, m.mc, m.md}, "Kỳ họp thứ hai");
  auto half = propose(
      s2, {{"title", "Nửa số phiếu"},
           {"text", "Một đề xuất chỉ được một nửa tán thành."},
           {"votes", {{m.ma, "for"}, {m.mb, "for"}, {m.mc, "against"}, {m.md, "abstain"}}}});
  ASSERT_EQ(half.status, 201) << half.body;
  EXPECT_EQ(half.json()["adopted"], false);
}

TEST_F(CouncilsApi, APupilSeesTheResultsButNotHowEachChildVoted) {
  auto m = four_members();
  std::string s1 = held_session(m.council, {m.ma, m.mb, m.mc});
  ASSERT_EQ(propose(s1, motion({{m.ma, "for"}, {m.mb, "for"}, {m.mc, "against"}})).status, 201);
  ASSERT_EQ(propose(s1, {{"title", "Đổi giờ ra chơi"},
                         {"text", "Đề nghị nhà trường đặt thêm ghế đá dưới bóng cây."},
                         {"counts", {{"for", 1}, {"against", 1}, {"abstain", 1}}}})
                .status,
            201);
  auto results = server.get("/api/v1/council-sessions/" + s1, bearer(m.a.token)).json();
  ASSERT_EQ(results["proposals"].size(), 2u);
  EXPECT_FALSE(results["proposals"][0].contains("votes"));
  EXPECT_EQ(server.get("/api/v1/council-sessions/" + s1, bearer(moderator))
                .json()["proposals"][0]["votes"][m.ma],
            "for");
}

// A facilitator of the ward reads sessions, but only the Youth Union and admins minute them;
// minuted, the record no longer changes.
TEST_F(CouncilsApi, OnlyTheYouthUnionMinutesASessionAndThenItNoLongerChanges) {
  auto m = four_members();
  std::string s1 = held_session(m.council, {m.ma, m.mb, m.mc});
  EXPECT_EQ(server.get("/api/v1/council-sessions/" + s1, bearer(facilitator)).status, 200);
  EXPECT_EQ(
      post("/api/v1/council-sessions/" + s1 + "/minutes", {{"minutes", "x"}}, facilitator).status,
      403);
  EXPECT_EQ(
      post("/api/v1/council-sessions/" + s1 + "/minutes", {{"minutes", ""}}, moderator).status,
      400);
  auto minuted = post("/api/v1/council-sessions/" + s1 + "/minutes",
                      {{"minutes", "Hội đồng thông qua kiến nghị thêm ghế đá."}}, moderator);
  ASSERT_EQ(minuted.status, 200) << minuted.body;
  EXPECT_EQ(minuted.json()["status"], "minuted");
  EXPECT_EQ(minuted.json()["lifecycle"].size(), 3u);
  EXPECT_EQ(propose(s1, motion({{m.ma, "for"}})).error_code(), "not_held");
  auto late = server.request(
      "PATCH", "/api/v1/council-sessions/" + s1, nlohmann::json{{"title", "Khác"}}.dump(),
      {{"Authorization", "Bearer " + moderator}, {"Content-Type", "application/json"}});
  EXPECT_EQ(late.error_code(), "session_minuted");
}

// One session held this year: the Council view warns; a second one held, the warning goes.
TEST_F(CouncilsApi, ACouncilIsWarnedWhileItHasHeldFewerThanTwoSessionsThisYear) {
  auto m = four_members();
  held_session(m.council, {m.ma, m.mb, m.mc});
  auto view = server.get("/api/v1/councils/" + m.council, bearer(moderator)).json();
  ASSERT_EQ(view["warnings"].size(), 1u) << view.dump();
  EXPECT_EQ(view["warnings"][0]["code"], "too_few_sessions");
  EXPECT_EQ(view["warnings"][0]["year"], this_year());
  EXPECT_EQ(view["warnings"][0]["sessions_held"], 1);

  held_session(m.council, {m.ma, m.mb, m.mc, m.md}, "Kỳ họp thứ hai");
  EXPECT_EQ(
      server.get("/api/v1/councils/" + m.council, bearer(moderator)).json()["warnings"].size(), 0u);
  auto sessions =
      server.get("/api/v1/councils/" + m.council + "/sessions", bearer(m.a.token)).json();
  EXPECT_EQ(sessions["items"].size(), 2u);
}

TEST_F(CouncilsApi, CandidatesAreThePupilsWhoCouldJoinNow) {
  std::string id = council(10, 11, 13);
  auto ok = pupil("Sáo Sậu", 12), ok2 = pupil("Vẹt Xanh", 13);
  auto no_guardian = pupil("Chim Sẻ", 12, true, false);
  auto too_old = pupil("Công Múa", 14), too_young = pupil("Chào Mào", 10);
  auto member = pupil("Yến Nhỏ", 13);
  add(id, member, "member", 201);
  // A pupil of class 4C, in Phường 15: not of this Council's unit.
  std::string class_4c;
  const auto classes = server.get("/api/v1/classes?limit=200", bearer(admin)).json()["items"];
  for (const auto& c : classes)
    if (c["name"] == "4C") class_4c = c["id"];
  ASSERT_FALSE(class_4c.empty());
  auto code = post("/api/v1/classes/" + class_4c + "/join-codes", nlohmann::json::object(), admin);
  ASSERT_EQ(code.status, 201) << code.body;
  auto joined = server.post_json(
      "/api/v1/pupils/join",
      {{"code", code.json()["code"]}, {"pseudonym", "Chim Khuyên"}, {"birth_date", born_aged(12)}});
  ASSERT_EQ(joined.status, 201) << joined.body;
  Child elsewhere{joined.json()["token"], joined.json()["pupil"]["id"]};
  ASSERT_EQ(post("/api/v1/me/consents", {{"text_version", "2026-11-v1"}}, elsewhere.token).status,
            201);
  ASSERT_EQ(post("/api/v1/pupils/" + elsewhere.id + "/consents",
                 {{"kind", "guardian"}, {"slip_number", "HD-15"}}, admin)
                .status,
            201);

  // Read it all two at a time: every page but the last is full although pupils are skipped.
  std::vector<std::string> paged;
  std::map<std::string, nlohmann::json> by_id;
  std::string path = "/api/v1/councils/" + id + "/candidates?limit=2";
  for (int pages = 0; pages < 100; ++pages) {
    auto r = server.get(path, bearer(moderator));
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    for (const auto& c : body["items"]) {
      paged.push_back(c["pupil_id"]);
      by_id[c["pupil_id"]] = c;
    }
    if (body["next"].is_null()) break;
    EXPECT_EQ(body["items"].size(), 2u);
    path =
        "/api/v1/councils/" + id + "/candidates?limit=2&after=" + body["next"].get<std::string>();
  }
  EXPECT_EQ(paged.size(), by_id.size()) << "a pupil was listed twice";
  auto whole = server.get("/api/v1/councils/" + id + "/candidates?limit=200", bearer(moderator));
  ASSERT_EQ(whole.status, 200) << whole.body;
  std::vector<std::string> at_once;
  const auto whole_items = whole.json()["items"];
  for (const auto& c : whole_items) at_once.push_back(c["pupil_id"]);
  EXPECT_EQ(paged, at_once);

  EXPECT_TRUE(by_id.count(ok.id));
  EXPECT_TRUE(by_id.count(ok2.id));
  EXPECT_FALSE(by_id.count(no_guardian.id));
  EXPECT_FALSE(by_id.count(too_old.id));
  EXPECT_FALSE(by_id.count(too_young.id));
  EXPECT_FALSE(by_id.count(member.id));
  EXPECT_FALSE(by_id.count(elsewhere.id));
  auto& shown = by_id[ok.id];
  EXPECT_EQ(shown["pseudonym"], "Sáo Sậu");
  EXPECT_EQ(shown["age_band"], "11-13");
  EXPECT_EQ(shown["class_name"], "6A");
  EXPECT_EQ(shown["school_name"], "Liên đội Trường THCS Đào Duy Anh");
  // Never a birth date or a name.
  EXPECT_EQ(whole.body.find(born_aged(12)), std::string::npos);
  EXPECT_FALSE(shown.contains("birth_date"));
  EXPECT_FALSE(shown.contains("real_name"));

  // Picking one from the list adds them, and they leave the list.
  add(id, ok, "member", 201);
  auto again = server.get("/api/v1/councils/" + id + "/candidates?limit=200", bearer(moderator));
  const auto again_items = again.json()["items"];
  for (const auto& c : again_items) EXPECT_NE(c["pupil_id"], ok.id);

  // Bad input and scope.
  EXPECT_EQ(server.get("/api/v1/councils/cou_nope/candidates", bearer(moderator)).status, 404);
  EXPECT_EQ(server.get("/api/v1/councils/" + id + "/candidates?limit=0", bearer(moderator)).status,
            400);
  EXPECT_EQ(
      server.get("/api/v1/councils/" + id + "/candidates?limit=many", bearer(moderator)).status,
      400);
  EXPECT_EQ(server.get("/api/v1/councils/" + id + "/candidates", bearer(facilitator)).status, 403);
  EXPECT_EQ(server.get("/api/v1/councils/" + id + "/candidates", bearer(ok2.token)).status, 403);
  std::string ward2;
  const auto units = server.get("/api/v1/units?limit=200", bearer(admin)).json()["items"];
  for (const auto& u : units)
    if (u["code"] == "HCM-PN-P2") ward2 = u["id"];
  ASSERT_EQ(post("/api/v1/accounts",
                 {{"username", "mod.ward2"},
                  {"display_name", "Đoàn Phường 2"},
                  {"role", "moderator"},
                  {"password", "ward-two-password"},
                  {"unit_ids", {ward2}}},
                 admin)
                .status,
            201);
  EXPECT_EQ(server
                .get("/api/v1/councils/" + id + "/candidates",
                     bearer(login(server, "mod.ward2", "ward-two-password")))
                .status,
            404);
}

// Today in Viet Nam by the server's clock as it starts (the real one).
std::string vietnam_today() {
  return vietnam_day(0);
}

// Age limits that singled out one age would list exactly the children of that age, with their
// class and school: the limits are edges of the age bands (default 7–10, 11–13, 14–15, 16–17), and
// anything else is refused with a 400 that says which ages may be used, and changes nothing.
TEST_F(CouncilsApi, AgeLimitsAreAgeBandEdgesNeverOneAge) {
  auto create = [&](int min_age, int max_age) {
    return post("/api/v1/councils",
                {{"unit_id", ward9},
                 {"name", "Hội đồng một độ tuổi"},
                 {"term_start", "2027-01-01"},
                 {"term_end", "2028-12-31"},
                 {"member_cap", 10},
                 {"min_age", min_age},
                 {"max_age", max_age}},
                moderator);
  };
  auto one_age = create(12, 12);
  EXPECT_EQ(one_age.status, 400) << one_age.body;
  EXPECT_EQ(one_age.error_code(), "invalid");
  EXPECT_EQ(one_age.json()["error"]["field"], "min_age");
  EXPECT_NE(one_age.json()["error"].value("message", "").find("7, 11, 14 or 16"), std::string::npos)
      << one_age.body;
  auto upper = create(11, 12);
  EXPECT_EQ(upper.status, 400) << upper.body;
  EXPECT_EQ(upper.json()["error"]["field"], "max_age");
  EXPECT_NE(upper.json()["error"].value("message", "").find("10, 13, 15 or 17"), std::string::npos)
      << upper.body;
  EXPECT_EQ(create(16, 16).status, 400);  // 16 begins a band, but does not end one
  EXPECT_EQ(create(13, 13).status, 400);  // 13 ends a band, but does not begin one
  auto councils_before = server.get("/api/v1/councils?limit=100", bearer(moderator)).json();

  // One band, or several side by side, are limits.
  std::string id = council(10, 11, 13);
  auto patch = [&](const nlohmann::json& body) {
    return server.request(
        "PATCH", "/api/v1/councils/" + id, body.dump(),
        {{"Authorization", "Bearer " + moderator}, {"Content-Type", "application/json"}});
  };
  auto narrowed = patch({{"min_age", 12}, {"max_age", 12}});
  EXPECT_EQ(narrowed.status, 400) << narrowed.body;
  EXPECT_EQ(patch({{"max_age", 12}}).status, 400);
  EXPECT_EQ(patch({{"name", "Đổi tên"}, {"min_age", 14}, {"max_age", 14}}).status, 400);
  auto kept = server.get("/api/v1/councils/" + id, bearer(moderator)).json();
  EXPECT_EQ(kept["min_age"], 11);
  EXPECT_EQ(kept["max_age"], 13);
  EXPECT_EQ(kept["name"], "Hội đồng trẻ em thử nghiệm");
  auto widened = patch({{"min_age", 7}, {"max_age", 15}});
  ASSERT_EQ(widened.status, 200) << widened.body;
  EXPECT_EQ(widened.json()["min_age"], 7);
  EXPECT_EQ(widened.json()["max_age"], 15);
  auto listed = server.get("/api/v1/councils?limit=100", bearer(moderator)).json();
  EXPECT_EQ(listed["items"].size(), councils_before["items"].size() + 1);
}

// A child's birthday never shows: who may join is counted by year of birth for the school year,
// so the candidates read the day before a child's birthday and on the day are the same — also for
// a child who turns 11, the first age of the Council's band, that very day.
TEST_F(CouncilsApi, CandidatesAreTheSameTheDayBeforeABirthdayAndOnIt) {
  // The list changes once a year, on 1 September: keep the two days inside one school year.
  const int shift = vietnam_day(1).substr(5) == "09-01" ? 1 : 0;
  if (shift) {
    ASSERT_EQ(server.post_json("/__test/clock", {{"advance_seconds", 86400}}).status, 200);
    moderator = login(server, "moderator");
    facilitator = login(server, "facilitator");
  }
  const std::string tomorrow = vietnam_day(1 + shift);
  std::string id = council(10, 11, 13);
  // Turns 11 tomorrow; and turns 13, 14 tomorrow (the band's last age, and past it).
  auto birthday = [&](int age) {
    std::string day = std::to_string(std::stoi(tomorrow.substr(0, 4)) - age) + tomorrow.substr(4);
    if (day.substr(5) == "02-29") day = day.substr(0, 5) + "03-01";  // no 29 February that year
    return day;
  };
  std::vector<Child> children;
  int n = 0;
  for (int age : {11, 13, 14}) {
    auto joined =
        server.post_json("/api/v1/pupils/join", {{"code", "DEMO6A"},
                                                 {"pseudonym", "Sinh Nhật " + std::to_string(++n)},
                                                 {"birth_date", birthday(age)}});
    ASSERT_EQ(joined.status, 201) << joined.body;
    Child c{joined.json()["token"], joined.json()["pupil"]["id"]};
    ASSERT_EQ(post("/api/v1/me/consents", {{"text_version", "2026-11-v1"}}, c.token).status, 201);
    ASSERT_EQ(
        post("/api/v1/pupils/" + c.id + "/consents",
             {{"kind", "guardian"}, {"slip_number", "HD-SN-" + std::to_string(n)}}, facilitator)
            .status,
        201);
    children.push_back(c);
  }
  auto candidates = [&] {
    auto r = server.get("/api/v1/councils/" + id + "/candidates?limit=200", bearer(moderator));
    EXPECT_EQ(r.status, 200) << r.body;
    const auto items = r.json()["items"];  // kept alive while it is read
    std::vector<std::string> ids;
    for (const auto& c : items) ids.push_back(c["pupil_id"]);
    return ids;
  };
  auto day_before = candidates();
  ASSERT_EQ(server.post_json("/__test/clock", {{"advance_seconds", 86400}}).status, 200);
  moderator = login(server, "moderator");  // an adult's session lasts 12 hours
  auto on_the_day = candidates();
  EXPECT_EQ(day_before, on_the_day);
  // Each child is in or out on both days by year of birth: from September to December the
  // school year's age is the one they reach this calendar year (11, 13, 14: the last one out);
  // from January to August the school year began the year before (10, 12, 13: the first out).
  auto listed = [&](const Child& c) {
    return std::find(on_the_day.begin(), on_the_day.end(), c.id) != on_the_day.end();
  };
  const bool autumn = tomorrow.substr(5, 2) >= "09";
  EXPECT_EQ(listed(children[0]), autumn);
  EXPECT_TRUE(listed(children[1]));
  EXPECT_EQ(listed(children[2]), !autumn);
}

// A child's own age band moves at their first sign-in from the first of the month after the
// birthday that crosses into the next band. A Council's candidates and members show the band the
// Council counts them in instead (by year of birth for the school year), which does not move then.
TEST_F(CouncilsApi, ACouncilShowsTheBandItCountsNotOneThatMovesAfterABirthday) {
  using namespace std::chrono;
  const std::string tomorrow = vietnam_day(1);
  auto parsed = [](const std::string& d) {
    return year_month_day{year(std::stoi(d.substr(0, 4))) / std::stoi(d.substr(5, 2)) /
                          std::stoi(d.substr(8, 2))};
  };
  const year_month_day t = parsed(tomorrow);
  const year_month_day first_of_next = (t.year() / t.month() + months(1)) / 1;
  if (tomorrow.substr(5) == "09-01" || first_of_next.month() == September)
    GTEST_SKIP() << "1 September moves every child's counted age; this runs the other months";
  const bool autumn = t.month() >= September;
  const std::string counted = autumn ? "11-13" : "7-10";  // the band of 11, or of 10

  std::string id = council(10, 7, 13);
  std::string born = std::to_string(static_cast<int>(t.year()) - 11) + tomorrow.substr(4);
  if (born.substr(5) == "02-29") born = born.substr(0, 5) + "03-01";
  std::vector<std::pair<Child, std::string>> children;  // with their sign-in codes
  for (const char* name : {"Ứng Viên", "Thành Viên"}) {
    auto joined = server.post_json("/api/v1/pupils/join",
                                   {{"code", "DEMO6A"}, {"pseudonym", name}, {"birth_date", born}});
    ASSERT_EQ(joined.status, 201) << joined.body;
    EXPECT_EQ(joined.json()["pupil"]["age_band"], "7-10");  // 10 until tomorrow
    Child c{joined.json()["token"], joined.json()["pupil"]["id"]};
    ASSERT_EQ(post("/api/v1/me/consents", {{"text_version", "2026-11-v1"}}, c.token).status, 201);
    ASSERT_EQ(
        post("/api/v1/pupils/" + c.id + "/consents",
             {{"kind", "guardian"}, {"slip_number", "HD-B-" + std::to_string(children.size())}},
             facilitator)
            .status,
        201);
    children.emplace_back(c, joined.json()["sign_in_code"]);
  }
  add(id, children[1].first, "member", 201);
  auto shown = [&] {
    std::map<std::string, std::string> bands;
    auto candidates =
        server.get("/api/v1/councils/" + id + "/candidates?limit=200", bearer(moderator)).json();
    for (const auto& c : candidates["items"]) bands[c["pupil_id"]] = c["age_band"];
    auto view = server.get("/api/v1/councils/" + id, bearer(moderator)).json();
    for (const auto& m : view["members"]) bands[m["pupil_id"]] = m["age_band"];
    return std::pair{bands[children[0].first.id], bands[children[1].first.id]};
  };
  auto before = shown();
  EXPECT_EQ(before.first, counted);
  EXPECT_EQ(before.second, counted);

  // The first of next month: both sign in, and their own band moves to 11-13.
  const auto today = sys_days(parsed(vietnam_day(0)));
  const auto days = (sys_days(first_of_next) - today).count();
  ASSERT_EQ(server.post_json("/__test/clock", {{"advance_seconds", days * 86400}}).status, 200);
  for (const auto& [child, code] : children) {
    auto signed_in = server.post_json("/api/v1/pupils/sign-in", {{"code", code}});
    ASSERT_EQ(signed_in.status, 200) << signed_in.body;
    EXPECT_EQ(signed_in.json()["pupil"]["age_band"], "11-13");
  }
  moderator = login(server, "moderator");
  EXPECT_EQ(shown(), before);
}

// A Council member follows what the Council adopted: forwarded to an authority with a due date,
// overdue, answered with reasons and commitments, reported back in the member's band's words —
// and never reads who (child or adult) took a step. Other children and unknown Councils: nothing.
TEST_F(CouncilsApi, AMemberSeesTheProposalTheirCouncilAdoptedAsADraft) {
  auto rec = as_the_chair_sees_it(demo_council());
  EXPECT_EQ(rec["title"], "Mở cửa sân trường THCS Đào Duy Anh vào sáng Chủ nhật");
  EXPECT_EQ(rec["status"], "draft");
  EXPECT_EQ(rec["steps"][0]["action"], "adopted_by_council");
  EXPECT_TRUE(rec["forwarded_at"].is_null());
  EXPECT_TRUE(rec["due_date"].is_null());
}

// Forwarded: the authority, the dispatch and the due date; past it without an answer, overdue.
TEST_F(CouncilsApi, AMemberSeesWhereTheirCouncilsRecommendationWentAndWhenItIsLate) {
  std::string council_id = demo_council();
  forwarded_council_recommendation(council_id);
  auto rec = as_the_chair_sees_it(council_id);
  EXPECT_EQ(rec["status"], "forwarded");
  EXPECT_EQ(rec["authority"], "Ủy ban nhân dân Phường 9");
  EXPECT_EQ(rec["dispatch_number"], "12/HĐTE-KN");
  EXPECT_TRUE(rec["forwarded_at"].is_string());
  EXPECT_GT(rec["due_date"].get<std::string>(), vietnam_today());
  EXPECT_FALSE(rec["overdue"].get<bool>());
  ASSERT_EQ(rec["steps"].size(), 2u);
  EXPECT_TRUE(rec["answer"].is_null());

  ASSERT_EQ(server.post_json("/__test/clock", {{"advance_seconds", 20 * 86400}}).status, 200);
  ASSERT_EQ(server.post_json("/__test/jobs/run", nlohmann::json::object()).status, 200);
  rec = as_the_chair_sees_it(council_id);
  EXPECT_TRUE(rec["overdue"].get<bool>()) << rec.dump();
}

// Answered in part, late: the decision, its reasons and the commitment with its own due date;
// reported back, the chair (13) reads the 11–13 words, not the words for everybody; and no
// step names anybody: no member's pseudonym, no adult's account or name, no "by".
TEST_F(CouncilsApi, AMemberReadsTheAnswerAndTheFeedbackForTheirAgeWithNobodyNamed) {
  std::string council_id = demo_council();
  std::string rec_id = forwarded_council_recommendation(council_id);
  std::vector<std::string> bodies = {as_the_chair_sees_it(council_id).dump()};
  answered_late(rec_id);
  auto rec = as_the_chair_sees_it(council_id);
  EXPECT_EQ(rec["status"], "answered");
  EXPECT_FALSE(rec["overdue"].get<bool>());
  EXPECT_EQ(rec["answer"]["decision"], "partly_accepted");
  EXPECT_EQ(rec["answer"]["reasons"],
            "Sân trường mở từ tháng sau; cần thêm người trông coi nên chỉ đến 10 giờ.");
  EXPECT_FALSE(rec["answered_on_time"].get<bool>());
  ASSERT_EQ(rec["commitments"].size(), 1u);
  EXPECT_EQ(rec["commitments"][0]["text"], "Mở cửa sân trường sáng Chủ nhật");
  EXPECT_EQ(rec["commitments"][0]["due_date"], "2099-01-31");
  EXPECT_TRUE(rec["feedback"].is_null());
  bodies.push_back(rec.dump());

  reported_back(rec_id);
  rec = as_the_chair_sees_it(council_id);
  EXPECT_EQ(rec["status"], "reported_back");
  EXPECT_EQ(rec["feedback"]["we_did"], "Sân trường sẽ mở cửa sáng Chủ nhật.");
  bodies.push_back(rec.dump());

  auto me_moderator = server.get("/api/v1/me", bearer(moderator)).json();
  auto me_official = server.get("/api/v1/me", bearer(official)).json();
  for (const auto& body : bodies) {
    for (std::string who : {"Cá Heo Vàng", "Sơn Ca", "Họa Mi", "Chích Chòe", "Bồ Câu Trắng",
                            "Sao Biển", "\"by\"", "pup_", "acc_"})
      EXPECT_EQ(body.find(who), std::string::npos) << who << " in " << body;
    for (const auto& adult : {me_moderator, me_official}) {
      EXPECT_EQ(body.find(adult["id"].get<std::string>()), std::string::npos) << body;
      EXPECT_EQ(body.find("\"" + adult["name"].get<std::string>() + "\""), std::string::npos)
          << body;
    }
  }
}

// A child who is not a member, a Council that does not exist, nobody signed in: nothing.
TEST_F(CouncilsApi, OnlyItsMembersReadACouncilsRecommendations) {
  std::string council_id = demo_council();
  std::string rec_id = as_the_chair_sees_it(council_id)["id"];
  std::string path = "/api/v1/councils/" + council_id + "/recommendations";
  std::string other =
      server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"];
  auto refused = server.get(path, bearer(other));
  EXPECT_TRUE(refused.status == 403 || refused.status == 404) << refused.body;
  EXPECT_FALSE(refused.error_code().empty()) << refused.body;
  EXPECT_EQ(refused.body.find(rec_id), std::string::npos);
  auto unknown =
      server.get("/api/v1/councils/cou_nosuchcouncil/recommendations", bearer(chair_token()));
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_EQ(unknown.error_code(), "not_found") << unknown.body;
  EXPECT_EQ(
      server.get("/api/v1/councils/cou_nosuchcouncil/recommendations", bearer(moderator)).status,
      404);
  EXPECT_EQ(server.get(path).status, 401);
}

TEST_F(CouncilsApi, TheDemoHasAWardCouncilWithTwoSessionsThisYearAndAForum) {
  auto councils = server.get("/api/v1/councils", bearer(moderator)).json()["items"];
  ASSERT_EQ(councils.size(), 1u);
  auto view =
      server.get("/api/v1/councils/" + councils[0]["id"].get<std::string>(), bearer(moderator))
          .json();
  EXPECT_EQ(view["name"], "Hội đồng trẻ em Phường 9");
  EXPECT_GE(view["members"].size(), 5u);
  EXPECT_EQ(view["warnings"].size(), 0u);
  int held = 0;
  std::string minuted;
  for (const auto& s : view["sessions"]) {
    if (!s["held_on"].is_null() &&
        s["held_on"].get<std::string>().substr(0, 4) == std::to_string(this_year()))
      ++held;
    if (s["status"] == "minuted") minuted = s["id"];
  }
  EXPECT_EQ(held, 2);
  ASSERT_FALSE(minuted.empty());
  auto session = server.get("/api/v1/council-sessions/" + minuted, bearer(moderator)).json();
  ASSERT_EQ(session["proposals"].size(), 2u);
  EXPECT_EQ(session["proposals"][0]["adopted"], true);
  EXPECT_EQ(session["proposals"][1]["adopted"], false);
  // The chair signs in with the README's code and sees the Council.
  auto chair = server.post_json("/api/v1/pupils/sign-in", {{"code", "caheo-vang-2025"}}).json();
  EXPECT_EQ(chair["pupil"]["role"], "council_member");
  EXPECT_EQ(server.get("/api/v1/councils", bearer(chair["token"])).json()["items"].size(), 1u);
  auto events = server
                    .get("/api/v1/events?unit_id=" + ward9 + "&year=" + std::to_string(this_year()),
                         bearer(moderator))
                    .json()["items"];
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["kind"], "forum");
}

}  // namespace
}  // namespace ln::test
