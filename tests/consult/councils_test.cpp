// The rules of Children's Councils as their members and the Youth Union rely on them, checked on
// the domain directly over a real SQLite database: sessions go planned → held → minuted (and
// refuse steps out of order with a 409), agendas hold only approved children's words, votes are
// counted and adopted by more than half of those present, members are within the Council's age
// band edges with both consents, and an adopted proposal becomes a draft recommendation.
#include "consult/councils.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "base/crypto.h"
#include "base/errors.h"
#include "consult/age_bands.h"
#include "consult/consent_text.h"
#include "consult/sessions.h"
#include "store/open_storage.h"
#include "tests/consult/error_code.h"

namespace ln {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono;

Principal moderator() {
  Principal p;
  p.kind = Principal::Kind::kAccount;
  p.id = "acc_mod";
  p.role = Role::kModerator;
  p.name = "moderator";
  p.unit_ids = {"u_ward"};
  return p;
}

Principal as_pupil(const std::string& id) {
  Principal p;
  p.kind = Principal::Kind::kPupil;
  p.id = id;
  p.role = Role::kCouncilMember;
  return p;
}

using testing::error_code;

class CouncilsTest : public ::testing::Test {
 protected:
  CouncilsTest()
      : dir_(fs::temp_directory_path() /
             ("ln-councils-" + std::to_string(::getpid()) + "-" + std::to_string(++counter_))),
        keys_(Keys::for_tests()),
        storage_(store::open_storage("sqlite:" + (dir_ / "db").string(), nullptr)),
        audit_(storage_->audit(), clock_),
        sessions_(*storage_, clock_, settings_),
        organisation_(*storage_, clock_, audit_, settings_),
        pupils_(*storage_, clock_, audit_, sessions_, organisation_, settings_, keys_),
        recommendations_(*storage_, clock_, audit_, organisation_, calendar_,
                         [](const std::string&) {
                           return ScreenedText{};
                         }),
        councils_(*storage_, clock_, audit_, organisation_, pupils_, recommendations_) {
    const std::string now = clock_.now_text();
    storage_->organisation().insert_units(
        {{"u_ward", std::nullopt, "ward", "Phường 9", "P9", std::nullopt, std::nullopt, now}});
    storage_->organisation().insert_schools(
        {{"sch_1", "u_ward", "THCS Đào Duy Anh", std::nullopt, std::nullopt, now}});
    storage_->organisation().insert_class(
        {"cls_1", "sch_1", "u_ward", "7A", 7, "2026-2027", "acc_mod", std::nullopt, now},
        {"TEST7A", "cls_1", "acc_mod", now, format_time(clock_.now() + days(30)),
         std::nullopt});
  }
  ~CouncilsTest() override {
    storage_.reset();
    fs::remove_all(dir_);
  }

  std::string today() { return format_date(date_of(clock_.now())); }

  // A pupil of `age` all through this school year (born on 1 September, as a Council counts),
  // with the consents asked for.
  std::string pupil(int age, bool child_consent = true, bool guardian_consent = true) {
    auto year = std::chrono::year(school_year_of(date_of(clock_.now())) - age);
    auto joined = pupils_.join({"TEST7A", "Chim Sẻ " + std::to_string(++pupils_made_),
                                format_date(year_month_day{year / September / 1}), "test", "test"});
    if (child_consent) pupils_.give_child_consent(as_pupil(joined.pupil.id), kConsentTextVersion);
    if (guardian_consent)
      pupils_.record_guardian_slip(moderator(), joined.pupil.id,
                                   "SLIP-" + std::to_string(pupils_made_));
    return joined.pupil.id;
  }

  // A Council of the ward for ages 11–15 (edges of the default bands), this year and next.
  Council council(int cap = 15) {
    const int year = static_cast<int>(date_of(clock_.now()).year());
    CouncilInput in;
    in.unit_id = "u_ward";
    in.name = "Hội đồng trẻ em Phường 9";
    in.term_start = std::to_string(year) + "-01-01";
    in.term_end = std::to_string(year + 1) + "-12-31";
    in.member_cap = cap;
    in.min_age = 11;
    in.max_age = 15;
    return councils_.create(moderator(), in);
  }

  CouncilMember member(const Council& c, int age = 12, CouncilRole role = CouncilRole::kMember) {
    return councils_.add_member(moderator(), c.id,
                                {pupil(age), role, CouncilJoining::kElection, std::nullopt});
  }

  CouncilSession planned(const Council& c, std::optional<std::vector<AgendaItem>> agenda = {}) {
    return councils_.plan_session(moderator(), c.id,
                                  {"Kỳ họp thứ nhất", today(), "Nhà văn hóa", std::move(agenda)});
  }

  // A held session of `c` attended by `present`.
  CouncilSession held(const Council& c, const std::vector<std::string>& present) {
    return councils_.mark_held(moderator(), planned(c).id, std::nullopt, present);
  }

  Submission submission(const std::string& status, std::optional<std::string> redacted = {}) {
    Submission s;
    s.id = "sub_" + std::to_string(++submissions_made_);
    s.pupil_id = pupil(12);
    s.unit_id = "u_ward";
    s.kind = SubmissionKind::kIdea;
    s.text = "Em muốn có thêm sân chơi gần nhà, tên em là Lan.";
    s.topic = "Sân chơi";
    s.status = *submission_status(status);
    s.redacted_text = std::move(redacted);
    s.created_at = s.updated_at = clock_.now_text();
    storage_->submissions().insert_submission(s);
    // The moderator's decision and redaction.
    storage_->submissions().update_if_version(s, s.version);
    return s;
  }

  VoteInput votes(std::map<std::string, VoteChoice> by_member) {
    return {"Mở cửa sân trường sáng Chủ nhật", "Hội đồng đề nghị mở cửa sân trường sáng Chủ nhật.",
            std::move(by_member), std::nullopt};
  }

  VoteInput counts(int votes_for, int against, int abstain) {
    return {"Sơn lại vạch kẻ đường", "Đề nghị sơn lại vạch qua đường trước cổng trường.",
            std::nullopt, VoteCounts{votes_for, against, abstain}};
  }

  static inline std::atomic<int> counter_{0};
  int pupils_made_ = 0;
  int submissions_made_ = 0;
  fs::path dir_;
  SystemClock clock_;
  Settings settings_;
  WorkingCalendar calendar_;
  Keys keys_;
  std::unique_ptr<Storage> storage_;
  AuditLog audit_;
  Sessions sessions_;
  Organisation organisation_;
  Pupils pupils_;
  Recommendations recommendations_;
  Councils councils_;
};

// --- Session lifecycle ----------------------------------------------------------------------

TEST_F(CouncilsTest, ASessionGoesFromPlannedToHeldToMinutedAndRecordsEachStep) {
  Council c = council();
  auto a = member(c);
  auto s = planned(c);
  EXPECT_EQ(s.status, CouncilSessionStatus::kPlanned);
  councils_.mark_held(moderator(), s.id, std::nullopt, {a.id});
  auto minuted = councils_.minute(moderator(), s.id, "Hội đồng họp đủ thành viên.");
  EXPECT_EQ(minuted.status, CouncilSessionStatus::kMinuted);

  auto stored = storage_->councils().session(s.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->status, CouncilSessionStatus::kMinuted);
  EXPECT_EQ(stored->held_on, today());
  EXPECT_EQ(stored->attendance, std::vector<std::string>{a.id});
  ASSERT_EQ(stored->lifecycle.size(), 3u);
  EXPECT_EQ(stored->lifecycle[0].status, CouncilSessionStatus::kPlanned);
  EXPECT_EQ(stored->lifecycle[1].status, CouncilSessionStatus::kHeld);
  EXPECT_EQ(stored->lifecycle[2].status, CouncilSessionStatus::kMinuted);
  for (const auto& step : stored->lifecycle) EXPECT_EQ(step.by, "acc_mod");
}

TEST_F(CouncilsTest, MinutesBeforeTheSessionIsHeldAreAConflict) {
  Council c = council();
  auto s = planned(c);
  EXPECT_EQ(error_code([&] { councils_.minute(moderator(), s.id, "Biên bản"); }), "not_held");
  EXPECT_EQ(storage_->councils().session(s.id)->status, CouncilSessionStatus::kPlanned);
}

TEST_F(CouncilsTest, OnlyAPlannedSessionCanBeHeld) {
  Council c = council();
  auto a = member(c);
  auto s = held(c, {a.id});
  EXPECT_EQ(error_code([&] { councils_.mark_held(moderator(), s.id, std::nullopt, {a.id}); }),
            "not_planned");
}

TEST_F(CouncilsTest, TheDateOfAHeldSessionDoesNotMove) {
  Council c = council();
  auto a = member(c);
  auto s = held(c, {a.id});
  SessionInput later;
  later.planned_for = format_date(date_of(clock_.now() + days(3)));
  EXPECT_EQ(error_code([&] { councils_.update_session(moderator(), s.id, later); }),
            "session_held");
}

TEST_F(CouncilsTest, AMinutedSessionIsTheRecordAndNoLongerChanges) {
  Council c = council();
  auto a = member(c);
  auto s = held(c, {a.id});
  councils_.minute(moderator(), s.id, "Biên bản kỳ họp.");
  SessionInput retitled;
  retitled.title = "Tên khác";
  EXPECT_EQ(error_code([&] { councils_.update_session(moderator(), s.id, retitled); }),
            "session_minuted");
  EXPECT_EQ(error_code([&] { councils_.vote(moderator(), s.id, counts(1, 0, 0)); }), "not_held");
  EXPECT_EQ(storage_->councils().session(s.id)->title, "Kỳ họp thứ nhất");
}

TEST_F(CouncilsTest, AHeldSessionNeedsTheMembersPresentAndOnlyCurrentMembers) {
  Council c = council();
  auto s = planned(c);
  EXPECT_THROW(councils_.mark_held(moderator(), s.id, std::nullopt, {}), Invalid);
  EXPECT_THROW(councils_.mark_held(moderator(), s.id, std::nullopt, {"mem_nobody"}), Invalid);
  EXPECT_EQ(storage_->councils().session(s.id)->status, CouncilSessionStatus::kPlanned);
}

TEST_F(CouncilsTest, AttendanceNoLongerChangesOnceVotesWereCounted) {
  Council c = council();
  auto a = member(c), b = member(c);
  auto s = held(c, {a.id});
  councils_.set_attendance(moderator(), s.id, {a.id, b.id});
  EXPECT_EQ(storage_->councils().session(s.id)->attendance, (std::vector<std::string>{a.id, b.id}));
  councils_.vote(moderator(), s.id, counts(2, 0, 0));
  EXPECT_EQ(error_code([&] { councils_.set_attendance(moderator(), s.id, {a.id}); }),
            "votes_recorded");
}

// --- Agenda -----------------------------------------------------------------------------------

TEST_F(CouncilsTest, AnAgendaTakesOnlyApprovedSubmissions) {
  Council c = council();
  auto waiting = submission("queued");
  auto approved = submission("approved");
  try {
    planned(c, std::vector<AgendaItem>{{AgendaKind::kSubmission, approved.id},
                                       {AgendaKind::kSubmission, waiting.id}});
    ADD_FAILURE() << "an agenda took a submission no moderator approved";
  } catch (const Unprocessable& e) {
    EXPECT_EQ(e.code(), "invalid_agenda");
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].field, "agenda[1]");
  }
  EXPECT_TRUE(storage_->councils().sessions_of(c.id).empty()) << "a refused session was stored";

  auto s = planned(c, std::vector<AgendaItem>{{AgendaKind::kSubmission, approved.id},
                                              {AgendaKind::kSubmission, approved.id}});
  auto stored = storage_->councils().session(s.id);
  ASSERT_EQ(stored->agenda.size(), 1u) << "the same item twice is one item";
  EXPECT_EQ(stored->agenda[0].kind, AgendaKind::kSubmission);
  EXPECT_EQ(stored->agenda[0].id, approved.id);
}

TEST_F(CouncilsTest, TheAgendaShowsOnlyTheApprovedWords) {
  Council c = council();
  auto redacted = submission("approved_redacted", "Em muốn có thêm sân chơi gần nhà.");
  auto s = planned(c, std::vector<AgendaItem>{{AgendaKind::kSubmission, redacted.id}});
  auto detail = councils_.session_view(moderator(), s.id);
  ASSERT_EQ(detail.agenda.size(), 1u);
  EXPECT_TRUE(detail.agenda[0].available);
  EXPECT_EQ(detail.agenda[0].text, "Em muốn có thêm sân chơi gần nhà.");
  EXPECT_EQ(detail.agenda[0].topic, "Sân chơi");

  // Taken back from approval later: the session still lists it, without its words.
  auto withdrawn = *storage_->submissions().submission(redacted.id);
  withdrawn.status = SubmissionStatus::kWithdrawn;
  storage_->submissions().update_submission(withdrawn);
  detail = councils_.session_view(moderator(), s.id);
  ASSERT_EQ(detail.agenda.size(), 1u);
  EXPECT_FALSE(detail.agenda[0].available);
  EXPECT_EQ(detail.agenda[0].text, "");
}

TEST_F(CouncilsTest, AnAgendaRefusesItemsThatAreNotThere) {
  Council c = council();
  EXPECT_EQ(error_code([&] {
              planned(c, std::vector<AgendaItem>{{AgendaKind::kSubmission, "sub_none"},
                                                 {AgendaKind::kConsultation, "con_none"}});
            }),
            "invalid_agenda");
}

// --- Votes ------------------------------------------------------------------------------------

TEST_F(CouncilsTest, EachMembersVoteIsCountedAndKept) {
  Council c = council();
  auto a = member(c), b = member(c), d = member(c);
  auto s = held(c, {a.id, b.id, d.id});
  auto p = councils_.vote(moderator(), s.id,
                          votes({{a.id, VoteChoice::kFor},
                                 {b.id, VoteChoice::kAgainst},
                                 {d.id, VoteChoice::kAbstain}}));
  EXPECT_EQ(p.present, 3);
  EXPECT_EQ(p.votes_for, 1);
  EXPECT_EQ(p.votes_against, 1);
  EXPECT_EQ(p.abstentions, 1);
  EXPECT_FALSE(p.adopted);
  auto stored = storage_->councils().proposals_of(s.id);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].votes.at(b.id), VoteChoice::kAgainst);
  EXPECT_EQ(stored[0].votes.size(), 3u);
}

TEST_F(CouncilsTest, AProposalIsAdoptedByMoreThanHalfOfThosePresent) {
  Council c = council();
  auto a = member(c), b = member(c), d = member(c), e = member(c);
  auto s = held(c, {a.id, b.id, d.id, e.id});
  auto half = councils_.vote(moderator(), s.id, counts(2, 1, 1));
  EXPECT_FALSE(half.adopted) << "half of those present is not more than half";
  EXPECT_FALSE(half.recommendation_id);
  auto more = councils_.vote(moderator(), s.id, counts(3, 0, 0));
  EXPECT_TRUE(more.adopted) << "an absent vote counts against, but 3 of 4 is more than half";
  EXPECT_EQ(more.position, 2);
}

TEST_F(CouncilsTest, OnlyMembersPresentVote) {
  Council c = council();
  auto a = member(c), absent = member(c);
  auto s = held(c, {a.id});
  EXPECT_THROW(councils_.vote(moderator(), s.id,
                              votes({{a.id, VoteChoice::kFor}, {absent.id, VoteChoice::kFor}})),
               Invalid);
  EXPECT_TRUE(storage_->councils().proposals_of(s.id).empty());
}

TEST_F(CouncilsTest, MoreVotesThanMembersPresentAreRefused) {
  Council c = council();
  auto a = member(c), b = member(c);
  auto s = held(c, {a.id, b.id});
  EXPECT_EQ(error_code([&] { councils_.vote(moderator(), s.id, counts(2, 1, 0)); }),
            "too_many_votes");
  EXPECT_THROW(councils_.vote(moderator(), s.id, counts(-1, 0, 0)), Invalid);
  EXPECT_TRUE(storage_->councils().proposals_of(s.id).empty());
}

TEST_F(CouncilsTest, AVoteIsEitherEachMembersVoteOrTheCounts) {
  Council c = council();
  auto a = member(c);
  auto s = held(c, {a.id});
  VoteInput both = votes({{a.id, VoteChoice::kFor}});
  both.counts = VoteCounts{1, 0, 0};
  EXPECT_THROW(councils_.vote(moderator(), s.id, both), Invalid);
  VoteInput neither = counts(1, 0, 0);
  neither.counts.reset();
  EXPECT_THROW(councils_.vote(moderator(), s.id, neither), Invalid);
}

TEST_F(CouncilsTest, PupilsDoNotSeeHowEachMemberVoted) {
  Council c = council();
  auto a = member(c), b = member(c);
  auto s = held(c, {a.id, b.id});
  councils_.vote(moderator(), s.id, votes({{a.id, VoteChoice::kFor}, {b.id, VoteChoice::kFor}}));

  auto for_adult = councils_.session_view(moderator(), s.id);
  EXPECT_TRUE(for_adult.votes_shown);
  EXPECT_EQ(for_adult.proposals.at(0).votes.size(), 2u);

  auto for_member = councils_.session_view(as_pupil(a.pupil_id), s.id);
  EXPECT_FALSE(for_member.votes_shown);
  EXPECT_TRUE(for_member.proposals.at(0).votes.empty());
  EXPECT_EQ(for_member.proposals.at(0).votes_for, 2) << "the counts are for everyone";
}

// --- Adoption ---------------------------------------------------------------------------------

TEST_F(CouncilsTest, AnAdoptedProposalBecomesADraftRecommendationNamingItsSession) {
  Council c = council();
  auto a = member(c), b = member(c);
  auto s = held(c, {a.id, b.id});
  auto p = councils_.vote(moderator(), s.id,
                          votes({{a.id, VoteChoice::kFor}, {b.id, VoteChoice::kFor}}));
  ASSERT_TRUE(p.adopted);
  ASSERT_TRUE(p.recommendation_id);
  auto r = storage_->recommendations().recommendation(*p.recommendation_id);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->title, p.title);
  EXPECT_EQ(r->council_session_id, s.id);
  EXPECT_FALSE(r->forwarded_at) << "an adopted proposal is a draft, not yet forwarded";

  auto adopted = councils_.recommendations(as_pupil(a.pupil_id), c.id);
  ASSERT_EQ(adopted.size(), 1u) << "the Council's members follow what it adopted";
  EXPECT_EQ(adopted[0].id, *p.recommendation_id);
}

TEST_F(CouncilsTest, AProposalNotAdoptedMakesNoRecommendation) {
  Council c = council();
  auto a = member(c), b = member(c);
  auto s = held(c, {a.id, b.id});
  councils_.vote(moderator(), s.id, counts(1, 1, 0));
  EXPECT_TRUE(councils_.recommendations(moderator(), c.id).empty());
}

// --- Members ----------------------------------------------------------------------------------

TEST_F(CouncilsTest, MembersAreWithinTheCouncilsAgeBandEdges) {
  Council c = council();  // 11–15
  EXPECT_NO_THROW(member(c, 11));
  EXPECT_NO_THROW(member(c, 15));
  EXPECT_EQ(error_code([&] { member(c, 10); }), "outside_age_limits");
  EXPECT_EQ(error_code([&] { member(c, 16); }), "outside_age_limits");
  EXPECT_EQ(storage_->councils().members(c.id).size(), 2u);
}

TEST_F(CouncilsTest, AgeLimitsAreEdgesOfTheAgeBands) {
  const int year = static_cast<int>(date_of(clock_.now()).year());
  CouncilInput in;
  in.unit_id = "u_ward";
  in.name = "Hội đồng";
  in.term_start = std::to_string(year) + "-01-01";
  in.term_end = std::to_string(year + 1) + "-12-31";
  in.member_cap = 10;
  in.min_age = 12;  // inside the band 11–13: it would single out the children of 11
  try {
    councils_.create(moderator(), in);
    ADD_FAILURE() << "a Council's age limit singled out one age";
  } catch (const Invalid& e) {
    EXPECT_EQ(e.field(), "min_age");
  }
  in.min_age = band_for_age(12)->min_age;
  in.max_age = 14;  // inside 14–15
  EXPECT_THROW(councils_.create(moderator(), in), Invalid);
  EXPECT_TRUE(storage_->councils().councils({}).empty());
}

TEST_F(CouncilsTest, AMemberNeedsBothConsents) {
  Council c = council();
  auto without_guardian = pupil(12, true, false);
  EXPECT_EQ(error_code([&] {
              councils_.add_member(moderator(), c.id,
                                   {without_guardian, CouncilRole::kMember,
                                    CouncilJoining::kNomination, std::nullopt});
            }),
            "consent_missing");
  EXPECT_TRUE(storage_->councils().members(c.id).empty());
}

TEST_F(CouncilsTest, ACouncilHasOneChair) {
  Council c = council();
  member(c, 12, CouncilRole::kChair);
  EXPECT_EQ(error_code([&] { member(c, 13, CouncilRole::kChair); }), "chair_taken");
  EXPECT_NO_THROW(member(c, 13, CouncilRole::kViceChair));
}

TEST_F(CouncilsTest, AFullCouncilTakesNoMoreMembers) {
  Council c = council(2);
  member(c);
  member(c);
  EXPECT_EQ(error_code([&] { member(c); }), "council_full");
}

TEST_F(CouncilsTest, TheCouncilListsItsChairFirstAndHidesPupilIdsFromMembers) {
  Council c = council();
  auto plain = member(c, 12, CouncilRole::kMember);
  auto vice = member(c, 13, CouncilRole::kViceChair);
  auto chair = member(c, 14, CouncilRole::kChair);
  auto for_adult = councils_.view(moderator(), c.id);
  ASSERT_EQ(for_adult.members.size(), 3u);
  EXPECT_EQ(for_adult.members[0].member_id, chair.id);
  EXPECT_EQ(for_adult.members[1].member_id, vice.id);
  EXPECT_EQ(for_adult.members[2].member_id, plain.id);
  EXPECT_EQ(for_adult.members[0].pupil_id, chair.pupil_id);
  EXPECT_EQ(for_adult.members[0].age_band, band_for_age(14)->id);

  auto for_member = councils_.view(as_pupil(plain.pupil_id), c.id);
  for (const auto& m : for_member.members) {
    EXPECT_FALSE(m.pupil_id) << "a child on the Council saw another child's pupil id";
    EXPECT_FALSE(m.age_band);
  }
}

TEST_F(CouncilsTest, AYearWithFewerThanTwoSessionsIsFlagged) {
  Council c = council();
  auto a = member(c);
  held(c, {a.id});
  auto overview = councils_.view(moderator(), c.id);
  ASSERT_FALSE(overview.years.empty());
  const auto& this_year = overview.years.back();
  EXPECT_EQ(this_year.held, 1);
  EXPECT_TRUE(this_year.too_few);
  held(c, {a.id});
  EXPECT_FALSE(councils_.view(moderator(), c.id).years.back().too_few);
}

}  // namespace
}  // namespace ln
