// Safeguarding cases on a real SQLite database: only leads work them, an acknowledgement comes
// first, closing as "no concern" needs a second lead, and a child's request to take a text back
// leaves it with the leads.
#include "moderation/safeguarding.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "tests/moderation/moderation_world.h"

namespace ln {
namespace {

using SafeguardingCases = testing::ModerationWorld;
using testing::error_code;

moderation::SafeguardingAction referral() {
  return {SafeguardingActionKind::kReferral111, "2026-05-04", "111-0427", "Đã gọi 111."};
}

const char* kReason = "Đã gặp em và cô giáo chủ nhiệm.";

TEST_F(SafeguardingCases, OnlySafeguardingLeadsWorkCases) {
  const Submission told = send("Bố hay đánh em.");
  EXPECT_THROW(cases_.get(moderator_, told.id), Forbidden);
  EXPECT_THROW(cases_.open_cases(account("acc_admin", Role::kAdmin), {}), Forbidden);
  EXPECT_THROW(cases_.acknowledge(moderator_, told.id), Forbidden);
  EXPECT_EQ(cases_.get(lead_, told.id).id, told.id);
}

TEST_F(SafeguardingCases, AnOrdinaryIdeaIsNoCase) {
  const Submission idea = send("Em muốn có thêm sân bóng.");
  EXPECT_THROW(cases_.get(lead_, idea.id), NotFound);
}

TEST_F(SafeguardingCases, ALeadOfAnotherWardDoesNotSeeTheCase) {
  const Submission told = send("Bố hay đánh em.");
  const Principal far = account("acc_far_lead", Role::kSafeguardingLead, "u_other");
  EXPECT_TRUE(cases_.open_cases(far, {}).empty());
  EXPECT_THROW(cases_.get(far, told.id), NotFound);
}

TEST_F(SafeguardingCases, AcknowledgingIsRecordedOnceAndIsTheFirstReview) {
  const Submission told = send("Bố hay đánh em.");
  const Submission acknowledged = cases_.acknowledge(lead_, told.id);
  const Submission read = stored(told.id);
  EXPECT_EQ(read.safeguarding.acknowledged_by, "acc_lead");
  EXPECT_EQ(read.first_reviewed_at, read.safeguarding.acknowledged_at);
  EXPECT_EQ(read.safeguarding.state(), CaseState::kAcknowledged);
  EXPECT_EQ(read.version, acknowledged.version);
  EXPECT_EQ(error_code([&] { cases_.acknowledge(second_lead_, told.id); }),
            "already_acknowledged");
}

TEST_F(SafeguardingCases, AnAcknowledgementAfterTheDeadlineIsLate) {
  const Submission told = send("Bố hay đánh em.");
  EXPECT_FALSE(cases_.timing(told).late);
  clock_.advance(std::chrono::minutes(settings_.safeguarding_ack_minutes + 1));
  EXPECT_TRUE(cases_.timing(told).late);
  const Submission acknowledged = cases_.acknowledge(lead_, told.id);
  EXPECT_TRUE(cases_.timing(acknowledged).late);  // it stays late once acknowledged
}

TEST_F(SafeguardingCases, ActionsWaitForTheAcknowledgement) {
  const Submission told = send("Bố hay đánh em.");
  EXPECT_EQ(error_code([&] { cases_.record_action(lead_, told.id, referral()); }),
            "not_acknowledged");
  cases_.acknowledge(lead_, told.id);
  cases_.record_action(lead_, told.id, referral());
  const auto actions = stored(told.id).safeguarding.actions;
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, SafeguardingActionKind::kReferral111);
  EXPECT_EQ(actions[0].reference, "111-0427");
  EXPECT_EQ(actions[0].by, "acc_lead");
}

TEST_F(SafeguardingCases, ClosingAsNoConcernNeedsASecondLead) {
  const Submission told = send("Bố hay đánh em.");
  cases_.acknowledge(lead_, told.id);
  const Submission proposed = cases_.close(lead_, told.id, CaseOutcome::kNoConcern, kReason);
  EXPECT_EQ(proposed.status, SubmissionStatus::kClosurePending);
  EXPECT_EQ(stored(told.id).safeguarding.state(), CaseState::kClosurePending);
  EXPECT_EQ(error_code([&] { cases_.confirm_closure(lead_, told.id); }), "second_lead_required");

  const Submission closed = cases_.confirm_closure(second_lead_, told.id);
  EXPECT_EQ(closed.status, SubmissionStatus::kClosed);
  const Submission read = stored(told.id);
  ASSERT_TRUE(read.safeguarding.closure);
  EXPECT_EQ(read.safeguarding.closure->outcome, CaseOutcome::kNoConcern);
  EXPECT_EQ(read.safeguarding.closure->proposed_by, "acc_lead");
  EXPECT_EQ(read.safeguarding.closure->confirmed_by, "acc_lead2");
  EXPECT_EQ(read.safeguarding.state(), CaseState::kClosed);
}

TEST_F(SafeguardingCases, AReferralClosesAtOnceAndTheClosedCaseTakesNothingMore) {
  const Submission told = send("Bố hay đánh em.");
  cases_.acknowledge(lead_, told.id);
  EXPECT_EQ(cases_.close(lead_, told.id, CaseOutcome::kReferred, kReason).status,
            SubmissionStatus::kClosed);
  EXPECT_EQ(error_code([&] { cases_.record_action(lead_, told.id, referral()); }), "case_closed");
  EXPECT_EQ(error_code([&] { cases_.close(lead_, told.id, CaseOutcome::kResolved, kReason); }),
            "case_closed");
  EXPECT_EQ(error_code([&] { cases_.confirm_closure(second_lead_, told.id); }),
            "nothing_to_confirm");
  EXPECT_TRUE(cases_.open_cases(lead_, {}).empty());
}

TEST_F(SafeguardingCases, AClosureNeedsAReasonOfTenCharacters) {
  const Submission told = send("Bố hay đánh em.");
  cases_.acknowledge(lead_, told.id);
  EXPECT_THROW(cases_.close(lead_, told.id, CaseOutcome::kResolved, "ok"), Invalid);
  EXPECT_EQ(stored(told.id).safeguarding.state(), CaseState::kAcknowledged);
}

TEST_F(SafeguardingCases, AChildTakingItBackLeavesTheCaseWithTheLeads) {
  Principal handed = pupil_;
  handed.code_issued_by = "acc_teacher";
  const Submission told = send("Bố hay đánh em.");
  const Submission asked = submissions_.withdraw(handed, told.id);
  EXPECT_EQ(asked.status, SubmissionStatus::kQueued);  // not withdrawn: a lead decides
  EXPECT_TRUE(moderation::withdrawal_requested(asked));
  EXPECT_FALSE(moderation::may_withdraw(asked));
  const Submission read = stored(told.id);
  ASSERT_TRUE(read.safeguarding.withdrawal_request);
  EXPECT_EQ(read.safeguarding.withdrawal_request->code_issued_by, "acc_teacher");
  std::vector<std::string> open;
  for (const auto& s : cases_.open_cases(lead_, {})) open.push_back(s.id);
  EXPECT_EQ(open, std::vector<std::string>{told.id});
}

}  // namespace
}  // namespace ln
