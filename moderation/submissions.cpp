#include "moderation/submissions.h"

#include "base/crypto.h"
#include "base/errors.h"
#include "base/validate.h"
#include "consult/policy.h"
#include "consult/safeguarding_leads.h"
#include "moderation/repeats.h"

namespace ln::moderation {
namespace {

// What a child told us that went to a safeguarding lead (a possible disclosure of harm). A
// guardian's copy of the child's data leaves it out: the guardian may be the one the child spoke
// about.
bool withheld_from_guardian(const Submission& s) {
  return s.queue == Queue::kSafeguarding;
}

}  // namespace

StatusText status_for_child(const Submission& s) {
  if (withdrawal_requested(s))
    return {"Em đã rút lại ý kiến này. Không ai khác sẽ đọc nó, nhưng người lớn phụ trách bảo vệ "
            "trẻ em vẫn có thể đọc, để giữ an toàn cho em.",
            "You took this back. No one else will read it, but the safeguarding adult who keeps "
            "children safe still can, to keep you safe."};
  const SubmissionStatus status = s.status;
  if (is_approved(status))
    return {"Ý kiến của em đã được duyệt và sẽ được chuyển tới người có trách nhiệm.",
            "Your idea was accepted and will be passed on to the people responsible."};
  if (status == SubmissionStatus::kReturned)
    return {"Người lớn đã gửi lại ý kiến để em sửa một chút. Em xem lời nhắn nhé.",
            "An adult sent your idea back so you can change it a little. Have a look at the note."};
  if (status == SubmissionStatus::kRejected)
    return {
        "Lần này ý kiến chưa thể chuyển đi. Cảm ơn em đã chia sẻ — em có thể gửi ý kiến khác bất "
        "cứ lúc nào.",
        "This time your idea could not be passed on. Thank you for sharing — you can send another "
        "idea at any time."};
  if (status == SubmissionStatus::kSubmitted || is_waiting(status))
    return {"Ý kiến của em đã được gửi. Người lớn ở Đoàn Thanh niên sẽ đọc sớm.",
            "Your idea was sent. A grown-up at the Youth Union will read it soon."};
  if (status == SubmissionStatus::kWithdrawn)
    return {"Em đã rút lại ý kiến này. Không ai khác sẽ đọc nó.",
            "You took this idea back. Nobody else will read it."};
  return {"Ý kiến của em đang được xem xét.", "Your idea is being looked at."};
}

StatusText return_reason_for_child(const std::string& reason) {
  if (reason == "personal_info")
    return {
        "Ý kiến có thông tin riêng (như tên, số điện thoại, địa chỉ). Em bỏ phần đó đi nhé, để "
        "giữ an toàn cho em.",
        "Your idea has private details (like a name, phone number or address). Please take "
        "them out to keep yourself safe."};
  if (reason == "unclear")
    return {"Người lớn chưa hiểu rõ ý của em. Em viết rõ hơn một chút nhé.",
            "The adults did not quite understand your idea. Please write it a little more "
            "clearly."};
  if (reason == "off_topic")
    return {"Ý kiến này chưa đúng với chủ đề. Em xem lại câu hỏi rồi viết lại nhé.",
            "This idea is not about the topic. Have another look at the question and try again."};
  if (reason == "unkind_words")
    return {"Ý kiến có từ ngữ chưa lịch sự. Em viết lại bằng lời lẽ tôn trọng mọi người nhé.",
            "Your idea has some unkind words. Please write it again in words that respect "
            "everyone."};
  if (reason == "too_long")
    return {"Ý kiến hơi dài. Em viết ngắn gọn hơn nhé.",
            "Your idea is quite long. Please make it shorter."};
  return {"Em xem lời nhắn của người lớn và sửa lại nhé.",
          "Read the adult's note and change your idea."};
}

std::string checked_submission_text(const std::string& text) {
  return clean_multiline_text("text", text, 1, kSubmissionMaxChars);
}

void Submissions::mark_repeats(Submission& s, bool resent) {
  RepeatTally tally(s, clock_.now());
  storage_.submissions().recent_fingerprints(
      s.unit_id, format_time(clock_.now() - kRepeatWindow), kRepeatHistory,
      [&](const SubmissionFingerprint& recent) {
        // A resent idea is stored as it was first sent: not a repeat of itself.
        if (resent && recent.pupil_id == s.pupil_id && recent.created_at == s.created_at) return;
        tally.see(recent);
      });
  tally.annotate(s);
}

Submissions::Prepared Submissions::prepare(const Principal& pupil, const NewSubmission& input) {
  require(&pupil, Permission::kPupilContribute);
  Submission s;
  s.id = new_ordered_id("sub");
  s.pupil_id = pupil.id;
  s.unit_id = pupil.unit_id;
  s.kind = input.kind;
  s.text = checked_submission_text(input.text);
  s.topic = clean_optional_text("topic", input.topic, 100);
  s.status = SubmissionStatus::kSubmitted;
  s.created_at = s.updated_at = clock_.now_text();
  screen_submission(screen_, s);
  fingerprint(s);
  mark_repeats(s, false);
  ChildWrite write;
  write.texts.push_back(s);
  write.audit = audit_.draft(AuditActor::of(pupil), "submission.create", "submission", s.id);
  return {std::move(s), std::move(write)};
}

std::vector<Submission> Submissions::mine(const Principal& pupil, const Page& page) {
  // A child's words about an answer show beside that answer, not as one more idea of theirs.
  std::vector<Submission> out;
  Page next = page;
  for (;;) {
    auto batch = storage_.submissions().submissions_of(pupil.id, next);
    for (auto& s : batch) {
      if (is_reaction_text(s)) continue;
      out.push_back(std::move(s));
      if (static_cast<int>(out.size()) == page.limit) return out;
    }
    if (static_cast<int>(batch.size()) < next.limit) return out;
    next.after = batch.back().id;
  }
}

Submissions::Exported Submissions::for_export(const std::string& pupil_id, bool for_guardian) {
  Exported out;
  for (auto& s : every_page(
           [&](const Page& page) { return storage_.submissions().submissions_of(pupil_id, page); }))
    (for_guardian && withheld_from_guardian(s) ? out.withheld : out.shown).push_back(std::move(s));
  return out;
}

Submission Submissions::own(const Principal& pupil, const std::string& id) {
  auto s = storage_.submissions().submission(id);
  if (!s || s->pupil_id != pupil.id) throw NotFound("No such idea.");
  return *s;
}

bool withdrawal_requested(const Submission& s) {
  return s.queue == Queue::kSafeguarding && s.safeguarding.withdrawal_request.has_value();
}

bool may_withdraw(const Submission& s) {
  if (withdrawal_requested(s)) return false;
  if (s.queue == Queue::kSafeguarding) return s.status != SubmissionStatus::kClosed;
  return s.status == SubmissionStatus::kSubmitted || s.status == SubmissionStatus::kQueued;
}

Submission Submissions::withdraw(const Principal& pupil, const std::string& id) {
  Submission s = own(pupil, id);
  if (s.queue == Queue::kSafeguarding) return request_withdrawal(pupil, std::move(s));
  if (s.status != SubmissionStatus::kSubmitted && s.status != SubmissionStatus::kQueued)
    throw Conflict("This idea can no longer be taken back.", "submission_decided");
  s.status = SubmissionStatus::kWithdrawn;
  s.updated_at = clock_.now_text();
  atomically(storage_, [&] {
    storage_.submissions().update_submission(s);
    audit_.record(AuditActor::of(pupil), "submission.withdraw", "submission", s.id);
  });
  return s;
}

Submission Submissions::request_withdrawal(const Principal& pupil, Submission s) {
  if (s.status == SubmissionStatus::kClosed)
    throw Conflict("A safeguarding lead has already closed this.", "submission_decided");
  if (withdrawal_requested(s)) return s;  // asked once already: nothing more to do
  const std::string now = clock_.now_text();
  // Asked in a session that began with a code an adult handed over: that adult may be the one
  // asking, and the leads see who.
  s.safeguarding.withdrawal_request = WithdrawalRequest{now, "pupil", pupil.code_issued_by};
  const int expected = s.version;
  s.version = expected + 1;
  s.updated_at = now;
  atomically(storage_, [&] {
    if (!storage_.submissions().update_if_version(s, expected))
      throw Conflict("This idea changed since you opened it.", "stale_version");
    audit_.record(AuditActor::of(pupil), "submission.withdrawal_request", "submission", s.id);
    tell_safeguarding_leads(
        storage_, now, s.unit_id, s.id, NotificationKind::kWithdrawalRequested,
        "The child asked to take back what they wrote in case " + s.id +
            ". It stays with the safeguarding leads until a lead decides; no one else reads it." +
            (pupil.code_issued_by ? " The request came from a session whose sign-in code adult "
                                    "account " +
                                        *pupil.code_issued_by + " handed over."
                                  : std::string()));
  });
  return s;
}

Submission Submissions::resend(const Principal& pupil, const std::string& id,
                               const std::string& text, int version) {
  require(&pupil, Permission::kPupilContribute);
  Submission s = own(pupil, id);
  if (s.status != SubmissionStatus::kReturned)
    throw Conflict("Only an idea that was sent back to you can be changed and sent again.",
                   "not_returned");
  if (version != s.version)
    throw Conflict("This idea changed since you opened it.", "stale_version");
  const std::string checked = checked_submission_text(text);
  const std::string now = clock_.now_text();
  Submission next = s;
  next.revisions.push_back({s.text, s.resent_at.value_or(s.created_at), s.decision});
  next.text = checked;
  next.decision.reset();
  next.redacted_text.reset();
  next.claimed_by.reset();
  next.claim_expires_at.reset();
  next.first_reviewed_at.reset();
  next.resent_at = now;
  next.updated_at = now;
  next.version = s.version + 1;
  screen_submission(screen_, next);
  fingerprint(next);
  mark_repeats(next, true);
  atomically(storage_, [&] {
    if (!storage_.submissions().update_if_version(next, s.version))
      throw Conflict("This idea changed since you opened it.", "stale_version");
    audit_.record(AuditActor::of(pupil), "submission.resend", "submission", s.id);
  });
  return next;
}

}  // namespace ln::moderation
