// The moderation queues on a real SQLite database: what waits where, who may read it, and which
// decisions are refused.
#include "moderation/queue.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "tests/moderation/moderation_world.h"

namespace ln {
namespace {

using ModerationQueue = testing::ModerationWorld;
using testing::error_code;

std::vector<std::string> ids(const std::vector<Submission>& items) {
  std::vector<std::string> out;
  for (const auto& s : items) out.push_back(s.id);
  return out;
}

std::vector<std::string> approved_texts(const std::vector<ApprovedSubmission>& items) {
  std::vector<std::string> out;
  for (const auto& a : items) out.push_back(approved_words(a.submission));
  return out;
}

TEST_F(ModerationQueue, NothingIsOfferedForCompilingBeforeAModeratorApprovesIt) {
  const Submission idea = send("Trường em cần thêm cây xanh ở sân chơi.");
  EXPECT_EQ(idea.status, SubmissionStatus::kQueued);
  EXPECT_TRUE(queue_.approved(moderator_, std::nullopt, std::nullopt, {}).empty());

  decide(moderator_, idea.id, ModeratorDecision::kApprove);
  EXPECT_EQ(approved_texts(queue_.approved(moderator_, std::nullopt, std::nullopt, {})),
            std::vector<std::string>{"Trường em cần thêm cây xanh ở sân chơi."});
}

TEST_F(ModerationQueue, ARedactedApprovalOffersOnlyTheWordsLeft) {
  const Submission idea = send("Em tên Lan, số điện thoại 0901234567, muốn có thư viện.");
  const Submission claimed = queue_.claim(moderator_, idea.id);
  moderation::Decision d;
  d.decision = ModeratorDecision::kApproveRedacted;
  d.version = claimed.version;
  d.redactions = {{7, 37}};
  queue_.decide(moderator_, idea.id, d);
  EXPECT_EQ(approved_texts(queue_.approved(moderator_, std::nullopt, std::nullopt, {})),
            std::vector<std::string>{"Em tên […] muốn có thư viện."});
  EXPECT_EQ(stored(idea.id).status, SubmissionStatus::kApprovedRedacted);
}

TEST_F(ModerationQueue, ADisclosureGoesToTheSafeguardingQueueNotTheOrdinaryOne) {
  const Submission idea = send("Em muốn có thêm sân bóng.");
  const Submission told = send("Bố hay đánh em khi say rượu.");
  EXPECT_EQ(told.queue, Queue::kSafeguarding);
  EXPECT_TRUE(told.screening.has(ScreenerLabel::kDisclosure));

  EXPECT_EQ(ids(queue_.items(moderator_, Queue::kNormal, {})), std::vector<std::string>{idea.id});
  EXPECT_EQ(ids(queue_.items(lead_, Queue::kSafeguarding, {})), std::vector<std::string>{told.id});
  EXPECT_EQ(ids(queue_.items(lead_, Queue::kPriority, {})), std::vector<std::string>{});
}

TEST_F(ModerationQueue, AModeratorCannotReadSafeguardingItems) {
  const Submission told = send("Chú hàng xóm đánh em.");
  EXPECT_THROW(queue_.items(moderator_, Queue::kSafeguarding, {}), Forbidden);
  EXPECT_THROW(queue_.item(moderator_, told.id), NotFound);
  EXPECT_THROW(queue_.claim(moderator_, told.id), NotFound);
  // Nor do the queues a moderator works mention it.
  for (const auto& q : queue_.queues(moderator_)) EXPECT_NE(q.queue, Queue::kSafeguarding);
  EXPECT_EQ(queue_.item(lead_, told.id).id, told.id);
}

TEST_F(ModerationQueue, AModeratorOfAnotherWardDoesNotSeeTheItem) {
  const Submission idea = send("Em muốn có thêm sân bóng.");
  const Principal elsewhere = account("acc_far", Role::kModerator, "u_other");
  EXPECT_TRUE(queue_.items(elsewhere, Queue::kNormal, {}).empty());
  EXPECT_THROW(queue_.item(elsewhere, idea.id), NotFound);
}

TEST_F(ModerationQueue, AReturnedTextKeepsItsRevisionWhenTheChildSendsItAgain) {
  const Submission first = send("Em muốn sân chơi.");
  decide(moderator_, first.id, ModeratorDecision::kReturn, "unclear");
  const Submission returned = stored(first.id);
  ASSERT_EQ(returned.status, SubmissionStatus::kReturned);
  ASSERT_TRUE(returned.decision);
  EXPECT_EQ(returned.decision->reason, "unclear");

  submissions_.resend(pupil_, first.id, "Em muốn trường có sân chơi có mái che.", returned.version);
  const Submission again = stored(first.id);
  EXPECT_EQ(again.status, SubmissionStatus::kQueued);
  EXPECT_EQ(again.text, "Em muốn trường có sân chơi có mái che.");
  EXPECT_FALSE(again.decision);
  ASSERT_EQ(again.revisions.size(), 1u);
  EXPECT_EQ(again.revisions[0].text, "Em muốn sân chơi.");
  EXPECT_EQ(again.revisions[0].sent_at, first.created_at);
  ASSERT_TRUE(again.revisions[0].decision);
  EXPECT_EQ(again.revisions[0].decision->decision, ModeratorDecision::kReturn);
  EXPECT_EQ(again.revisions[0].decision->by, "acc_mod");
}

TEST_F(ModerationQueue, ReturningNeedsAReasonFromTheList) {
  const Submission idea = send("Em muốn sân chơi.");
  EXPECT_THROW(decide(moderator_, idea.id, ModeratorDecision::kReturn, "because"), Invalid);
  EXPECT_THROW(decide(moderator_, idea.id, ModeratorDecision::kReject, "unclear"), Invalid);
  EXPECT_EQ(stored(idea.id).status, SubmissionStatus::kClaimed);
}

TEST_F(ModerationQueue, DecisionsOnADecidedItemAreConflicts) {
  const Submission idea = send("Em muốn có thêm sân bóng.");
  const Submission approved = decide(moderator_, idea.id, ModeratorDecision::kApprove);
  EXPECT_EQ(error_code([&] { queue_.claim(moderator_, idea.id); }), "already_decided");
  moderation::Decision again;
  again.decision = ModeratorDecision::kReject;
  again.version = approved.version;
  again.reason = "spam";
  EXPECT_EQ(error_code([&] { queue_.decide(moderator_, idea.id, again); }), "not_claimed");
  EXPECT_EQ(stored(idea.id).status, SubmissionStatus::kApproved);
}

TEST_F(ModerationQueue, OnlyTheModeratorHoldingTheClaimDecides) {
  const Submission idea = send("Em muốn có thêm sân bóng.");
  const Submission claimed = queue_.claim(moderator_, idea.id);
  EXPECT_EQ(error_code([&] { queue_.claim(other_moderator_, idea.id); }), "claimed_by_other");
  moderation::Decision d;
  d.version = claimed.version;
  EXPECT_EQ(error_code([&] { queue_.decide(other_moderator_, idea.id, d); }), "not_claimed");
}

TEST_F(ModerationQueue, ADecisionOnAnOldVersionIsAConflict) {
  const Submission idea = send("Em muốn có thêm sân bóng.");
  const Submission claimed = queue_.claim(moderator_, idea.id);
  moderation::Decision d;
  d.version = claimed.version - 1;
  EXPECT_EQ(error_code([&] { queue_.decide(moderator_, idea.id, d); }), "stale_version");
  EXPECT_EQ(stored(idea.id).status, SubmissionStatus::kClaimed);
}

TEST_F(ModerationQueue, AnExpiredClaimNoLongerDecides) {
  const Submission idea = send("Em muốn có thêm sân bóng.");
  const Submission claimed = queue_.claim(moderator_, idea.id);
  clock_.advance(std::chrono::minutes(settings_.claim_minutes + 1));
  moderation::Decision d;
  d.version = claimed.version;
  EXPECT_EQ(error_code([&] { queue_.decide(moderator_, idea.id, d); }), "not_claimed");
  // …and another moderator may take it.
  EXPECT_EQ(queue_.claim(other_moderator_, idea.id).claimed_by, "acc_mod2");
}

TEST_F(ModerationQueue, EscalatingMovesTheItemToTheSafeguardingLeads) {
  const Submission idea = send("Em buồn lắm, không muốn đi học nữa.");
  decide(moderator_, idea.id, ModeratorDecision::kEscalate);
  const Submission escalated = stored(idea.id);
  EXPECT_EQ(escalated.queue, Queue::kSafeguarding);
  EXPECT_EQ(escalated.status, SubmissionStatus::kQueued);
  EXPECT_FALSE(escalated.first_reviewed_at);  // the lead's acknowledgement is the first review
  EXPECT_THROW(queue_.item(moderator_, idea.id), NotFound);
  EXPECT_EQ(ids(cases_.open_cases(lead_, {})), std::vector<std::string>{idea.id});
}

TEST_F(ModerationQueue, ASafeguardingItemIsNeverPublishedFromTheQueue) {
  const Submission told = send("Bố hay đánh em.");
  EXPECT_EQ(error_code([&] { decide(lead_, told.id, ModeratorDecision::kApprove); }),
            "safeguarding_item");
  EXPECT_TRUE(queue_.approved(moderator_, std::nullopt, std::nullopt, {}).empty());
}

TEST_F(ModerationQueue, OnlyALabelTheScreenerGaveCanBeMarkedWrong) {
  const Submission idea = send("Em muốn có thêm sân bóng.");
  const Submission claimed = queue_.claim(moderator_, idea.id);
  moderation::Decision d;
  d.version = claimed.version;
  d.wrong_flags = {ScreenerLabel::kRude};
  EXPECT_THROW(queue_.decide(moderator_, idea.id, d), Invalid);

  const Submission flagged = send("Đây là số điện thoại của lớp em để hỏi về sân bóng.");
  const Submission held = queue_.claim(moderator_, flagged.id);
  d.version = held.version;
  d.wrong_flags = {ScreenerLabel::kPersonalInfo};
  queue_.decide(moderator_, flagged.id, d);
  const Submission decided = stored(flagged.id);
  ASSERT_TRUE(decided.decision);
  EXPECT_EQ(decided.decision->wrong_flags, std::vector<ScreenerLabel>{ScreenerLabel::kPersonalInfo});
  // The rule that flagged it counts one disagreement.
  const auto outcomes = storage_->submissions().rule_outcomes({"u_ward"}, false);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].rule, "pi.test");
  EXPECT_EQ(outcomes[0].disagreed, 1);
}

TEST_F(ModerationQueue, AnItemWaitingPastTheFirstReviewDeadlineIsLate) {
  const Submission idea = send("Em muốn có thêm sân bóng.");
  EXPECT_FALSE(queue_.late(idea, queue_.review_by(idea)));
  clock_.advance(std::chrono::hours(settings_.first_review_hours) + std::chrono::minutes(1));
  EXPECT_TRUE(queue_.late(idea, queue_.review_by(idea)));
  const auto queues = queue_.queues(moderator_);
  ASSERT_FALSE(queues.empty());
  EXPECT_EQ(queues[0].queue, Queue::kNormal);
  EXPECT_EQ(queues[0].summary.items, 1);
  EXPECT_EQ(queues[0].summary.late, 1);
}

}  // namespace
}  // namespace ln
