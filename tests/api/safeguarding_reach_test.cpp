// Who can reach a child and what a child told: nothing routed to safeguarding leaves the leads'
// view except by a lead's decision (a child's withdrawal is a request the leads see, and the child
// is told honestly who still reads it); an adult who issues a child's sign-in code is recorded in
// everything done with it, the child's sessions end and the leads hear of it when a case is open;
// a facilitator reaches only the classes of their own school; identity is revealed only inside a
// case and every reveal is shown to the unit's other leads.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <vector>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

const std::string kDisclosure = "Bố em hay đánh em, em sợ về nhà lắm.";

class SafeguardingReach : public ::testing::Test {
 protected:
  SafeguardingReach() : server(demo_options()) {
    auto signed_in = server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}});
    pupil = signed_in.json()["token"];
    pupil_id = signed_in.json()["pupil"]["id"];
    lead = login(server, "safeguarding");
    lead2 = login(server, "safeguarding2");
    admin = login(server, "admin");
  }

  std::string send(const std::string& token, const std::string& text) {
    auto sent = server.post_json("/api/v1/submissions", {{"kind", "opinion"}, {"text", text}},
                                 bearer(token));
    EXPECT_EQ(sent.status, 201) << sent.body;
    return sent.json()["id"];
  }
  HttpResponse act(const std::string& path, const std::string& token,
                   const nlohmann::json& body = nlohmann::json::object()) {
    return server.post_json(path, body, bearer(token));
  }
  // The ids of the open cases a lead lists, and the whole case by id.
  std::map<std::string, nlohmann::json> cases_of(const std::string& token) {
    std::map<std::string, nlohmann::json> out;
    const auto listed = server.get("/api/v1/safeguarding/cases", bearer(token)).json();
    for (const auto& c : listed["items"]) out[c["id"].get<std::string>()] = c;
    return out;
  }
  // This account's notifications of `kind` about `object_id`.
  std::vector<nlohmann::json> told(const std::string& token, const std::string& kind,
                                   const std::string& object_id) {
    std::vector<nlohmann::json> out;
    auto items =
        server.get("/api/v1/me/notifications?limit=200", bearer(token)).json()["items"];
    for (const auto& n : items)
      if (n["kind"] == kind && n["object_id"] == object_id) out.push_back(n);
    return out;
  }
  std::vector<nlohmann::json> audit() {
    std::vector<nlohmann::json> all;
    std::string path = "/api/v1/audit?limit=200";
    for (int pages = 0; pages < 100; ++pages) {
      auto page = server.get(path, bearer(admin)).json();
      for (const auto& e : page["items"]) all.push_back(e);
      if (page["next"].is_null()) break;
      path = "/api/v1/audit?limit=200&after=" + page["next"].get<std::string>();
    }
    return all;
  }

  Server server;
  std::string pupil, pupil_id, lead, lead2, admin;
};

TEST_F(SafeguardingReach, AChildsWithdrawalStaysWithTheLeadsAsARequestAndTheChildIsToldSo) {
  std::string id = send(pupil, kDisclosure);
  auto taken_back = act("/api/v1/submissions/" + id + "/withdraw", pupil);
  ASSERT_EQ(taken_back.status, 200) << taken_back.body;
  auto mine = taken_back.json();
  // The child is told the truth, in one voice: no one else reads it, the safeguarding adult can.
  EXPECT_EQ(mine["status"], "withdrawal_requested");
  EXPECT_EQ(mine["may_withdraw"], false);
  const std::string said = mine["status_text"]["vi"];
  EXPECT_NE(said.find("Không ai khác sẽ đọc"), std::string::npos) << said;
  EXPECT_NE(said.find("người lớn phụ trách bảo vệ trẻ em vẫn có thể đọc"), std::string::npos) << said;
  EXPECT_NE(mine["status_text"]["en"].get<std::string>().find("still can"), std::string::npos);
  const std::string help = mine["support"]["vi"];
  EXPECT_EQ(help.find("sẽ đọc điều em viết"), std::string::npos) << help;
  EXPECT_NE(help.find("vẫn có thể đọc"), std::string::npos) << help;
  EXPECT_EQ(mine["support"]["hotline"], "111");
  // Asking again changes nothing.
  EXPECT_EQ(act("/api/v1/submissions/" + id + "/withdraw", pupil).json()["status"],
            "withdrawal_requested");

  // The case is still with both leads, in the case list and the queue, marked as a request.
  for (const auto& token : {lead, lead2}) {
    auto cases = cases_of(token);
    ASSERT_TRUE(cases.count(id)) << "the case left the leads' view";
    EXPECT_EQ(cases[id]["withdrawal_request"]["by"], "pupil");
    EXPECT_FALSE(cases[id]["withdrawal_request"]["at"].is_null());
    auto queue =
        server.get("/api/v1/moderation/queues/safeguarding/items", bearer(token)).json()["items"];
    bool queued = false;
    for (const auto& item : queue) queued = queued || item["id"] == id;
    EXPECT_TRUE(queued);
    EXPECT_EQ(told(token, "withdrawal_requested", id).size(), 1u);
  }
  // No one else reads it.
  EXPECT_EQ(server.get("/api/v1/moderation/items/" + id, bearer(login(server, "moderator"))).status,
            404);
  EXPECT_EQ(server.get("/api/v1/moderation/items/" + id, bearer(admin)).status, 404);

  // After a lead acknowledged it, a request still leaves it with the leads.
  std::string second = send(pupil, "Chú hàng xóm hay sờ vào người em, em sợ lắm.");
  ASSERT_EQ(act("/api/v1/safeguarding/cases/" + second + "/acknowledge", lead).status, 200);
  auto later = act("/api/v1/submissions/" + second + "/withdraw", pupil);
  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_EQ(later.json()["status"], "withdrawal_requested");
  EXPECT_TRUE(cases_of(lead2).count(second));

  // Only a lead's decision ends it: a no-concern closure waits in the queue for the second lead,
  // and the case leaves the list only once they confirm.
  ASSERT_EQ(act("/api/v1/safeguarding/cases/" + id + "/acknowledge", lead).status, 200);
  auto proposed = act("/api/v1/safeguarding/cases/" + id + "/close", lead,
                      {{"outcome", "no_concern"}, {"reason", "Talked with the child and school."}});
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  auto waiting = cases_of(lead2);
  ASSERT_TRUE(waiting.count(id)) << "a closure waiting for a second lead left the queue";
  EXPECT_EQ(waiting[id]["status"], "closure_pending");
  ASSERT_EQ(act("/api/v1/safeguarding/cases/" + id + "/confirm-closure", lead2).status, 200);
  EXPECT_FALSE(cases_of(lead).count(id));
  // Closed by the leads: nothing left to take back.
  EXPECT_EQ(act("/api/v1/submissions/" + id + "/withdraw", pupil).status, 409);

  // An ordinary idea is still simply taken back.
  std::string idea = send(pupil, "Em muốn có thêm sân bóng rổ ở trường");
  auto plain = act("/api/v1/submissions/" + idea + "/withdraw", pupil);
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_EQ(plain.json()["status"], "withdrawn");
  EXPECT_FALSE(plain.json().contains("support"));
}

TEST_F(SafeguardingReach, AnAdultIssuedCodeIsRecordedEndsTheSessionsAndTellsTheLeads) {
  std::string id = send(pupil, kDisclosure);
  auto facilitator = login(server, "facilitator");
  std::string facilitator_id = server.get("/api/v1/me", bearer(facilitator)).json()["id"];
  auto other_device =
      server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"];

  auto issued = act("/api/v1/pupils/" + pupil_id + "/sign-in-code", facilitator);
  ASSERT_EQ(issued.status, 201) << issued.body;
  // Every session of the child ends.
  EXPECT_EQ(server.get("/api/v1/me", bearer(pupil)).status, 401);
  EXPECT_EQ(server.get("/api/v1/me", bearer(other_device)).status, 401);
  // The child has an open case: both leads are told, naming the adult.
  for (const auto& token : {lead, lead2}) {
    auto notes = told(token, "sign_in_code_issued", id);
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_NE(notes[0]["message"].get<std::string>().find(facilitator_id), std::string::npos);
  }

  // Whoever signs in with that code acts under the adult's name.
  auto as_child =
      server.post_json("/api/v1/pupils/sign-in", {{"code", issued.json()["sign_in_code"]}});
  ASSERT_EQ(as_child.status, 200) << as_child.body;
  std::string token = as_child.json()["token"];
  auto taken_back = act("/api/v1/submissions/" + id + "/withdraw", token);
  ASSERT_EQ(taken_back.status, 200) << taken_back.body;
  // The case stays, and the leads see that the request came from the adult's code.
  auto cases = cases_of(lead);
  ASSERT_TRUE(cases.count(id));
  EXPECT_EQ(cases[id]["withdrawal_request"]["code_issued_by"], facilitator_id);

  std::set<std::string> named;
  for (const auto& e : audit()) {
    if (e["actor_kind"] != "pupil" || e["actor_id"] != pupil_id) continue;
    const auto& d = e["details"];
    if (d.is_object() && d.contains("code_issued_by")) {
      EXPECT_EQ(d["code_issued_by"]["id"], facilitator_id);
      named.insert(e["action"]);
    }
  }
  EXPECT_TRUE(named.count("sign_in")) << "the sign-in with the adult's code names the adult";
  EXPECT_TRUE(named.count("submission.withdrawal_request"));
  bool reset_audited = false;
  for (const auto& e : audit()) {
    if (e["action"] != "pupil.sign_in_code_reset" || e["object_id"] != pupil_id) continue;
    reset_audited = true;
    EXPECT_EQ(e["actor_id"], facilitator_id);
    EXPECT_EQ(e["details"]["open_safeguarding_cases"], 1);
  }
  EXPECT_TRUE(reset_audited);
}

TEST_F(SafeguardingReach, AFacilitatorReachesOnlyTheClassesOfTheirOwnSchool) {
  auto facilitator = login(server, "facilitator");
  std::string dda = school_with_code(server, admin, "THCS-DDA");
  auto me = server.get("/api/v1/me", bearer(facilitator)).json();
  EXPECT_EQ(me["school_ids"], nlohmann::json::array({dda}));

  // Class 4C of Tiểu học Cổ Loa (another school, in Phường 15) and a child in it.
  std::string class_4c, ward15;
  const auto classes = server.get("/api/v1/classes?limit=200", bearer(admin)).json();
  for (const auto& c : classes["items"])
    if (c["name"] == "4C") class_4c = c["id"];
  const auto units = server.get("/api/v1/units?limit=200", bearer(admin)).json();
  for (const auto& u : units["items"])
    if (u["code"] == "HCM-PN-P15") ward15 = u["id"];
  ASSERT_FALSE(class_4c.empty());
  auto code = act("/api/v1/classes/" + class_4c + "/join-codes", admin);
  ASSERT_EQ(code.status, 201) << code.body;
  auto joined = server.post_json(
      "/api/v1/pupils/join",
      {{"code", code.json()["code"]}, {"pseudonym", "Chim Khuyên"}, {"birth_date", "2016-03-03"}});
  ASSERT_EQ(joined.status, 201) << joined.body;
  std::string other_child = joined.json()["pupil"]["id"];

  // The class list holds only the facilitator's own school.
  auto listed = server.get("/api/v1/classes?limit=200", bearer(facilitator)).json()["items"];
  ASSERT_FALSE(listed.empty());
  for (const auto& c : listed) EXPECT_EQ(c["school_id"], dda) << c["name"];

  const std::vector<std::pair<std::string, std::string>> elsewhere = {
      {"GET", "/api/v1/classes/" + class_4c},
      {"GET", "/api/v1/classes/" + class_4c + "/join-codes"},
      {"POST", "/api/v1/classes/" + class_4c + "/join-codes"},
      {"GET", "/api/v1/classes/" + class_4c + "/pupils"},
      {"GET", "/api/v1/pupils/" + other_child},
      {"GET", "/api/v1/pupils/" + other_child + "/consents"},
      {"POST", "/api/v1/pupils/" + other_child + "/guardian-codes"},
      {"POST", "/api/v1/pupils/" + other_child + "/sign-in-code"},
      {"GET", "/api/v1/units/" + ward15 + "/reports?period=2026"},
  };
  for (const auto& [method, path] : elsewhere) {
    Headers h = bearer(facilitator);
    h["Content-Type"] = "application/json";
    EXPECT_EQ(server.request(method, path, method == "POST" ? "{}" : "", h).status, 404)
        << method << " " << path;
  }
  EXPECT_EQ(act("/api/v1/pupils/" + other_child + "/consents", facilitator,
                {{"kind", "guardian"}, {"slip_number", "HD-4C"}})
                .status,
            404);
  EXPECT_EQ(act("/api/v1/classes", facilitator,
                {{"school_id", school_with_code(server, admin, "TH-CL")},
                 {"name", "4D"},
                 {"grade", 4},
                 {"school_year", "2026-2027"}})
                .status,
            400);
  // Paper questionnaires only for the units of their school.
  std::string consultation =
      server.get("/api/v1/consultations?limit=10", bearer(facilitator)).json()["items"][0]["id"];
  auto paper = act("/api/v1/consultations/" + consultation + "/paper-batches", facilitator,
                   {{"reference", "P15-01"},
                    {"unit_id", ward15},
                    {"sheets",
                     {{{"age_band", "11-13"}, {"gender", "girl"}, {"answers", {{"q_space", "park"}}}}}}});
  EXPECT_EQ(paper.status, 400) << paper.body;
  EXPECT_EQ(paper.json()["error"]["field"], "unit_id");
  // Their own school's child is still theirs.
  EXPECT_EQ(server.get("/api/v1/pupils/" + pupil_id, bearer(facilitator)).status, 200);
}

TEST_F(SafeguardingReach, IdentityIsRevealedOnlyInsideACaseAndTheOtherLeadsSeeIt) {
  // A child with no case: no reveal at all, whatever the reason.
  auto no_case = act("/api/v1/pupils/" + pupil_id + "/identity/reveal", lead,
                     {{"reason", "Only curious about who this child is."}});
  EXPECT_EQ(no_case.status, 400);
  EXPECT_EQ(no_case.json()["error"]["field"], "case_id");
  std::string idea = send(pupil, "Em muốn có thêm sân bóng rổ ở trường");
  EXPECT_EQ(act("/api/v1/pupils/" + pupil_id + "/identity/reveal", lead,
                {{"reason", "Only curious about who this child is."}, {"case_id", idea}})
                .status,
            404);

  // Another child's case does not open this child's identity.
  auto other = server.post_json("/api/v1/pupils/sign-in", {{"code", "caheo-vang-2025"}}).json();
  std::string others_case = send(other["token"], kDisclosure);
  EXPECT_EQ(act("/api/v1/pupils/" + pupil_id + "/identity/reveal", lead,
                {{"reason", "Checking the wrong child on purpose."}, {"case_id", others_case}})
                .status,
            404);

  // Inside the child's own case: revealed, on the case, and the other lead is told.
  std::string id = send(pupil, kDisclosure);
  auto reveal = act("/api/v1/pupils/" + pupil_id + "/identity/reveal", lead,
                    {{"reason", "Referral to 111 needs the child's school class."}, {"case_id", id}});
  ASSERT_EQ(reveal.status, 200) << reveal.body;
  EXPECT_FALSE(reveal.json()["birth_date"].get<std::string>().empty());
  EXPECT_EQ(reveal.json()["case_id"], id);
  auto c = server.get("/api/v1/safeguarding/cases/" + id, bearer(lead2)).json();
  ASSERT_EQ(c["case"]["reveals"].size(), 1u);
  EXPECT_NE(c["case"]["reveals"][0]["reason"].get<std::string>().find("111"), std::string::npos);
  EXPECT_EQ(told(lead2, "identity_revealed", id).size(), 1u);
  EXPECT_TRUE(told(lead, "identity_revealed", id).empty());  // not the lead who looked
  bool audited = false;
  for (const auto& e : audit())
    audited = audited || (e["action"] == "pupil.identity_reveal" && e["object_id"] == pupil_id &&
                          e["details"]["case_id"] == id);
  EXPECT_TRUE(audited);
}

TEST_F(SafeguardingReach, WithdrawnConsentOrDeletedDataLeavesAnOpenCaseAndItsIdentityWithTheLeads) {
  std::string id = send(pupil, kDisclosure);
  ASSERT_EQ(act("/api/v1/me/consents/withdraw", pupil).status, 204);
  for (const auto& token : {lead, lead2})
    EXPECT_EQ(told(token, "consent_withdrawn", id).size(), 1u);
  // Past the purge day, the case and the identity are still there for the leads.
  server.post_json("/__test/clock", {{"advance_seconds", 40 * 24 * 3600}});
  EXPECT_EQ(server.post_json("/__test/jobs/run", nlohmann::json::object())
                .json()["identities_purged"],
            0);
  lead = login(server, "safeguarding");
  ASSERT_TRUE(cases_of(lead).count(id));
  ASSERT_EQ(act("/api/v1/safeguarding/cases/" + id + "/reveal", lead,
                {{"reason", "Referral after the family withdrew consent."}})
                .status,
            200);

  // A deletion request completed by the admin: the same.
  auto other = server.post_json("/api/v1/pupils/sign-in", {{"code", "caheo-vang-2025"}}).json();
  std::string second = send(other["token"], kDisclosure);
  auto asked = act("/api/v1/me/deletion-request", other["token"]);
  ASSERT_EQ(asked.status, 201) << asked.body;
  admin = login(server, "admin");
  auto done = act(
      "/api/v1/data-requests/" + asked.json()["id"].get<std::string>() + "/complete", admin);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(told(lead, "pupil_deleted", second).size(), 1u);
  ASSERT_TRUE(cases_of(lead).count(second));
  EXPECT_EQ(act("/api/v1/safeguarding/cases/" + second + "/reveal", lead,
                {{"reason", "Referral after the data was deleted."}})
                .status,
            200);

  // Once a lead closes the case, the identity goes with the next purge.
  ASSERT_EQ(act("/api/v1/safeguarding/cases/" + id + "/acknowledge", lead).status, 200);
  ASSERT_EQ(act("/api/v1/safeguarding/cases/" + id + "/close", lead,
                {{"outcome", "referred"}, {"reason", "Referred to the 111 hotline team."}})
                .status,
            200);
  EXPECT_EQ(server.post_json("/__test/jobs/run", nlohmann::json::object())
                .json()["identities_purged"],
            1);
}

}  // namespace
}  // namespace ln::test
