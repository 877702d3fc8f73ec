// A submission's document columns as earlier versions wrote them read as the same typed record
// and are written back byte for byte: no migration, and a database written before the types
// still reads.
#include "store/submission_columns.h"

#include <gtest/gtest.h>

namespace ln::store {
namespace {

// As the screener and repeat detection wrote it (keys sorted, as nlohmann writes them).
const std::string kScreening =
    R"({"alike_from_other_children":2,"labels":["personal_info","spam"],"lexicon_version":"2026.2",)"
    R"("model":[{"label":"personal_info","probability":0.412,"threshold":0.25}],"route":"priority",)"
    R"("signals":["lexicon","model"],"spans":[{"byte_end":22,"byte_start":12,"category":"phone",)"
    R"("end":20,"label":"personal_info","rule":"pi.phone.vn","severity":5,"start":10},)"
    R"({"byte_end":40,"byte_start":0,"category":"repeat","end":36,"label":"spam",)"
    R"("rule":"spam.repeat","severity":2,"start":0}]})";
const std::string kDecision =
    R"({"at":"2026-05-04T02:00:00Z","by":"acc_mod","decision":"return","note":"Viết rõ hơn nhé",)"
    R"("reason":"unclear","wrong_flags":["spam"]})";
const std::string kCase =
    R"({"acknowledged_at":"2026-05-04T02:00:00Z","acknowledged_by":"acc_lead","actions":[{"at":)"
    R"("2026-05-04T03:00:00Z","by":"acc_lead","date":"2026-05-04","kind":"referral_111","note":"",)"
    R"("reference":"111-1"}],"closed_at":"2026-05-05T02:00:00Z","closure":{"confirmed_at":)"
    R"("2026-05-05T02:00:00Z","confirmed_by":"acc_lead2","outcome":"no_concern","proposed_at":)"
    R"("2026-05-04T05:00:00Z","proposed_by":"acc_lead","reason":"Đã gặp em và gia đình."},)"
    R"("reveals":[{"at":"2026-05-04T04:00:00Z","by":"acc_lead","reason":"Cần báo công an phường."}],)"
    R"("withdrawal_request":{"at":"2026-05-04T01:00:00Z","by":"pupil","code_issued_by":"acc_t"}})";

TEST(SubmissionColumns, AVerdictReadsTypedAndWritesBackTheSame) {
  const Screening s = screening_from_column(kScreening);
  EXPECT_EQ(s.route, Queue::kPriority);
  EXPECT_EQ(s.labels,
            (std::vector<ScreenerLabel>{ScreenerLabel::kPersonalInfo, ScreenerLabel::kSpam}));
  ASSERT_EQ(s.spans.size(), 2u);
  EXPECT_EQ(s.spans[0].rule, "pi.phone.vn");
  EXPECT_EQ(s.spans[0].byte_end, 22u);
  EXPECT_EQ(s.alike_from_other_children, 2);
  EXPECT_EQ(s.rules(), (std::vector<std::string>{"pi.phone.vn", "spam.repeat"}));
  EXPECT_EQ(screening_column(s), kScreening);
}

TEST(SubmissionColumns, FindingsTheModelHeldBackStayApartFromTheSpans) {
  const std::string held =
      R"({"held":[{"byte_end":9,"byte_start":0,"category":"violence","end":9,"label":"disclosure",)"
      R"("rule":"dis.fight","severity":6,"start":0}],"labels":[],"lexicon_version":"2026.3",)"
      R"("model":[],"route":"normal","signals":["lexicon","model"],"spans":[]})";
  const Screening s = screening_from_column(held);
  ASSERT_TRUE(s.held);
  ASSERT_EQ(s.held->size(), 1u);
  EXPECT_EQ((*s.held)[0].rule, "dis.fight");
  EXPECT_TRUE(s.labels.empty());
  EXPECT_EQ(screening_column(s), held);
}

TEST(SubmissionColumns, AnUnscreenedTextStaysAnEmptyVerdict) {
  EXPECT_EQ(screening_column(screening_from_column("{}")), "{}");
  EXPECT_EQ(screening_column(screening_from_column("not json")), "{}");
  EXPECT_FALSE(screening_from_column("{}").route);
}

TEST(SubmissionColumns, ADecisionReadsTypedAndWritesBackTheSame) {
  const auto d = decision_from_column(kDecision);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->decision, ModeratorDecision::kReturn);
  EXPECT_EQ(d->reason, "unclear");
  EXPECT_EQ(d->wrong_flags, std::vector<ScreenerLabel>{ScreenerLabel::kSpam});
  EXPECT_EQ(decision_column(d), kDecision);
  EXPECT_FALSE(decision_from_column("{}"));
  EXPECT_EQ(decision_column(std::nullopt), "{}");
}

TEST(SubmissionColumns, ACaseReadsTypedAndWritesBackTheSame) {
  const SafeguardingCase c = safeguarding_from_column(kCase);
  EXPECT_EQ(c.state(), CaseState::kClosed);
  ASSERT_EQ(c.actions.size(), 1u);
  EXPECT_EQ(c.actions[0].kind, SafeguardingActionKind::kReferral111);
  ASSERT_TRUE(c.closure);
  EXPECT_EQ(c.closure->outcome, CaseOutcome::kNoConcern);
  ASSERT_TRUE(c.withdrawal_request);
  EXPECT_EQ(c.withdrawal_request->code_issued_by, "acc_t");
  EXPECT_EQ(safeguarding_column(c), kCase);
  EXPECT_EQ(safeguarding_column(safeguarding_from_column("{}")), "{}");
}

TEST(SubmissionColumns, RevisionsKeepTheDecisionThatReturnedEachText) {
  const std::string revisions = R"([{"decision":)" + kDecision +
                                R"(,"sent_at":"2026-05-03T02:00:00Z","text":"Em muốn sân chơi."}])";
  const auto r = revisions_from_column(revisions);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].text, "Em muốn sân chơi.");
  ASSERT_TRUE(r[0].decision);
  EXPECT_EQ(r[0].decision->note, "Viết rõ hơn nhé");
  EXPECT_EQ(revisions_column(r), revisions);
  EXPECT_EQ(revisions_column(revisions_from_column("[]")), "[]");
}

TEST(SubmissionColumns, AStatusOrQueueNoVersionWroteIsAnError) {
  EXPECT_EQ(status_from_column("approved_redacted"), SubmissionStatus::kApprovedRedacted);
  EXPECT_THROW(status_from_column("published"), std::runtime_error);
  EXPECT_EQ(queue_from_column(std::string("safeguarding")), Queue::kSafeguarding);
  EXPECT_FALSE(queue_from_column(std::nullopt));
  EXPECT_THROW(queue_from_column(std::string("urgent")), std::runtime_error);
}

}  // namespace
}  // namespace ln::store
