#include "api/http/dispatcher.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/http/route_doc.h"
#include "base/errors.h"

namespace ln::api {
namespace {
namespace fs = std::filesystem;

std::string header(const Response& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return "";
}

nlohmann::json error_of(const Response& r) {
  return nlohmann::json::parse(r.body)["error"];
}

class DispatcherTest : public ::testing::Test {
 protected:
  DispatcherTest() : files_(fs::temp_directory_path() / "no-such-web-root") {
    router_.add("GET", "/boom",
                [](Request&) -> Response { throw std::runtime_error("sqlite3 secret detail"); },
                {});
    router_.add("GET", "/missing", [](Request&) -> Response { throw NotFound("No such unit."); },
                {});
    router_.add("GET", "/invalid", [](Request&) -> Response { throw Invalid("age", "Too young."); },
                {});
    router_.add(
        "GET", "/limited",
        [](Request&) -> Response { throw TooManyRequests("Slow down.", std::chrono::seconds(30)); },
        {});
    router_.add(
        "GET", "/conflict",
        [](Request&) -> Response { throw Conflict("Already closed.", "consultation_closed"); }, {});
    router_.add(
        "POST", "/things",
        [](Request& r) {
          return Response::json(201, {{"got", r.body}});
        },
        doc("", "", std::nullopt, {{"type", "object"}}));
  }

  Response send(std::string method, std::string path, std::string body = "",
                std::map<std::string, std::string> headers = {}) {
    Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.body = std::move(body);
    r.headers = std::move(headers);
    return Dispatcher(router_, files_, metrics_, 1024).dispatch(r);
  }

  Router router_;
  StaticFiles files_;
  Metrics metrics_;
};

TEST_F(DispatcherTest, UnknownExceptionIsA500WithoutLibraryText) {
  auto r = send("GET", "/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(error_of(r)["code"], "internal");
  EXPECT_EQ(r.body.find("sqlite3"), std::string::npos);
}

TEST_F(DispatcherTest, TypedErrorsMapToTheirStatus) {
  EXPECT_EQ(send("GET", "/missing").status, 404);
  auto invalid = send("GET", "/invalid");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(error_of(invalid)["field"], "age");
  auto limited = send("GET", "/limited");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(header(limited, "Retry-After"), "30");
  auto conflict = send("GET", "/conflict");
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(error_of(conflict)["code"], "consultation_closed");
}

TEST_F(DispatcherTest, NotFoundAndMethodNotAllowedUseTheEnvelope) {
  auto nf = send("GET", "/api/v1/nothing");
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(error_of(nf)["code"], "not_found");
  auto na = send("DELETE", "/things");
  EXPECT_EQ(na.status, 405);
  EXPECT_EQ(header(na, "Allow"), "POST");
  EXPECT_EQ(error_of(na)["code"], "method_not_allowed");
}

TEST_F(DispatcherTest, BodyLimitAndContentType) {
  auto big =
      send("POST", "/things", std::string(1025, 'x'), {{"content-type", "application/json"}});
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(error_of(big)["code"], "too_large");
  auto text = send("POST", "/things", "{}", {{"content-type", "text/plain"}});
  EXPECT_EQ(text.status, 415);
  auto none = send("POST", "/things", "{}");
  EXPECT_EQ(none.status, 415);
  auto ok = send("POST", "/things", "{}", {{"content-type", "Application/JSON; charset=utf-8"}});
  EXPECT_EQ(ok.status, 201);
}

TEST_F(DispatcherTest, EveryResponseCarriesSecurityHeadersAndARequestId) {
  for (const auto& r : {send("GET", "/missing"), send("GET", "/boom"),
                        send("POST", "/things", "{}", {{"content-type", "application/json"}})}) {
    EXPECT_NE(header(r, "Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(header(r, "Referrer-Policy"), "no-referrer");
    EXPECT_EQ(header(r, "X-Request-Id").size(), 24u);
  }
}

TEST_F(DispatcherTest, RequestIdIsEchoedOnlyWhenPlain) {
  EXPECT_EQ(header(send("GET", "/missing", "", {{"x-request-id", "abc-123"}}), "X-Request-Id"),
            "abc-123");
  auto hostile =
      header(send("GET", "/missing", "", {{"x-request-id", "a\"b<script>"}}), "X-Request-Id");
  EXPECT_EQ(hostile.size(), 24u);
}

TEST(Dispatcher, TrustsXRealIpOnlyFromTrustedProxies) {
  Router router;
  router.add("GET", "/who",
             [](Request& r) {
               return Response::json(200, {{"address", r.client_address}});
             },
             {});
  StaticFiles files("/nonexistent");
  Metrics metrics;
  Dispatcher dispatcher(router, files, metrics, 1024);
  auto ask = [&](const std::string& from, const std::string& real_ip) {
    Request r;
    r.method = "GET";
    r.path = "/who";
    r.client_address = from;
    r.headers["x-real-ip"] = real_ip;
    return nlohmann::json::parse(dispatcher.dispatch(r).body)["address"].get<std::string>();
  };
  EXPECT_EQ(ask("127.0.0.1", "10.1.2.3"), "127.0.0.1");  // nobody trusted yet: ignored
  dispatcher.trust_proxies({"127.0.0.1"});
  EXPECT_EQ(ask("127.0.0.1", "10.1.2.3"), "10.1.2.3");
  EXPECT_EQ(ask("127.0.0.1", "2001:db8::7"), "2001:db8::7");
  EXPECT_EQ(ask("127.0.0.1", "evil<script>"), "127.0.0.1");
  EXPECT_EQ(ask("192.0.2.9", "10.1.2.3"), "192.0.2.9");  // not a trusted proxy
}

TEST_F(DispatcherTest, MetricsCountByRouteTemplate) {
  send("GET", "/missing");
  send("GET", "/missing");
  auto text = metrics_.render();
  EXPECT_NE(
      text.find(R"(langnghe_http_requests_total{method="GET",route="/missing",status="404"} 2)"),
      std::string::npos);
  EXPECT_NE(text.find(R"(langnghe_http_request_duration_seconds_count{route="/missing"} 2)"),
            std::string::npos);
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("ln-static-" + std::to_string(::getpid()));
    fs::create_directories(base_ / "web" / "css");
    std::ofstream(base_ / "web" / "index.html") << "<h1>home</h1>";
    std::ofstream(base_ / "web" / "css" / "app.css") << "body{}";
    std::ofstream(base_ / "secret.txt") << "secret";
    fs::create_symlink(base_ / "secret.txt", base_ / "web" / "escape.txt");
  }
  void TearDown() override { fs::remove_all(base_); }

  std::optional<Response> get(const std::string& path,
                              std::map<std::string, std::string> headers = {}) {
    Request r;
    r.method = "GET";
    r.path = path;
    r.headers = std::move(headers);
    return StaticFiles(base_ / "web").serve(r);
  }
  fs::path base_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypeAndCaching) {
  auto index = get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->body, "<h1>home</h1>");
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(header(*index, "Cache-Control"), "no-cache");
  auto css = get("/css/app.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
  auto again = get("/css/app.css", {{"if-none-match", header(*css, "ETag")}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
}

TEST_F(StaticFilesTest, RefusesEverythingOutsideTheRoot) {
  EXPECT_FALSE(get("/../secret.txt"));
  EXPECT_FALSE(get("/css/../../secret.txt"));
  EXPECT_FALSE(get("/%2e%2e/secret.txt"));
  EXPECT_FALSE(get("/escape.txt"));  // a symbolic link pointing out
  EXPECT_FALSE(get("/index.html%00.css"));
  EXPECT_FALSE(get("/nothing.html"));
}

}  // namespace
}  // namespace ln::api
