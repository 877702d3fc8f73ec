// Adults: the first admin from the command line, accounts with roles and scopes, passwords,
// sessions (Bearer and cookie with CSRF), lockout after failures, audit of it all.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

const std::string kPassword = "a-long-enough-password";

std::string first_unit(const Server& s, const std::string& admin) {
  return s.get("/api/v1/units?limit=1", bearer(admin)).json()["items"][0]["id"];
}

TEST(Accounts, FirstAdminComesFromTheCommandLine) {
  auto dir = make_temp_dir();
  TestDatabase database(dir);
  std::string db = database.url();
  auto created = run_langnghe({"admin", "create", "--db", db, "--username", "root-admin"}, {},
                              kPassword + "\n");
  EXPECT_EQ(created.exit_code, 0) << created.err;
  auto too_short =
      run_langnghe({"admin", "create", "--db", db, "--username", "other"}, {}, "short\n");
  EXPECT_NE(too_short.exit_code, 0);
  auto again = run_langnghe({"admin", "create", "--db", db, "--username", "root-admin"}, {},
                            kPassword + "\n");
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("taken"), std::string::npos) << again.err;

  Server::Options options;
  options.dir = dir;
  options.db = db;
  Server server(options);
  auto token = login(server, "root-admin", kPassword);
  auto me = server.get("/api/v1/me", bearer(token)).json();
  EXPECT_EQ(me["role"], "admin");
  EXPECT_FALSE(me["id"].get<std::string>().empty());
  auto verify = run_langnghe({"audit", "verify", "--db", db});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("intact"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Accounts, AdminCreatesAFacilitatorWhoCanSignIn) {
  Server server(demo_options());
  auto admin = login(server, "admin");
  std::string school = school_with_code(server, admin, "THCS-DDA");
  std::string unit =
      server.get("/api/v1/schools/" + school, bearer(admin)).json()["unit_id"].get<std::string>();
  // A facilitator works in a school: without one, or with one outside their units, refused.
  nlohmann::json input = {{"username", "Co.Hoa"},
                          {"display_name", "Cô Hoa"},
                          {"role", "facilitator"},
                          {"password", kPassword},
                          {"unit_ids", {unit}}};
  auto no_school = server.post_json("/api/v1/accounts", input, bearer(admin));
  EXPECT_EQ(no_school.status, 400) << no_school.body;
  EXPECT_EQ(no_school.json()["error"]["field"], "school_ids");
  input["school_ids"] = {school_with_code(server, admin, "THCS-CVL")};
  auto elsewhere = server.post_json("/api/v1/accounts", input, bearer(admin));
  EXPECT_EQ(elsewhere.status, 400) << elsewhere.body;
  EXPECT_EQ(elsewhere.json()["error"]["field"], "school_ids");
  input["school_ids"] = {school};
  auto created = server.post_json("/api/v1/accounts", input, bearer(admin));
  ASSERT_EQ(created.status, 201) << created.body;
  auto account = created.json();
  EXPECT_EQ(account["username"], "co.hoa");
  EXPECT_FALSE(account.contains("password_hash"));
  EXPECT_EQ(created.body.find("argon2"), std::string::npos);
  auto token = login(server, "co.hoa", kPassword);
  auto me = server.get("/api/v1/me", bearer(token)).json();
  EXPECT_EQ(me["role"], "facilitator");
  EXPECT_EQ(me["unit_ids"], nlohmann::json::array({unit}));
  EXPECT_EQ(me["school_ids"], nlohmann::json::array({school}));
  EXPECT_EQ(account["school_ids"], nlohmann::json::array({school}));
}

TEST(Accounts, BadAccountInputIsRefusedAndNothingIsCreated) {
  Server server(demo_options());
  auto admin = login(server, "admin");
  std::string unit = first_unit(server, admin);
  auto h = bearer(admin);
  auto base = nlohmann::json{{"username", "newone"},
                             {"display_name", "N"},
                             {"role", "moderator"},
                             {"password", kPassword},
                             {"unit_ids", {unit}}};
  auto with = [&](const std::string& key, nlohmann::json value) {
    auto body = base;
    body[key] = value;
    return server.post_json("/api/v1/accounts", body, h);
  };
  EXPECT_EQ(with("role", "pupil").status, 400);
  EXPECT_EQ(with("role", "emperor").status, 400);
  EXPECT_EQ(with("role", 7).status, 400);
  EXPECT_EQ(with("password", "short").status, 400);
  EXPECT_EQ(with("username", "a b").status, 400);
  EXPECT_EQ(with("unit_ids", {"unt_nope"}).status, 400);
  EXPECT_EQ(with("unit_ids", nlohmann::json::array()).status, 400);
  EXPECT_EQ(with("unit_ids", "not-a-list").status, 400);
  EXPECT_EQ(with("surprise", 1).status, 400);
  EXPECT_EQ(with("role", "official").status, 400);  // an official needs an authority
  EXPECT_EQ(with("username", "moderator").status, 409);
  auto missing = base;
  missing.erase("password");
  EXPECT_EQ(server.post_json("/api/v1/accounts", missing, h).status, 400);
  EXPECT_EQ(
      server
          .request("POST", "/api/v1/accounts", "{",
                   {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + admin}})
          .status,
      400);
  EXPECT_EQ(login(server, "moderator").empty(), false);
  auto list = server.get("/api/v1/accounts?limit=200", h).json();
  for (const auto& a : list["items"]) EXPECT_NE(a["username"], "newone");
}

TEST(Accounts, WrongPasswordsLockTheAccountWithRetryAfter) {
  Server server(demo_options());
  for (int i = 0; i < 5; ++i) {
    auto r = server.post_json("/api/v1/auth/login",
                              {{"username", "moderator"}, {"password", "wrong-password!"}});
    EXPECT_EQ(r.status, 401) << i;
    EXPECT_EQ(r.error_code(), "unauthorized");
  }
  auto locked = server.post_json("/api/v1/auth/login",
                                 {{"username", "moderator"}, {"password", "langnghe-demo"}});
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.error_code(), "rate_limited");
  EXPECT_GE(std::stoi(locked.header("retry-after")), 1);
  // Another account from the same address is not locked by this.
  EXPECT_NO_THROW(login(server, "moderator2"));
  // After the wait, the right password works.
  server.post_json("/__test/clock", {{"advance_seconds", 31}});
  EXPECT_NO_THROW(login(server, "moderator"));
  auto audit = server.get("/api/v1/audit?limit=200", bearer(login(server, "admin"))).json();
  int failures = 0;
  for (const auto& e : audit["items"]) failures += e["action"] == "sign_in.failed";
  EXPECT_GE(failures, 5);
}

TEST(Accounts, UnknownUsernameAndBadLoginBodies) {
  Server server(demo_options());
  EXPECT_EQ(
      server
          .post_json("/api/v1/auth/login", {{"username", "nobody"}, {"password", "whatever-it-is"}})
          .status,
      401);
  EXPECT_EQ(server.post_json("/api/v1/auth/login", {{"username", "admin"}}).status, 400);
  EXPECT_EQ(server.post_json("/api/v1/auth/login", {{"username", 1}, {"password", "x"}}).status,
            400);
  EXPECT_EQ(
      server
          .request("POST", "/api/v1/auth/login", "username=admin", {{"Content-Type", "text/plain"}})
          .status,
      415);
}

TEST(Sessions, CookieWritesNeedTheCsrfToken) {
  Server server(demo_options());
  auto r = server.post_json("/api/v1/auth/login",
                            {{"username", "admin"}, {"password", "langnghe-demo"}});
  ASSERT_EQ(r.status, 200);
  std::string token = r.json()["token"], csrf = r.json()["csrf_token"];
  Headers with_cookie = {{"Cookie", "ln_session=" + token}, {"Content-Type", "application/json"}};
  EXPECT_EQ(server.get("/api/v1/me", with_cookie).status, 200);
  auto no_csrf = server.request("POST", "/api/v1/units", R"({"kind":"province","name":"Tỉnh Mới"})",
                                with_cookie);
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(no_csrf.error_code(), "csrf_failed");
  with_cookie["X-CSRF-Token"] = csrf;
  EXPECT_EQ(
      server
          .request("POST", "/api/v1/units", R"({"kind":"province","name":"Tỉnh Mới"})", with_cookie)
          .status,
      201);
}

TEST(Sessions, LoginSetsHttpOnlyStrictCookie) {
  Server server(demo_options());
  auto r = server.post_json("/api/v1/auth/login",
                            {{"username", "admin"}, {"password", "langnghe-demo"}});
  std::istringstream lines(r.header("set-cookie"));
  std::string line, session, csrf;
  while (std::getline(lines, line)) {
    if (line.rfind("ln_session=", 0) == 0) session = line;
    if (line.rfind("ln_csrf=", 0) == 0) csrf = line;
  }
  EXPECT_NE(session.find("ln_session=" + r.json()["token"].get<std::string>()), std::string::npos)
      << session;
  EXPECT_NE(session.find("HttpOnly"), std::string::npos) << session;
  EXPECT_NE(session.find("SameSite=Strict"), std::string::npos) << session;
  EXPECT_NE(csrf.find("ln_csrf=" + r.json()["csrf_token"].get<std::string>()), std::string::npos)
      << csrf;
  EXPECT_EQ(csrf.find("HttpOnly"), std::string::npos) << csrf;
}

TEST(Sessions, LogoutListRevokeAndPasswordChange) {
  Server server(demo_options());
  auto first = login(server, "facilitator");
  auto second = login(server, "facilitator");
  auto sessions = server.get("/api/v1/me/sessions", bearer(first)).json()["items"];
  ASSERT_EQ(sessions.size(), 2u);
  std::string other_id;
  for (const auto& s : sessions)
    if (!s["current"].get<bool>()) other_id = s["id"];
  EXPECT_EQ(server.request("DELETE", "/api/v1/me/sessions/" + other_id, "", bearer(first)).status,
            204);
  EXPECT_EQ(server.get("/api/v1/me", bearer(second)).status, 401);
  EXPECT_EQ(server.request("DELETE", "/api/v1/me/sessions/ses_notmine", "", bearer(first)).status,
            404);

  auto third = login(server, "facilitator");
  auto changed = server.post_json(
      "/api/v1/me/password", {{"current_password", "langnghe-demo"}, {"new_password", kPassword}},
      bearer(first));
  EXPECT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(server.get("/api/v1/me", bearer(first)).status, 200);  // this session stays
  EXPECT_EQ(server.get("/api/v1/me", bearer(third)).status, 401);  // the others end
  EXPECT_EQ(
      server
          .post_json("/api/v1/me/password",
                     {{"current_password", "wrong"}, {"new_password", kPassword}}, bearer(first))
          .status,
      400);
  EXPECT_NO_THROW(login(server, "facilitator", kPassword));

  EXPECT_EQ(server.request("POST", "/api/v1/auth/logout", "", bearer(first)).status, 204);
  EXPECT_EQ(server.get("/api/v1/me", bearer(first)).status, 401);
  EXPECT_EQ(server.get("/api/v1/me", bearer("made-up-token")).status, 401);
  EXPECT_EQ(server.get("/api/v1/me", {{"Authorization", "Basic abc"}}).status, 401);
}

TEST(Sessions, SessionsExpire) {
  Server server(demo_options());
  auto token = login(server, "moderator");
  server.post_json("/__test/clock", {{"advance_seconds", 13 * 3600}});
  EXPECT_EQ(server.get("/api/v1/me", bearer(token)).status, 401);
}

TEST(Accounts, RoleChangeEndsSessionsAndIsAudited) {
  Server server(demo_options());
  auto admin = login(server, "admin");
  auto moderator = login(server, "moderator2");
  std::string id = server.get("/api/v1/me", bearer(moderator)).json()["id"];
  auto changed =
      server.request("PATCH", "/api/v1/accounts/" + id, R"({"role":"safeguarding_lead"})",
                     {{"Authorization", "Bearer " + admin}, {"Content-Type", "application/json"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["role"], "safeguarding_lead");
  EXPECT_EQ(server.get("/api/v1/me", bearer(moderator)).status, 401);
  EXPECT_EQ(server.get("/api/v1/me", bearer(login(server, "moderator2"))).json()["role"],
            "safeguarding_lead");
  auto audit = server.get("/api/v1/audit?limit=200", bearer(admin)).json();
  bool found = false;
  for (const auto& e : audit["items"])
    if (e["action"] == "account.role_change" && e["object_id"] == id) {
      found = true;
      EXPECT_EQ(e["details"]["to"]["role"], "safeguarding_lead");
    }
  EXPECT_TRUE(found);

  auto disabled =
      server.request("PATCH", "/api/v1/accounts/" + id, R"({"disabled":true})",
                     {{"Authorization", "Bearer " + admin}, {"Content-Type", "application/json"}});
  EXPECT_EQ(disabled.status, 200);
  EXPECT_EQ(server
                .post_json("/api/v1/auth/login",
                           {{"username", "moderator2"}, {"password", "langnghe-demo"}})
                .status,
            401);
  EXPECT_EQ(
      server
          .request("PATCH", "/api/v1/accounts/acc_nope", R"({"disabled":true})",
                   {{"Authorization", "Bearer " + admin}, {"Content-Type", "application/json"}})
          .status,
      404);
  EXPECT_EQ(server.get("/api/v1/audit/verify", bearer(admin)).json()["ok"], true);
}

}  // namespace
}  // namespace ln::test
