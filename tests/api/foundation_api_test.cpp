// The foundation through the real binary: health, errors, limits, headers, static files,
// metrics, OpenAPI, migrations, graceful shutdown and the command line.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "tests/api/harness.h"

namespace ln::test {
namespace {
namespace fs = std::filesystem;

const Headers kJson = {{"Content-Type", "application/json"}};

Server::Options with_test_hooks() {
  Server::Options options;
  options.env["LANGNGHE_TEST_HOOKS"] = "1";
  return options;
}

void expect_error(const HttpResponse& r, long status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.error_code(), code) << r.body;
  EXPECT_NE(r.header("content-type").find("application/json"), std::string::npos);
  auto body = r.json();
  EXPECT_TRUE(body["error"]["message"].is_string());
}

TEST(Health, HealthzAndReadyzAnswer) {
  Server server;
  auto health = server.get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json()["status"], "ok");
  auto ready = server.get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.json()["database"], server.database().backend());
}

TEST(Health, ServeCreatesAndMigratesTheDatabase) {
  Server server;
  if (server.database().backend() == "sqlite") {
    EXPECT_TRUE(fs::exists(server.database().file()));
  }
  EXPECT_GE(server.database().query_int("SELECT COUNT(*) FROM schema_migrations"), 3);
}

TEST(Errors, UnknownPathIs404WithEnvelope) {
  Server server;
  expect_error(server.get("/api/v1/no-such-thing"), 404, "not_found");
  expect_error(server.get("/no-such-page.html"), 404, "not_found");
}

TEST(Errors, WrongMethodIs405WithAllow) {
  Server server;
  auto r = server.request("DELETE", "/healthz");
  expect_error(r, 405, "method_not_allowed");
  EXPECT_EQ(r.header("allow"), "GET");
}

TEST(Errors, BodyOverMaxBodyIs413) {
  Server server(with_test_hooks());
  std::string big = "{\"a\":\"" + std::string(70 * 1024, 'x') + "\"}";
  expect_error(server.request("POST", "/__test/echo", big, kJson), 413, "too_large");
  // One megabyte is refused the same way, and the server keeps serving.
  std::string huge = "{\"a\":\"" + std::string(1024 * 1024, 'x') + "\"}";
  expect_error(server.request("POST", "/__test/echo", huge, kJson), 413, "too_large");
  EXPECT_EQ(server.get("/healthz").status, 200);
}

TEST(Errors, MaxBodyIsConfigurable) {
  auto options = with_test_hooks();
  options.args = {"--max-body", "2KiB"};
  Server server(options);
  std::string body = "{\"a\":\"" + std::string(3000, 'x') + "\"}";
  expect_error(server.request("POST", "/__test/echo", body, kJson), 413, "too_large");
  EXPECT_EQ(server.request("POST", "/__test/echo", R"({"a":"small"})", kJson).status, 200);
}

TEST(Errors, WriteWithoutJsonIs415) {
  Server server(with_test_hooks());
  expect_error(
      server.request("POST", "/__test/echo", R"({"a":1})", {{"Content-Type", "text/plain"}}), 415,
      "unsupported_media_type");
  expect_error(server.request("POST", "/__test/echo", "a=1",
                              {{"Content-Type", "application/x-www-form-urlencoded"}}),
               415, "unsupported_media_type");
}

TEST(Errors, MalformedJsonIs400) {
  Server server(with_test_hooks());
  for (std::string bad : {"{", "{\"a\":}", "nul", "{\"a\":1,}", "", "[1]"}) {
    auto r = server.request("POST", "/__test/echo", bad, kJson);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_FALSE(r.error_code().empty()) << bad;
  }
  expect_error(server.request("POST", "/__test/echo", "{\"a\":", kJson), 400, "malformed_json");
}

TEST(Errors, InvalidUtf8Is400) {
  Server server(with_test_hooks());
  expect_error(server.request("POST", "/__test/echo", "{\"a\":\"\xc3\x28\"}", kJson), 400,
               "invalid_utf8");
  expect_error(server.request("POST", "/__test/echo", "{\"a\":\"\xed\xa0\x80\"}", kJson), 400,
               "invalid_utf8");
  auto ok = server.request("POST", "/__test/echo", R"({"a":"Lắng nghe 🙂"})", kJson);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.json()["echo"]["a"], "Lắng nghe 🙂");
}

TEST(Errors, BadQueryValueIs400NotA500) {
  Server server(with_test_hooks());
  expect_error(server.get("/__test/sleep?ms=abc"), 400, "invalid");
  expect_error(server.get("/__test/sleep?ms=99999999999999999999"), 400, "invalid");
}

TEST(Headers, RequestIdIsEchoedOrGenerated) {
  Server server;
  EXPECT_EQ(server.get("/healthz", {{"X-Request-Id", "trace-42"}}).header("x-request-id"),
            "trace-42");
  auto a = server.get("/healthz").header("x-request-id");
  auto b = server.get("/healthz").header("x-request-id");
  EXPECT_FALSE(a.empty());
  EXPECT_NE(a, b);
}

TEST(Headers, RequestIdAppearsInTheAccessLog) {
  Server server;
  server.get("/readyz", {{"X-Request-Id", "look-for-me-7"}});
  server.stop();
  auto log = server.log();
  auto line_start = log.rfind('\n', log.find("look-for-me-7"));
  auto line = log.substr(line_start + 1, log.find('\n', line_start + 1) - line_start - 1);
  EXPECT_NE(line.find("GET /readyz 200"), std::string::npos) << line;
}

TEST(Headers, SecurityHeadersOnApiAndStaticResponses) {
  Server server;
  for (const auto& r : {server.get("/healthz"), server.get("/"), server.get("/api/v1/nothing")}) {
    EXPECT_NE(r.header("content-security-policy").find("default-src 'self'"), std::string::npos);
    EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.header("referrer-policy"), "no-referrer");
  }
}

TEST(StaticFiles, ServesTheWebRoot) {
  Server server;
  auto index = server.get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("111"), std::string::npos);  // the hotline on every page
  auto css = server.get("/app.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  EXPECT_NE(css.header("cache-control").find("max-age"), std::string::npos);
  EXPECT_EQ(server.get("/app.css", {{"If-None-Match", css.header("etag")}}).status, 304);
}

TEST(StaticFiles, PathTraversalAndSymlinkEscapesAreRefused) {
  fs::path dir = make_temp_dir();
  fs::create_directories(dir / "web");
  std::ofstream(dir / "web" / "index.html") << "<p>ok</p>";
  std::ofstream(dir / "private.txt") << "TOP-SECRET";
  fs::create_symlink(dir / "private.txt", dir / "web" / "link.txt");
  Server::Options options;
  options.args = {"--web-root", (dir / "web").string()};
  Server server(options);
  for (std::string path : {"/../private.txt", "/%2e%2e/private.txt", "/..%2fprivate.txt",
                           "/link.txt", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd"}) {
    auto r = server.get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find("TOP-SECRET"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << path;
  }
  EXPECT_EQ(server.get("/").body, "<p>ok</p>");
  fs::remove_all(dir);
}

TEST(Metrics, CountsRequestsByRouteAndStatus) {
  Server::Options options;
  options.args = {"--metrics-token", kTestMetricsToken};
  Server server(options);
  server.get("/healthz");
  server.get("/healthz");
  server.get("/api/v1/nothing");
  auto text = server.get("/metrics", metrics_reader());
  EXPECT_EQ(text.status, 200);
  EXPECT_NE(text.header("content-type").find("text/plain"), std::string::npos);
  EXPECT_NE(
      text.body.find(R"(langnghe_http_requests_total{method="GET",route="/healthz",status="200"})"),
      std::string::npos);
  EXPECT_NE(text.body.find(R"(route="unmatched",status="404"} 1)"), std::string::npos);
  EXPECT_NE(text.body.find("langnghe_http_request_duration_seconds_bucket"), std::string::npos);
}

TEST(OpenApi, DescribesEveryRouteTheServerAnswers) {
  Server server;
  auto r = server.get("/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = r.json();
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  ASSERT_TRUE(doc["paths"].is_object());
  for (auto& [path, operations] : doc["paths"].items()) {
    for (auto& [method, op] : operations.items()) {
      EXPECT_TRUE(op.contains("responses")) << method << " " << path;
      if (path.find('{') != std::string::npos) continue;
      std::string upper = method;
      for (auto& c : upper) c = static_cast<char>(std::toupper(c));
      if (upper != "GET") continue;
      // Every documented GET without parameters answers (not 404/405).
      auto answer = server.request(upper, path);
      EXPECT_NE(answer.status, 404) << path;
      EXPECT_NE(answer.status, 405) << path;
    }
  }
  for (std::string path : {"/healthz", "/readyz", "/metrics", "/openapi.json"})
    EXPECT_TRUE(doc["paths"].contains(path)) << path;
  EXPECT_FALSE(doc["paths"].contains("/__test/sleep"));  // test hooks are off by default
}

// The pages show Vietnam's time (the server runs in the deployment's zone, UTC+7 by default), but
// what is stored and sent is UTC: an idea sent now says now in UTC, not seven hours ahead.
TEST(LocalTime, TimesAreStoredAndSentInUtcWhateverTheZoneShown) {
  Server server(demo_options());
  EXPECT_EQ(server.get("/api/v1/about").json()["time_zone"], "Asia/Ho_Chi_Minh");
  std::string child =
      server.post_json("/api/v1/pupils/sign-in", {{"code", "caheo-vang-2025"}}).json()["token"];
  auto sent = server.post_json(
      "/api/v1/submissions", {{"kind", "idea"}, {"text", "Em muốn có thêm cây xanh ở sân trường."}},
      bearer(child));
  ASSERT_EQ(sent.status, 201) << sent.body;
  std::string created = sent.json()["created_at"];
  std::tm tm{};
  ASSERT_NE(strptime(created.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm), nullptr) << created;
  long off_by = static_cast<long>(timegm(&tm) - std::time(nullptr));
  EXPECT_LT(std::labs(off_by), 120) << created << " is " << off_by << " s from now in UTC";
}

TEST(Shutdown, RequestInFlightDuringSigtermCompletes) {
  Server server(with_test_hooks());
  auto slow = std::async(std::launch::async, [&] { return server.get("/__test/sleep?ms=1500"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto stopped = std::async(std::launch::async, [&] { return server.stop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // While draining, the instance says it is not ready.
  HttpResponse ready;
  try {
    ready = server.get("/readyz");
  } catch (const std::exception&) {
  }
  auto answer = slow.get();
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.json()["slept_ms"], 1500);
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(stopped.get(), 0);
}

TEST(Shutdown, SigtermWhenIdleExitsZero) {
  Server server;
  EXPECT_EQ(server.stop(), 0);
}

TEST(Migrations, MigrateTwiceIsANoOp) {
  fs::path dir = make_temp_dir();
  TestDatabase database(dir);
  std::string db = database.url();
  auto first = run_langnghe({"migrate", "--db", db});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("migrated from schema version 0"), std::string::npos) << first.out;
  auto second = run_langnghe({"migrate", "--db", db});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("already at schema version"), std::string::npos) << second.out;
  fs::remove_all(dir);
}

TEST(Migrations, NewerSchemaIsRefused) {
  fs::path dir = make_temp_dir();
  TestDatabase database(dir);
  std::string db = database.url();
  ASSERT_EQ(run_langnghe({"migrate", "--db", db}).exit_code, 0);
  database.exec("INSERT INTO schema_migrations(version, name) VALUES (9999, 'future')");
  auto migrate = run_langnghe({"migrate", "--db", db});
  EXPECT_NE(migrate.exit_code, 0);
  EXPECT_NE(migrate.err.find("newer than this langnghe"), std::string::npos) << migrate.err;
  auto serve = run_langnghe({"serve", "--db", db, "--listen", "127.0.0.1:1"});
  EXPECT_NE(serve.exit_code, 0);
  EXPECT_NE(serve.err.find("newer than this langnghe"), std::string::npos) << serve.err;
  fs::remove_all(dir);
}

TEST(CommandLine, HelpAndVersion) {
  auto help = run_langnghe({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("serve"), std::string::npos);
  EXPECT_NE(help.out.find("migrate"), std::string::npos);
  auto serve_help = run_langnghe({"serve", "--help"});
  for (std::string flag : {"--listen", "--db", "--threads", "--web-root", "--log-format",
                           "--log-level", "--max-body", "--demo"})
    EXPECT_NE(serve_help.out.find(flag), std::string::npos) << flag;
  auto version = run_langnghe({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("langnghe "), std::string::npos);
}

TEST(CommandLine, BadFlagsAndValuesExitTwo) {
  const std::vector<std::vector<std::string>> bad = {{"serve", "--no-such-flag"},
                                                     {"serve", "--threads", "0"},
                                                     {"serve", "--threads", "many"},
                                                     {"serve", "--listen", "nowhere"},
                                                     {"serve", "--listen", "127.0.0.1:99999"},
                                                     {"serve", "--log-format", "xml"},
                                                     {"serve", "--log-level", "loud"},
                                                     {"serve", "--max-body", "lots"},
                                                     {"serve", "--db", "mysql://x"},
                                                     {"fly"},
                                                     {}};
  for (const auto& args : bad) {
    auto r = run_langnghe(args);
    EXPECT_EQ(r.exit_code, 2) << (args.empty() ? "(no args)" : args[0] + " " + args.back());
    EXPECT_FALSE(r.err.empty());
  }
}

TEST(CommandLine, FlagsAlsoComeFromTheEnvironment) {
  auto bad = run_langnghe({"serve"}, {{"LANGNGHE_THREADS", "0"}});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--threads"), std::string::npos) << bad.err;

  Server::Options options;
  options.env["LANGNGHE_MAX_BODY"] = "1KiB";
  options.env["LANGNGHE_TEST_HOOKS"] = "1";
  Server server(options);
  std::string body = "{\"a\":\"" + std::string(1500, 'x') + "\"}";
  expect_error(server.request("POST", "/__test/echo", body, kJson), 413, "too_large");
}

TEST(Logging, JsonFormatWritesOneObjectPerLine) {
  Server::Options options;
  options.args = {"--log-format", "json"};
  Server server(options);
  server.get("/healthz", {{"X-Request-Id", "json-line-1"}});
  server.stop();
  std::istringstream lines(server.log());
  std::string line;
  int requests = 0;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    auto parsed = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << line;
    if (parsed.value("request_id", "") == "json-line-1") {
      ++requests;
      EXPECT_EQ(parsed["route"], "/healthz");
      EXPECT_EQ(parsed["status"], 200);
      EXPECT_TRUE(parsed["latency_ms"].is_number());
    }
  }
  EXPECT_EQ(requests, 1);
}

}  // namespace
}  // namespace ln::test

namespace ln::test {
namespace {

TEST(CommandLine, ScreenPrintsOneVerdictPerLineInOrder) {
  auto r = run_langnghe({"screen"}, {},
                        "Số của em là 0912 345 678\n"
                        "Trường em cần thêm cây xanh\n"
                        "em không muốn sống nữa\n"
                        "\xff\xfe\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::vector<nlohmann::json> verdicts;
  for (std::string line; std::getline(lines, line);)
    verdicts.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(verdicts.size(), 4u);
  EXPECT_EQ(verdicts[0]["labels"], nlohmann::json::array({"personal_info"}));
  ASSERT_FALSE(verdicts[0]["spans"].empty());
  EXPECT_EQ(verdicts[0]["spans"][0]["label"], "personal_info");
  EXPECT_EQ(verdicts[0]["spans"][0]["start"], 13);  // characters, not bytes
  EXPECT_EQ(verdicts[1]["labels"], nlohmann::json::array());
  EXPECT_EQ(verdicts[1]["route"], "normal");
  EXPECT_EQ(verdicts[2]["route"], "safeguarding");
  EXPECT_EQ(verdicts[3]["error"], "invalid_utf8");
  auto bad = run_langnghe({"screen", "--lexicons", "/nonexistent"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_FALSE(bad.err.empty());
}

// `--lexicons-only` shows what the rules find by themselves: no model opinion, nothing held back
// (what leads and engineers study when tuning the lexicons).
TEST(CommandLine, ScreenWithTheLexiconsAloneGivesNoModelOpinion) {
  const std::string text = "Số của em là 0912 345 678\n";
  auto both = run_langnghe({"screen"}, {}, text);
  auto alone = run_langnghe({"screen", "--lexicons-only"}, {}, text);
  ASSERT_EQ(both.exit_code, 0) << both.err;
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  const auto b = nlohmann::json::parse(both.out), a = nlohmann::json::parse(alone.out);
  EXPECT_EQ(a["labels"], nlohmann::json::array({"personal_info"}));
  EXPECT_EQ(a["spans"], b["spans"]) << "the lexicons find the same either way";
  EXPECT_EQ(a["signals"], nlohmann::json::array({"lexicon"}));
  EXPECT_TRUE(a["model"].empty());
  EXPECT_NE(b["signals"], a["signals"]) << "with the model, its opinion is a signal too";
  // Without the model nothing is looked for, so a wrong model path does not matter.
  auto ignored =
      run_langnghe({"screen", "--lexicons-only", "--screener-model", "/nonexistent"}, {}, text);
  EXPECT_EQ(ignored.exit_code, 0) << ignored.err;
}

// A data file that is not there stops start-up before anything is opened, with a message naming
// the file and the flag that sets it (api/data_files.h; the installed layout: deploy.package).
TEST(CommandLine, AMissingDataFileStopsStartUpNamingTheFileAndTheFlag) {
  fs::path dir = make_temp_dir();
  fs::create_directories(dir / "web");
  const std::string db = "sqlite:" + (dir / "never.db").string();
  auto no_page = run_langnghe({"serve", "--db", db, "--web-root", (dir / "web").string()});
  EXPECT_EQ(no_page.exit_code, 1);
  EXPECT_NE(no_page.err.find((dir / "web" / "index.html").string()), std::string::npos)
      << no_page.err;
  EXPECT_NE(no_page.err.find("--web-root"), std::string::npos) << no_page.err;

  auto no_calendar = run_langnghe({"serve", "--db", db, "--web-root", source_web_root(),
                                   "--holidays", (dir / "holidays.tsv").string()});
  EXPECT_EQ(no_calendar.exit_code, 1);
  EXPECT_NE(no_calendar.err.find((dir / "holidays.tsv").string()), std::string::npos)
      << no_calendar.err;
  EXPECT_NE(no_calendar.err.find("--holidays"), std::string::npos) << no_calendar.err;

  auto no_model = run_langnghe({"screen", "--screener-model", (dir / "model.bin").string()});
  EXPECT_EQ(no_model.exit_code, 1);
  EXPECT_NE(no_model.err.find("--screener-model"), std::string::npos) << no_model.err;
  EXPECT_FALSE(fs::exists(dir / "never.db"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ln::test
