// Rules of recommendations on a real SQLite database: adoption by a Council vote (the Council's
// sessions call Recommendations::adopt_from_council), the path from forwarding to closing and its
// conflicts, due dates in working days and the overdue flag, commitments' progress, and the
// child-friendly feedback in each age band's words.
#include "consult/recommendations.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/errors.h"
#include "store/open_storage.h"

namespace ln {
namespace {
namespace fs = std::filesystem;

class CouncilAdoption : public ::testing::Test {
 protected:
  CouncilAdoption()
      : dir_(fs::temp_directory_path() / ("ln-rec-" + std::to_string(::getpid()))),
        storage_(store::open_storage("sqlite:" + (dir_ / "db").string(), nullptr)),
        audit_(storage_->audit(), clock_),
        organisation_(*storage_, clock_, audit_, settings_),
        recommendations_(*storage_, clock_, audit_, organisation_, calendar_,
                         [](const std::string&) {
                           return ScreenedText{};
                         }) {
    storage_->organisation().insert_units({{"u_ward", std::nullopt, "ward", "Phường 9", "P9",
                                            std::nullopt, std::nullopt, clock_.now_text()}});
  }
  ~CouncilAdoption() override {
    storage_.reset();
    fs::remove_all(dir_);
  }

  fs::path dir_;
  SystemClock clock_;
  Settings settings_;
  WorkingCalendar calendar_;
  std::unique_ptr<Storage> storage_;
  AuditLog audit_;
  Organisation organisation_;
  Recommendations recommendations_;
};

TEST_F(CouncilAdoption, AVoteCreatesADraftThatNamesItsSession) {
  auto r = recommendations_.adopt_from_council(
      {"account", "acc_chair"}, {"Thêm giờ thể thao",
                                 "Hội đồng trẻ em đề nghị thêm một buổi thể thao mỗi tuần.",
                                 "u_ward",
                                 "Thể thao",
                                 "cs_1",
                                 {}});
  auto stored = storage_->recommendations().recommendation(r.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->origin, RecommendationOrigin::kCouncil);
  EXPECT_EQ(stored->council_session_id, "cs_1");
  EXPECT_EQ(stored->status, RecommendationStatus::kDraft);
  ASSERT_EQ(stored->history.size(), 1u);
  EXPECT_EQ(stored->history[0].action, "adopted_by_council");
  EXPECT_EQ(stored->history[0].by, "acc_chair");
  auto audit = audit_.list(0, 100);
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().action, "recommendation.adopt");
}

TEST_F(CouncilAdoption, ASessionAndAKnownUnitAreRequired) {
  EXPECT_THROW(recommendations_.adopt_from_council(
                   {"account", "acc_chair"},
                   {"Thêm giờ thể thao", "Một buổi thể thao nữa mỗi tuần.", "u_ward", {}, "", {}}),
               Invalid);
  EXPECT_THROW(
      recommendations_.adopt_from_council(
          {"account", "acc_chair"},
          {"Thêm giờ thể thao", "Một buổi thể thao nữa mỗi tuần.", "u_none", {}, "cs_1", {}}),
      Invalid);
  // Submissions that were never approved cannot ride along with a vote either.
  EXPECT_THROW(recommendations_.adopt_from_council({"account", "acc_chair"},
                                                   {"Thêm giờ thể thao",
                                                    "Một buổi thể thao nữa mỗi tuần.",
                                                    "u_ward",
                                                    {},
                                                    "cs_1",
                                                    {"sub_missing"}}),
               Invalid);
}

// --- from forwarding to closing --------------------------------------------------------------

using namespace std::chrono;

// A clock the test moves by hand; it starts on Monday 2 March 2026, 10:00 in Vietnam.
class HandClock : public Clock {
 public:
  TimePoint now() const override { return now_; }
  void advance(std::chrono::hours by) { now_ += by; }

 private:
  TimePoint now_ = *parse_time("2026-03-02T03:00:00Z");
};

Principal staff(Role role, const std::string& id) {
  Principal p;
  p.id = id;
  p.role = role;
  p.unit_ids = {"u_ward"};
  return p;
}

Principal official_of(const std::string& authority_id, const std::string& id = "acc_official") {
  Principal p;
  p.id = id;
  p.role = Role::kOfficial;
  p.authority_id = authority_id;
  return p;
}

class RecommendationsTest : public ::testing::Test {
 protected:
  RecommendationsTest()
      : dir_(fs::temp_directory_path() / ("ln-recs-" + std::to_string(::getpid()))),
        storage_(store::open_storage("sqlite:" + (dir_ / "db").string(), nullptr)),
        audit_(storage_->audit(), clock_),
        organisation_(*storage_, clock_, audit_, settings_),
        recommendations_(*storage_, clock_, audit_, organisation_, calendar_,
                         [](const std::string&) { return ScreenedText{}; }) {
    const std::string at = clock_.now_text();
    storage_->organisation().insert_units(
        {{"u_ward", std::nullopt, "ward", "Phường 9", "P9", std::nullopt, std::nullopt, at}});
    storage_->organisation().insert_schools({{"s_1", "u_ward", "Trường 1", "S1", std::nullopt, at}});
    storage_->organisation().insert_class(
        {"c_6a", "s_1", "u_ward", "6A", 6, "2025-2026", "acc_f", std::nullopt, at},
        {"CODE6A", "c_6a", "acc_f", at, "2030-01-01T00:00:00Z", std::nullopt});
    storage_->organisation().insert_authorities(
        {{"aut_1", "Ủy ban nhân dân phường", "people_committee", "u_ward", "UB", 15, {"u_ward"},
          std::nullopt, at},
         {"aut_2", "Phòng Giáo dục", "education", "u_ward", "GD", 15, {"u_ward"}, std::nullopt,
          at}});
    storage_->accounts().insert_account(
        {"acc_mod", "moderator", "Điều phối", "moderator", "x", std::nullopt, {"u_ward"},
         std::nullopt, at, at});
    storage_->accounts().insert_account({"acc_official", "official", "Cán bộ", "official", "x",
                                         std::string("aut_1"), {}, std::nullopt, at, at});
    for (const char* id : {"p_1", "p_2"}) {
      Pupil p;
      p.id = id;
      p.pseudonym = std::string("Mèo ") + id;
      p.class_id = "c_6a";
      p.age_band = "11-13";
      p.band_changes_on = "2027-01-01";
      p.sign_in_lookup = std::string("lookup-") + id;
      p.created_at = at;
      storage_->pupils().insert_pupil(p, {"nonce", "cipher"});
      Submission s;
      s.id = std::string("sub_") + id;
      s.pupil_id = id;
      s.unit_id = "u_ward";
      s.kind = SubmissionKind::kIdea;
      s.text = "Sân chơi cần được sửa lại cho an toàn.";
      s.status = SubmissionStatus::kApproved;
      s.created_at = s.updated_at = at;
      storage_->submissions().insert_submission(s);
    }
  }
  ~RecommendationsTest() override {
    storage_.reset();
    fs::remove_all(dir_);
  }

  Recommendation drafted() {
    return recommendations_.create(moderator_, {"Sửa sân chơi",
                                                "Các em đề nghị sửa sân chơi của phường.",
                                                "u_ward",
                                                std::nullopt,
                                                {"sub_p_1", "sub_p_2"}});
  }
  Recommendation forwarded(std::optional<int> days = 5) {
    return recommendations_.forward(moderator_, drafted().id,
                                    {"aut_1", "12/CV-ĐTN", "2026-03-02", days});
  }
  Recommendation answered(std::vector<CommitmentInput> commitments = {}) {
    auto r = forwarded();
    recommendations_.acknowledge(official_, r.id);
    return recommendations_.answer(official_, r.id,
                                   {Decision::kAccepted, "", std::nullopt, std::move(commitments)});
  }
  static FeedbackText words(const std::string& who) {
    return {"Các em nói " + who, "Chúng tôi đã làm", "Vì các em cần", "Tiếp theo sẽ sửa"};
  }

  fs::path dir_;
  HandClock clock_;
  Settings settings_;
  WorkingCalendar calendar_;  // weekends only: Monday to Friday are working days
  std::unique_ptr<Storage> storage_;
  AuditLog audit_;
  Organisation organisation_;
  Recommendations recommendations_;
  Principal moderator_ = staff(Role::kModerator, "acc_mod");
  Principal official_ = official_of("aut_1");
};

TEST_F(RecommendationsTest, ADraftQuotesTheChildrensApprovedWordsAndCannotBeForwardedTwice) {
  auto r = drafted();
  EXPECT_EQ(r.status, RecommendationStatus::kDraft);
  ASSERT_EQ(r.quotes.size(), 2u);
  EXPECT_EQ(r.quotes[0].text, "Sân chơi cần được sửa lại cho an toàn.");
  auto sent = recommendations_.forward(moderator_, r.id, {"aut_1", "12/CV-ĐTN", "2026-03-02", {}});
  EXPECT_EQ(sent.status, RecommendationStatus::kForwarded);
  EXPECT_THROW(
      recommendations_.forward(moderator_, r.id, {"aut_1", "12/CV-ĐTN", "2026-03-02", {}}),
      Conflict);
}

TEST_F(RecommendationsTest, TheDueDateCountsWorkingDaysFromTheDispatch) {
  // Monday 2 March + 5 working days is Monday 9 March; the authority's own 15 by default.
  EXPECT_EQ(forwarded(5).due_date, "2026-03-09");
  EXPECT_EQ(forwarded(std::nullopt).due_date, "2026-03-23");
  EXPECT_EQ(recommendations_.working_days_left(forwarded(5)), 5);
  EXPECT_THROW(recommendations_.forward(moderator_, drafted().id,
                                        {"aut_1", "12/CV-ĐTN", "2026-03-03", 5}),
               Invalid)
      << "a dispatch date in the future";
}

TEST_F(RecommendationsTest, AnAnswerBeforeAcknowledgingOrAfterAnsweringIsAConflict) {
  auto r = forwarded();
  AnswerInput accepted{Decision::kAccepted, "", std::nullopt, {}};
  try {
    recommendations_.answer(official_, r.id, accepted);
    FAIL() << "answered without acknowledging";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.code(), "not_acknowledged");
  }
  recommendations_.acknowledge(official_, r.id);
  EXPECT_THROW(recommendations_.acknowledge(official_, r.id), Conflict);
  auto done = recommendations_.answer(official_, r.id, accepted);
  EXPECT_EQ(done.status, RecommendationStatus::kAnswered);
  ASSERT_TRUE(done.answer);
  EXPECT_EQ(done.answer->decision, Decision::kAccepted);
  EXPECT_THROW(recommendations_.answer(official_, r.id, accepted), Conflict);
}

TEST_F(RecommendationsTest, AnotherAuthoritysOfficialDoesNotSeeIt) {
  auto r = forwarded();
  EXPECT_THROW(recommendations_.acknowledge(official_of("aut_2", "acc_other"), r.id), NotFound);
  EXPECT_THROW(recommendations_.get(official_, drafted().id), NotFound) << "a draft";
}

TEST_F(RecommendationsTest, ReasonsAreRequiredUnlessAcceptedAndAReferralNamesAnotherAuthority) {
  auto r = forwarded();
  recommendations_.acknowledge(official_, r.id);
  EXPECT_THROW(recommendations_.answer(official_, r.id, {Decision::kDeclined, "  ", {}, {}}),
               Unprocessable);
  EXPECT_THROW(
      recommendations_.answer(official_, r.id, {Decision::kReferred, "Không thuộc thẩm quyền.",
                                                std::string("aut_1"), {}}),
      Unprocessable)
      << "referred to itself";
  auto done = recommendations_.answer(
      official_, r.id,
      {Decision::kReferred, "Không thuộc thẩm quyền.", std::string("aut_2"), {}});
  ASSERT_TRUE(done.answer && done.answer->referred_to);
  EXPECT_EQ(done.answer->referred_to->name, "Phòng Giáo dục");
  EXPECT_EQ(storage_->recommendations().recommendation(r.id)->answer->decision,
            Decision::kReferred);
}

TEST_F(RecommendationsTest, AnAnswerAfterTheDueDateIsMarkedLate) {
  auto r = forwarded(1);  // due Tuesday 3 March
  clock_.advance(hours(24 * 3));  // Thursday 5 March
  auto run = recommendations_.run_reminders();
  EXPECT_EQ(run.flagged_overdue, 1);
  EXPECT_TRUE(storage_->recommendations().recommendation(r.id)->overdue);
  EXPECT_EQ(recommendations_.run_reminders().flagged_overdue, 0) << "flagged once";
  recommendations_.acknowledge(official_, r.id);
  auto done =
      recommendations_.answer(official_, r.id, {Decision::kAccepted, "", std::nullopt, {}});
  EXPECT_FALSE(done.overdue) << "the answer came";
  EXPECT_FALSE(recommendations_.answered_on_time(done));
}

TEST_F(RecommendationsTest, AnAnswerByTheDueDateIsOnTime) {
  auto r = forwarded(5);
  clock_.advance(hours(24 * 7));  // Monday 9 March, the due date itself
  recommendations_.acknowledge(official_, r.id);
  auto done =
      recommendations_.answer(official_, r.id, {Decision::kAccepted, "", std::nullopt, {}});
  EXPECT_TRUE(recommendations_.answered_on_time(done));
}

TEST_F(RecommendationsTest, ALongOverdueRecommendationIsEscalatedOnce) {
  auto r = forwarded(1);  // due Tuesday 3 March; escalated 10 working days after
  clock_.advance(hours(24 * 7));
  EXPECT_EQ(recommendations_.run_reminders().escalated, 0);
  clock_.advance(hours(24 * 10));  // Thursday 19 March: 12 working days late
  EXPECT_EQ(recommendations_.run_reminders().escalated, 1);
  EXPECT_EQ(recommendations_.run_reminders().escalated, 0);
  EXPECT_TRUE(storage_->recommendations().recommendation(r.id)->reminders.escalated);
}

TEST_F(RecommendationsTest, ACommitmentPastItsDueDateIsOverdueUntilDoneOrDropped) {
  auto r = answered({{"Sửa xích đu", "Phường 9", "2026-03-10"}});
  ASSERT_EQ(r.commitments.size(), 1u);
  const auto& c = r.commitments[0];
  EXPECT_EQ(c.id, r.id + "~1");
  EXPECT_EQ(c.status, CommitmentStatus::kPlanned);
  EXPECT_FALSE(commitment_overdue(c, year_month_day{2026y / March / 10}));
  EXPECT_TRUE(commitment_overdue(c, year_month_day{2026y / March / 11}));
  auto moved = recommendations_.record_progress(official_, c.id,
                                                {"Đã mua xích mới", CommitmentStatus::kInProgress});
  EXPECT_TRUE(commitment_overdue(moved.commitments[0], year_month_day{2026y / March / 11}));
  auto done = recommendations_.record_progress(official_, c.id, {"Đã sửa xong", CommitmentStatus::kDone});
  EXPECT_FALSE(commitment_overdue(done.commitments[0], year_month_day{2026y / March / 11}));
  auto stored = storage_->recommendations().recommendation(r.id);
  ASSERT_EQ(stored->commitments[0].updates.size(), 2u);
  EXPECT_EQ(stored->commitments[0].updates[0].note, "Đã mua xích mới");
  EXPECT_EQ(stored->commitments[0].status, CommitmentStatus::kDone);
  Commitment dropped = c;
  dropped.status = CommitmentStatus::kDropped;
  EXPECT_FALSE(commitment_overdue(dropped, year_month_day{2026y / March / 11}));
}

TEST_F(RecommendationsTest, ProgressOnAnUnknownCommitmentIsNotFound) {
  auto r = answered({{"Sửa xích đu", "Phường 9", "2026-03-10"}});
  EXPECT_THROW(recommendations_.record_progress(official_, r.id + "~9", {"Ghi chú", {}}), NotFound);
  EXPECT_THROW(recommendations_.record_progress(official_, "no-tilde", {"Ghi chú", {}}), NotFound);
}

TEST_F(RecommendationsTest, FeedbackIsInTheChildsAgeBandOrElseForAll) {
  auto r = answered();
  EXPECT_FALSE(recommendations_.feedback_for(r, "11-13")) << "none yet";
  r = recommendations_.write_feedback(moderator_, r.id,
                                      {{"all", words("tất cả")}, {"11-13", words("11-13")}});
  EXPECT_EQ(recommendations_.feedback_for(r, "11-13")->you_said, "Các em nói 11-13");
  EXPECT_EQ(recommendations_.feedback_for(r, "7-10")->you_said, "Các em nói tất cả");
  auto only_band = recommendations_.write_feedback(moderator_, r.id, {{"14-15", words("14-15")}});
  EXPECT_EQ(recommendations_.feedback_for(only_band, "7-10")->you_said, "Các em nói 14-15")
      << "no text for all: the one there is";
  EXPECT_THROW(recommendations_.write_feedback(moderator_, r.id, {{"99-100", words("?")}}), Invalid);
}

TEST_F(RecommendationsTest, ReportingBackNeedsFeedbackAndClosingNeedsReportingBack) {
  auto r = answered();
  EXPECT_THROW(recommendations_.close(moderator_, r.id), Conflict);
  try {
    recommendations_.report_back(moderator_, r.id);
    FAIL() << "reported back without feedback";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.code(), "feedback_missing");
  }
  recommendations_.write_feedback(moderator_, r.id, {{"all", words("tất cả")}});
  auto back = recommendations_.report_back(moderator_, r.id);
  EXPECT_EQ(back.status, RecommendationStatus::kReportedBack);
  // Each child who contributed is told once.
  EXPECT_EQ(storage_->recommendations().unread_notifications("pupil", "p_1"), 1);
  EXPECT_EQ(storage_->recommendations().unread_notifications("pupil", "p_2"), 1);
  EXPECT_THROW(recommendations_.write_feedback(moderator_, r.id, {{"all", words("lại")}}),
               Conflict);
  auto closed = recommendations_.close(moderator_, r.id);
  EXPECT_EQ(closed.status, RecommendationStatus::kClosed);
  std::vector<std::string> steps;
  for (const auto& h : closed.history) steps.push_back(h.action);
  EXPECT_EQ(steps, (std::vector<std::string>{"created", "forwarded", "acknowledged", "answered",
                                             "feedback_written", "reported_back", "closed"}));
}

TEST_F(RecommendationsTest, TheStatusFilterListsOnlyThatStatus) {
  forwarded();
  drafted();
  RecommendationFilter filter;
  filter.status = RecommendationStatus::kForwarded;
  auto list = recommendations_.list(moderator_, filter, Page{std::nullopt, 50});
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].status, RecommendationStatus::kForwarded);
}

TEST(RecommendationWords, EachStateAndDecisionReadsBackFromItsWord) {
  for (auto s : {RecommendationStatus::kDraft, RecommendationStatus::kForwarded,
                 RecommendationStatus::kAcknowledged, RecommendationStatus::kAnswered,
                 RecommendationStatus::kReportedBack, RecommendationStatus::kClosed})
    EXPECT_EQ(recommendation_status(word(s)), s);
  for (auto d : {Decision::kAccepted, Decision::kPartlyAccepted, Decision::kDeclined,
                 Decision::kReferred})
    EXPECT_EQ(decision(word(d)), d);
  EXPECT_EQ(word(Decision::kPartlyAccepted), "partly_accepted");
  EXPECT_EQ(word(RecommendationStatus::kReportedBack), "reported_back");
  EXPECT_FALSE(recommendation_status("Forwarded"));
  EXPECT_FALSE(commitment_status("finished"));
}

}  // namespace
}  // namespace ln
