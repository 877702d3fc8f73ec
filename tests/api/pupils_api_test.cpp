// The pupil's path: a facilitator makes a class, a pupil joins, is blocked until both consents
// exist, then may act; withdrawal stops them and the identity goes; data rights; identity
// reveal only by a safeguarding lead; no date of birth or real name anywhere else.
#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <set>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

const std::string kBirthDate = "2013-04-17";  // a distinctive date to look for in every response
const std::string kRealName = "Nguyễn Thị Bích Ngọc";

class PupilPath : public ::testing::Test {
 protected:
  PupilPath() : server(demo_options()) {}

  // Every response body this test sees, to prove none leaks identity.
  HttpResponse keep(HttpResponse r) {
    seen += r.body + "\n";
    for (const auto& [k, v] : r.headers) seen += k + ": " + v + "\n";
    return r;
  }
  HttpResponse post(const std::string& path, const nlohmann::json& body,
                    const std::string& token = "") {
    return keep(server.post_json(path, body, token.empty() ? Headers{} : bearer(token)));
  }
  HttpResponse get(const std::string& path, const std::string& token) {
    return keep(server.get(path, bearer(token)));
  }

  std::string make_class(const std::string& facilitator) {
    auto schools = get("/api/v1/schools?limit=200", facilitator).json()["items"];
    std::string school;
    for (const auto& s : schools)
      if (s["code"] == "THCS-DDA") school = s["id"];
    auto k =
        post("/api/v1/classes",
             {{"school_id", school}, {"name", "6D"}, {"grade", 6}, {"school_year", "2026-2027"}},
             facilitator);
    EXPECT_EQ(k.status, 201) << k.body;
    class_id = k.json()["id"];
    return k.json()["join_code"]["code"];
  }

  // The admin makes a facilitator of THCS Đào Duy Anh in ward 9, who makes class 6D; returns
  // the facilitator's session and the class's join code.
  struct Classroom {
    std::string facilitator, join_code;
  };
  Classroom a_new_class() {
    auto admin = login(server, "admin");
    auto units = get("/api/v1/units?limit=200", admin).json()["items"];
    std::string ward9;
    for (const auto& u : units)
      if (u["code"] == "HCM-PN-P9") ward9 = u["id"];
    EXPECT_EQ(post("/api/v1/accounts",
                   {{"username", "thay.minh"},
                    {"display_name", "Thầy Minh"},
                    {"role", "facilitator"},
                    {"password", "thay-minh-password"},
                    {"unit_ids", {ward9}},
                    {"school_ids", {school_with_code(server, admin, "THCS-DDA")}}},
                   admin)
                  .status,
              201);
    Classroom room;
    room.facilitator = login(server, "thay.minh", "thay-minh-password");
    room.join_code = make_class(room.facilitator);
    return room;
  }

  // A child of 11–13 (born kBirthDate) who joined with the first suggested pseudonym.
  struct Child {
    std::string token, id, pseudonym, sign_in_code;
    nlohmann::json age_band, consent_text_band;  // as the join answered
  };
  Child joined(const Classroom& room) {
    auto suggestions = keep(server.get("/api/v1/pupils/pseudonym-suggestions")).json()["items"];
    EXPECT_EQ(suggestions.size(), 6u);
    Child child;
    child.pseudonym = suggestions.empty() ? "Sẻ Nâu" : suggestions[0].get<std::string>();
    auto join = post(
        "/api/v1/pupils/join",
        {{"code", room.join_code}, {"pseudonym", child.pseudonym}, {"birth_date", kBirthDate}});
    EXPECT_EQ(join.status, 201) << join.body;
    if (join.status != 201) return child;
    child.token = join.json()["token"];
    child.id = join.json()["pupil"]["id"];
    child.sign_in_code = join.json()["sign_in_code"];
    child.age_band = join.json()["pupil"]["age_band"];
    child.consent_text_band = join.json()["consent_text"]["age_band"];
    return child;
  }

  // Joined, with the child's own consent and the guardian's slip.
  Child consented(const Classroom& room) {
    Child child = joined(room);
    auto version = get("/api/v1/me/consent-text", child.token).json()["version"];
    EXPECT_EQ(post("/api/v1/me/consents", {{"text_version", version}}, child.token).status, 201);
    EXPECT_EQ(post("/api/v1/pupils/" + child.id + "/consents",
                   {{"kind", "guardian"}, {"slip_number", "PH-2026-0042"}}, room.facilitator)
                  .status,
              201);
    return child;
  }

  // The facilitator stores the child's real name (kept encrypted).
  void real_name_stored(const Classroom& room, const Child& child) {
    EXPECT_EQ(keep(server.request("PUT", "/api/v1/pupils/" + child.id + "/real-name",
                                  nlohmann::json{{"real_name", kRealName}}.dump(),
                                  {{"Authorization", "Bearer " + room.facilitator},
                                   {"Content-Type", "application/json"}}))
                  .status,
              204);
  }

  // The child writes something that suggests harm: a safeguarding case; returns its id.
  std::string a_disclosure(const Child& child) {
    auto disclosure =
        post("/api/v1/submissions",
             {{"kind", "opinion"}, {"text", "Bố em hay đánh em, em sợ về nhà lắm."}}, child.token);
    EXPECT_EQ(disclosure.status, 201) << disclosure.body;
    return disclosure.status == 201 ? disclosure.json()["id"].get<std::string>() : "";
  }

  // A consented child whose real name is stored and who wrote a disclosure: an open case.
  struct OpenCase {
    Classroom room;
    Child child;
    std::string case_id;
  };
  OpenCase a_child_with_an_open_case() {
    OpenCase open;
    open.room = a_new_class();
    open.child = consented(open.room);
    real_name_stored(open.room, open.child);
    open.case_id = a_disclosure(open.child);
    return open;
  }

  // The audit log's actions on this pupil.
  std::set<std::string> audited(const Child& child) {
    auto audit = get("/api/v1/audit?limit=200", login(server, "admin")).json()["items"];
    std::set<std::string> actions;
    for (const auto& e : audit)
      if (e["object_id"] == child.id) actions.insert(e["action"]);
    return actions;
  }

  // No response this test kept, and no log line, holds the birth date or the real name.
  void expect_no_identity_anywhere() {
    EXPECT_EQ(seen.find(kBirthDate), std::string::npos);
    EXPECT_EQ(seen.find(kRealName), std::string::npos);
    // The date in any other spelling (random ids and tokens may hold the digits 2013 by chance).
    for (const char* spelling :
         {"17/04/2013", "17-04-2013", "2013-04", "04/2013", "\"birth_date\""})
      EXPECT_EQ(seen.find(spelling), std::string::npos) << spelling;
    server.stop();
    EXPECT_EQ(server.log().find(kBirthDate), std::string::npos);
    EXPECT_EQ(server.log().find(kRealName), std::string::npos);
  }

  Server server;
  std::string seen;
  std::string class_id;
};

TEST_F(PupilPath, AChildJoinsWithASuggestedPseudonymAndSignsInAgainWithTheirCode) {
  auto room = a_new_class();
  auto child = joined(room);
  EXPECT_EQ(child.age_band, "11-13");
  EXPECT_EQ(child.consent_text_band, "11-13");
  auto me = get("/api/v1/me", child.token).json();
  EXPECT_EQ(me["role"], "pupil");
  EXPECT_EQ(me["pseudonym"], child.pseudonym);
  EXPECT_EQ(me["consent"]["complete"], false);

  auto again = post("/api/v1/pupils/sign-in", {{"code", " " + child.sign_in_code + " "}});
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(post("/api/v1/pupils/sign-in", {{"code", "meo-xanh-0000"}}).status, 401);
  expect_no_identity_anywhere();
}

// Until both consents exist the child may read but not submit; the child's own consent needs
// the current explanation's version; the facilitator sees the child in the class (no identity)
// and records the guardian's slip; then the idea waits for a moderator, seen only by its author.
TEST_F(PupilPath, AChildMaySubmitOnlyOnceTheirOwnAndTheGuardiansConsentsExist) {
  auto room = a_new_class();
  auto child = joined(room);
  const nlohmann::json idea = {{"kind", "idea"},
                               {"text", "Trường em cần thêm cây xanh ở sân chơi."}};
  auto blocked = post("/api/v1/submissions", idea, child.token);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.error_code(), "consent_required");

  auto text = get("/api/v1/me/consent-text", child.token).json();
  EXPECT_EQ(post("/api/v1/me/consents", {{"text_version", "old"}}, child.token).status, 400);
  EXPECT_EQ(post("/api/v1/me/consents", {{"text_version", text["version"]}}, child.token).status,
            201);
  EXPECT_EQ(get("/api/v1/me", child.token).json()["consent"]["child"], true);
  EXPECT_EQ(get("/api/v1/me", child.token).json()["consent"]["complete"], false);
  EXPECT_EQ(post("/api/v1/submissions", idea, child.token).error_code(), "consent_required");

  auto pupils = get("/api/v1/classes/" + class_id + "/pupils", room.facilitator).json()["items"];
  ASSERT_EQ(pupils.size(), 1u);
  EXPECT_EQ(pupils[0]["consent"]["guardian"], false);
  EXPECT_EQ(post("/api/v1/pupils/" + child.id + "/consents",
                 {{"kind", "guardian"}, {"slip_number", "PH-2026-0042"}}, room.facilitator)
                .status,
            201);
  auto consents = get("/api/v1/pupils/" + child.id + "/consents", child.token).json();
  EXPECT_EQ(consents["status"]["complete"], true);
  EXPECT_EQ(consents["items"].size(), 2u);
  EXPECT_EQ(get("/api/v1/me", child.token).json()["consent"]["complete"], true);

  auto sent = post("/api/v1/submissions", idea, child.token);
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(sent.json()["status"], "queued");
  EXPECT_FALSE(sent.json()["status_text"]["vi"].get<std::string>().empty());
  auto mine = get("/api/v1/submissions", child.token).json()["items"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["text"], idea["text"]);
  EXPECT_TRUE(audited(child).count("consent.give"));
  expect_no_identity_anywhere();
}

// The real name a facilitator stored is revealed only to a safeguarding lead, only inside a
// safeguarding case and with a real reason, and the audit log keeps the reason.
TEST_F(PupilPath, OnlyASafeguardingLeadRevealsAChildsIdentityAndOnlyWithinACase) {
  auto [room, child, case_id] = a_child_with_an_open_case();
  auto lead = login(server, "safeguarding");
  EXPECT_EQ(post("/api/v1/pupils/" + child.id + "/identity/reveal",
                 {{"reason", "x"}, {"case_id", case_id}}, lead)
                .status,
            400);
  auto no_case =
      post("/api/v1/pupils/" + child.id + "/identity/reveal",
           {{"reason", "Possible disclosure of harm in an idea; referral to 111."}}, lead);
  EXPECT_EQ(no_case.status, 400);
  EXPECT_EQ(no_case.json()["error"]["field"], "case_id");
  // Not kept: this is the one answer that holds the identity.
  auto reveal =
      server.post_json("/api/v1/pupils/" + child.id + "/identity/reveal",
                       {{"reason", "Possible disclosure of harm in an idea; referral to 111."},
                        {"case_id", case_id}},
                       bearer(lead));
  ASSERT_EQ(reveal.status, 200) << reveal.body;
  EXPECT_EQ(reveal.json()["birth_date"], kBirthDate);
  EXPECT_EQ(reveal.json()["real_name"], kRealName);
  EXPECT_EQ(post("/api/v1/pupils/" + child.id + "/identity/reveal",
                 {{"reason", "curious about this child"}, {"case_id", case_id}},
                 login(server, "moderator"))
                .status,
            403);

  auto audit = get("/api/v1/audit?limit=200", login(server, "admin")).json()["items"];
  bool revealed = false;
  for (const auto& e : audit) {
    if (e["object_id"] != child.id || e["action"] != "pupil.identity_reveal") continue;
    revealed = true;
    EXPECT_NE(e["reason"].get<std::string>().find("111"), std::string::npos);
  }
  EXPECT_TRUE(revealed);
  expect_no_identity_anywhere();
}

TEST_F(PupilPath, AChildDownloadsTheirDataWithoutTheirIdentity) {
  auto room = a_new_class();
  auto child = consented(room);
  real_name_stored(room, child);
  auto data = get("/api/v1/me/data", child.token);
  EXPECT_EQ(data.status, 200);
  EXPECT_EQ(data.json()["pupil"]["pseudonym"], child.pseudonym);
  EXPECT_EQ(data.json()["consents"].size(), 2u);
  expect_no_identity_anywhere();
}

// Withdrawal stops consent at once; the identity is purged when its day comes, but an open
// safeguarding case keeps it until a lead closes the case.
TEST_F(PupilPath, AfterWithdrawalTheIdentityGoesOnItsDayOnceNoOpenCaseNeedsIt) {
  auto [room, child, case_id] = a_child_with_an_open_case();
  const nlohmann::json idea = {{"kind", "idea"},
                               {"text", "Trường em cần thêm cây xanh ở sân chơi."}};
  auto version = get("/api/v1/me/consent-text", child.token).json()["version"];

  EXPECT_EQ(
      keep(server.request("POST", "/api/v1/me/consents/withdraw", "", bearer(child.token))).status,
      204);
  EXPECT_EQ(get("/api/v1/me", child.token).json()["consent"]["complete"], false);
  EXPECT_EQ(post("/api/v1/me/consents", {{"text_version", version}}, child.token).status, 409);
  EXPECT_EQ(post("/api/v1/submissions", idea, child.token).error_code(), "consent_required");
  EXPECT_EQ(keep(server.post_json("/__test/jobs/run", nlohmann::json::object()))
                .json()["identities_purged"],
            0);
  keep(server.post_json("/__test/clock", {{"advance_seconds", 16 * 24 * 3600}}));
  EXPECT_EQ(keep(server.post_json("/__test/jobs/run", nlohmann::json::object()))
                .json()["identities_purged"],
            0);
  auto lead = login(server, "safeguarding");
  ASSERT_EQ(
      post("/api/v1/safeguarding/cases/" + case_id + "/acknowledge", nlohmann::json::object(), lead)
          .status,
      200);
  ASSERT_EQ(post("/api/v1/safeguarding/cases/" + case_id + "/close",
                 {{"outcome", "referred"}, {"reason", "Referred to the 111 hotline team."}}, lead)
                .status,
            200);
  EXPECT_EQ(keep(server.post_json("/__test/jobs/run", nlohmann::json::object()))
                .json()["identities_purged"],
            1);
  EXPECT_EQ(
      post("/api/v1/pupils/" + child.id + "/identity/reveal",
           {{"reason", "Checking after withdrawal for a report."}, {"case_id", case_id}}, lead)
          .status,
      404);

  auto actions = audited(child);
  for (std::string a : {"consent.give", "consent.withdraw", "pupil.identity_purge"})
    EXPECT_TRUE(actions.count(a)) << a;
  expect_no_identity_anywhere();
}

// A birthday comes on the Vietnamese calendar day, not the UTC one: at half past one in the
// morning in Việt Nam (18:30 UTC the day before), a child whose eleventh birthday is today is 11.
TEST_F(PupilPath, ABirthdayComesOnTheVietnameseDayNotTheUtcOne) {
  const auto facilitator = login(server, "facilitator");
  const auto code = make_class(facilitator);
  const long long now = static_cast<long long>(std::time(nullptr));
  const long long to_1830_utc = ((18 * 3600 + 1800 - now % 86400) % 86400 + 86400) % 86400;
  ASSERT_EQ(server.post_json("/__test/clock", {{"advance_seconds", to_1830_utc}}).status, 200);
  std::time_t vietnam = static_cast<std::time_t>(now + to_1830_utc + 7 * 3600);
  std::tm day{};
  gmtime_r(&vietnam, &day);
  if (day.tm_mon == 1 && day.tm_mday == 29) GTEST_SKIP() << "no eleventh birthday on 29 February";
  char born[32];
  std::snprintf(born, sizeof born, "%04d-%02d-%02d", day.tm_year + 1900 - 11, day.tm_mon + 1,
                day.tm_mday);
  auto joined = post("/api/v1/pupils/join",
                     {{"code", code}, {"pseudonym", "Sáo Nâu"}, {"birth_date", born}});
  ASSERT_EQ(joined.status, 201) << joined.body;
  EXPECT_EQ(joined.json()["pupil"]["age_band"], "11-13") << "born " << born;
}

TEST_F(PupilPath, JoinRefusals) {
  auto facilitator = login(server, "facilitator");
  auto code = make_class(facilitator);
  auto join = [&](nlohmann::json body) { return post("/api/v1/pupils/join", body); };
  auto too_young = join({{"code", code}, {"pseudonym", "Gà Con"}, {"birth_date", "2022-01-01"}});
  EXPECT_EQ(too_young.status, 422);
  EXPECT_EQ(too_young.error_code(), "too_young");
  EXPECT_NE(too_young.json()["error"]["message"].get<std::string>().find("7"), std::string::npos);
  EXPECT_EQ(
      join({{"code", code}, {"pseudonym", "Gà Lớn"}, {"birth_date", "2000-01-01"}}).error_code(),
      "too_old");
  EXPECT_EQ(join({{"code", code}, {"pseudonym", "Gà Mai"}, {"birth_date", "2099-01-01"}}).status,
            400);
  EXPECT_EQ(join({{"code", code}, {"pseudonym", "Gà Mai"}, {"birth_date", "2014-02-30"}}).status,
            400);
  EXPECT_EQ(join({{"code", code}, {"pseudonym", "Gà Mai"}, {"birth_date", "17/04/2013"}}).status,
            400);
  EXPECT_EQ(join({{"code", code}, {"pseudonym", "Gà Mai"}, {"birth_date", 2013}}).status, 400);
  EXPECT_EQ(
      join({{"code", code}, {"pseudonym", "0912345678"}, {"birth_date", "2013-01-01"}}).status,
      400);
  EXPECT_EQ(join({{"code", code}, {"birth_date", "2013-01-01"}}).status, 400);
  EXPECT_EQ(join({{"code", "ZZZZZZ"}, {"pseudonym", "Gà Mai"}, {"birth_date", "2013-01-01"}})
                .error_code(),
            "join_code_unknown");
  EXPECT_EQ(join({{"code", code}, {"pseudonym", "Gà Mai"}, {"birth_date", "2016-01-01"}}).status,
            201);
  auto taken = join({{"code", code}, {"pseudonym", "gà mai"}, {"birth_date", "2016-01-01"}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.error_code(), "pseudonym_taken");
  // 16–17 are accepted and still protected as children.
  auto teen = join({{"code", code}, {"pseudonym", "Cú Bạc"}, {"birth_date", "2009-12-01"}});
  EXPECT_EQ(teen.status, 201);
  EXPECT_EQ(teen.json()["pupil"]["age_band"], "16-17");
  auto pupils = get("/api/v1/classes/" + class_id + "/pupils", facilitator).json()["items"];
  EXPECT_EQ(pupils.size(), 2u);
}

TEST_F(PupilPath, GuessingCodesIsSlowedDown) {
  for (int i = 0; i < 10; ++i)
    post("/api/v1/pupils/sign-in", {{"code", "meo-xanh-000" + std::to_string(i)}});
  auto locked = post("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}});
  EXPECT_EQ(locked.status, 429);
  EXPECT_FALSE(locked.header("retry-after").empty());
}

TEST(CodeGuessing, BehindATrustedProxyEachClientIsCountedAlone) {
  auto options = demo_options();
  options.args.push_back("--trusted-proxy");
  options.args.push_back("127.0.0.1");
  Server server(options);
  auto from = [](const std::string& ip) { return Headers{{"X-Real-IP", ip}}; };
  for (int i = 0; i < 10; ++i)
    server.post_json("/api/v1/pupils/sign-in", {{"code", "wrong-code-" + std::to_string(i)}},
                     from("10.0.0.1"));
  EXPECT_EQ(
      server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}, from("10.0.0.1"))
          .status,
      429);
  EXPECT_EQ(
      server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}, from("10.0.0.2"))
          .status,
      200);
}

TEST(CodeGuessing, XRealIpFromAnUntrustedPeerIsIgnored) {
  Server server(demo_options());
  for (int i = 0; i < 10; ++i)
    server.post_json("/api/v1/pupils/sign-in", {{"code", "wrong-code-" + std::to_string(i)}},
                     {{"X-Real-IP", "10.0.0." + std::to_string(i)}});
  EXPECT_EQ(server
                .post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}},
                           {{"X-Real-IP", "10.9.9.9"}})
                .status,
            429);
}

TEST_F(PupilPath, GuardianCodeConsentWithdrawAndRequests) {
  auto facilitator = login(server, "facilitator");
  auto code = make_class(facilitator);
  auto joined = post("/api/v1/pupils/join",
                     {{"code", code}, {"pseudonym", "Thỏ Hồng"}, {"birth_date", "2017-09-09"}})
                    .json();
  std::string pupil_id = joined["pupil"]["id"], token = joined["token"];
  EXPECT_EQ(joined["pupil"]["age_band"], "7-10");
  auto guardian =
      post("/api/v1/pupils/" + pupil_id + "/guardian-codes", nlohmann::json::object(), facilitator);
  ASSERT_EQ(guardian.status, 201);
  std::string gcode = guardian.json()["code"];
  EXPECT_EQ(post("/api/v1/guardian/consent", {{"code", "G-WRONG-CODE"}}).error_code(),
            "guardian_code_invalid");
  EXPECT_EQ(post("/api/v1/guardian/consent", {{"code", gcode}}).status, 201);
  EXPECT_EQ(get("/api/v1/me", token).json()["consent"]["guardian"], true);
  auto req = post("/api/v1/guardian/data-requests",
                  {{"code", gcode}, {"kind", "correction"}, {"details", "Sai lớp"}});
  EXPECT_EQ(req.status, 201);
  EXPECT_EQ(
      post("/api/v1/guardian/data-requests", {{"code", gcode}, {"kind", "everything"}}).status,
      400);
  EXPECT_EQ(keep(server.post_json("/api/v1/guardian/withdraw", {{"code", gcode}})).status, 204);
  EXPECT_EQ(get("/api/v1/me", token).json()["consent"]["guardian"], false);
}

// The guardian page first asks whom a code is for: the child's pseudonym, class and school only,
// with the text the guardian agrees to. Each code then works once for each action.
TEST_F(PupilPath, GuardianCodeNamesTheChildAndWorksOncePerAction) {
  auto facilitator = login(server, "facilitator");
  auto code = make_class(facilitator);
  auto joined = post("/api/v1/pupils/join",
                     {{"code", code}, {"pseudonym", "Cò Trắng"}, {"birth_date", "2015-03-03"}})
                    .json();
  std::string pupil_id = joined["pupil"]["id"], token = joined["token"];
  std::string gcode =
      post("/api/v1/pupils/" + pupil_id + "/guardian-codes", nlohmann::json::object(), facilitator)
          .json()["code"];

  auto child = post("/api/v1/guardian/child", {{"code", gcode}});
  ASSERT_EQ(child.status, 200) << child.body;
  auto c = child.json();
  EXPECT_EQ(c["pseudonym"], "Cò Trắng");
  EXPECT_FALSE(c["class"].get<std::string>().empty());
  EXPECT_FALSE(c["school"].get<std::string>().empty());
  // Nothing else about the child: no id, no birth date, no age band.
  for (const char* key : {"id", "pupil_id", "birth_date", "age_band", "real_name"})
    EXPECT_FALSE(c.contains(key)) << key;
  std::set<std::string> parts;
  for (const auto& part : c["consent_text"]["parts"]) {
    EXPECT_FALSE(part["vi"].get<std::string>().empty());
    parts.insert(part["key"]);
  }
  EXPECT_EQ(parts, (std::set<std::string>{"collected", "why", "how_long", "who_sees", "withdraw"}));
  // Looking does not use the code up; typed in lower case with spaces it is the same code.
  std::string typed;
  for (char ch : gcode) typed += ch == '-' ? ' ' : static_cast<char>(std::tolower(ch));
  EXPECT_EQ(post("/api/v1/guardian/child", {{"code", typed}}).status, 200);

  // Bad input is a 4xx and changes nothing.
  EXPECT_EQ(post("/api/v1/guardian/child", nlohmann::json::object()).status, 400);
  EXPECT_EQ(post("/api/v1/guardian/child", {{"code", 42}}).status, 400);
  EXPECT_EQ(post("/api/v1/guardian/child", {{"code", "G-WRONG-CODE"}}).error_code(),
            "guardian_code_invalid");

  // Consent once; the same code a second time is refused and nothing is added.
  EXPECT_EQ(post("/api/v1/guardian/consent", {{"code", gcode}}).status, 201);
  auto again = post("/api/v1/guardian/consent", {{"code", gcode}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.error_code(), "guardian_code_used");
  auto consents = get("/api/v1/pupils/" + pupil_id + "/consents", facilitator).json()["items"];
  int guardian = 0;
  for (const auto& k : consents) guardian += k["kind"] == "guardian" ? 1 : 0;
  EXPECT_EQ(guardian, 1);
  // The data copy once, too; withdrawing is still open to this code, once.
  EXPECT_EQ(post("/api/v1/guardian/data", {{"code", gcode}}).status, 200);
  EXPECT_EQ(post("/api/v1/guardian/data", {{"code", gcode}}).error_code(), "guardian_code_used");
  EXPECT_EQ(keep(server.post_json("/api/v1/guardian/withdraw", {{"code", gcode}})).status, 204);
  EXPECT_EQ(keep(server.post_json("/api/v1/guardian/withdraw", {{"code", gcode}})).status, 409);
  EXPECT_EQ(get("/api/v1/me", token).json()["consent"]["guardian"], false);
}

TEST_F(PupilPath, DeletionRequestIsTrackedAndCompleted) {
  auto joined = post("/api/v1/pupils/sign-in", {{"code", "caheo-vang-2025"}}).json();
  std::string token = joined["token"], pupil_id = joined["pupil"]["id"];
  auto req = post("/api/v1/me/deletion-request", {{"details", "Em không muốn dùng nữa"}}, token);
  ASSERT_EQ(req.status, 201);
  auto r = req.json();
  EXPECT_EQ(r["status"], "open");
  EXPECT_GT(r["due_at"].get<std::string>(), r["requested_at"].get<std::string>());
  auto admin = login(server, "admin");
  auto open = get("/api/v1/data-requests?status=open", admin).json()["items"];
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0]["kind"], "deletion");
  EXPECT_EQ(get("/api/v1/data-requests?status=maybe", admin).status, 400);
  std::string id = r["id"];
  EXPECT_EQ(post("/api/v1/data-requests/" + id + "/acknowledge", nlohmann::json::object(), admin)
                .json()["status"],
            "acknowledged");
  EXPECT_EQ(
      post("/api/v1/data-requests/" + id + "/acknowledge", nlohmann::json::object(), admin).status,
      409);
  EXPECT_EQ(
      post("/api/v1/data-requests/" + id + "/complete", {{"outcome", "Deleted as asked."}}, admin)
          .json()["status"],
      "done");
  EXPECT_EQ(get("/api/v1/me", token).status, 401);  // the pupil is gone
  EXPECT_EQ(post("/api/v1/pupils/sign-in", {{"code", "caheo-vang-2025"}}).status, 401);
  EXPECT_EQ(post("/api/v1/data-requests/drq_nope/complete", nlohmann::json::object(), admin).status,
            404);
}

TEST_F(PupilPath, SubmissionsAreOwnAndCheckedAndCanBeWithdrawn) {
  auto mine = post("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"];
  auto other = post("/api/v1/pupils/sign-in", {{"code", "caheo-vang-2025"}}).json()["token"];
  auto sent = post("/api/v1/submissions",
                   {{"kind", "recommendation"},
                    {"text", "Xin làm thêm đèn ở ngõ 12."},
                    {"topic", "an toàn giao thông"}},
                   mine);
  ASSERT_EQ(sent.status, 201);
  std::string id = sent.json()["id"];
  EXPECT_EQ(get("/api/v1/submissions/" + id, other).status, 404);
  EXPECT_TRUE(get("/api/v1/submissions", other).json()["items"].empty());
  EXPECT_EQ(post("/api/v1/submissions", {{"kind", "poem"}, {"text", "x"}}, mine).status, 400);
  EXPECT_EQ(post("/api/v1/submissions", {{"kind", "idea"}, {"text", "   "}}, mine).status, 400);
  EXPECT_EQ(post("/api/v1/submissions", {{"kind", "idea"}, {"text", std::string(2001, 'a')}}, mine)
                .status,
            400);
  EXPECT_EQ(post("/api/v1/submissions", {{"kind", "idea"}, {"text", 42}}, mine).status, 400);
  EXPECT_EQ(
      post("/api/v1/submissions", {{"kind", "idea"}, {"text", "Dòng một\nDòng hai"}}, mine).status,
      201);
  EXPECT_EQ(post("/api/v1/submissions/" + id + "/withdraw", nlohmann::json::object(), other).status,
            404);
  auto withdrawn = post("/api/v1/submissions/" + id + "/withdraw", nlohmann::json::object(), mine);
  EXPECT_EQ(withdrawn.json()["status"], "withdrawn");
  EXPECT_EQ(post("/api/v1/submissions/" + id + "/withdraw", nlohmann::json::object(), mine).status,
            409);
  EXPECT_EQ(get("/api/v1/submissions", mine).json()["items"].size(), 2u);
}

TEST_F(PupilPath, EveryIdeaIsScreenedAndAChildAtRiskSees111AtOnce) {
  auto token = post("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"];
  auto ordinary = post("/api/v1/submissions",
                       {{"kind", "idea"}, {"text", "Trường em cần thêm cây xanh ở sân."}}, token);
  ASSERT_EQ(ordinary.status, 201);
  EXPECT_EQ(ordinary.json()["status"], "queued");
  EXPECT_FALSE(ordinary.json().contains("support"));
  auto disclosure =
      post("/api/v1/submissions",
           {{"kind", "opinion"}, {"text", "Bố em hay đánh em, em sợ về nhà lắm."}}, token);
  ASSERT_EQ(disclosure.status, 201) << disclosure.body;
  auto body = disclosure.json();
  ASSERT_TRUE(body.contains("support"));
  EXPECT_EQ(body["support"]["hotline"], "111");
  EXPECT_NE(body["support"]["vi"].get<std::string>().find("111"), std::string::npos);
  // The screener's labels and spans stay with the moderators.
  EXPECT_EQ(disclosure.body.find("disclosure"), std::string::npos);
  EXPECT_EQ(disclosure.body.find("spans"), std::string::npos);
  auto later = get("/api/v1/submissions/" + body["id"].get<std::string>(), token).json();
  EXPECT_EQ(later["support"]["hotline"], "111");
  auto phone =
      post("/api/v1/submissions", {{"kind", "idea"}, {"text", "Gọi em nhé 0912 345 678"}}, token);
  EXPECT_EQ(phone.status, 201);
  EXPECT_FALSE(phone.json().contains("support"));
}

TEST_F(PupilPath, FacilitatorResetsASignInCode) {
  auto facilitator = login(server, "facilitator");
  auto pupil = post("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json();
  std::string old_token = pupil["token"], pupil_id = pupil["pupil"]["id"];
  auto reset =
      post("/api/v1/pupils/" + pupil_id + "/sign-in-code", nlohmann::json::object(), facilitator);
  ASSERT_EQ(reset.status, 201);
  std::string fresh = reset.json()["sign_in_code"];
  EXPECT_EQ(get("/api/v1/me", old_token).status, 401);
  EXPECT_EQ(post("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).status, 401);
  EXPECT_EQ(post("/api/v1/pupils/sign-in", {{"code", fresh}}).status, 200);
  // A facilitator of other units cannot touch this pupil.
  auto admin = login(server, "admin");
  auto units = get("/api/v1/units?limit=200", admin).json()["items"];
  std::string ward2;
  for (const auto& u : units)
    if (u["code"] == "HCM-PN-P2") ward2 = u["id"];
  post("/api/v1/accounts",
       {{"username", "co.xa"},
        {"display_name", "Cô Xa"},
        {"role", "facilitator"},
        {"password", "co-xa-password"},
        {"unit_ids", {ward2}},
        {"school_ids", {school_with_code(server, admin, "THCS-CVL")}}},
       admin);
  auto stranger = login(server, "co.xa", "co-xa-password");
  EXPECT_EQ(post("/api/v1/pupils/" + pupil_id + "/sign-in-code", nlohmann::json::object(), stranger)
                .status,
            404);
  EXPECT_EQ(get("/api/v1/pupils/" + pupil_id, stranger).status, 404);
  EXPECT_EQ(get("/api/v1/pupils/" + pupil_id + "/consents", stranger).status, 404);
}

// A pseudonym is compared by what it looks like (NFC, case, and the look-alike letters of
// Unicode TS #39), and a real name or other personal information is refused kindly.
TEST_F(PupilPath, LookAlikePseudonymsAreTakenAndRealNamesRefused) {
  auto facilitator = login(server, "facilitator");
  auto code = make_class(facilitator);
  auto join = [&](const std::string& pseudonym) {
    return post("/api/v1/pupils/join",
                {{"code", code}, {"pseudonym", pseudonym}, {"birth_date", "2014-03-03"}});
  };
  auto first = join("Mèo Xanh");
  ASSERT_EQ(first.status, 201) << first.body;
  for (const std::string same : {"Me\u0300o Xanh",       // a combining grave accent
                                 "M\u0435\u0300o Xanh",  // a Cyrillic е
                                 "MÈO  XANH", "mèo xanh"}) {
    SCOPED_TRACE(same);
    auto r = join(same);
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.error_code(), "pseudonym_taken");
  }
  for (const std::string real :
       {"Em tên là Nguyễn Văn An", "Nguyễn Văn An", "nguyen thi lan", "Tên em là Lan"}) {
    SCOPED_TRACE(real);
    auto r = join(real);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "pseudonym");
    EXPECT_TRUE(r.error_code() == "real_name" || r.error_code() == "personal_info") << r.body;
    EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("biệt danh"), std::string::npos);
  }
  // A decomposed spelling is a name like any other, kept as typed.
  auto decomposed = join("So\u0301c Na\u0302u");
  ASSERT_EQ(decomposed.status, 201) << decomposed.body;
  EXPECT_EQ(decomposed.json()["pupil"]["pseudonym"], "So\u0301c Na\u0302u");
  EXPECT_EQ(join("Sóc Nâu").error_code(), "pseudonym_taken");
  // Different names are still different.
  EXPECT_EQ(join("Meo Xanh").status, 201);
  EXPECT_EQ(join("Mèo Xanh Lá").status, 201);
}

}  // namespace
}  // namespace ln::test
