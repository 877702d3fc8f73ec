// The storage contract, run on both backends: every test here runs once on SQLite and once on a
// fresh database of the throwaway PostgreSQL cluster (tests/postgres/cluster.sh).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "base/errors.h"
#include "consult/audit.h"
#include "store/open_storage.h"
#include "store/postgres/migrations.h"
#include "store/postgres/postgres_storage.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_storage.h"
#include "store/submission_columns.h"
#include "tests/postgres/test_database.h"

namespace ln {
namespace {
namespace fs = std::filesystem;

const std::string kAt = "2025-09-01T08:00:00Z";
const std::string kPast = "2025-09-02T00:00:00Z";
const std::string kNow = "2025-09-10T00:00:00Z";
const std::string kFuture = "2025-12-01T00:00:00Z";

Unit unit(const std::string& id, std::optional<std::string> parent, const std::string& kind) {
  return {id,           std::move(parent), kind,         "Đơn vị " + id,
          "code-" + id, std::nullopt,      std::nullopt, kAt};
}

Pupil pupil(const std::string& id, std::optional<std::string> purge_at = std::nullopt) {
  Pupil p;
  p.id = id;
  p.pseudonym = "Mèo " + id;
  p.class_id = "c_6a";
  p.age_band = "11-13";
  p.band_changes_on = "2027-01-01";
  p.sign_in_lookup = "lookup-" + id;
  p.identity_purge_at = std::move(purge_at);
  p.created_at = kAt;
  return p;
}

// The ward's Children's Council "cou_1": five places, ages 7 to 15, a two-year term.
Council ward_council(const std::string& name) {
  Council council;
  council.id = "cou_1";
  council.unit_id = "u_ward";
  council.name = name;
  council.term_start = "2026-01-01";
  council.term_end = "2027-12-31";
  council.member_cap = 5;
  council.min_age = 7;
  council.max_age = 15;
  council.created_by = "acc_1";
  council.created_at = council.updated_at = kAt;
  return council;
}

Submission submission(const std::string& id, const std::string& pupil_id,
                      const std::string& unit_id, const std::string& kind, const std::string& text,
                      const std::string& status, const std::string& at) {
  Submission s;
  s.id = id;
  s.pupil_id = pupil_id;
  s.unit_id = unit_id;
  s.kind = *submission_kind(kind);
  s.text = text;
  s.status = *submission_status(status);
  s.created_at = s.updated_at = at;
  return s;
}

const SealedIdentity kIdentity{std::string("n\0nce\xff", 6), std::string("\x01\0cipher\x80", 10)};

class StorageTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      auto admin = test::postgres_admin_url();
      if (!admin)
        GTEST_SKIP() << "no PostgreSQL test cluster (run through ctest, or set "
                        "LANGNGHE_TEST_PG_URL)";
      postgres_ = std::make_unique<test::PostgresDatabase>(*admin);
      url_ = postgres_->url();
    } else {
      std::string name = "ln-store-" + std::to_string(::getpid()) + "-" +
                         ::testing::UnitTest::GetInstance()->current_test_info()->name();
      std::replace(name.begin(), name.end(), '/', '_');
      dir_ = fs::temp_directory_path() / name;
      fs::remove_all(dir_);
      url_ = "sqlite:" + (dir_ / "langnghe.db").string();
    }
  }
  void TearDown() override {
    postgres_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  std::unique_ptr<Storage> open(store::MigrationReport* report = nullptr) {
    return store::open_storage(url_, report);
  }

  int newest() const {
    return GetParam() == "postgresql" ? store::postgres::migrations().back().version
                                      : store::sqlite::migrations().back().version;
  }

  // Runs SQL behind the stores' back, on the backend's own connection type.
  static void exec_sql(Storage& storage, const std::string& sql) {
    if (auto* pg = dynamic_cast<store::postgres::PostgresStorage*>(&storage)) {
      pg->pool().acquire()->exec_script(sql);
    } else {
      auto& lite = dynamic_cast<store::sqlite::SqliteStorage&>(storage);
      lite.pool().acquire()->exec(sql);
    }
  }

  // A city with two wards, a school in the first and a class in that school.
  static void seed_school(Storage& s) {
    s.organisation().insert_units({unit("u_city", std::nullopt, "province"),
                                   unit("u_ward", "u_city", "ward"),
                                   unit("u_ward2", "u_city", "ward")});
    s.organisation().insert_schools({{"s_1", "u_ward", "Trường 1", "S1", std::nullopt, kAt}});
    s.organisation().insert_class(
        {"c_6a", "s_1", "u_ward", "6A", 6, "2025-2026", "acc_f", std::nullopt, kAt},
        {"CODE6A", "c_6a", "acc_f", kAt, kFuture, std::nullopt});
  }

  std::string url_;
  fs::path dir_;
  std::unique_ptr<test::PostgresDatabase> postgres_;
};

TEST_P(StorageTest, MigrationsReachTheNewestVersionAndRerunningIsANoOp) {
  store::MigrationReport first, second;
  open(&first);
  EXPECT_EQ(first.from_version, 0);
  EXPECT_EQ(first.to_version, newest());
  EXPECT_EQ(static_cast<int>(first.applied.size()), newest());
  auto storage = open(&second);
  EXPECT_TRUE(second.applied.empty());
  EXPECT_EQ(second.from_version, newest());
  EXPECT_EQ(second.to_version, newest());
  EXPECT_EQ(storage->schema_version(), newest());
}

TEST_P(StorageTest, ADatabaseNewerThanTheBinaryIsRefused) {
  {
    auto storage = open();
    exec_sql(*storage, "INSERT INTO schema_migrations(version, name) VALUES (9999, 'future')");
  }
  EXPECT_THROW(open(), store::SchemaTooNew);
}

TEST_P(StorageTest, InstancesStartingAtOnceMigrateOnce) {
  std::atomic<int> ready{0}, failures{0};
  std::vector<std::thread> starters;
  for (int i = 0; i < 3; ++i)
    starters.emplace_back([&] {
      ++ready;
      while (ready < 3) std::this_thread::yield();
      try {
        open();
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  for (auto& t : starters) t.join();
  EXPECT_EQ(failures, 0);
  auto storage = open();
  EXPECT_EQ(storage->schema_version(), newest());
  store::MigrationReport again;
  open(&again);
  EXPECT_TRUE(again.applied.empty());
}

TEST_P(StorageTest, AUniqueKeyClashIsAConflictAndTheBatchIsAllOrNone) {
  auto s = open();
  s->organisation().insert_units({unit("u_city", std::nullopt, "province")});
  auto clash = unit("u_other", std::nullopt, "province");
  clash.code = "code-u_city";
  EXPECT_THROW(s->organisation().insert_units({unit("u_fine", std::nullopt, "province"), clash}),
               Conflict);
  EXPECT_FALSE(s->organisation().unit("u_fine"));
  EXPECT_FALSE(s->organisation().unit("u_other"));
  // The connection that saw the clash is usable again.
  s->organisation().insert_units({unit("u_fine", std::nullopt, "province")});
  EXPECT_TRUE(s->organisation().unit("u_fine"));
}

TEST_P(StorageTest, ForeignKeyAndCheckViolationsAreConflictsToo) {
  auto s = open();
  seed_school(*s);
  EXPECT_THROW(s->organisation().insert_schools(
                   {{"s_x", "u_nowhere", "X", std::nullopt, std::nullopt, kAt}}),
               Conflict);
  EXPECT_THROW(s->organisation().insert_class(
                   {"c_bad", "s_1", "u_ward", "13A", 13, "2025-2026", "acc_f", std::nullopt, kAt},
                   {"CODEBAD", "c_bad", "acc_f", kAt, kFuture, std::nullopt}),
               Conflict);
  EXPECT_FALSE(s->organisation().school_class("c_bad"));
  EXPECT_FALSE(s->organisation().join_code("CODEBAD"));
}

TEST_P(StorageTest, PagesFollowIdsInByteOrder) {
  auto s = open();
  s->organisation().insert_units(
      {unit("u_a", std::nullopt, "province"), unit("u_B", std::nullopt, "province"),
       unit("u_Z", std::nullopt, "province"), unit("u_b", std::nullopt, "province")});
  auto first = s->organisation().units({std::nullopt, 2}, std::nullopt);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].id, "u_B");
  EXPECT_EQ(first[1].id, "u_Z");
  auto second = s->organisation().units({first.back().id, 2}, std::nullopt);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].id, "u_a");
  EXPECT_EQ(second[1].id, "u_b");
  EXPECT_TRUE(s->organisation().units({second.back().id, 2}, std::nullopt).empty());
}

TEST_P(StorageTest, UnitTreesScopeClassesAndMergesMoveChildren) {
  auto s = open();
  seed_school(*s);
  s->organisation().insert_units({unit("u_sub", "u_ward", "ward")});
  EXPECT_EQ(s->organisation().unit_and_ancestors("u_sub"),
            (std::vector<std::string>{"u_sub", "u_ward", "u_city"}));
  auto in = [&](std::vector<std::string> units, bool everywhere) {
    std::vector<std::string> ids;
    for (const auto& c : s->organisation().classes({std::nullopt, 50}, units, everywhere, {}))
      ids.push_back(c.id);
    return ids;
  };
  EXPECT_EQ(in({"u_city"}, false), std::vector<std::string>{"c_6a"});
  EXPECT_EQ(in({"u_ward"}, false), std::vector<std::string>{"c_6a"});
  EXPECT_TRUE(in({"u_ward2"}, false).empty());
  EXPECT_EQ(in({}, true), std::vector<std::string>{"c_6a"});
  auto k = s->organisation().school_class("c_6a");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->unit_id, "u_ward");
  EXPECT_EQ(k->grade, 6);

  s->organisation().merge_unit("u_ward", "u_ward2", kNow);
  EXPECT_EQ(s->organisation().unit("u_ward")->merged_into, "u_ward2");
  EXPECT_EQ(s->organisation().unit("u_sub")->parent_id, "u_ward2");
  EXPECT_EQ(s->organisation().school("s_1")->unit_id, "u_ward2");
  EXPECT_EQ(in({"u_ward2"}, false), std::vector<std::string>{"c_6a"});
}

TEST_P(StorageTest, ListsOfUnitsRoundTripOnAuthoritiesAndAccounts) {
  auto s = open();
  seed_school(*s);
  Authority a{"auth_1",     "UBND", "people_committee", "u_city", "A1", 20, {"u_ward2", "u_ward"},
              std::nullopt, kAt};
  s->organisation().insert_authorities({a});
  auto got = s->organisation().authority_by_code("A1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->due_days, 20);
  EXPECT_EQ(got->served_unit_ids, (std::vector<std::string>{"u_ward", "u_ward2"}));
  a.served_unit_ids = {};
  s->organisation().update_authority(a);
  EXPECT_TRUE(s->organisation().authority("auth_1")->served_unit_ids.empty());

  Account acc{
      "acc_1",      "co.lan", "Cô Lan", "facilitator", "hash", std::nullopt, {"u_ward", "u_city"},
      std::nullopt, kAt,      kAt};
  s->accounts().insert_account(acc);
  EXPECT_EQ(s->accounts().account_by_username("co.lan")->unit_ids,
            (std::vector<std::string>{"u_city", "u_ward"}));
  EXPECT_EQ(s->accounts().count_accounts(), 1);
  acc.username = "co.lan";
  acc.id = "acc_2";
  EXPECT_THROW(s->accounts().insert_account(acc), Conflict);
}

TEST_P(StorageTest, SessionsAndSignInFailures) {
  auto s = open();
  s->accounts().insert_session(
      {"ses_1", "th1", "pupil", "p_1", "csrf", kAt, kAt, kFuture, std::nullopt, "test"});
  s->accounts().insert_session(
      {"ses_2", "th2", "pupil", "p_1", "csrf", kPast, kPast, kFuture, std::nullopt, ""});
  s->accounts().revoke_sessions_of("pupil", "p_1", "ses_2", kNow);
  EXPECT_EQ(s->accounts().session_by_token_hash("th1")->revoked_at, kNow);
  EXPECT_FALSE(s->accounts().session_by_token_hash("th2")->revoked_at);
  auto sessions = s->accounts().sessions_of("pupil", "p_1");
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_EQ(sessions[0].id, "ses_2");  // newest first
  s->accounts().touch_sessions({{"ses_1", kNow}, {"ses_2", kFuture}});
  EXPECT_EQ(s->accounts().session_by_token_hash("th1")->last_seen_at, kNow);
  EXPECT_EQ(s->accounts().session_by_token_hash("th2")->last_seen_at, kFuture);

  EXPECT_EQ(s->accounts().failures("k").failures, 0);
  s->accounts().set_failures("k", {3, std::nullopt}, kAt);
  s->accounts().set_failures("k", {5, kFuture}, kNow);
  auto f = s->accounts().failures("k");
  EXPECT_EQ(f.failures, 5);
  EXPECT_EQ(f.locked_until, kFuture);
  s->accounts().clear_failures("k");
  EXPECT_EQ(s->accounts().failures("k").failures, 0);
}

// Thousands of children signed in at once: "last seen" of every one of them is written, though
// in several transactions (a few hundred sessions each on SQLite).
TEST_P(StorageTest, LastSeenOfManySessionsAtOnce) {
  auto s = open();
  std::map<std::string, std::string> seen;
  for (int i = 0; i < 450; ++i) {
    const std::string id = "ses_" + std::to_string(i);
    s->accounts().insert_session({id, "th" + std::to_string(i), "pupil", "p_1", "csrf", kAt, kAt,
                                  kFuture, std::nullopt, ""});
    seen[id] = i % 2 ? kNow : kFuture;
  }
  s->accounts().touch_sessions(seen);
  for (int i : {0, 1, 199, 200, 201, 399, 400, 449})
    EXPECT_EQ(s->accounts().session_by_token_hash("th" + std::to_string(i))->last_seen_at,
              i % 2 ? kNow : kFuture)
        << i;
}

// The reference epoch (migration 13) moves with every change a kept sign-in or audience check
// depends on, and stays put for what they do not ("last seen", new rows nobody has read yet).
TEST_P(StorageTest, TheReferenceEpochMovesWithWhatSignInAndAudiencesRead) {
  auto s = open();
  if (GetParam() == "postgresql") {
    EXPECT_FALSE(s->reference_epoch());  // PostgreSQL servers read afresh every time
    return;
  }
  seed_school(*s);
  s->pupils().insert_pupil(pupil("p_1"), kIdentity);
  s->accounts().insert_session(
      {"ses_1", "th1", "pupil", "p_1", "csrf", kAt, kAt, kFuture, std::nullopt, ""});
  auto epoch = s->reference_epoch();
  ASSERT_TRUE(epoch);
  auto moved = [&] {
    auto now = s->reference_epoch();
    bool changed = now != epoch;
    epoch = now;
    return changed;
  };

  s->accounts().touch_sessions({{"ses_1", kNow}});
  EXPECT_FALSE(moved()) << "last seen";
  s->accounts().insert_session(
      {"ses_2", "th2", "pupil", "p_1", "csrf", kAt, kAt, kFuture, std::nullopt, ""});
  EXPECT_FALSE(moved()) << "a new session";

  s->pupils().insert_consent({"con_1", "p_1", ConsentKind::kChild, ConsentMethod::kOnline, "v1",
                              std::nullopt, "p_1", kAt, std::nullopt, std::nullopt});
  EXPECT_TRUE(moved()) << "consent given";
  s->pupils().withdraw_consents("p_1", kNow, "pupil");
  EXPECT_TRUE(moved()) << "consent withdrawn";
  s->accounts().revoke_session("ses_1", kNow);
  EXPECT_TRUE(moved()) << "signed out";
  auto p = *s->pupils().pupil("p_1");
  p.age_band = "15_17";
  s->pupils().update_pupil(p);
  EXPECT_TRUE(moved()) << "pupil changed";
  auto ward = *s->organisation().unit("u_ward");
  ward.name = "Phường 9 (mới)";
  s->organisation().update_unit(ward);
  EXPECT_TRUE(moved()) << "unit changed";
}

// Who handed a child their sign-in code, the sessions started with it, a facilitator's schools,
// and an identity kept while a safeguarding case of the child is open.
TEST_P(StorageTest, AdultIssuedCodesSchoolsOfFacilitatorsAndIdentitiesKeptForOpenCases) {
  auto s = open();
  seed_school(*s);
  s->pupils().insert_pupil(pupil("p_1"), kIdentity);
  EXPECT_FALSE(s->pupils().sign_in_code_issuer("p_1"));
  s->pupils().set_sign_in_code("p_1", "lookup-new", std::string("acc_f"));
  EXPECT_EQ(s->pupils().pupil_by_sign_in("lookup-new")->id, "p_1");
  EXPECT_FALSE(s->pupils().pupil_by_sign_in("lookup-p_1"));
  EXPECT_EQ(s->pupils().sign_in_code_issuer("p_1"), "acc_f");
  s->pupils().insert_pupil(pupil("p_2"), kIdentity);
  EXPECT_THROW(s->pupils().set_sign_in_code("p_2", "lookup-new", std::nullopt), Conflict);

  Session issued{"ses_9", "th9", "pupil", "p_1", "csrf", kAt, kAt, kFuture, std::nullopt, "",
                 std::string("acc_f")};
  s->accounts().insert_session(issued);
  s->accounts().insert_session(
      {"ses_8", "th8", "pupil", "p_1", "csrf", kAt, kAt, kFuture, std::nullopt, ""});
  EXPECT_EQ(s->accounts().session_by_token_hash("th9")->issued_by, "acc_f");
  EXPECT_FALSE(s->accounts().session_by_token_hash("th8")->issued_by);

  Account acc{"acc_f", "co.lan", "Cô Lan", "facilitator", "hash", std::nullopt, {"u_ward"},
              std::nullopt, kAt, kAt, {"s_1"}};
  s->accounts().insert_account(acc);
  EXPECT_EQ(s->accounts().account("acc_f")->school_ids, std::vector<std::string>{"s_1"});
  acc.school_ids = {};
  s->accounts().update_account(acc);
  EXPECT_TRUE(s->accounts().account("acc_f")->school_ids.empty());
  auto in_schools = [&](std::vector<std::string> schools) {
    return s->organisation().classes({std::nullopt, 50}, {"u_city"}, false, schools).size();
  };
  EXPECT_EQ(in_schools({}), 1u);
  EXPECT_EQ(in_schools({"s_1"}), 1u);
  EXPECT_EQ(in_schools({"s_other"}), 0u);

  // Consent withdrawn, purge day passed: an open case keeps the identity; a closed one does not.
  Submission told = submission("sub_sg", "p_1", "u_ward", "opinion", "…", "queued", kAt);
  told.queue = Queue::kSafeguarding;
  s->submissions().insert_submission(told);
  Pupil p = *s->pupils().pupil("p_1");
  p.identity_purge_at = kAt;
  s->pupils().update_pupil(p);
  EXPECT_TRUE(s->pupils().purge_identities(kNow).empty());
  EXPECT_TRUE(s->pupils().identity("p_1"));
  told.status = SubmissionStatus::kClosurePending;
  told.version = 2;
  ASSERT_TRUE(s->submissions().update_if_version(told, 1));
  EXPECT_TRUE(s->pupils().purge_identities(kNow).empty());
  EXPECT_EQ(s->submissions().queue_items(Queue::kSafeguarding, {"u_ward"}, false, {std::nullopt, 10})
                .size(),
            1u);  // waiting for the second lead: still in the leads' queue
  told.status = SubmissionStatus::kClosed;
  told.version = 3;
  ASSERT_TRUE(s->submissions().update_if_version(told, 2));
  EXPECT_EQ(s->pupils().purge_identities(kNow), std::vector<std::string>{"p_1"});
  EXPECT_FALSE(s->pupils().identity("p_1"));
}

TEST_P(StorageTest, PupilsIdentitiesConsentsAndRequests) {
  auto s = open();
  seed_school(*s);
  s->pupils().insert_pupil(pupil("p_1"), kIdentity);
  auto p = s->pupils().pupil_by_sign_in("lookup-p_1");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->school_id, "s_1");
  EXPECT_EQ(p->unit_id, "u_ward");
  EXPECT_EQ(p->role, "pupil");
  // ASCII letters fold, as in SQLite's lower(); the rest compares as written.
  EXPECT_TRUE(s->pupils().pseudonym_taken("c_6a", "mèo p_1"));
  EXPECT_FALSE(s->pupils().pseudonym_taken("c_6a", "MÈO p_1"));
  EXPECT_THROW(s->pupils().insert_pupil(pupil("p_1"), kIdentity), Conflict);

  auto identity = s->pupils().identity("p_1");
  ASSERT_TRUE(identity);
  EXPECT_EQ(identity->nonce, kIdentity.nonce);
  EXPECT_EQ(identity->ciphertext, kIdentity.ciphertext);
  s->pupils().set_identity("p_1", {"n2", std::string("\0\0", 2)}, kNow);
  EXPECT_EQ(s->pupils().identity("p_1")->ciphertext, std::string("\0\0", 2));

  s->pupils().insert_consent({"con_1", "p_1", ConsentKind::kChild, ConsentMethod::kOnline, "v1",
                              std::nullopt, "p_1", kAt, std::nullopt, std::nullopt});
  s->pupils().withdraw_consents("p_1", kNow, "pupil");
  EXPECT_EQ(s->pupils().consents("p_1").at(0).withdrawn_at, kNow);

  for (std::string id : {"dr_1", "dr_2", "dr_3"})
    s->pupils().insert_data_request(
        {id, "p_1", DataRequestKind::kExport, Requester::kPupil,
         id == "dr_2" ? DataRequestStatus::kDone : DataRequestStatus::kOpen, "", kAt, kFuture,
         std::nullopt, std::nullopt, std::nullopt});
  auto open_ones =
      s->pupils().data_requests({std::nullopt, 1}, DataRequestStatus::kOpen, std::nullopt);
  ASSERT_EQ(open_ones.size(), 1u);
  EXPECT_EQ(open_ones[0].id, "dr_1");
  auto next =
      s->pupils().data_requests({open_ones[0].id, 5}, DataRequestStatus::kOpen, std::string("p_1"));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].id, "dr_3");
  EXPECT_EQ(s->pupils().data_requests({std::nullopt, 50}, std::nullopt, std::nullopt).size(), 3u);

  Submission idea = submission("sub_1", "p_1", "u_ward", "idea", "Thêm cây xanh", "queued", kAt);
  idea.screening.labels = {ScreenerLabel::kPersonalInfo};
  idea.queue = Queue::kNormal;
  s->submissions().insert_submission(idea);
  auto sub = s->submissions().submission("sub_1");
  ASSERT_TRUE(sub);
  EXPECT_EQ(sub->text, "Thêm cây xanh");
  EXPECT_EQ(sub->screening.labels, std::vector<ScreenerLabel>{ScreenerLabel::kPersonalInfo});
  EXPECT_EQ(sub->queue, Queue::kNormal);
  EXPECT_EQ(s->submissions().submissions_of("p_1", {std::nullopt, 10}).size(), 1u);
  EXPECT_TRUE(s->submissions().submissions_of("p_1", {std::string("sub_1"), 10}).empty());

  // The moderation queue: waiting items by unit, and claims that only one writer wins.
  auto summary = s->submissions().queue_summary(Queue::kNormal, {}, true, kAt);
  EXPECT_EQ(summary.items, 1);
  EXPECT_EQ(summary.oldest_at, kAt);
  EXPECT_EQ(summary.late, 0);  // sent at the deadline's edge, not before it
  EXPECT_EQ(s->submissions().queue_summary(Queue::kNormal, {}, true, kFuture).late, 1);
  EXPECT_EQ(s->submissions().queue_summary(Queue::kPriority, {}, true, kFuture).items, 0);
  EXPECT_EQ(s->submissions().queue_items(Queue::kNormal, {"u_ward"}, false, {std::nullopt, 10}).size(),
            1u);
  EXPECT_TRUE(
      s->submissions().queue_items(Queue::kNormal, {"u_elsewhere"}, false, {std::nullopt, 10}).empty());
  Submission claimed = *sub;
  claimed.status = SubmissionStatus::kClaimed;
  claimed.claimed_by = "acc_a";
  claimed.version = 2;
  EXPECT_TRUE(s->submissions().update_if_version(claimed, 1));
  claimed.claimed_by = "acc_b";
  claimed.version = 2;
  EXPECT_FALSE(s->submissions().update_if_version(claimed, 1));  // lost the race
  EXPECT_EQ(s->submissions().submission("sub_1")->claimed_by, "acc_a");

  // A resent text, its fingerprints and its revisions are kept; a reviewed item is never late.
  Submission resent = *s->submissions().submission("sub_1");
  resent.text = "Thêm nhiều cây xanh";
  resent.fingerprint = "fp_2";
  resent.simhash = -42;  // SimHash uses all 64 bits
  resent.resent_at = kFuture;
  resent.first_reviewed_at = kFuture;
  resent.revisions = {{"Thêm cây xanh", kAt, std::nullopt}};
  resent.version = 3;
  ASSERT_TRUE(s->submissions().update_if_version(resent, 2));
  auto again = s->submissions().submission("sub_1");
  EXPECT_EQ(again->text, "Thêm nhiều cây xanh");
  EXPECT_EQ(again->simhash, -42);
  EXPECT_EQ(again->resent_at, kFuture);
  ASSERT_EQ(again->revisions.size(), 1u);
  EXPECT_EQ(again->revisions[0].text, "Thêm cây xanh");
  EXPECT_EQ(again->revisions[0].sent_at, kAt);
  EXPECT_EQ(s->submissions().queue_summary(Queue::kNormal, {}, true, "9999").late, 0);
  std::vector<std::pair<std::string, std::int64_t>> prints;
  auto collect = [&](const SubmissionFingerprint& f) {
    prints.emplace_back(std::string(f.fingerprint), f.simhash);
  };
  s->submissions().recent_fingerprints("u_ward", kAt, 10, collect);
  ASSERT_EQ(prints.size(), 1u);
  EXPECT_EQ(prints[0].first, "fp_2");
  EXPECT_EQ(prints[0].second, -42);
  prints.clear();
  s->submissions().recent_fingerprints("u_elsewhere", kAt, 10, collect);
  EXPECT_TRUE(prints.empty());
  EXPECT_EQ(s->submissions().screened_since({}, true, kAt, 10).size(), 1u);
  EXPECT_TRUE(s->submissions().screened_since({"u_elsewhere"}, false, kAt, 10).empty());

  // Rule tallies add up per unit and sum across the units asked for.
  s->submissions().count_rule_outcomes("u_ward", {"pi.phone.vn", "rude.vi"}, true);
  s->submissions().count_rule_outcomes("u_ward", {"pi.phone.vn"}, false);
  s->submissions().count_rule_outcomes("u_other", {"pi.phone.vn"}, true);
  auto outcomes = s->submissions().rule_outcomes({}, true);
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0].rule, "pi.phone.vn");
  EXPECT_EQ(outcomes[0].agreed, 2);
  EXPECT_EQ(outcomes[0].disagreed, 1);
  auto ward_only = s->submissions().rule_outcomes({"u_ward"}, false);
  ASSERT_EQ(ward_only.size(), 2u);
  EXPECT_EQ(ward_only[0].agreed, 1);
}

TEST_P(StorageTest, ConcurrentAppendsFromTwoInstancesKeepOneVerifiedChain) {
  auto first = open();
  auto second = open();
  SystemClock clock;
  AuditLog log_a(first->audit(), clock), log_b(second->audit(), clock);
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t)
    writers.emplace_back([&, t] {
      AuditLog& log = t % 2 ? log_a : log_b;
      for (int i = 0; i < 20; ++i)
        log.record(AuditActor::system(), "test.event", "thing", std::to_string(t));
    });
  for (auto& w : writers) w.join();
  auto v = AuditLog(first->audit(), clock).verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 80);
}

TEST_P(StorageTest, AuditEntriesCannotBeChangedOrDeleted) {
  auto s = open();
  SystemClock clock;
  AuditLog(s->audit(), clock).record(AuditActor::system(), "a", "t", "1");
  EXPECT_ANY_THROW(exec_sql(*s, "UPDATE audit_log SET reason = 'x'"));
  EXPECT_ANY_THROW(exec_sql(*s, "DELETE FROM audit_log"));
  EXPECT_EQ(s->audit().entries(0, 10).size(), 1u);
  EXPECT_TRUE(AuditLog(s->audit(), clock).verify().ok);
}

TEST_P(StorageTest, AuditDetailsReadBackAndTheChainVerifies) {
  auto s = open();
  SystemClock clock;
  AuditLog log(s->audit(), clock);
  log.record({"pupil", "p_1", std::string("acc_9")}, "consent.give", "pupil", "p_1", "",
             {{"kind", "guardian"},
              {"slip_number", 12},
              {"adopted", false},
              {"unit_ids", std::vector<std::string>{"u_1", "u_2"}},
              {"name", "Nguyễn \"Mèo\"\n"}});
  const auto entries = s->audit().entries(0, 10);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].details,
            (AuditDetails{{"adopted", false},
                          {"code_issued_by", AuditDetails{{"id", "acc_9"}, {"kind", "account"}}},
                          {"kind", "guardian"},
                          {"name", "Nguyễn \"Mèo\"\n"},
                          {"slip_number", 12},
                          {"unit_ids", std::vector<std::string>{"u_1", "u_2"}}}));
  const auto v = log.verify();
  EXPECT_TRUE(v.ok) << v.problem;
}

TEST_P(StorageTest, AnEventKeepsItsKindChildrenByBandAndOutcomes) {
  auto s = open();
  seed_school(*s);
  CouncilEvent e{"evt_1",
                 "u_ward",
                 EventKind::kLeadersDialogue,
                 "Lãnh đạo gặp gỡ trẻ em",
                 "2026-05-10",
                 {{"11-13", 34}, {"7-10", 18}},
                 52,
                 {"Thêm đèn trong hẻm", "Mở cửa sân trường"},
                 std::nullopt,
                 "acc_f",
                 kAt};
  s->councils().insert_event(e);
  const auto stored = s->councils().event("evt_1");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->kind, EventKind::kLeadersDialogue);
  EXPECT_EQ(stored->participants_by_band, e.participants_by_band);
  EXPECT_EQ(stored->participants, 52);
  EXPECT_EQ(stored->outcomes, e.outcomes);
  const auto listed = s->councils().events_in("u_city", "2026-01-01", "2027-01-01");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].outcomes, e.outcomes);
}

TEST_P(StorageTest, TwoInstancesPurgingAtOnceTakeEachIdentityOnce) {
  auto first = open();
  auto second = open();
  seed_school(*first);
  constexpr int kDue = 40;
  for (int i = 0; i < kDue; ++i)
    first->pupils().insert_pupil(pupil("p_due_" + std::to_string(100 + i), kPast), kIdentity);
  first->pupils().insert_pupil(pupil("p_later", kFuture), kIdentity);

  std::mutex mutex;
  std::vector<std::string> purged;
  std::atomic<int> ready{0};
  std::vector<std::thread> jobs;
  for (int t = 0; t < 4; ++t)
    jobs.emplace_back([&, t] {
      Storage& s = t % 2 ? *first : *second;
      ++ready;
      while (ready < 4) std::this_thread::yield();
      for (int round = 0; round < 3; ++round) {
        auto mine = s.pupils().purge_identities(kNow);
        std::lock_guard lock(mutex);
        purged.insert(purged.end(), mine.begin(), mine.end());
      }
    });
  for (auto& j : jobs) j.join();

  std::set<std::string> unique(purged.begin(), purged.end());
  EXPECT_EQ(purged.size(), static_cast<std::size_t>(kDue)) << "an identity was purged twice";
  EXPECT_EQ(unique.size(), static_cast<std::size_t>(kDue));
  for (const auto& id : unique) {
    EXPECT_FALSE(first->pupils().identity(id)) << id;
    EXPECT_FALSE(first->pupils().pupil(id)->identity_purge_at) << id;
  }
  EXPECT_TRUE(first->pupils().identity("p_later"));
  EXPECT_TRUE(first->pupils().purge_identities(kNow).empty());
}

// Wrong guesses from two instances at once: every one is counted (one statement each), and a
// lock only ever grows.
TEST_P(StorageTest, ConcurrentFailuresFromTwoInstancesAreAllCounted) {
  auto first = open();
  auto second = open();
  std::vector<std::thread> guessers;
  for (int t = 0; t < 4; ++t)
    guessers.emplace_back([&, t] {
      Storage& s = t % 2 ? *first : *second;
      for (int i = 0; i < 20; ++i) s.accounts().add_failure("address:192.0.2.1", kNow);
    });
  for (auto& g : guessers) g.join();
  EXPECT_EQ(first->accounts().failures("address:192.0.2.1").failures, 80);
  EXPECT_EQ(second->accounts().add_failure("address:192.0.2.1", kNow), 81);

  first->accounts().lock_failures_until("address:192.0.2.1", kFuture);
  second->accounts().lock_failures_until("address:192.0.2.1", kPast);
  EXPECT_EQ(first->accounts().failures("address:192.0.2.1").locked_until, kFuture)
      << "a shorter lock never shortens a longer one";
  first->accounts().clear_failures("address:192.0.2.1");
  EXPECT_EQ(first->accounts().failures("address:192.0.2.1").failures, 0);
}

// Retention deletes ended sessions and old failure counters, nothing younger.
TEST_P(StorageTest, RetentionPurgeDeletesOnlyWhatIsPastItsCutoff) {
  auto s = open();
  s->accounts().add_failure("old", kPast);
  s->accounts().add_failure("new", kFuture);
  RetentionCutoffs cutoffs{kNow, kNow, kNow, kNow, kNow};
  auto purged = s->retention().purge(cutoffs);
  EXPECT_EQ(purged.sign_in_failures, 1);
  EXPECT_EQ(s->accounts().failures("old").failures, 0);
  EXPECT_EQ(s->accounts().failures("new").failures, 1);
  EXPECT_EQ(s->retention().purge(cutoffs).sign_in_failures, 0) << "purging twice deletes nothing";
}

// Children's Councils: the member cap holds when two instances add members at once, and the
// pupil's council_member role follows a current membership.
TEST_P(StorageTest, CouncilCapHoldsUnderConcurrentAdditionsAndTheRoleFollowsMembership) {
  auto first = open();
  auto second = open();
  seed_school(*first);
  Council council = ward_council("Hội đồng trẻ em");
  first->councils().insert_council(council);
  constexpr int kCandidates = 16;
  for (int i = 0; i < kCandidates; ++i)
    first->pupils().insert_pupil(pupil("p_c" + std::to_string(100 + i)), kIdentity);

  std::atomic<int> added{0}, ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      Storage& s = t % 2 ? *first : *second;
      ++ready;
      while (ready < 4) std::this_thread::yield();
      for (int i = t; i < kCandidates; i += 4) {
        std::string id = std::to_string(100 + i);
        CouncilMember m{"mem_" + id,  "cou_1",      "p_c" + id, CouncilRole::kMember,
                        CouncilJoining::kElection, "2026-02-01", std::nullopt, "acc_1", kAt};
        if (s.councils().insert_member(m, council.member_cap)) ++added;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(added.load(), 5);
  auto members = first->councils().members("cou_1");
  ASSERT_EQ(members.size(), 5u);
  int council_members = 0;
  for (int i = 0; i < kCandidates; ++i)
    council_members +=
        first->pupils().pupil("p_c" + std::to_string(100 + i))->role == "council_member";
  EXPECT_EQ(council_members, 5);

  // The same pupil twice is a Conflict; leaving gives the role back and frees a place.
  const auto& one = members.front();
  CouncilMember again{"mem_again", "cou_1", one.pupil_id, CouncilRole::kMember,
                      CouncilJoining::kElection, "2026-03-01", std::nullopt, "acc_1", kAt};
  first->councils().end_member(one.id, "2026-03-01");
  EXPECT_EQ(first->pupils().pupil(one.pupil_id)->role, "pupil");
  EXPECT_EQ(first->councils().members("cou_1").front().left_on, "2026-03-01");
  EXPECT_TRUE(second->councils().insert_member(again, council.member_cap));
  EXPECT_EQ(first->pupils().pupil(one.pupil_id)->role, "council_member");
  again.id = "mem_again2";
  EXPECT_THROW(first->councils().insert_member(again, 10), Conflict);
  EXPECT_EQ(first->councils().memberships_of(one.pupil_id).size(), 2u);
}

// A session's agenda, attendance and lifecycle and a proposal's votes come back as they were
// written, and a row written in the column format of earlier versions reads the same.
TEST_P(StorageTest, CouncilSessionsAndVotesRoundTripInTheirColumnFormat) {
  auto s = open();
  seed_school(*s);
  Council council = ward_council("Hội đồng trẻ em");
  s->councils().insert_council(council);

  CouncilSession x;
  x.id = "ses_1";
  x.council_id = "cou_1";
  x.title = "Kỳ họp thứ nhất";
  x.planned_for = "2026-03-01";
  x.status = CouncilSessionStatus::kHeld;
  x.agenda = {{AgendaKind::kSubmission, "sub_1"}, {AgendaKind::kConsultation, "con_1"}};
  x.held_on = "2026-03-01";
  x.attendance = {"mem_2", "mem_1"};
  x.lifecycle = {{CouncilSessionStatus::kPlanned, kAt, "acc_1"},
                 {CouncilSessionStatus::kHeld, kAt, "acc_2"}};
  x.created_by = "acc_1";
  x.created_at = x.updated_at = kAt;
  s->councils().insert_session(x);
  auto back = s->councils().session("ses_1");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, CouncilSessionStatus::kHeld);
  ASSERT_EQ(back->agenda.size(), 2u);
  EXPECT_EQ(back->agenda[1].kind, AgendaKind::kConsultation);
  EXPECT_EQ(back->agenda[1].id, "con_1");
  EXPECT_EQ(back->attendance, (std::vector<std::string>{"mem_2", "mem_1"}));
  ASSERT_EQ(back->lifecycle.size(), 2u);
  EXPECT_EQ(back->lifecycle[1].status, CouncilSessionStatus::kHeld);
  EXPECT_EQ(back->lifecycle[1].by, "acc_2");

  CouncilProposal p;
  p.id = "pro_1";
  p.session_id = "ses_1";
  p.council_id = "cou_1";
  p.title = "Sân chơi";
  p.text = "Mở cửa sân trường.";
  p.present = 2;
  p.votes_for = 1;
  p.abstentions = 1;
  p.votes = {{"mem_1", VoteChoice::kFor}, {"mem_2", VoteChoice::kAbstain}};
  p.created_by = "acc_1";
  p.created_at = kAt;
  p.position = 1;
  s->councils().insert_proposal(p);
  auto proposals = s->councils().proposals_of("ses_1");
  ASSERT_EQ(proposals.size(), 1u);
  EXPECT_EQ(proposals[0].votes, p.votes);

  // As an earlier version wrote it: the same JSON text in the same columns.
  exec_sql(*s,
           "INSERT INTO council_sessions(id, council_id, title, planned_for, location, status,"
           " agenda, held_on, attendance, minutes, lifecycle, created_by, created_at, updated_at)"
           " VALUES ('ses_old', 'cou_1', 'Cũ', '2026-01-10', '', 'minuted',"
           " '[{\"id\":\"sub_9\",\"kind\":\"submission\"}]', '2026-01-10', '[\"mem_1\"]',"
           " 'Biên bản', '[{\"at\":\"" + kAt + "\",\"by\":\"acc_1\",\"status\":\"planned\"}]',"
           " 'acc_1', '" + kAt + "', '" + kAt + "')");
  auto old = s->councils().session("ses_old");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->status, CouncilSessionStatus::kMinuted);
  ASSERT_EQ(old->agenda.size(), 1u);
  EXPECT_EQ(old->agenda[0].id, "sub_9");
  EXPECT_EQ(old->attendance, std::vector<std::string>{"mem_1"});
  ASSERT_EQ(old->lifecycle.size(), 1u);
  EXPECT_EQ(old->lifecycle[0].status, CouncilSessionStatus::kPlanned);
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// The two schemas move together: the same numbered migrations, with the same names.
TEST(StorageBackends, HaveTheSameMigrations) {
  const auto& lite = store::sqlite::migrations();
  const auto& pg = store::postgres::migrations();
  ASSERT_EQ(lite.size(), pg.size());
  for (std::size_t i = 0; i < lite.size(); ++i) {
    EXPECT_EQ(lite[i].version, pg[i].version);
    EXPECT_STREQ(lite[i].name, pg[i].name);
  }
}

// --- Recommendations and official responses ---------------------------------------------------

TEST_P(StorageTest, RecommendationsSourcesReactionsAndNotifications) {
  auto s = open();
  seed_school(*s);
  s->organisation().insert_authorities({{"aut_1",
                                         "Ủy ban nhân dân",
                                         "people_committee",
                                         "u_ward",
                                         "UB",
                                         30,
                                         {"u_ward"},
                                         std::nullopt,
                                         kAt}});
  s->pupils().insert_pupil(pupil("p_1"), kIdentity);
  Submission idea = submission("sub_1", "p_1", "u_ward", "idea", "Sân chơi", "approved", kAt);
  s->submissions().insert_submission(idea);

  Recommendation r;
  r.id = "rec_1";
  r.unit_id = "u_ward";
  r.title = "Sân chơi an toàn";
  r.text = "Các em đề nghị sửa sân chơi.";
  r.quotes = {{"sub_1", "Sân chơi"}};
  r.created_by = "acc_m";
  r.created_at = r.updated_at = kAt;
  s->recommendations().insert_recommendation(r, {{"rec_1", "sub_1", "p_1"}});
  auto stored = s->recommendations().recommendation("rec_1");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->title, r.title);
  EXPECT_EQ(stored->status, RecommendationStatus::kDraft);
  EXPECT_FALSE(stored->overdue);
  EXPECT_FALSE(stored->authority_id);
  ASSERT_EQ(stored->quotes.size(), 1u);
  EXPECT_EQ(stored->quotes[0].submission_id, "sub_1");
  EXPECT_EQ(stored->quotes[0].text, "Sân chơi");
  EXPECT_FALSE(stored->answer);
  EXPECT_FALSE(stored->feedback);
  EXPECT_EQ(s->recommendations().sources_of_pupil("p_1").at(0).recommendation_id, "rec_1");

  RecommendationFilter forwarded;
  forwarded.forwarded_only = true;
  EXPECT_TRUE(s->recommendations().recommendations(forwarded, {}).empty());
  EXPECT_TRUE(s->recommendations().awaiting_answer().empty());

  // Versioned updates: the second writer with the old version loses.
  Recommendation next = *stored;
  next.status = RecommendationStatus::kForwarded;
  next.authority_id = "aut_1";
  next.due_date = "2025-10-15";
  next.overdue = true;
  next.version = 2;
  EXPECT_TRUE(s->recommendations().update_if_version(next, 1));
  EXPECT_FALSE(s->recommendations().update_if_version(next, 1));
  EXPECT_TRUE(s->recommendations().recommendation("rec_1")->overdue);

  EXPECT_EQ(s->recommendations().recommendations(forwarded, {}).size(), 1u);
  RecommendationFilter other;
  other.authority_id = "aut_2";
  EXPECT_TRUE(s->recommendations().recommendations(other, {}).empty());
  EXPECT_EQ(s->recommendations().awaiting_answer().size(), 1u);

  // The answer, commitments, feedback, history and reminders come back as they were saved.
  Recommendation reply = *s->recommendations().recommendation("rec_1");
  reply.status = RecommendationStatus::kAnswered;
  reply.answer = Answer{Decision::kReferred, "Việc của phòng khác.", ReferredTo{"aut_2", "Phòng GD"},
                           "acc_o", kAt};
  reply.commitments = {{"rec_1~1", "Sửa xích đu", "Phường", "2025-11-01",
                           CommitmentStatus::kInProgress,
                           {{"Đã mua xích", kAt, "acc_o", CommitmentStatus::kInProgress},
                            {"Ghi chú", kAt, "acc_o", std::nullopt}}}};
  reply.feedback = Feedback{{{"all", {"Các em nói", "Chúng tôi làm", "Vì sao", "Tiếp theo"}}},
                               "acc_m", kAt};
  reply.history = {{"created", RecommendationStatus::kDraft, kAt, "acc_m"},
                      {"answered", RecommendationStatus::kAnswered, kAt, "acc_o"}};
  reply.reminders.escalated = kAt;
  reply.version = 3;
  ASSERT_TRUE(s->recommendations().update_if_version(reply, 2));
  auto back = *s->recommendations().recommendation("rec_1");
  EXPECT_EQ(back.status, RecommendationStatus::kAnswered);
  ASSERT_TRUE(back.answer);
  EXPECT_EQ(back.answer->decision, Decision::kReferred);
  ASSERT_TRUE(back.answer->referred_to);
  EXPECT_EQ(back.answer->referred_to->name, "Phòng GD");
  ASSERT_EQ(back.commitments.size(), 1u);
  EXPECT_EQ(back.commitments[0].status, CommitmentStatus::kInProgress);
  ASSERT_EQ(back.commitments[0].updates.size(), 2u);
  EXPECT_EQ(back.commitments[0].updates[0].status, CommitmentStatus::kInProgress);
  EXPECT_FALSE(back.commitments[0].updates[1].status);
  ASSERT_TRUE(back.feedback);
  EXPECT_EQ(back.feedback->bands.at("all").what_next, "Tiếp theo");
  ASSERT_EQ(back.history.size(), 2u);
  EXPECT_EQ(back.history[1].status, RecommendationStatus::kAnswered);
  EXPECT_EQ(back.reminders.escalated, kAt);
  EXPECT_FALSE(back.reminders.overdue);
  RecommendationFilter answered_only;
  answered_only.status = RecommendationStatus::kAnswered;
  EXPECT_EQ(s->recommendations().recommendations(answered_only, {}).size(), 1u);
  answered_only.status = RecommendationStatus::kClosed;
  EXPECT_TRUE(s->recommendations().recommendations(answered_only, {}).empty());

  // A reaction and its moderation item land together; one reaction per child.
  Submission words = idea;
  words.id = "sub_2";
  words.status = SubmissionStatus::kQueued;
  words.queue = Queue::kNormal;
  s->recommendations().insert_reaction({"rx_1", "rec_1", "p_1", ReactionKind::kDisagree, "Chưa đủ",
                                        "sub_2", kNow, std::nullopt, std::nullopt, std::nullopt},
                                       words);
  EXPECT_TRUE(s->submissions().submission("sub_2"));
  EXPECT_EQ(s->recommendations().reactions("rec_1").at(0).kind, ReactionKind::kDisagree);
  EXPECT_THROW(s->recommendations().insert_reaction(
                   {"rx_2", "rec_1", "p_1", ReactionKind::kAgree, std::nullopt, std::nullopt, kNow,
                    std::nullopt, std::nullopt, std::nullopt},
                   std::nullopt),
               Conflict);

  // A question waits for the Youth Union until one reply is kept, with the child's notification
  // in the same transaction; a second reply writes nothing.
  s->pupils().insert_pupil(pupil("p_2"), kIdentity);
  Submission asked = idea;
  asked.id = "sub_3";
  asked.pupil_id = "p_2";
  asked.status = SubmissionStatus::kQueued;
  asked.queue = Queue::kNormal;
  s->recommendations().insert_reaction(
      {"rx_3", "rec_1", "p_2", ReactionKind::kQuestion, "Bao giờ ạ?", "sub_3", kNow, std::nullopt,
       std::nullopt, std::nullopt},
      asked);
  auto open = s->recommendations().unanswered_questions();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].id, "rx_3");
  EXPECT_EQ(open[0].text, "Bao giờ ạ?");
  EXPECT_FALSE(s->recommendations().reaction("rx_nowhere"));
  Reaction answered = open[0];
  answered.reply = "Trong tháng này em nhé.";
  answered.replied_by = "acc_m";
  answered.replied_at = kNow;
  Notification told{"ntf_q",
                    "pupil",
                    "p_2",
                    NotificationKind::kQuestionAnswered,
                    "recommendation",
                    "rec_1",
                    "Đã trả lời",
                    "question:rx_3:answered",
                    kNow,
                    std::nullopt};
  EXPECT_EQ(s->recommendations().unread_notifications("pupil", "p_2"), 0);
  EXPECT_TRUE(s->recommendations().reply_to_question(answered, told));
  told.id = "ntf_q2";
  told.dedupe_key = "question:rx_3:again";
  answered.reply = "Lần nữa.";
  EXPECT_FALSE(s->recommendations().reply_to_question(answered, told));
  EXPECT_EQ(s->recommendations().reaction("rx_3")->reply, "Trong tháng này em nhé.");
  EXPECT_EQ(s->recommendations().reaction("rx_3")->replied_by, "acc_m");
  EXPECT_TRUE(s->recommendations().unanswered_questions().empty());
  EXPECT_EQ(s->recommendations().unread_notifications("pupil", "p_2"), 1);
  EXPECT_TRUE(s->recommendations().mark_notification_read("ntf_q", "pupil", "p_2", kNow));
  EXPECT_EQ(s->recommendations().unread_notifications("pupil", "p_2"), 0);

  // Notifications: a second one with the same key is not written.
  Notification n{"ntf_1",
                 "account",
                 "acc_o",
                 NotificationKind::kOverdue,
                 "recommendation",
                 "rec_1",
                 "Quá hạn",
                 "rec_1:overdue:acc_o",
                 kNow,
                 std::nullopt};
  EXPECT_TRUE(s->recommendations().insert_notification(n));
  n.id = "ntf_2";
  EXPECT_FALSE(s->recommendations().insert_notification(n));
  EXPECT_EQ(s->recommendations().notifications_of("account", "acc_o", {}).size(), 1u);
  EXPECT_FALSE(s->recommendations().mark_notification_read("ntf_1", "account", "acc_x", kNow));
  EXPECT_TRUE(s->recommendations().mark_notification_read("ntf_1", "account", "acc_o", kNow));
  EXPECT_EQ(s->recommendations().notifications_of("account", "acc_o", {}).at(0).read_at, kNow);

  EXPECT_FALSE(s->recommendations().authority_contact("aut_1"));
  s->recommendations().set_authority_contact("aut_1", "a@example.org", kAt);
  s->recommendations().set_authority_contact("aut_1", "b@example.org", kNow);
  EXPECT_EQ(s->recommendations().authority_contact("aut_1"), "b@example.org");
}

// --- Lists for compiling recommendations and finding Council members --------------------------

TEST_P(StorageTest, ApprovedSubmissionsNewestFirstWithinUnitsAndWhetherQuoted) {
  auto s = open();
  seed_school(*s);
  s->pupils().insert_pupil(pupil("p_1"), kIdentity);
  auto add = [&](const std::string& id, const std::string& unit, const std::string& status,
                 const std::string& at, const std::string& kind = "idea") {
    Submission x = submission(id, "p_1", unit, kind, "Lời của em " + id, status, at);
    s->submissions().insert_submission(x);
    return x;
  };
  add("sub_a", "u_ward", "approved", "2025-09-01T08:00:00Z");
  Submission redacted = add("sub_b", "u_ward", "approved", "2025-09-02T08:00:00Z");
  redacted.status = SubmissionStatus::kApprovedRedacted;
  redacted.redacted_text = "Lời của […]";
  redacted.version = 2;
  ASSERT_TRUE(s->submissions().update_if_version(redacted, 1));
  add("sub_c", "u_ward", "queued", "2025-09-03T08:00:00Z");
  add("sub_d", "u_ward", "rejected", "2025-09-04T08:00:00Z");
  add("sub_e", "u_ward2", "approved", "2025-09-05T08:00:00Z", "opinion");
  add("sub_f", "u_ward2", "approved", "2025-09-05T08:00:00Z");  // same time: by id, descending

  auto ids = [](const std::vector<ApprovedSubmission>& items) {
    std::vector<std::string> out;
    for (const auto& a : items) out.push_back(a.submission.id);
    return out;
  };
  auto& subs = s->submissions();
  EXPECT_EQ(ids(subs.approved({"u_city"}, false, std::nullopt, {std::nullopt, 10})),
            (std::vector<std::string>{"sub_f", "sub_e", "sub_b", "sub_a"}));
  EXPECT_EQ(ids(subs.approved({}, true, std::nullopt, {std::nullopt, 10})),
            (std::vector<std::string>{"sub_f", "sub_e", "sub_b", "sub_a"}));
  EXPECT_EQ(ids(subs.approved({"u_ward"}, false, std::nullopt, {std::nullopt, 10})),
            (std::vector<std::string>{"sub_b", "sub_a"}));
  EXPECT_TRUE(subs.approved({"u_elsewhere"}, false, std::nullopt, {std::nullopt, 10}).empty());
  EXPECT_EQ(ids(subs.approved({"u_city"}, false, SubmissionKind::kOpinion, {std::nullopt, 10})),
            (std::vector<std::string>{"sub_e"}));
  // Pages follow "<created_at>|<id>", through items created at the same time.
  EXPECT_EQ(ids(subs.approved({"u_city"}, false, std::nullopt, {std::nullopt, 1})),
            (std::vector<std::string>{"sub_f"}));
  EXPECT_EQ(ids(subs.approved({"u_city"}, false, std::nullopt,
                              {std::string("2025-09-05T08:00:00Z|sub_f"), 2})),
            (std::vector<std::string>{"sub_e", "sub_b"}));
  auto b = subs.approved({"u_ward"}, false, std::nullopt, {std::nullopt, 1});
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].submission.redacted_text, "Lời của […]");
  EXPECT_EQ(b[0].submission.status, SubmissionStatus::kApprovedRedacted);

  Recommendation r;
  r.id = "rec_1";
  r.unit_id = "u_ward";
  r.title = "Sân chơi";
  r.text = "Các em đề nghị.";
  r.created_by = "acc_m";
  r.created_at = r.updated_at = kAt;
  s->recommendations().insert_recommendation(r, {{"rec_1", "sub_a", "p_1"}});
  for (const auto& a : subs.approved({"u_ward"}, false, std::nullopt, {std::nullopt, 10}))
    EXPECT_EQ(a.in_recommendation, a.submission.id == "sub_a") << a.submission.id;
}

TEST_P(StorageTest, ConsentingPupilsUnderAUnitWhoAreNotMembers) {
  auto s = open();
  seed_school(*s);
  s->organisation().insert_schools({{"s_2", "u_ward2", "Trường 2", "S2", std::nullopt, kAt}});
  s->organisation().insert_class(
      {"c_2b", "s_2", "u_ward2", "2B", 2, "2025-2026", "acc_f", std::nullopt, kAt},
      {"CODE2B", "c_2b", "acc_f", kAt, kFuture, std::nullopt});
  auto enrol = [&](const std::string& id, const std::string& klass, bool child, bool guardian) {
    Pupil p = pupil(id);
    p.class_id = klass;
    s->pupils().insert_pupil(p, kIdentity);
    if (child)
      s->pupils().insert_consent({"con_c" + id, id, ConsentKind::kChild, ConsentMethod::kOnline,
                                  "v1", std::nullopt, id, kAt, std::nullopt, std::nullopt});
    if (guardian)
      s->pupils().insert_consent({"con_g" + id, id, ConsentKind::kGuardian,
                                  ConsentMethod::kPaperSlip, std::nullopt, std::string("HD-1"),
                                  "acc_f", kAt, std::nullopt, std::nullopt});
  };
  enrol("p_a", "c_6a", true, true);
  enrol("p_b", "c_6a", true, false);  // no guardian consent
  enrol("p_c", "c_6a", true, true);   // becomes a member
  enrol("p_d", "c_2b", true, true);   // the other ward
  enrol("p_e", "c_6a", true, true);   // consent withdrawn
  s->pupils().withdraw_consents("p_e", kNow, "pupil");
  enrol("p_f", "c_6a", true, true);
  Pupil left = *s->pupils().pupil("p_f");
  left.status = PupilStatus::kWithdrawn;
  s->pupils().update_pupil(left);

  Council council = ward_council("Hội đồng");
  s->councils().insert_council(council);
  ASSERT_TRUE(s->councils().insert_member(
      {"mem_1", "cou_1", "p_c", CouncilRole::kMember, CouncilJoining::kElection, "2026-01-05",
       std::nullopt, "acc_m", kAt},
      5));

  auto ids = [](const std::vector<EnrolledPupil>& items) {
    std::vector<std::string> out;
    for (const auto& e : items) out.push_back(e.pupil.id);
    return out;
  };
  auto& pupils = s->pupils();
  EXPECT_EQ(ids(pupils.consenting_pupils_under("u_ward", "cou_1", {std::nullopt, 10})),
            (std::vector<std::string>{"p_a"}));
  EXPECT_EQ(ids(pupils.consenting_pupils_under("u_city", "cou_1", {std::nullopt, 10})),
            (std::vector<std::string>{"p_a", "p_d"}));
  EXPECT_EQ(ids(pupils.consenting_pupils_under("u_city", "cou_other", {std::nullopt, 10})),
            (std::vector<std::string>{"p_a", "p_c", "p_d"}));
  EXPECT_EQ(ids(pupils.consenting_pupils_under("u_city", "cou_1", {std::string("p_a"), 10})),
            (std::vector<std::string>{"p_d"}));
  auto d = pupils.consenting_pupils_under("u_ward2", "cou_1", {std::nullopt, 1});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].school_name, "Trường 2");
  EXPECT_EQ(d[0].class_name, "2B");
  EXPECT_EQ(d[0].pupil.unit_id, "u_ward2");
  // A member who left may be chosen again.
  s->councils().end_member("mem_1", "2026-06-01");
  EXPECT_EQ(ids(pupils.consenting_pupils_under("u_ward", "cou_1", {std::nullopt, 10})),
            (std::vector<std::string>{"p_a", "p_c"}));
}

// A page of moderation items reads its authors at once: the pupils asked for that exist, each
// once, with the school's unit as a single read gives it.
TEST_P(StorageTest, PupilsReadByIdsAtOnce) {
  auto s = open();
  seed_school(*s);
  for (std::string id : {"p_1", "p_2", "p_3"}) s->pupils().insert_pupil(pupil(id), kIdentity);
  EXPECT_TRUE(s->pupils().pupils_by_id({}).empty());
  auto found = s->pupils().pupils_by_id({"p_3", "p_missing", "p_1", "p_3"});
  std::sort(found.begin(), found.end(), [](const Pupil& a, const Pupil& b) { return a.id < b.id; });
  ASSERT_EQ(found.size(), 2u);
  for (const auto& p : found) {
    auto one = s->pupils().pupil(p.id);
    ASSERT_TRUE(one);
    EXPECT_EQ(p.pseudonym, one->pseudonym);
    EXPECT_EQ(p.age_band, one->age_band);
    EXPECT_EQ(p.unit_id, "u_ward");
  }
  EXPECT_EQ(found[0].id, "p_1");
  EXPECT_EQ(found[1].id, "p_3");
}

// Texts that the bulk paths bind inside array parameters must come back exactly as written.
const std::vector<std::string> kAwkwardTexts = {"",
                                                "NULL",
                                                "null",
                                                " padded ",
                                                "a,b",
                                                "{braces}",
                                                "say \"hi\"",
                                                "back\\slash\\",
                                                "\\\"",
                                                "tab\there\nnewline",
                                                "Em muốn có sân chơi 🌳",
                                                "'single' quotes",
                                                "}{\",\\"};

void expect_same_submission(const Submission& a, const Submission& b) {
  EXPECT_EQ(a.pupil_id, b.pupil_id);
  EXPECT_EQ(a.unit_id, b.unit_id);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.topic, b.topic);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.updated_at, b.updated_at);
  EXPECT_EQ(a.consultation_id, b.consultation_id);
  EXPECT_EQ(a.response_id, b.response_id);
  EXPECT_EQ(store::screening_column(a.screening), store::screening_column(b.screening));
  EXPECT_EQ(a.queue, b.queue);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(store::decision_column(a.decision), store::decision_column(b.decision));
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  EXPECT_EQ(a.simhash, b.simhash);
  EXPECT_EQ(store::revisions_column(a.revisions), store::revisions_column(b.revisions));
}

// Paper batches and queues of ideas are written many rows per statement: more rows than one
// statement takes, awkward texts and NULLs store exactly what one-row writes store, every row is
// there in order, and the counters equal a recount of the stored sheets.
TEST_P(StorageTest, BulkWritesStoreWhatOneRowWritesStore) {
  auto s = open();
  seed_school(*s);
  for (std::string id : {"p_1", "p_2", "p_3"}) s->pupils().insert_pupil(pupil(id), kIdentity);
  Consultation c;
  c.id = "cns_1";
  c.title = "Sân chơi";
  c.owner_unit_id = "u_ward";
  c.audience_unit_ids = {"u_ward"};
  c.audience_bands = {"11-13", "14-17"};
  c.status = ConsultationStatus::kPublished;
  c.created_by = "acc_f";
  c.created_at = c.updated_at = kAt;
  s->consultations().insert_consultation(c);

  // 12,345 sheets: over two statements' worth; three carry a pupil so they can be read back.
  const int kSheets = 12345;
  const std::vector<std::string> options = {"park", "library", "pool"};
  const std::vector<std::string> bands = {"11-13", "14-17"};
  std::vector<ConsultationResponse> sheets;
  std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> expected;
  for (int i = 0; i < kSheets; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "rsp_%06d", i);
    const std::string& option = options[static_cast<std::size_t>(i) % options.size()];
    const std::string& band = bands[static_cast<std::size_t>(i) % 7 % bands.size()];
    ConsultationResponse r{id,
                           "cns_1",
                           std::nullopt,
                           Channel::kPaper,
                           band,
                           "girl",
                           "u_ward",
                           2,
                           Answers{{"q1", option}},
                           std::nullopt,
                           std::string("bat_1"),
                           kPast,
                           kPast};
    if (i < 3) {
      r.pupil_id = "p_" + std::to_string(i + 1);
      r.idempotency_key = kAwkwardTexts[static_cast<std::size_t>(i) + 5];
      r.answers = {{"q1", option}, {"q2", std::string(R"(say "hi" \ {x})")}};
    }
    ++expected[{"_all", "_respondents", band}];
    ++expected[{"q1", option, band}];
    sheets.push_back(std::move(r));
  }
  std::vector<ResultCounter> deltas;
  for (const auto& [k, n] : expected)
    deltas.push_back(
        {std::get<0>(k), std::get<1>(k), std::get<2>(k), "girl", "u_ward", Channel::kPaper, n});
  Submission answer_text = submission("sub_text", "p_1", "u_ward", "opinion",
                                      "back\\slash \"quoted\" {NULL}", "submitted", kPast);
  answer_text.consultation_id = "cns_1";
  answer_text.response_id = "rsp_000000";
  PaperBatch batch{"bat_1", "cns_1",  Channel::kPaper, "REF-1", kSheets, kSheets,
                   {},      "u_ward", "",              "acc_f", kPast};
  s->consultations().save_batch(batch, sheets, deltas, {answer_text});

  // The recount: every sheet is stored once, and the counters add up to what is stored.
  EXPECT_EQ(s->consultations().response_count("cns_1"), kSheets);
  EXPECT_EQ(s->consultations().participation("u_city", kAt, kNow, {}).paper_sheets, kSheets);
  std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> counted;
  std::int64_t respondents = 0;
  for (const auto& k : s->consultations().counters("cns_1")) {
    counted[{k.question_id, k.option_key, k.age_band}] += k.count;
    if (k.option_key == "_respondents") respondents += k.count;
  }
  EXPECT_EQ(counted, expected);
  EXPECT_EQ(respondents, s->consultations().response_count("cns_1"));
  for (int i = 0; i < 3; ++i) {
    auto back = s->consultations().response_of("cns_1", "p_" + std::to_string(i + 1));
    ASSERT_TRUE(back);
    const auto& sent = sheets[static_cast<std::size_t>(i)];
    EXPECT_EQ(back->id, sent.id);
    EXPECT_EQ(back->answers, sent.answers);
    EXPECT_EQ(back->idempotency_key, sent.idempotency_key);
    EXPECT_EQ(back->info_version, 2);
    EXPECT_EQ(back->batch_id, "bat_1");
    EXPECT_EQ(back->age_band, sent.age_band);
  }
  auto text_back = s->submissions().submission("sub_text");
  ASSERT_TRUE(text_back);
  expect_same_submission(*text_back, answer_text);
  EXPECT_EQ(s->consultations().batches("cns_1").size(), 1u);

  // A batch naming one sheet twice keeps the later answers, as two one-row upserts do.
  auto twice = sheets[3];
  twice.id = "rsp_twice";
  twice.pupil_id = "p_1";
  twice.consultation_id = "cns_1";
  auto later = twice;
  later.answers = {{"q1", std::string("pool")}};
  later.updated_at = kNow;
  // (p_1 has answered already: a different consultation keeps the unique pair apart.)
  Consultation other = c;
  other.id = "cns_2";
  s->consultations().insert_consultation(other);
  twice.consultation_id = later.consultation_id = "cns_2";
  s->consultations().save_batch(
      {"bat_2", "cns_2", Channel::kPaper, "REF-2", 2, 2, {}, "u_ward", "", "acc_f", kPast},
      {twice, later}, {}, {});
  EXPECT_EQ(s->consultations().response_count("cns_2"), 1);
  EXPECT_EQ(s->consultations().response_of("cns_2", "p_1")->answers,
            (Answers{{"q1", std::string("pool")}}));
  EXPECT_EQ(s->consultations().response_of("cns_2", "p_1")->updated_at, kNow);

  // A queue of 11,111 ideas, with awkward texts and NULLs among them; each awkward one is also
  // written alone through the one-row path, and both read back the same.
  const int kIdeas = 11111;
  std::vector<Submission> ideas;
  for (int i = 0; i < kIdeas; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "sub_%06d", i);
    // Seconds apart, so that the queue's order (created_at, id) is the order written.
    char at[32];
    std::snprintf(at, sizeof at, "2025-09-01T%02d:%02d:%02dZ", i / 3600, i / 60 % 60, i % 60);
    Submission x =
        submission(id, "p_" + std::to_string(i % 3 + 1), i % 2 ? "u_ward" : "u_ward2", "idea",
                   kAwkwardTexts[static_cast<std::size_t>(i) % kAwkwardTexts.size()], "queued", at);
    if (i % 5 == 0) x.topic = kAwkwardTexts[static_cast<std::size_t>(i / 5) % kAwkwardTexts.size()];
    x.screening.labels = {ScreenerLabel::kRude};
    x.screening.spans = {{ScreenerLabel::kRude, 0, 1, 0, 1, "a \"quoted\" \\ word", "insult", 3}};
    x.queue = Queue::kNormal;
    x.fingerprint = "fp_" + std::to_string(i % 17);
    x.simhash = i % 2 ? -(static_cast<std::int64_t>(i) << 40) : static_cast<std::int64_t>(i);
    ideas.push_back(std::move(x));
  }
  s->submissions().insert_submissions(ideas);
  for (std::size_t i = 0; i < kAwkwardTexts.size(); ++i) {
    Submission alone = ideas[i];
    alone.id = "sub_alone_" + std::to_string(i);
    alone.queue = Queue::kPriority;
    s->submissions().insert_submission(alone);
    auto bulk = s->submissions().submission(ideas[i].id);
    auto one = s->submissions().submission(alone.id);
    ASSERT_TRUE(bulk);
    ASSERT_TRUE(one);
    one->queue = bulk->queue;
    expect_same_submission(*bulk, *one);
    expect_same_submission(*bulk, ideas[i]);
  }
  EXPECT_EQ(s->submissions().queue_summary(Queue::kNormal, {}, true, kAt).items, kIdeas);
  std::vector<std::string> listed;
  std::optional<std::string> after;
  for (;;) {
    auto page = s->submissions().queue_items(Queue::kNormal, {"u_city"}, false, {after, 1000});
    for (const auto& x : page) listed.push_back(x.id);
    if (page.size() < 1000) break;
    after = page.back().created_at + "|" + page.back().id;
  }
  ASSERT_EQ(listed.size(), static_cast<std::size_t>(kIdeas));
  for (int i = 0; i < kIdeas; ++i)
    EXPECT_EQ(listed[static_cast<std::size_t>(i)], ideas[static_cast<std::size_t>(i)].id);
  // An id clash anywhere in the bulk write is a Conflict, and none of its rows stay.
  std::vector<Submission> clash = {ideas[0], ideas[1]};
  clash[0].id = "sub_new";
  EXPECT_THROW(s->submissions().insert_submissions(clash), Conflict);
  EXPECT_FALSE(s->submissions().submission("sub_new"));
}

}  // namespace
}  // namespace ln
