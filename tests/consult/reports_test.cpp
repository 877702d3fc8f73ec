// A unit's six-monthly and yearly report, on a real SQLite database: the period, who may read
// it, counts of children's submissions hidden under the minimum group size, safeguarding counts
// held back while the period runs, and recommendations forwarded in the period by status. The
// CSV view says "hidden" where the JSON says null.
#include "consult/reports.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "api/views/report_views.h"
#include "base/errors.h"
#include "consult/sessions.h"
#include "store/open_storage.h"

namespace ln {
namespace {
namespace fs = std::filesystem;

// Monday 2 March 2026, 10:00 in Vietnam: the year 2026 is running, 2025 is over.
class FixedClock : public Clock {
 public:
  TimePoint now() const override { return *parse_time("2026-03-02T03:00:00Z"); }
};

Principal moderator_of(const std::string& unit_id) {
  Principal p;
  p.id = "acc_mod";
  p.role = Role::kModerator;
  p.unit_ids = {unit_id};
  return p;
}

class ReportsTest : public ::testing::Test {
 protected:
  ReportsTest()
      : dir_(fs::temp_directory_path() / ("ln-reports-" + std::to_string(::getpid()))),
        storage_(store::open_storage("sqlite:" + (dir_ / "db").string(), nullptr)),
        keys_(Keys::for_tests()),
        audit_(storage_->audit(), clock_),
        sessions_(*storage_, clock_, settings_),
        organisation_(*storage_, clock_, audit_, settings_),
        pupils_(*storage_, clock_, audit_, sessions_, organisation_, settings_, keys_),
        recommendations_(*storage_, clock_, audit_, organisation_, calendar_,
                         [](const std::string&) { return ScreenedText{}; }),
        consultations_(*storage_, clock_, audit_, organisation_, 5),
        targets_(*storage_, clock_, audit_, organisation_, consultations_, 5),
        councils_(*storage_, clock_, audit_, organisation_, pupils_, recommendations_),
        reports_(*storage_, clock_, audit_, organisation_, councils_, targets_, recommendations_,
                 consultations_, 5) {
    const std::string at = clock_.now_text();
    storage_->organisation().insert_units(
        {{"u_ward", std::nullopt, "ward", "Phường 9", "P9", std::nullopt, std::nullopt, at},
         {"u_other", std::nullopt, "ward", "Phường 10", "P10", std::nullopt, std::nullopt, at}});
    storage_->organisation().insert_schools({{"s_1", "u_ward", "Trường 1", "S1", std::nullopt, at}});
    storage_->organisation().insert_class(
        {"c_6a", "s_1", "u_ward", "6A", 6, "2025-2026", "acc_f", std::nullopt, at},
        {"CODE6A", "c_6a", "acc_f", at, "2030-01-01T00:00:00Z", std::nullopt});
    storage_->organisation().insert_authorities({{"aut_1", "Ủy ban nhân dân phường",
                                                  "people_committee", "u_ward", "UB", 15,
                                                  {"u_ward"}, std::nullopt, at}});
    storage_->accounts().insert_account({"acc_mod", "moderator", "Điều phối", "moderator", "x",
                                         std::nullopt, {"u_ward"}, std::nullopt, at, at});
  }
  ~ReportsTest() override {
    storage_.reset();
    fs::remove_all(dir_);
  }

  // `n` children, each with one approved idea written at `at`.
  void ideas(int n, const std::string& at, const std::string& status = "approved",
             std::optional<std::string> queue = std::nullopt) {
    for (int i = 0; i < n; ++i) {
      std::string id = "p_" + std::to_string(next_++);
      Pupil p;
      p.id = id;
      p.pseudonym = "Mèo " + id;
      p.class_id = "c_6a";
      p.age_band = "11-13";
      p.band_changes_on = "2027-01-01";
      p.sign_in_lookup = "lookup-" + id;
      p.created_at = at;
      storage_->pupils().insert_pupil(p, {"nonce", "cipher"});
      Submission s;
      s.id = "sub_" + id;
      s.pupil_id = id;
      s.unit_id = "u_ward";
      s.kind = SubmissionKind::kIdea;
      s.text = "Sân chơi cần được sửa lại cho an toàn.";
      s.status = *submission_status(status);
      if (queue) s.queue = queue_named(*queue);
      s.created_at = s.updated_at = at;
      storage_->submissions().insert_submission(s);
    }
  }

  fs::path dir_;
  FixedClock clock_;
  Settings settings_;
  WorkingCalendar calendar_;
  std::unique_ptr<Storage> storage_;
  Keys keys_;
  AuditLog audit_;
  Sessions sessions_;
  Organisation organisation_;
  Pupils pupils_;
  Recommendations recommendations_;
  Consultations consultations_;
  Targets targets_;
  Councils councils_;
  Reports reports_;
  int next_ = 1;
};

TEST(ReportPeriods, APeriodIsAYearOrAHalfYear) {
  auto h1 = parse_period("2026-H1");
  EXPECT_EQ(h1.from, "2026-01-01");
  EXPECT_EQ(h1.to, "2026-07-01");
  auto h2 = parse_period("2026-H2");
  EXPECT_EQ(h2.from, "2026-07-01");
  EXPECT_EQ(h2.to, "2027-01-01");
  auto year = parse_period("2026");
  EXPECT_EQ(year.from, "2026-01-01");
  EXPECT_EQ(year.to, "2027-01-01");
  EXPECT_EQ(year.year, 2026);
  for (const char* bad : {"2026-H3", "26", "1999", "2026-Q1", "abcd"})
    EXPECT_THROW(parse_period(bad), Invalid) << bad;
}

TEST_F(ReportsTest, AUnitOutsideMyOwnHasNoReportForMe) {
  EXPECT_THROW(reports_.report(moderator_of("u_ward"), "u_other", "2026", "json"), NotFound);
  EXPECT_THROW(reports_.report(moderator_of("u_ward"), "u_none", "2026", "json"), NotFound);
  EXPECT_NO_THROW(reports_.report(moderator_of("u_ward"), "u_ward", "2026", "json"));
}

TEST_F(ReportsTest, FewerSubmissionsThanTheMinimumGroupAreHidden) {
  ideas(3, "2026-02-10T02:00:00Z");
  auto report = reports_.report(moderator_of("u_ward"), "u_ward", "2026", "json");
  EXPECT_EQ(report.threshold, 5);
  EXPECT_FALSE(report.submissions.received) << "3 children: under 5";
  EXPECT_FALSE(report.submissions.approved);
}

TEST_F(ReportsTest, SubmissionsAtTheMinimumGroupAreShownInTheirPeriodOnly) {
  ideas(6, "2026-02-10T02:00:00Z");
  auto report = reports_.report(moderator_of("u_ward"), "u_ward", "2026-H1", "json");
  EXPECT_EQ(report.submissions.received, 6);
  EXPECT_EQ(report.submissions.approved, 6);
  auto later = reports_.report(moderator_of("u_ward"), "u_ward", "2026-H2", "json");
  EXPECT_EQ(later.submissions.received, 0);
}

TEST_F(ReportsTest, SafeguardingCountsAreHeldBackWhileThePeriodRuns) {
  ideas(6, "2025-05-10T02:00:00Z", "queued", "safeguarding");
  ideas(6, "2026-02-10T02:00:00Z", "queued", "safeguarding");
  EXPECT_EQ(reports_.report(moderator_of("u_ward"), "u_ward", "2025", "json").submissions.escalated,
            6)
      << "2025 is over";
  EXPECT_FALSE(
      reports_.report(moderator_of("u_ward"), "u_ward", "2026", "json").submissions.escalated)
      << "2026 is still running";
}

TEST_F(ReportsTest, RecommendationsForwardedInThePeriodAreCountedByStatus) {
  ideas(2, "2026-02-10T02:00:00Z");
  Principal moderator = moderator_of("u_ward");
  for (const char* title : {"Sửa sân chơi", "Thêm cây xanh"}) {
    auto r = recommendations_.create(
        moderator, {title, "Các em đề nghị điều này cho phường.", "u_ward", std::nullopt, {"sub_p_1"}});
    recommendations_.forward(moderator, r.id, {"aut_1", "12/CV", "2026-03-02", 5});
  }
  recommendations_.create(moderator, {"Chưa gửi", "Bản nháp chưa gửi đi đâu cả.", "u_ward",
                                      std::nullopt, {"sub_p_2"}});
  auto report = reports_.report(moderator, "u_ward", "2026-H1", "json");
  EXPECT_EQ(report.recommendations.forwarded, 2) << "a draft is not counted";
  EXPECT_EQ(report.recommendations.by_status.at(RecommendationStatus::kForwarded), 2);
  EXPECT_EQ(report.recommendations.answered, 0);
  ASSERT_EQ(report.recommendations.authorities.size(), 1u);
  EXPECT_EQ(report.recommendations.authorities[0].received, 2);
  EXPECT_EQ(reports_.report(moderator, "u_ward", "2025", "json").recommendations.forwarded, 0);
  // On the wire the status is its word.
  auto wire = api::report_json(report);
  EXPECT_EQ(wire["recommendations"]["by_status"]["forwarded"], 2);
}

TEST_F(ReportsTest, TheCsvSaysHiddenWhereTheJsonSaysNull) {
  ideas(3, "2026-02-10T02:00:00Z");
  auto report = reports_.report(moderator_of("u_ward"), "u_ward", "2026", "json");
  auto wire = api::report_json(report);
  EXPECT_TRUE(wire["submissions"]["received"].is_null());
  auto csv = api::report_csv(report);
  EXPECT_NE(csv.find("\"submissions\",\"received\",\"\",\"hidden\""), std::string::npos) << csv;
  EXPECT_EQ(csv.find("\"submissions\",\"received\",\"\",\"3\""), std::string::npos);
}

}  // namespace
}  // namespace ln
