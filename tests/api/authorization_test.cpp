// The authorization table: every endpoint × every role (plus signed out) → allowed or not, and
// the same role in another unit sees nothing. The table must list exactly the endpoints the
// server documents in /openapi.json, so a new endpoint cannot land without a row here.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

const std::set<std::string> kAdults = {"facilitator", "moderator", "safeguarding_lead", "official",
                                       "admin"};
const std::set<std::string> kChildren = {"pupil", "council_member"};
const std::set<std::string> kEveryone = {"pupil",     "council_member",    "facilitator",
                                         "moderator", "safeguarding_lead", "official",
                                         "admin"};
const std::set<std::string> kPublic = {"public"};
// Only the operator's metrics token (--metrics-token), never a session of any role.
const std::set<std::string> kOperator = {"operator"};
const std::set<std::string> kAdmin = {"admin"};
const std::set<std::string> kClassAdults = {"facilitator", "admin"};

// "METHOD path" → the roles that may call it ("public": anyone, signed in or not).
const std::map<std::string, std::set<std::string>> kTable = {
    {"GET /healthz", kPublic},
    {"GET /readyz", kPublic},
    {"GET /metrics", kOperator},
    {"GET /openapi.json", kPublic},
    {"GET /api/v1/about", kPublic},
    {"GET /api/v1/age-bands", kAdults},
    {"POST /api/v1/auth/login", kPublic},
    {"POST /api/v1/pupils/join", kPublic},
    {"POST /api/v1/pupils/sign-in", kPublic},
    {"GET /api/v1/pupils/pseudonym-suggestions", kPublic},
    {"POST /api/v1/guardian/consent", kPublic},
    {"POST /api/v1/guardian/child", kPublic},
    {"GET /api/v1/guardian/consent-text", kPublic},
    {"POST /api/v1/guardian/withdraw", kPublic},
    {"POST /api/v1/guardian/data-requests", kPublic},
    {"POST /api/v1/guardian/data", kPublic},

    {"POST /api/v1/auth/logout", kEveryone},
    {"GET /api/v1/me", kEveryone},
    {"GET /api/v1/me/sessions", kEveryone},
    {"DELETE /api/v1/me/sessions/{id}", kEveryone},
    {"GET /api/v1/pupils/{id}/consents", kEveryone},
    {"POST /api/v1/me/password", kAdults},

    {"GET /api/v1/me/consent-text", kChildren},
    {"POST /api/v1/me/consents", kChildren},
    {"POST /api/v1/me/consents/withdraw", kChildren},
    {"GET /api/v1/me/data", kChildren},
    {"POST /api/v1/me/deletion-request", kChildren},

    {"GET /api/v1/units", kAdults},
    {"GET /api/v1/units/{id}", kAdults},
    {"GET /api/v1/schools", kAdults},
    {"GET /api/v1/schools/{id}", kAdults},
    {"GET /api/v1/authorities", kAdults},
    {"GET /api/v1/authorities/{id}", kAdults},
    {"POST /api/v1/units", kAdmin},
    {"POST /api/v1/units/import", kAdmin},
    {"PATCH /api/v1/units/{id}", kAdmin},
    {"POST /api/v1/units/{id}/merge", kAdmin},
    {"POST /api/v1/schools", kAdmin},
    {"POST /api/v1/schools/import", kAdmin},
    {"PATCH /api/v1/schools/{id}", kAdmin},
    {"POST /api/v1/authorities", kAdmin},
    {"POST /api/v1/authorities/import", kAdmin},
    {"PATCH /api/v1/authorities/{id}", kAdmin},

    {"GET /api/v1/accounts", kAdmin},
    {"POST /api/v1/accounts", kAdmin},
    {"GET /api/v1/accounts/{id}", kAdmin},
    {"PATCH /api/v1/accounts/{id}", kAdmin},

    {"GET /api/v1/classes", kClassAdults},
    {"POST /api/v1/classes", kClassAdults},
    {"GET /api/v1/classes/{id}", kClassAdults},
    {"PATCH /api/v1/classes/{id}", kClassAdults},
    {"GET /api/v1/classes/{id}/join-codes", kClassAdults},
    {"POST /api/v1/classes/{id}/join-codes", kClassAdults},
    {"POST /api/v1/classes/{id}/join-codes/rotate", kClassAdults},
    {"DELETE /api/v1/classes/{id}/join-codes/{code}", kClassAdults},
    {"GET /api/v1/classes/{id}/pupils", kClassAdults},
    {"GET /api/v1/pupils/{id}", kClassAdults},
    {"POST /api/v1/pupils/{id}/consents", kClassAdults},
    {"POST /api/v1/pupils/{id}/consents/withdraw", kClassAdults},
    {"POST /api/v1/pupils/{id}/guardian-codes", kClassAdults},
    {"POST /api/v1/pupils/{id}/sign-in-code", kClassAdults},
    {"PUT /api/v1/pupils/{id}/real-name", kClassAdults},
    {"POST /api/v1/pupils/{id}/identity/reveal", {"safeguarding_lead"}},

    {"POST /api/v1/submissions", kChildren},
    {"GET /api/v1/submissions", kChildren},
    {"GET /api/v1/submissions/{id}", kChildren},
    {"POST /api/v1/submissions/{id}/withdraw", kChildren},
    {"POST /api/v1/submissions/{id}/resend", kChildren},

    {"GET /api/v1/consultations", kEveryone},
    {"POST /api/v1/consultations", {"moderator", "admin"}},
    {"GET /api/v1/consultations/{id}", kEveryone},
    {"PATCH /api/v1/consultations/{id}", {"moderator", "admin"}},
    {"GET /api/v1/consultations/{id}/preview", {"moderator", "admin"}},
    {"POST /api/v1/consultations/{id}/publish", {"moderator", "admin"}},
    {"POST /api/v1/consultations/{id}/close", {"moderator", "admin"}},
    {"POST /api/v1/consultations/{id}/publish-results", {"moderator", "admin"}},
    {"POST /api/v1/consultations/{id}/feedback", {"moderator", "admin"}},
    {"POST /api/v1/consultations/{id}/responses", kChildren},
    {"GET /api/v1/consultations/{id}/responses/mine", kChildren},
    {"GET /api/v1/consultations/{id}/paper-batches", {"facilitator", "moderator", "admin"}},
    {"POST /api/v1/consultations/{id}/paper-batches", {"facilitator", "moderator", "admin"}},
    {"GET /api/v1/consultations/{id}/results", kAdults},
    {"GET /api/v1/consultations/{id}/results.csv", kAdults},
    {"GET /api/v1/consultations/{id}/representativeness", kAdults},
    {"GET /api/v1/consultations/{id}/quotes", kAdults},
    {"GET /api/v1/consultations/{id}/classes", kClassAdults},
    {"GET /api/v1/me/consultation-feedback", kChildren},
    {"GET /api/v1/targets", kAdults},
    {"POST /api/v1/targets", kAdmin},

    {"GET /api/v1/moderation/queues", {"moderator", "safeguarding_lead", "admin"}},
    {"GET /api/v1/moderation/measures", {"moderator", "safeguarding_lead", "admin"}},
    {"GET /api/v1/moderation/queues/{queue}/items", {"moderator", "safeguarding_lead", "admin"}},
    {"GET /api/v1/moderation/items/{id}", {"moderator", "safeguarding_lead", "admin"}},
    {"GET /api/v1/moderation/approved", {"moderator", "admin"}},
    {"POST /api/v1/moderation/items/{id}/claim", {"moderator", "safeguarding_lead", "admin"}},
    {"POST /api/v1/moderation/items/{id}/decision", {"moderator", "safeguarding_lead", "admin"}},

    {"GET /api/v1/safeguarding/cases", {"safeguarding_lead"}},
    {"GET /api/v1/safeguarding/cases/{id}", {"safeguarding_lead"}},
    {"POST /api/v1/safeguarding/cases/{id}/acknowledge", {"safeguarding_lead"}},
    {"POST /api/v1/safeguarding/cases/{id}/actions", {"safeguarding_lead"}},
    {"POST /api/v1/safeguarding/cases/{id}/reveal", {"safeguarding_lead"}},
    {"POST /api/v1/safeguarding/cases/{id}/close", {"safeguarding_lead"}},
    {"POST /api/v1/safeguarding/cases/{id}/confirm-closure", {"safeguarding_lead"}},

    {"GET /api/v1/data-requests", kAdmin},
    {"POST /api/v1/data-requests/{id}/acknowledge", kAdmin},
    {"POST /api/v1/data-requests/{id}/complete", kAdmin},
    {"POST /api/v1/data-requests/{id}/refuse", kAdmin},
    {"GET /api/v1/audit", kAdmin},
    {"GET /api/v1/audit/verify", kAdmin},

    // Recommendations and official responses.
    {"GET /api/v1/recommendations", {"moderator", "official", "admin"}},
    {"POST /api/v1/recommendations", {"moderator", "admin"}},
    {"GET /api/v1/me/compile-draft", {"moderator", "admin"}},
    {"PUT /api/v1/me/compile-draft", {"moderator", "admin"}},
    {"GET /api/v1/recommendations/{id}", {"moderator", "official", "admin"}},
    {"POST /api/v1/recommendations/{id}/forward", {"moderator", "admin"}},
    {"POST /api/v1/recommendations/{id}/acknowledge", {"official"}},
    {"POST /api/v1/recommendations/{id}/answer", {"official"}},
    {"POST /api/v1/commitments/{id}/progress", {"official"}},
    {"POST /api/v1/recommendations/{id}/feedback", {"moderator", "admin"}},
    {"POST /api/v1/recommendations/{id}/report-back", {"moderator", "admin"}},
    {"POST /api/v1/recommendations/{id}/close", {"moderator", "admin"}},
    {"GET /api/v1/recommendations/{id}/letters/forwarding", {"moderator", "official", "admin"}},
    {"GET /api/v1/recommendations/{id}/letters/reminder", {"moderator", "official", "admin"}},
    {"POST /api/v1/recommendations/{id}/reactions", kChildren},
    {"GET /api/v1/me/notifications", kEveryone},
    {"POST /api/v1/me/notifications/{id}/read", kEveryone},
    {"GET /api/v1/questions", {"moderator", "admin"}},
    {"POST /api/v1/questions/{id}/reply", {"moderator", "admin"}},
    {"GET /api/v1/public/units/{id}/tracker", kPublic},
    {"GET /api/v1/public/councils/{id}/tracker", kPublic},
    {"GET /api/v1/calendar", kAdults},
    {"PUT /api/v1/calendar", kAdmin},
    {"PUT /api/v1/authorities/{id}/contact", kAdmin},
    // Children's Councils, events and reports (issue 7).
    {"GET /api/v1/councils", kEveryone},
    {"POST /api/v1/councils", {"moderator", "admin"}},
    {"GET /api/v1/councils/{id}", kEveryone},
    {"GET /api/v1/councils/{id}/recommendations", kEveryone},
    {"PATCH /api/v1/councils/{id}", {"moderator", "admin"}},
    {"POST /api/v1/councils/{id}/members", {"moderator", "admin"}},
    {"DELETE /api/v1/councils/{id}/members/{member}", {"moderator", "admin"}},
    {"GET /api/v1/councils/{id}/candidates", {"moderator", "admin"}},
    {"GET /api/v1/councils/{id}/review", {"moderator", "admin"}},
    {"GET /api/v1/councils/{id}/sessions", kEveryone},
    {"POST /api/v1/councils/{id}/sessions", {"moderator", "admin"}},
    {"GET /api/v1/council-sessions/{id}", kEveryone},
    {"PATCH /api/v1/council-sessions/{id}", {"moderator", "admin"}},
    {"POST /api/v1/council-sessions/{id}/held", {"moderator", "admin"}},
    {"PUT /api/v1/council-sessions/{id}/attendance", {"moderator", "admin"}},
    {"POST /api/v1/council-sessions/{id}/proposals", {"moderator", "admin"}},
    {"POST /api/v1/council-sessions/{id}/minutes", {"moderator", "admin"}},
    {"GET /api/v1/events", kAdults},
    {"POST /api/v1/events", {"facilitator", "moderator", "admin"}},
    {"GET /api/v1/events/{id}", kAdults},
    {"GET /api/v1/units/{id}/reports", {"facilitator", "moderator", "admin"}},
};

// Demo usernames (or sign-in codes for children) for each role.
const std::map<std::string, std::string> kUsers = {{"facilitator", "facilitator"},
                                                   {"moderator", "moderator"},
                                                   {"safeguarding_lead", "safeguarding"},
                                                   {"official", "official"},
                                                   {"admin", "admin"}};

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

class Authorization : public ::testing::Test {
 protected:
  Authorization() : server(demo_options()) {
    // The demo has no Council yet: make the second demo pupil a Council member for this test.
    server.database().exec(
        "UPDATE pupils SET role = 'council_member' WHERE pseudonym = 'Cá Heo Vàng'");
  }

  std::string token_for(const std::string& role) {
    if (role == "pupil" || role == "council_member") {
      auto r = server.post_json("/api/v1/pupils/sign-in",
                                {{"code", role == "pupil" ? "meo-xanh-2024" : "caheo-vang-2025"}});
      return r.json()["token"];
    }
    return login(server, kUsers.at(role));
  }

  HttpResponse call(const std::string& operation, const std::string& token) {
    auto space = operation.find(' ');
    std::string method = operation.substr(0, space), path = operation.substr(space + 1);
    for (std::string param : {"{id}", "{code}", "{queue}", "{member}"})
      for (auto at = path.find(param); at != std::string::npos; at = path.find(param))
        path.replace(at, param.size(), "x0");
    Headers headers;
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    std::string body;
    if (method == "POST" || method == "PATCH" || method == "PUT") {
      bool csv = path.size() > 7 && path.substr(path.size() - 7) == "/import";
      headers["Content-Type"] = csv ? "text/csv" : "application/json";
      body = csv ? "" : "{}";
    }
    return server.request(method, path, body, headers);
  }

  Server server;
};

TEST_F(Authorization, TableCoversExactlyTheDocumentedEndpoints) {
  auto doc = server.get("/openapi.json").json();
  std::set<std::string> documented;
  for (auto& [path, ops] : doc["paths"].items()) {
    if (path.rfind("/__test/", 0) == 0) continue;
    for (auto& [method, op] : ops.items()) documented.insert(upper(method) + " " + path);
  }
  std::set<std::string> tabled;
  for (const auto& [op, roles] : kTable) tabled.insert(op);
  for (const auto& op : documented)
    EXPECT_TRUE(tabled.count(op)) << "no row in the table for " << op;
  for (const auto& op : tabled)
    EXPECT_TRUE(documented.count(op)) << "the table names an unknown endpoint " << op;
}

TEST_F(Authorization, EveryEndpointTimesEveryRole) {
  std::map<std::string, std::string> tokens;
  for (const auto& role : kEveryone) tokens[role] = token_for(role);
  // Withdrawing consent changes what the children may do afterwards, so it goes last.
  std::vector<std::pair<std::string, std::set<std::string>>> rows(kTable.begin(), kTable.end());
  std::stable_partition(rows.begin(), rows.end(), [](const auto& row) {
    return row.first != "POST /api/v1/me/consents/withdraw";
  });
  for (const auto& [operation, allowed] : rows) {
    bool is_public = allowed.count("public") > 0;
    auto signed_out = call(operation, "");
    if (allowed.count("operator")) {
      EXPECT_EQ(signed_out.status, 401) << operation;
      for (const auto& role : kEveryone)
        EXPECT_EQ(call(operation, tokens[role]).status, 401) << operation << " as " << role;
      continue;
    }
    if (is_public) {
      EXPECT_NE(signed_out.status, 401) << operation;
      EXPECT_NE(signed_out.status, 403) << operation;
    } else {
      EXPECT_EQ(signed_out.status, 401) << operation << " signed out";
      EXPECT_EQ(signed_out.error_code(), "unauthorized") << operation;
    }
    for (const auto& role : kEveryone) {
      // Signing out ends the session, so that row gets a token of its own.
      std::string token = operation == "POST /api/v1/auth/logout" ? token_for(role) : tokens[role];
      auto r = call(operation, token);
      EXPECT_LT(r.status, 500) << operation << " as " << role << ": " << r.body;
      if (is_public || allowed.count(role)) {
        EXPECT_NE(r.status, 401) << operation << " as " << role << ": " << r.body;
        EXPECT_NE(r.status, 403) << operation << " as " << role << ": " << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << operation << " as " << role << ": " << r.body;
        EXPECT_EQ(r.error_code(), "forbidden") << operation << " as " << role;
      }
    }
  }
}

TEST_F(Authorization, SameRoleInAnotherUnitSeesNothing) {
  auto admin = login(server, "admin");
  std::string ward2, class_6a, pupil_id;
  auto units = server.get("/api/v1/units?limit=200", bearer(admin)).json()["items"];
  for (const auto& u : units)
    if (u["code"] == "HCM-PN-P2") ward2 = u["id"];
  auto classes = server.get("/api/v1/classes?limit=200", bearer(admin)).json()["items"];
  for (const auto& c : classes)
    if (c["name"] == "6A") class_6a = c["id"];
  pupil_id =
      server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["pupil"]["id"];
  ASSERT_FALSE(ward2.empty());
  ASSERT_EQ(server
                .post_json("/api/v1/accounts",
                           {{"username", "fac.ward2"},
                            {"display_name", "Ward 2"},
                            {"role", "facilitator"},
                            {"password", "ward-two-password"},
                            {"unit_ids", {ward2}},
                            {"school_ids", {school_with_code(server, admin, "THCS-CVL")}}},
                           bearer(admin))
                .status,
            201);
  ASSERT_EQ(server
                .post_json("/api/v1/accounts",
                           {{"username", "lead.ward2"},
                            {"display_name", "Lead 2"},
                            {"role", "safeguarding_lead"},
                            {"password", "ward-two-password"},
                            {"unit_ids", {ward2}}},
                           bearer(admin))
                .status,
            201);
  auto other = login(server, "fac.ward2", "ward-two-password");
  auto other_lead = login(server, "lead.ward2", "ward-two-password");
  auto own = login(server, "facilitator");

  const std::vector<std::pair<std::string, std::string>> scoped = {
      {"GET", "/api/v1/classes/" + class_6a},
      {"GET", "/api/v1/classes/" + class_6a + "/join-codes"},
      {"POST", "/api/v1/classes/" + class_6a + "/join-codes"},
      {"POST", "/api/v1/classes/" + class_6a + "/join-codes/rotate"},
      {"GET", "/api/v1/classes/" + class_6a + "/pupils"},
      {"GET", "/api/v1/pupils/" + pupil_id},
      {"GET", "/api/v1/pupils/" + pupil_id + "/consents"},
      {"POST", "/api/v1/pupils/" + pupil_id + "/guardian-codes"},
  };
  for (const auto& [method, path] : scoped) {
    Headers h = {{"Content-Type", "application/json"}};
    h["Authorization"] = "Bearer " + other;
    EXPECT_EQ(server.request(method, path, method == "POST" ? "{}" : "", h).status, 404)
        << method << " " << path;
    h["Authorization"] = "Bearer " + own;
    EXPECT_LT(server.request(method, path, method == "POST" ? "{}" : "", h).status, 300)
        << method << " " << path;
  }
  auto reveal =
      server.post_json("/api/v1/pupils/" + pupil_id + "/identity/reveal",
                       {{"reason", "A reason long enough to be accepted."}, {"case_id", "sub_none"}},
                       bearer(other_lead));
  EXPECT_EQ(reveal.status, 404);

  // A pupil sees only their own consents.
  auto other_pupil =
      server.post_json("/api/v1/pupils/sign-in", {{"code", "caheo-vang-2025"}}).json()["token"];
  EXPECT_EQ(server.get("/api/v1/pupils/" + pupil_id + "/consents", bearer(other_pupil)).status,
            404);
}

}  // namespace
}  // namespace ln::test
