// Guessing credentials, as an attacker would: sign-in, class and guardian codes and passwords
// each have a guess limit per code space, per address and across addresses; no success on
// another credential clears it; a limit never keeps the right person out from elsewhere; and
// /metrics, which counts refused guesses, is for operators only. docs/SECURITY.md has the numbers.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <regex>
#include <sstream>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

Server::Options behind_proxy() {
  auto options = demo_options();
  options.args.insert(options.args.end(), {"--trusted-proxy", "127.0.0.1"});
  return options;
}

Headers from(const std::string& address) {
  return {{"X-Real-IP", address}};
}

std::string now_of(const Server& server) {
  auto r = server.post_json("/__test/clock", {{"advance_seconds", 0}});
  return r.json()["now"];
}

void advance(const Server& server, long long seconds) {
  auto r = server.post_json("/__test/clock", {{"advance_seconds", seconds}});
  ASSERT_EQ(r.status, 200) << r.body;
}

// Moves the server's clock to one second past the next whole hour (or day), so that a test's
// counting never straddles a window edge.
void to_start_of_next(const Server& server, long long window_seconds) {
  std::string now = now_of(server);  // "2026-12-06T21:42:29Z"
  long long into_day = std::stoll(now.substr(11, 2)) * 3600 + std::stoll(now.substr(14, 2)) * 60 +
                       std::stoll(now.substr(17, 2));
  advance(server, window_seconds - into_day % window_seconds + 1);
}

int retry_after(const HttpResponse& r) {
  return std::atoi(r.header("retry-after").c_str());
}

std::string metrics(const Server& server) {
  return server.get("/metrics", metrics_reader()).body;
}

// A new pupil of the demo class 6A; returns their (new, long) sign-in code.
std::string join_6a(const Server& server, const std::string& pseudonym,
                    const std::string& address = "192.0.2.250") {
  auto r = server.post_json(
      "/api/v1/pupils/join",
      {{"code", "DEMO6A"}, {"pseudonym", pseudonym}, {"birth_date", "2014-05-02"}}, from(address));
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.json()["sign_in_code"].get<std::string>() : "";
}

// A wrong code of the new, long shape (nobody has it: the digits 0000 are never issued).
std::string wrong_long_code(int i) {
  return "meo-xanh-0000-cun-vang-" + std::to_string(1000 + i % 9000);
}

// What an attacker gets from one address until `until` seconds after they began (`elapsed` is
// how far they are), by the issue's recipe: wrong guesses with their own valid credential in
// between, waiting whenever told to. Returns the wrong guesses the server checked (answered
// 401/400, not 429).
template <typename Wrong, typename Right>
int guesses_until(const Server& server, long long& elapsed, long long until, Wrong wrong,
                  Right right) {
  int checked = 0;
  for (int i = 0; elapsed < until; ++i) {
    auto r = (i % 10 == 9) ? right() : wrong(i);
    if (r.status == 429) {
      int wait = std::max(retry_after(r), 1);
      advance(server, wait);
      elapsed += wait;
      continue;
    }
    if (i % 10 != 9) {
      EXPECT_TRUE(r.status == 401 || r.status == 400) << r.status << " " << r.body;
      ++checked;
    }
  }
  return checked;
}

TEST(GuessLimits, ARightSignInCodeDoesNotResetTheCountOfWrongOnes) {
  Server server(behind_proxy());
  to_start_of_next(server, 86400);
  std::string mine = join_6a(server, "Ban Tin");
  auto sign_in = [&](const std::string& code) {
    return server.post_json("/api/v1/pupils/sign-in", {{"code", code}}, from("198.51.100.7"));
  };
  auto wrong = [&](int i) { return sign_in(wrong_long_code(i)); };
  auto right = [&] { return sign_in(mine); };
  long long elapsed = 0;  // the clock is at 00:00:01 UTC
  int first_hour = guesses_until(server, elapsed, 3600, wrong, right);
  // The issue's attacker got 270 guesses in a few seconds; now a few dozen an hour at most.
  EXPECT_LE(first_hour, 20);
  EXPECT_GE(first_hour, 10);  // a child who mistypes is not stopped at once
  // Up to a minute before midnight by this count (the server's clock is a few real seconds on).
  int rest_of_day = guesses_until(server, elapsed, 86400 - 60, wrong, right);
  EXPECT_LE(first_hour + rest_of_day, 50);
  // Refused guesses are counted for the operator.
  auto text = metrics(server);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      text, m,
      std::regex(
          R"(langnghe_credential_guesses_refused_total\{credential="sign_in_code"\} (\d+))")))
      << text;
  EXPECT_GT(std::stoi(m[1]), 0);
}

TEST(GuessLimits, ARightClassCodeDoesNotResetTheCountOfWrongOnes) {
  Server server(behind_proxy());
  to_start_of_next(server, 3600);
  int joined = 0;
  auto join = [&](const std::string& code) {
    std::string name = "Ban ";
    name += static_cast<char>('A' + joined / 26 % 26);
    name += static_cast<char>('a' + joined % 26);
    ++joined;
    return server.post_json("/api/v1/pupils/join",
                            {{"code", code}, {"pseudonym", name}, {"birth_date", "2014-05-02"}},
                            from("198.51.100.8"));
  };
  long long elapsed = 0;
  int first_hour = guesses_until(
      server, elapsed, 3600, [&](int i) { return join("QQQQ" + std::to_string(1000 + i)); },
      [&] { return join("DEMO6A"); });
  EXPECT_LE(first_hour, 20);  // was 108 without a single 429
}

TEST(GuessLimits, EachCodeSpaceHasItsOwnCount) {
  Server server(behind_proxy());
  to_start_of_next(server, 3600);
  for (int i = 0; i < 10; ++i)
    server.post_json("/api/v1/pupils/join",
                     {{"code", "QQQQQQ" + std::to_string(i)},
                      {"pseudonym", "Ong Vang"},
                      {"birth_date", "2013-01-01"}},
                     from("198.51.100.9"));
  auto join = server.post_json(
      "/api/v1/pupils/join",
      {{"code", "DEMO6A"}, {"pseudonym", "Ong Vang"}, {"birth_date", "2013-01-01"}},
      from("198.51.100.9"));
  EXPECT_EQ(join.status, 429) << join.body;
  EXPECT_GE(retry_after(join), 1);
  // Wrong class codes are not wrong sign-in codes: the child next to them still signs in.
  EXPECT_EQ(
      server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}, from("198.51.100.9"))
          .status,
      200);
}

TEST(GuessLimits, ManyAddressesAreSlowedTooButNotTheRightChildElsewhere) {
  Server server(behind_proxy());
  to_start_of_next(server, 3600);
  std::string mine = join_6a(server, "Ban Hoa");
  // 150 addresses, two wrong guesses each: the sign-in code space is under pressure.
  for (int a = 0; a < 150; ++a)
    for (int g = 0; g < 2; ++g) {
      auto r = server.post_json(
          "/api/v1/pupils/sign-in", {{"code", wrong_long_code(a * 2 + g)}},
          from("10.1." + std::to_string(a / 200) + "." + std::to_string(a % 200 + 1)));
      ASSERT_EQ(r.status, 401) << a << " " << r.body;
    }
  // Each of those addresses now waits till the hour ends, though it has made only two guesses…
  auto slowed =
      server.post_json("/api/v1/pupils/sign-in", {{"code", wrong_long_code(7)}}, from("10.1.0.1"));
  EXPECT_EQ(slowed.status, 429) << slowed.body;
  EXPECT_GE(retry_after(slowed), 3000);
  // …while a child who has not guessed wrong signs in from anywhere.
  EXPECT_EQ(
      server.post_json("/api/v1/pupils/sign-in", {{"code", mine}}, from("203.0.113.5")).status,
      200);
  EXPECT_EQ(server.post_json("/api/v1/pupils/sign-in", {{"code", mine}}, from("10.1.0.1")).status,
            429);
  // The next hour the pressure is gone.
  advance(server, 3600);
  EXPECT_EQ(server.post_json("/api/v1/pupils/sign-in", {{"code", mine}}, from("10.1.0.1")).status,
            200);
}

// An IPv6 client is handed a whole /64: rotating through its addresses, or spelling one address
// another way, is still one address. (Each of 2^64 addresses used to get its own free guesses.)
TEST(GuessLimits, OneIpv6NetworkIsOneAddressHoweverItIsSpelled) {
  Server server(behind_proxy());
  to_start_of_next(server, 3600);
  for (int i = 0; i < 10; ++i) {
    char host[8];
    std::snprintf(host, sizeof host, "%x", i + 1);
    auto r = server.post_json("/api/v1/pupils/sign-in", {{"code", wrong_long_code(i)}},
                              from(std::string("2001:db8:7:7::") + host));
    ASSERT_EQ(r.status, 401) << i << " " << r.body;
  }
  for (const char* same : {"2001:db8:7:7:ffff:ffff:ffff:fffe", "2001:0DB8:0007:0007:0:0:0:99"}) {
    auto r =
        server.post_json("/api/v1/pupils/sign-in", {{"code", wrong_long_code(20)}}, from(same));
    EXPECT_EQ(r.status, 429) << same << " " << r.body;
  }
  // The next /64 is another client: it is checked, not refused.
  EXPECT_EQ(server
                .post_json("/api/v1/pupils/sign-in", {{"code", wrong_long_code(21)}},
                           from("2001:db8:7:8::1"))
                .status,
            401);

  // An IPv4 address written as IPv6 is that IPv4 address.
  for (int i = 0; i < 10; ++i)
    ASSERT_EQ(server
                  .post_json("/api/v1/auth/login", {{"username", "moderator"}, {"password", "no"}},
                             from(i % 2 ? "198.51.100.20" : "::ffff:198.51.100.20"))
                  .status,
              i < 5 ? 401 : 429)
        << i;
}

TEST(GuessLimits, GuardianCodesAreCountedToo) {
  Server server(behind_proxy());
  to_start_of_next(server, 3600);
  for (int i = 0; i < 10; ++i) {
    auto r =
        server.post_json("/api/v1/guardian/consent",
                         {{"code", "G-AAAAA-AAAA" + std::string(1, static_cast<char>('C' + i))}},
                         from("198.51.100.10"));
    EXPECT_EQ(r.status, 400) << i << r.body;
  }
  auto locked = server.post_json("/api/v1/guardian/consent", {{"code", "G-AAAAA-AAAAA"}},
                                 from("198.51.100.10"));
  EXPECT_EQ(locked.status, 429) << locked.body;
}

// Asking whom a code is for is a guess like any other: counted in the same space as consent.
TEST(GuessLimits, GuardianChildLookupIsCountedWithConsent) {
  Server server(behind_proxy());
  to_start_of_next(server, 3600);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(server
                  .post_json("/api/v1/guardian/child",
                             {{"code", "G-AAAAA-AAAA" + std::string(1, static_cast<char>('C' + i))}},
                             from("198.51.100.11"))
                  .status,
              400);
  for (int i = 5; i < 10; ++i)
    EXPECT_EQ(server
                  .post_json("/api/v1/guardian/consent",
                             {{"code", "G-AAAAA-AAAA" + std::string(1, static_cast<char>('C' + i))}},
                             from("198.51.100.11"))
                  .status,
              400);
  auto locked = server.post_json("/api/v1/guardian/child", {{"code", "G-AAAAA-AAAAA"}},
                                 from("198.51.100.11"));
  EXPECT_EQ(locked.status, 429) << locked.body;
}

TEST(SignInCodes, NewCodesAreLongAndForgivingToTypeOldOnesStillWork) {
  Server server(behind_proxy());
  std::string code = join_6a(server, "Ban Moc");
  // Two animal-colour-number halves: (24 × 12 × 9,000)² ≈ 2^42.6 codes.
  EXPECT_TRUE(
      std::regex_match(code, std::regex("[a-z]+-[a-z]+-[1-9][0-9]{3}-[a-z]+-[a-z]+-[1-9][0-9]{3}")))
      << code;
  // Typed with capitals and spaces, as a child might.
  std::string typed;
  for (char c : code) typed += c == '-' ? ' ' : static_cast<char>(std::toupper(c));
  EXPECT_EQ(server.post_json("/api/v1/pupils/sign-in", {{"code", "  " + typed + " "}}).status, 200);
  // A code given before (the demo's short codes) keeps working.
  EXPECT_EQ(server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).status, 200);
}

TEST(SignInCodes, ShortCodesCanBeRefusedOnceEveryChildHasANewOne) {
  auto options = behind_proxy();
  options.args.push_back("--refuse-short-sign-in-codes");
  Server server(options);
  std::string code = join_6a(server, "Ban Dai");
  EXPECT_EQ(server.post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).status, 401);
  EXPECT_EQ(server.post_json("/api/v1/pupils/sign-in", {{"code", code}}).status, 200);
}

TEST(Passwords, WrongPasswordsFromOneAddressNeverLockTheRightPersonOutElsewhere) {
  Server server(behind_proxy());
  to_start_of_next(server, 3600);
  auto login_from = [&](const std::string& password, const std::string& address) {
    return server.post_json("/api/v1/auth/login",
                            {{"username", "safeguarding"}, {"password", password}}, from(address));
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(login_from("wrong-password!", "198.51.100.20").status, 401);
  EXPECT_EQ(login_from("langnghe-demo", "198.51.100.20").status, 429);
  // The safeguarding lead, at work, signs in at once.
  EXPECT_EQ(login_from("langnghe-demo", "203.0.113.20").status, 200);
  // Many addresses at once put the account under pressure: each that guessed wrong waits…
  for (int a = 1; a <= 10; ++a)
    for (int g = 0; g < 2; ++g)
      EXPECT_EQ(login_from("wrong-password!", "10.2.0." + std::to_string(a)).status, 401);
  auto slowed = login_from("wrong-password!", "10.2.0.1");
  EXPECT_EQ(slowed.status, 429);
  EXPECT_GE(retry_after(slowed), 3000);
  // …and the lead, who did not, still gets in.
  EXPECT_EQ(login_from("langnghe-demo", "203.0.113.21").status, 200);
  // Signing in does not clear what others guessed.
  EXPECT_EQ(login_from("wrong-password!", "10.2.0.1").status, 429);
}

TEST(Passwords, TheCurrentPasswordOfAPasswordChangeIsGuessLimited) {
  Server server(behind_proxy());
  to_start_of_next(server, 3600);
  auto token = server
                   .post_json("/api/v1/auth/login",
                              {{"username", "moderator"}, {"password", "langnghe-demo"}},
                              from("198.51.100.30"))
                   .json()["token"]
                   .get<std::string>();
  Headers h = from("198.51.100.30");
  h["Authorization"] = "Bearer " + token;
  auto change = [&](const std::string& current) {
    return server.post_json("/api/v1/me/password",
                            {{"current_password", current}, {"new_password", "a-new-password-1"}},
                            h);
  };
  for (int i = 0; i < 5; ++i) {
    auto r = change("guess-" + std::to_string(i));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.error_code(), "invalid");
  }
  auto locked = change("langnghe-demo");
  EXPECT_EQ(locked.status, 429) << locked.body;
  // The same password, the same count: signing in from there waits too; from elsewhere it works.
  EXPECT_EQ(server
                .post_json("/api/v1/auth/login",
                           {{"username", "moderator"}, {"password", "langnghe-demo"}},
                           from("198.51.100.30"))
                .status,
            429);
  EXPECT_EQ(server
                .post_json("/api/v1/auth/login",
                           {{"username", "moderator"}, {"password", "langnghe-demo"}},
                           from("203.0.113.30"))
                .status,
            200);
  advance(server, retry_after(locked));
  EXPECT_EQ(change("langnghe-demo").status, 204);
}

}  // namespace
}  // namespace ln::test
