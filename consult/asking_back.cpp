#include "consult/asking_back.h"

#include "base/errors.h"
#include "base/validate.h"
#include "consult/notifications.h"
#include "consult/policy.h"

namespace ln {
namespace {

bool approved(const Submission& s) {
  return is_approved(s.status);
}

}  // namespace

std::string reaction_progress(Storage& storage, const Reaction& reaction) {
  if (reaction.replied_at) return "answered";
  if (!reaction.submission_id) return "passed_on";
  auto s = storage.submissions().submission(*reaction.submission_id);
  if (!s) return "not_passed_on";
  if (approved(*s)) return reaction.kind == ReactionKind::kQuestion ? "waiting" : "passed_on";
  if (s->status == SubmissionStatus::kReturned || s->status == SubmissionStatus::kRejected ||
      s->status == SubmissionStatus::kWithdrawn)
    return "not_passed_on";
  return "checking";
}

std::optional<OpenQuestion> AskingBack::open(const Principal& actor, const Reaction& question) {
  if (question.kind != ReactionKind::kQuestion || !question.submission_id) return std::nullopt;
  auto r = storage_.recommendations().recommendation(question.recommendation_id);
  if (!r || !organisation_.covers(actor, r->unit_id)) return std::nullopt;
  auto s = storage_.submissions().submission(*question.submission_id);
  // Nothing a child wrote reaches anyone but moderators before a moderator approves it.
  if (!s || !approved(*s)) return std::nullopt;
  return OpenQuestion{question, *r, approved_words(*s)};
}

std::vector<OpenQuestion> AskingBack::open_questions(const Principal& actor) {
  require(&actor, Permission::kManageRecommendations);
  std::vector<OpenQuestion> out;
  for (const auto& q : storage_.recommendations().unanswered_questions())
    if (auto found = open(actor, q)) out.push_back(std::move(*found));
  return out;
}

OpenQuestion AskingBack::reply(const Principal& actor, const std::string& question_id,
                               const std::string& text) {
  require(&actor, Permission::kManageRecommendations);
  auto question = storage_.recommendations().reaction(question_id);
  if (!question) throw NotFound("No such question.");
  if (question->replied_at)
    throw Conflict("This question has been answered already.", "already_answered");
  auto found = open(actor, *question);
  if (!found) throw NotFound("No such question.");
  std::string words = clean_text("text", text, 5, 1000);
  // What reaches a child is screened like what comes from one: no personal information, no rude
  // words. A possible disclosure in an adult's words is not for this page either.
  if (screen_) {
    std::vector<Unprocessable::Problem> problems;
    for (const auto label : screen_(words).screening.labels) {
      if (label == ScreenerLabel::kPersonalInfo)
        problems.push_back({"text",
                            "Take out the personal information (names, numbers, "
                            "addresses): a reply to a child carries none."});
      if (label == ScreenerLabel::kRude) problems.push_back({"text", "Use plain, kind words for a child."});
    }
    if (!problems.empty())
      throw Unprocessable("not_for_a_child", "This reply cannot be sent to a child as written.",
                          problems);
  }
  const std::string now = clock_.now_text();
  Reaction answered = *question;
  answered.reply = words;
  answered.replied_by = actor.id;
  answered.replied_at = now;
  Notification to_child{notification_id(now),
                        "pupil",
                        question->pupil_id,
                        NotificationKind::kQuestionAnswered,
                        "recommendation",
                        question->recommendation_id,
                        "Người lớn đã trả lời câu hỏi của em. Em xem câu trả lời nhé!",
                        "question:" + question->id + ":answered",
                        now,
                        std::nullopt};
  if (!storage_.recommendations().reply_to_question(answered, to_child))
    throw Conflict("This question has been answered already.", "already_answered");
  audit_.record(AuditActor::of(actor), "recommendation.question_answered", "recommendation",
                question->recommendation_id, "", {{"question", question->id}});
  found->question = answered;
  return *found;
}

}  // namespace ln
