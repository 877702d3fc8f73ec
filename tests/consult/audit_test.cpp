#include "consult/audit.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "store/open_storage.h"
#include "store/sqlite/sqlite_storage.h"

namespace ln {
namespace {

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("ln-audit-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    storage_ = store::open_storage("sqlite:" + (dir_ / "a.db").string());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  // The details column of entry `seq` as the database holds it.
  std::string details_column(std::int64_t seq) {
    auto& sqlite = static_cast<store::sqlite::SqliteStorage&>(*storage_);
    auto c = sqlite.pool().acquire();
    auto s = c->prepare("SELECT details FROM audit_log WHERE seq = ?1");
    s.bind(1, seq);
    EXPECT_TRUE(s.step());
    return s.text(0);
  }
  std::filesystem::path dir_;
  std::unique_ptr<Storage> storage_;
  SystemClock clock_;
};

TEST_F(AuditTest, ChainVerifiesAndConcurrentAppendsStayOneChain) {
  AuditLog log(storage_->audit(), clock_);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i)
        log.record(AuditActor::system(), "test.event", "thing", std::to_string(t));
    });
  for (auto& th : threads) th.join();
  auto v = log.verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 100);
}

TEST_F(AuditTest, EntriesCannotBeChangedOrDeleted) {
  AuditLog log(storage_->audit(), clock_);
  log.record(AuditActor::system(), "a", "t", "1");
  auto& sqlite = static_cast<store::sqlite::SqliteStorage&>(*storage_);
  auto c = sqlite.pool().acquire();
  EXPECT_THROW(c->exec("UPDATE audit_log SET reason = 'x'"), store::sqlite::SqliteError);
  EXPECT_THROW(c->exec("DELETE FROM audit_log"), store::sqlite::SqliteError);
}

TEST_F(AuditTest, VerifyFindsATamperedEntry) {
  AuditLog log(storage_->audit(), clock_);
  for (int i = 0; i < 3; ++i) log.record(AuditActor::system(), "a", "t", std::to_string(i));
  auto& sqlite = static_cast<store::sqlite::SqliteStorage&>(*storage_);
  auto c = sqlite.pool().acquire();
  c->exec("DROP TRIGGER audit_log_no_update");
  c->exec("UPDATE audit_log SET object_id = 'forged' WHERE seq = 2");
  auto v = log.verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.broken_at, 2);
}

TEST_F(AuditTest, DetailsReadBackAsRecorded) {
  AuditLog log(storage_->audit(), clock_);
  const AuditDetails details{
      {"count", 3},
      {"name", "Phường 9"},
      {"unit_ids", std::vector<std::string>{"u_1", "u_2"}},
      {"adopted", true},
      {"to", AuditDetails{{"role", "admin"}, {"school_ids", std::vector<std::string>{}}}}};
  log.record(AuditActor::system(), "a", "t", "1", "", details);
  const auto entries = log.list(0, 10);
  ASSERT_EQ(entries.size(), 1u);
  // Read back in the column's order: names sorted, as the column has always held them.
  EXPECT_EQ(entries[0].details,
            (AuditDetails{
                {"adopted", true},
                {"count", 3},
                {"name", "Phường 9"},
                {"to", AuditDetails{{"role", "admin"}, {"school_ids", std::vector<std::string>{}}}},
                {"unit_ids", std::vector<std::string>{"u_1", "u_2"}}}));
}

TEST_F(AuditTest, TheDetailsColumnKeepsTheTextItAlwaysHeld) {
  AuditLog log(storage_->audit(), clock_);
  log.record(AuditActor::system(), "account.role_change", "account", "acc_1", "",
             {{"to", AuditDetails{{"unit_ids", std::vector<std::string>{"u_1"}},
                                  {"school_ids", std::vector<std::string>{}},
                                  {"role", "facilitator"}}},
              {"from", AuditDetails{{"role", "moderator"}}}});
  log.record(AuditActor::system(), "a", "t", "2");
  EXPECT_EQ(details_column(1),
            R"({"from":{"role":"moderator"},"to":{"role":"facilitator","school_ids":[],)"
            R"("unit_ids":["u_1"]}})");
  EXPECT_EQ(details_column(2), "{}");
}

TEST_F(AuditTest, AnEntryWrittenBeforeTheDetailsWereTypedStillVerifiesAndReads) {
  // Written as the earlier versions did: the hash over a JSON array of the fields with the details
  // column's text, and names in sorted order.
  const std::string details = R"({"code_issued_by":{"id":"acc_9","kind":"account"},"rows":12})";
  const std::string chained = R"([1,"2026-01-05T03:00:00Z","pupil","p_1","sign_in","session",)"
                              R"("ses_1","",)" +
                              std::string(R"("{\"code_issued_by\":{\"id\":\"acc_9\",)") +
                              R"(\"kind\":\"account\"},\"rows\":12}",")" + std::string(64, '0') +
                              R"("])";
  const std::string hash = audit_hash(chained);
  auto& sqlite = static_cast<store::sqlite::SqliteStorage&>(*storage_);
  {
    auto c = sqlite.pool().acquire();
    c->prepare(
         "INSERT INTO audit_log(seq, at, actor_kind, actor_id, action, object_type, object_id,"
         " reason, details, prev_hash, hash) VALUES (1, '2026-01-05T03:00:00Z', 'pupil', 'p_1',"
         " 'sign_in', 'session', 'ses_1', '', ?1, ?2, ?3)")
        .bind(1, details)
        .bind(2, std::string(64, '0'))
        .bind(3, hash)
        .run();
  }
  AuditLog log(storage_->audit(), clock_);
  log.record(AuditActor::system(), "a", "t", "2", "", {{"rows", 1}});
  const auto v = log.verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 2);
  const auto entries = log.list(0, 10);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].details,
            (AuditDetails{{"code_issued_by", AuditDetails{{"id", "acc_9"}, {"kind", "account"}}},
                          {"rows", 12}}));
}

TEST_F(AuditTest, ASessionFromAHandedOverCodeNamesTheAdultWhoHandedItOver) {
  AuditLog log(storage_->audit(), clock_);
  log.record({"pupil", "p_1", std::string("acc_9")}, "submission.withdraw", "submission", "sub_1",
             "", {{"rows", 1}});
  EXPECT_EQ(details_column(1), R"({"code_issued_by":{"id":"acc_9","kind":"account"},"rows":1})");
}

}  // namespace
}  // namespace ln
