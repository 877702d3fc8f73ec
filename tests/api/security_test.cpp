// Security checks a reviewer would make by hand: cookie flags behind TLS, a new session at every
// sign-in, CSRF on cookie writes, secrets on disk readable by the owner only, no child's identity
// in any log line, and `audit verify` catching an edited or a deleted entry.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> cookies_of(const HttpResponse& r) {
  std::vector<std::string> out;
  std::istringstream lines(r.header("set-cookie"));
  for (std::string line; std::getline(lines, line);) out.push_back(line);
  return out;
}

HttpResponse login_with(const Server& server, Headers headers) {
  headers["Content-Type"] = "application/json";
  return server.request("POST", "/api/v1/auth/login",
                        R"({"username":"admin","password":"langnghe-demo"})", headers);
}

TEST(Security, CookiesAreSecureOnlyWhenATrustedProxySaysTheClientUsedTls) {
  auto options = demo_options();
  options.args.insert(options.args.end(), {"--trusted-proxy", "127.0.0.1"});
  Server behind_proxy(options);
  auto tls = cookies_of(login_with(behind_proxy, {{"X-Forwarded-Proto", "https"}}));
  ASSERT_EQ(tls.size(), 2u);
  for (const auto& c : tls) {
    EXPECT_NE(c.find("; Secure"), std::string::npos) << c;
    EXPECT_NE(c.find("SameSite=Strict"), std::string::npos) << c;
    // The session cookie is out of the page's reach; the CSRF one the page must read.
    EXPECT_EQ(c.rfind("ln_session=", 0) == 0, c.find("HttpOnly") != std::string::npos) << c;
  }
  for (const auto& c : cookies_of(login_with(behind_proxy, {{"X-Forwarded-Proto", "http"}})))
    EXPECT_EQ(c.find("Secure"), std::string::npos) << c;

  // Without a trusted proxy nobody's claim about TLS counts.
  Server direct(demo_options());
  for (const auto& c : cookies_of(login_with(direct, {{"X-Forwarded-Proto", "https"}})))
    EXPECT_EQ(c.find("Secure"), std::string::npos) << c;
}

TEST(Security, SigningInAlwaysStartsANewSessionWhateverCookieCameWithIt) {
  Server server(demo_options());
  // An attacker plants a session cookie of their choosing before the victim signs in.
  std::string planted = "attacker-chosen-session-token-000000000000";
  auto r = login_with(server, {{"Cookie", "ln_session=" + planted}});
  ASSERT_EQ(r.status, 200) << r.body;
  std::string token = r.json()["token"];
  EXPECT_NE(token, planted);
  EXPECT_EQ(server.get("/api/v1/me", {{"Cookie", "ln_session=" + planted}}).status, 401);
  // Signing in again while signed in gives another session, with its own id and token.
  auto again = login_with(server, bearer(token));
  std::string second = again.json()["token"];
  EXPECT_NE(second, token);
  auto sessions = server.get("/api/v1/me/sessions", bearer(second)).json()["items"];
  ASSERT_GE(sessions.size(), 2u);
  EXPECT_NE(sessions[0]["id"], sessions[1]["id"]);
  // Pupils too.
  auto p1 = server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}},
                             {{"Cookie", "ln_session=" + planted}});
  auto p2 = server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}});
  EXPECT_NE(p1.json()["token"], p2.json()["token"]);
  EXPECT_NE(p1.json()["token"], planted);
}

TEST(Security, CookieWritesNeedTheExactCsrfToken) {
  Server server(demo_options());
  auto r = login_with(server, {});
  std::string token = r.json()["token"], csrf = r.json()["csrf_token"];
  auto write = [&](const std::optional<std::string>& header) {
    Headers h = {{"Cookie", "ln_session=" + token}, {"Content-Type", "application/json"}};
    if (header) h["X-CSRF-Token"] = *header;
    return server.request("POST", "/api/v1/units", R"({"kind":"province","name":"Tỉnh CSRF"})", h);
  };
  std::string flipped = csrf;
  flipped.back() = flipped.back() == 'a' ? 'b' : 'a';
  for (const auto& bad : std::vector<std::optional<std::string>>{
           std::nullopt, "", flipped, csrf.substr(0, csrf.size() - 1), csrf + "x"}) {
    auto refused = write(bad);
    EXPECT_EQ(refused.status, 403) << (bad ? *bad : "(none)");
    EXPECT_EQ(refused.error_code(), "csrf_failed");
  }
  EXPECT_EQ(write(csrf).status, 201);
  // Bearer tokens are not sent by browsers on their own, so they need no CSRF token.
  EXPECT_EQ(server
                .post_json("/api/v1/units", {{"kind", "province"}, {"name", "Tỉnh Bearer"}},
                           bearer(token))
                .status,
            201);
}

TEST(Security, TheKeyFileIsReadableByItsOwnerOnly) {
  Server server(demo_options());
  struct stat st {};
  ASSERT_EQ(::stat((server.dir() / "langnghe.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The golden path of a child with a known real name and birth date, logged as verbosely as the
// server can, and neither appears in any form on any line of any log.
TEST(Security, NoChildsRealNameOrBirthDateAppearsInAnyLog) {
  for (std::string format : {"text", "json"}) {
    auto options = demo_options();
    options.args.insert(options.args.end(), {"--log-level", "trace", "--log-format", format});
    Server server(options);
    const std::string real_name = "Nguyễn Thị Bích Ngọc";
    const std::string birth = "2013-07-19";
    auto joined =
        server.post_json("/api/v1/pupils/join",
                         {{"code", "DEMO6A"}, {"pseudonym", "Chim Sẻ Nhỏ"}, {"birth_date", birth}});
    ASSERT_EQ(joined.status, 201) << joined.body;
    std::string pupil = joined.json()["token"], id = joined.json()["pupil"]["id"];
    auto facilitator = bearer(login(server, "facilitator"));
    ASSERT_EQ(server
                  .request("PUT", "/api/v1/pupils/" + id + "/real-name",
                           nlohmann::json{{"real_name", real_name}}.dump(),
                           {{"Content-Type", "application/json"},
                            {"Authorization", facilitator["Authorization"]}})
                  .status,
              204);
    auto text = server.get("/api/v1/me/consent-text", bearer(pupil)).json();
    ASSERT_EQ(
        server.post_json("/api/v1/me/consents", {{"text_version", text["version"]}}, bearer(pupil))
            .status,
        201);
    ASSERT_EQ(server
                  .post_json("/api/v1/pupils/" + id + "/consents",
                             {{"kind", "guardian"}, {"slip_number", "LOG-1"}}, facilitator)
                  .status,
              201);
    std::string cid = server.get("/api/v1/consultations", bearer(pupil)).json()["items"][0]["id"];
    EXPECT_EQ(server
                  .post_json("/api/v1/consultations/" + cid + "/responses",
                             {{"answers", {{"q_space", "park"}, {"q_safe", 4}}}}, bearer(pupil))
                  .status,
              201);
    auto sent = server.post_json("/api/v1/submissions",
                                 {{"kind", "opinion"}, {"text", "Bố em hay đánh em, em sợ lắm"}},
                                 bearer(pupil));
    ASSERT_EQ(sent.status, 201);
    // A safeguarding lead reveals the identity inside the case (audited, with a reason): still
    // not logged.
    auto lead = bearer(login(server, "safeguarding"));
    auto reveal = server.post_json("/api/v1/pupils/" + id + "/identity/reveal",
                                   {{"reason", "Kiểm tra nhật ký"}, {"case_id", sent.json()["id"]}},
                                   lead);
    EXPECT_EQ(reveal.status, 200) << reveal.body;
    EXPECT_NE(reveal.body.find("Bích Ngọc"), std::string::npos) << "the reveal really happened";
    // Bad input that echoes nothing either: a wrong birth date.
    server.post_json("/api/v1/pupils/join",
                     {{"code", "DEMO6A"}, {"pseudonym", "Sai Ngày"}, {"birth_date", "2013-02-30"}});
    EXPECT_EQ(server.stop(), 0);

    std::string logs;
    for (const auto& entry : fs::directory_iterator(server.dir()))
      if (entry.path().filename().string().rfind("server.", 0) == 0)  // server.out, server.err
        logs += read_all(entry.path());
    ASSERT_GT(logs.size(), 500u) << "the server logged the requests";
    for (const std::string& needle :
         {real_name, std::string("Bích Ngọc"), std::string("Nguyễn Thị"), birth,
          std::string("19/07/2013"), std::string("20130719"), std::string("2013-02-30")})
      EXPECT_EQ(logs.find(needle), std::string::npos) << format << " log contains " << needle;
  }
}

// Someone with write access to the database edits an entry, or deletes one (both need the
// append-only triggers dropped first); `langnghe audit verify` says where the chain breaks.
TEST(Security, AuditVerifyFindsAnEditedAndADeletedEntry) {
  for (std::string tamper : {"edit", "delete"}) {
    Server server(demo_options());
    auto admin = bearer(login(server, "admin"));
    for (int i = 0; i < 5; ++i)
      ASSERT_EQ(server
                    .post_json("/api/v1/units",
                               {{"kind", "province"}, {"name", "Tỉnh " + std::to_string(i)}}, admin)
                    .status,
                201);
    EXPECT_EQ(server.stop(), 0);
    const TestDatabase& db = server.database();
    auto ok = run_langnghe({"audit", "verify", "--db", db.url()});
    ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err;
    std::int64_t entries = db.query_int("SELECT COUNT(*) FROM audit_log");
    ASSERT_GE(entries, 5);
    std::int64_t victim = entries / 2;
    bool sqlite = db.backend() == "sqlite";
    if (tamper == "edit") {
      db.exec(sqlite ? "DROP TRIGGER audit_log_no_update"
                     : "DROP TRIGGER audit_log_no_update ON audit_log");
      db.exec("UPDATE audit_log SET object_id = 'forged' WHERE seq = " + std::to_string(victim));
    } else {
      db.exec(sqlite ? "DROP TRIGGER audit_log_no_delete"
                     : "DROP TRIGGER audit_log_no_delete ON audit_log");
      db.exec("DELETE FROM audit_log WHERE seq = " + std::to_string(victim));
    }
    auto broken = run_langnghe({"audit", "verify", "--db", db.url()});
    EXPECT_EQ(broken.exit_code, 1) << tamper << ": " << broken.out;
    std::string where = tamper == "edit" ? std::to_string(victim) : std::to_string(victim + 1);
    EXPECT_NE(broken.out.find("BROKEN at entry " + where), std::string::npos)
        << tamper << ": " << broken.out;
  }
}

TEST(Cookies, NoSetCookieHasAnEmptyAttribute) {
  Server server(demo_options());
  for (const auto& r : {server.post_json("/api/v1/auth/login",
                                         {{"username", "admin"}, {"password", "langnghe-demo"}}),
                        server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}})}) {
    std::istringstream lines(r.header("set-cookie"));
    std::string line;
    int cookies = 0;
    while (std::getline(lines, line)) {
      ++cookies;
      std::istringstream parts(line);
      std::string part;
      while (std::getline(parts, part, ';')) {
        part.erase(0, part.find_first_not_of(' '));
        EXPECT_FALSE(part.empty()) << line;
      }
      EXPECT_NE(line.find("Path=/"), std::string::npos) << line;
      EXPECT_NE(line.find("Max-Age="), std::string::npos) << line;
      EXPECT_NE(line.find("SameSite=Strict"), std::string::npos) << line;
    }
    EXPECT_EQ(cookies, 2) << r.header("set-cookie");
  }
}

}  // namespace
}  // namespace ln::test
