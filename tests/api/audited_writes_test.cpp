// SIGKILL in the middle of every kind of adult write, from several threads at once: moderation
// claims and decisions (approve, reject, return, escalate), recommendations created, forwarded,
// acknowledged and answered by the official, given feedback, reported back and closed, role
// changes, guardians' paper slips recorded by the facilitator and sign-in codes reset by them.
// After each kill every stored change has its audit entry naming the adult who made it, every
// forwarded or answered recommendation has its notifications, and `audit verify` passes.
#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <mutex>
#include <thread>

#include "tests/api/harness.h"

namespace ln::test {
namespace {

using json = nlohmann::json;

// The children's ideas of this test (the demo's own approved ideas were stored as they are).
const std::string kIdeaText = "Em mong trường có thêm ghế đá số ";

// Ids handed from one loop to the next (ideas to decide, approved ideas to compile).
class Hand {
 public:
  void put(std::string id) {
    std::lock_guard lock(mutex_);
    ids_.push_back(std::move(id));
  }
  std::optional<std::string> take() {
    std::lock_guard lock(mutex_);
    if (ids_.empty()) return std::nullopt;
    auto id = ids_.front();
    ids_.pop_front();
    return id;
  }

 private:
  std::mutex mutex_;
  std::deque<std::string> ids_;
};

class AuditedWrites : public ::testing::Test {
 protected:
  static Server::Options options() {
    auto o = demo_options();
    for (const char* flag : {"--write-limit-account", "--write-limit-address"}) {
      o.args.push_back(flag);
      o.args.push_back("0");
    }
    return o;
  }

  std::string find_id(const std::string& path, const std::string& token, const std::string& field,
                      const std::string& value) {
    const json items = server->get(path + "?limit=200", bearer(token)).json()["items"];
    for (const auto& item : items)
      if (item[field] == value) return item["id"];
    return "";
  }

  HttpResponse post(const std::string& path, const json& body, const std::string& token) {
    return server->post_json(path, body, bearer(token));
  }

  // Pupils who joined class 6A just now: no guardian consent yet, no code from an adult.
  std::vector<std::string> join_pupils(int round, int count) {
    std::vector<std::string> ids;
    for (int i = 0; static_cast<int>(ids.size()) < count && i < count * 4; ++i) {
      const json suggestions = server->get("/api/v1/pupils/pseudonym-suggestions").json()["items"];
      for (const auto& pseudonym : suggestions) {
        if (static_cast<int>(ids.size()) >= count) break;
        auto joined = server->post_json(
            "/api/v1/pupils/join",
            {{"code", "DEMO6A"}, {"pseudonym", pseudonym}, {"birth_date", "2014-05-20"}});
        if (joined.status == 201) ids.push_back(joined.json()["pupil"]["id"]);
      }
    }
    EXPECT_EQ(static_cast<int>(ids.size()), count) << "round " << round;
    return ids;
  }

  // What a user (or an auditor) checks once the server is gone: each query counts the stored
  // changes that lack their audit entry or their notifications, and must find none.
  void expect_every_change_audited(int round) {
    const TestDatabase& db = first->database();
    const std::map<std::string, std::string> checks = {
        {"a decision without an entry naming the moderator who made it",
         "SELECT COUNT(*) FROM submissions s WHERE s.text LIKE '" + kIdeaText +
             "%' AND s.decision <> '{}' AND NOT EXISTS ("
             " SELECT 1 FROM audit_log a WHERE a.object_id = s.id AND a.action LIKE 'moderation.%'"
             " AND a.action NOT IN ('moderation.claim', 'moderation.view')"
             " AND a.actor_kind = 'account' AND s.decision LIKE '%\"by\":\"' || a.actor_id || "
             "'\"%')"},
        {"a claim without an entry naming the moderator who claimed",
         "SELECT COUNT(*) FROM submissions s WHERE s.text LIKE '" + kIdeaText +
             "%' AND s.status = 'claimed' AND s.queue <> "
             "'safeguarding' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.object_id = s.id"
             " AND a.action = 'moderation.claim' AND a.actor_id = s.claimed_by)"},
        {"a recommendation change (created, forwarded, acknowledged, answered, feedback, "
         "reported back, closed) without its entry",
         "SELECT COUNT(*) FROM recommendations r WHERE r.title LIKE 'TX %' AND r.version <> ("
         " SELECT COUNT(*) FROM audit_log a WHERE a.object_id = r.id"
         " AND a.action LIKE 'recommendation.%' AND a.actor_kind = 'account')"},
        {"a forwarded recommendation whose officials were not told",
         "SELECT COUNT(*) FROM recommendations r WHERE r.title LIKE 'TX %' AND r.forwarded_at"
         " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.object_id = r.id"
         " AND n.kind = 'forwarded')"},
        {"an answered recommendation whose moderators were not told",
         "SELECT COUNT(*) FROM recommendations r WHERE r.title LIKE 'TX %' AND r.answered_at"
         " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.object_id = r.id"
         " AND n.kind = 'answered')"},
        {"a reported-back recommendation whose children were not told",
         "SELECT COUNT(*) FROM recommendations r WHERE r.title LIKE 'TX %' AND r.status IN"
         " ('reported_back', 'closed') AND NOT EXISTS (SELECT 1 FROM notifications n"
         " WHERE n.kind = 'reported_back' AND n.recipient_kind = 'pupil'"
         " AND n.dedupe_key LIKE 'rec:' || r.id || ':%')"},
        {"a guardian's slip without an entry naming the adult who recorded it",
         "SELECT COUNT(*) FROM consents c WHERE c.method = 'paper_slip' AND NOT EXISTS ("
         " SELECT 1 FROM audit_log a WHERE a.object_id = c.pupil_id AND a.action = "
         "'consent.give' AND a.actor_id = c.recorded_by)"},
        {"a sign-in code an adult issued without an entry naming that adult",
         "SELECT COUNT(*) FROM pupils p WHERE p.sign_in_code_issued_by IS NOT NULL AND NOT EXISTS"
         " (SELECT 1 FROM audit_log a WHERE a.object_id = p.id AND a.action ="
         " 'pupil.sign_in_code_reset' AND a.actor_id = p.sign_in_code_issued_by)"},
        {"a role whose newest role-change entry does not name it",
         "SELECT COUNT(*) FROM accounts c WHERE c.username = 'tx.role' AND NOT EXISTS ("
         " SELECT 1 FROM audit_log a WHERE a.object_id = c.id AND a.action = "
         "'account.role_change' AND a.seq = (SELECT MAX(b.seq) FROM audit_log b WHERE"
         " b.object_id = c.id AND b.action = 'account.role_change')"
         " AND a.details LIKE '%\"to\":{\"role\":\"' || c.role || '\"%')"},
    };
    for (const auto& [what, sql] : checks)
      EXPECT_EQ(db.query_int(sql), 0) << "round " << round << ": " << what;
    auto verify = run_langnghe({"audit", "verify", "--db", db.url()});
    EXPECT_EQ(verify.exit_code, 0) << "round " << round << ": " << verify.out << verify.err;
  }

  std::unique_ptr<Server> first = std::make_unique<Server>(options());
  std::unique_ptr<Server> current;
  Server* server = first.get();
};

TEST_F(AuditedWrites, SigkillDuringAdultsWritesLeavesNoChangeWithoutItsEntry) {
  const auto options_again = [&] {
    auto o = options();
    o.dir = first->dir();
    o.db = first->database().url();
    return o;
  };
  std::string admin = login(*server, "admin");
  std::string ward9 = find_id("/api/v1/units", admin, "code", "HCM-PN-P9");
  std::string committee = find_id("/api/v1/authorities", admin, "code", "UBND-P9");
  ASSERT_FALSE(ward9.empty());
  ASSERT_FALSE(committee.empty());
  auto made = post("/api/v1/accounts",
                   {{"username", "tx.role"},
                    {"display_name", "Tài khoản đổi vai trò"},
                    {"role", "moderator"},
                    {"password", "doi-vai-tro-2026"},
                    {"unit_ids", {ward9}}},
                   admin);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string role_account = made.json()["id"];

  std::map<std::string, int> acknowledged;  // kind of write → answered with a 2xx
  for (int round = 0; round < 3; ++round) {
    admin = login(*server, "admin");
    const std::string moderator = login(*server, "moderator");
    const std::string moderator2 = login(*server, "moderator2");
    const std::string official = login(*server, "official");
    const std::string facilitator = login(*server, "facilitator");
    const std::string pupil =
        server->post_json("/api/v1/pupils/sign-in", {{"code", "meo-xanh-2024"}}).json()["token"];
    const auto joined = join_pupils(round, 40);

    Hand to_decide, to_claim, approved;
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::map<std::string, int> answered;
    auto count = [&](const std::string& kind, const HttpResponse& r) {
      if (r.status < 200 || r.status > 299) return false;
      std::lock_guard lock(mutex);
      ++answered[kind];
      return true;
    };
    auto loop = [&](auto body) {
      return std::thread([&, body] {
        for (int i = 0; !stop; ++i) {
          try {
            body(i);
          } catch (const std::exception&) {
            // Killed: no answer.
          }
        }
      });
    };
    std::vector<std::thread> loops;
    // Children's ideas feed the moderators (not counted: child writes are tested elsewhere).
    loops.push_back(loop([&](int i) {
      auto sent = post("/api/v1/submissions",
                       {{"kind", "idea"},
                        {"text", kIdeaText + std::to_string(round) + "-" + std::to_string(i) +
                                     " dưới bóng cây."}},
                       pupil);
      if (sent.status != 201) return;
      (i % 3 == 2 ? to_claim : to_decide).put(sent.json()["id"]);
    }));
    // A moderator claims and decides, in turn approve, reject, return and escalate.
    loops.push_back(loop([&](int i) {
      auto id = to_decide.take();
      if (!id) return std::this_thread::sleep_for(std::chrono::milliseconds(2));
      auto claimed = post("/api/v1/moderation/items/" + *id + "/claim", json::object(), moderator);
      if (!count("claim", claimed)) return;
      static const char* kDecisions[] = {"approve", "reject", "return", "escalate", "approve"};
      std::string decision = kDecisions[i % 5];
      json body = {{"decision", decision}, {"version", claimed.json()["version"]}};
      if (decision == "reject") body["reason"] = "not_for_this_platform";
      if (decision == "return") body["reason"] = "unclear";
      auto decided = post("/api/v1/moderation/items/" + *id + "/decision", body, moderator);
      if (count("decision", decided) && decision == "approve") approved.put(*id);
    }));
    // Another moderator only claims.
    loops.push_back(loop([&](int) {
      auto id = to_claim.take();
      if (!id) return std::this_thread::sleep_for(std::chrono::milliseconds(2));
      count("claim",
            post("/api/v1/moderation/items/" + *id + "/claim", json::object(), moderator2));
    }));
    // A recommendation from each approved idea, through its whole life: the moderator creates
    // and forwards it, the official acknowledges and answers, the moderator writes the feedback,
    // reports back and closes.
    loops.push_back(loop([&](int i) {
      auto source = approved.take();
      if (!source) return std::this_thread::sleep_for(std::chrono::milliseconds(2));
      auto created = post("/api/v1/recommendations",
                          {{"title", "TX " + std::to_string(round) + "-" + std::to_string(i)},
                           {"text", "Các em đề nghị đặt thêm ghế đá dưới bóng cây ở sân trường."},
                           {"unit_id", ward9},
                           {"submission_ids", {*source}}},
                          moderator);
      if (!count("recommendation", created)) return;
      const std::string path = "/api/v1/recommendations/" + created.json()["id"].get<std::string>();
      const std::vector<std::tuple<std::string, json, std::string>> steps = {
          {"/forward",
           {{"authority_id", committee},
            {"dispatch_number", "TX/" + std::to_string(i)},
            {"dispatch_date", "2026-01-05"},
            {"due_working_days", 10}},
           moderator},
          {"/acknowledge", json::object(), official},
          {"/answer",
           {{"decision", "partly_accepted"},
            {"reasons", "Ghế đá được đặt trong tháng tới; bóng cây cần thêm thời gian."}},
           official},
          {"/feedback",
           {{"bands",
             {{"all",
               {{"you_said", "Các em muốn có thêm ghế đá."},
                {"we_did", "Phường sẽ đặt thêm ghế đá."},
                {"why", "Ghế đá giúp các em nghỉ ngơi."},
                {"what_next", "Đoàn phường sẽ báo các em khi xong."}}}}}},
           moderator},
          {"/report-back", json::object(), moderator},
          {"/close", json::object(), moderator}};
      for (const auto& [step, body, token] : steps)
        if (!count("recommendation", post(path + step, body, token))) return;
    }));
    // The admin moves an account between two roles.
    loops.push_back(loop([&](int i) {
      const char* role = i % 2 ? "moderator" : "safeguarding_lead";
      count("role",
            server->request(
                "PATCH", "/api/v1/accounts/" + role_account, json{{"role", role}}.dump(),
                {{"Authorization", "Bearer " + admin}, {"Content-Type", "application/json"}}));
    }));
    // The facilitator records guardians' slips and hands out new sign-in codes, each pupil once.
    loops.push_back(loop([&](int i) {
      if (i >= static_cast<int>(joined.size()))
        return std::this_thread::sleep_for(std::chrono::milliseconds(5));
      count("consent", post("/api/v1/pupils/" + joined[i] + "/consents",
                            {{"kind", "guardian"}, {"slip_number", "PH-TX-" + std::to_string(i)}},
                            facilitator));
    }));
    loops.push_back(loop([&](int i) {
      if (i >= static_cast<int>(joined.size()))
        return std::this_thread::sleep_for(std::chrono::milliseconds(5));
      count("sign_in_code",
            post("/api/v1/pupils/" + joined[joined.size() - 1 - i] + "/sign-in-code",
                 json::object(), facilitator));
    }));

    // Killed mid-stream, once every kind of write has been answered a few times.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    auto enough = [&] {
      std::lock_guard lock(mutex);
      for (const char* kind :
           {"claim", "decision", "recommendation", "role", "consent", "sign_in_code"})
        if (answered[kind] < 4) return false;
      return true;
    };
    while (!enough() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    server->kill_now();
    stop = true;
    for (auto& t : loops) t.join();
    for (const auto& [kind, n] : answered) acknowledged[kind] += n;

    expect_every_change_audited(round);

    current = std::make_unique<Server>(options_again());
    server = current.get();
    ASSERT_EQ(server->get("/readyz").status, 200);
  }
  for (const char* kind :
       {"claim", "decision", "recommendation", "role", "consent", "sign_in_code"})
    EXPECT_GE(acknowledged[kind], 12) << kind;
  EXPECT_EQ(current->stop(), 0);
}

}  // namespace
}  // namespace ln::test
