// Bad input on every endpoint that takes a body: malformed, wrongly typed, oversize, not UTF-8,
// deeply nested, the wrong content type. Each gets a clear 4xx in our error shape, never a
// 5xx, and nothing changes (the audit log, which records every write, does not grow).
#include <gtest/gtest.h>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

nlohmann::json wrong_type(const nlohmann::json& schema) {
  std::string type = schema.value("type", "string");
  if (type == "string") return 12345;
  if (type == "integer") return "twelve";
  if (type == "boolean") return "yes";
  if (type == "array") return "not-a-list";
  return nlohmann::json::array();
}

TEST(BadInput, EveryEndpointWithABodyRefusesBadBodies) {
  Server server(demo_options());
  std::map<std::string, std::string> tokens = {
      {"admin", login(server, "admin")},
      {"facilitator", login(server, "facilitator")},
      {"moderator", login(server, "moderator")},
      {"safeguarding_lead", login(server, "safeguarding")},
      {"official", login(server, "official")},
      {"pupil",
       server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"]}};
  auto audit_size = [&] {
    return server.get("/api/v1/audit?limit=200&after=0", bearer(tokens["admin"]))
        .json()["items"]
        .size();
  };
  auto before = audit_size();

  auto doc = server.get("/openapi.json").json();
  int checked = 0;
  for (auto& [path_template, ops] : doc["paths"].items()) {
    if (path_template.rfind("/__test/", 0) == 0) continue;
    for (auto& [method, op] : ops.items()) {
      if (!op.contains("requestBody")) continue;
      auto content = op["requestBody"]["content"];
      std::string type = content.begin().key();
      auto schema = content.begin().value()["schema"];
      std::string path = path_template;
      for (std::string param : {"{id}", "{code}", "{queue}"})
        for (auto at = path.find(param); at != std::string::npos; at = path.find(param))
          path.replace(at, param.size(), "x0");

      Headers h;
      if (op.contains("x-roles")) {
        std::string role = "admin";
        auto roles = op["x-roles"];
        if (std::find(roles.begin(), roles.end(), "admin") == roles.end()) role = roles[0];
        if (role == "council_member") role = "pupil";
        h["Authorization"] = "Bearer " + tokens.at(role);
      }
      std::string M = upper(method), where = M + " " + path_template;
      auto expect_4xx = [&](const HttpResponse& r, const std::string& what) {
        EXPECT_GE(r.status, 400) << where << " " << what << ": " << r.body;
        EXPECT_LT(r.status, 500) << where << " " << what << ": " << r.body;
        EXPECT_FALSE(r.error_code().empty()) << where << " " << what << ": " << r.body;
      };
      auto send = [&](const std::string& body, const std::string& content_type) {
        Headers with = h;
        with["Content-Type"] = content_type;
        return server.request(M, path, body, with);
      };

      expect_4xx(send("{\"a\":\"\xff\xfe\"}", type), "invalid UTF-8");
      expect_4xx(send("{}", type == "text/csv" ? "application/json" : "text/plain"),
                 "wrong content type");
      EXPECT_EQ(send("{}", "text/plain; charset=utf-8").status, 415) << where;
      std::size_t limit = op.value("x-max-body", std::size_t{64 * 1024});
      auto big = send("{\"a\":\"" + std::string(limit + 10, 'x') + "\"}", type);
      EXPECT_EQ(big.status, 413) << where;
      if (type == "application/json") {
        expect_4xx(send("{\"a\":", type), "malformed JSON");
        expect_4xx(send("[1,2,3]", type), "an array, not an object");
        expect_4xx(send(std::string(100, '[') + std::string(100, ']'), type), "deep nesting");
        expect_4xx(send("{\"surprise\":1}", type), "unknown field");
        if (schema.contains("properties")) {
          nlohmann::json wrong = nlohmann::json::object();
          for (auto& [name, prop] : schema["properties"].items()) wrong[name] = wrong_type(prop);
          if (!wrong.empty()) expect_4xx(send(wrong.dump(), type), "wrong types");
        }
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 35);
  EXPECT_EQ(audit_size(), before) << "a refused request changed something";
  EXPECT_EQ(server.get("/healthz").status, 200);
}

// Query values arrive percent-encoded: they are decoded before use, and what they decode to is
// text like any other — invalid UTF-8 (%ff), a broken escape or a NUL is a 400, never a 200.
TEST(BadInput, QueryValuesAreDecodedAndMustBeText) {
  Server server(demo_options());
  auto admin = login(server, "admin");
  for (const std::string bad : {"%ff", "%c3%28", "%zz", "%f", "a%00b"}) {
    SCOPED_TRACE(bad);
    auto r = server.get("/api/v1/units?parent_id=" + bad, bearer(admin));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_TRUE(r.error_code() == "invalid_utf8" || r.error_code() == "invalid_query") << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "query");
  }
  auto two = server.get("/api/v1/units?limit=%32", bearer(admin));
  ASSERT_EQ(two.status, 200) << two.body;
  EXPECT_EQ(two.json()["items"].size(), 2u);
}

}  // namespace
}  // namespace ln::test
