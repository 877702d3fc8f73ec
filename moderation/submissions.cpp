#include "moderation/submissions.h"

#include "consult/crypto.h"
#include "consult/errors.h"
#include "consult/policy.h"
#include "consult/validate.h"

namespace ln::moderation {

StatusText status_for_child(const std::string& status) {
  if (status == "approved" || status == "approved_redacted")
    return {"Ý kiến của em đã được duyệt và sẽ được chuyển tới người có trách nhiệm.",
            "Your idea was accepted and will be passed on to the people responsible."};
  if (status == "returned")
    return {"Người lớn đã gửi lại ý kiến để em sửa một chút. Em xem lời nhắn nhé.",
            "An adult sent your idea back so you can change it a little. Have a look at the note."};
  if (status == "rejected")
    return {
        "Lần này ý kiến chưa thể chuyển đi. Cảm ơn em đã chia sẻ — em có thể gửi ý kiến khác bất "
        "cứ lúc nào.",
        "This time your idea could not be passed on. Thank you for sharing — you can send another "
        "idea at any time."};
  if (status == "submitted" || status == "queued" || status == "claimed")
    return {"Ý kiến của em đã được gửi. Người lớn ở Đoàn Thanh niên sẽ đọc sớm.",
            "Your idea was sent. A grown-up at the Youth Union will read it soon."};
  if (status == "withdrawn")
    return {"Em đã rút lại ý kiến này. Không ai khác sẽ đọc nó.",
            "You took this idea back. Nobody else will read it."};
  return {"Ý kiến của em đang được xem xét.", "Your idea is being looked at."};
}

Submission Submissions::submit(const Principal& pupil, const NewSubmission& input) {
  require(&pupil, Permission::kPupilContribute);
  if (input.kind != "idea" && input.kind != "opinion" && input.kind != "recommendation")
    throw Invalid("kind", "kind must be idea, opinion or recommendation.");
  Submission s;
  s.id = new_id("sub");
  s.pupil_id = pupil.id;
  s.unit_id = pupil.unit_id;
  s.kind = input.kind;
  // Children write across lines; keep line breaks, refuse other control characters.
  std::string text = input.text;
  for (auto& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  clean_text("text", text, 1, kSubmissionMaxChars);
  s.text = input.text;
  s.topic = clean_optional_text("topic", input.topic, 100);
  s.status = "submitted";
  s.created_at = s.updated_at = clock_.now_text();
  screen_submission(screen_, s);
  storage_.submissions().insert_submission(s);
  audit_.record(AuditActor::of(pupil), "submission.create", "submission", s.id);
  return s;
}

std::vector<Submission> Submissions::mine(const Principal& pupil, const Page& page) {
  return storage_.submissions().submissions_of(pupil.id, page);
}

Submission Submissions::own(const Principal& pupil, const std::string& id) {
  auto s = storage_.submissions().submission(id);
  if (!s || s->pupil_id != pupil.id) throw NotFound("No such idea.");
  return *s;
}

Submission Submissions::withdraw(const Principal& pupil, const std::string& id) {
  Submission s = own(pupil, id);
  if (s.status != "submitted" && s.status != "queued")
    throw Conflict("This idea can no longer be taken back.", "submission_decided");
  s.status = "withdrawn";
  s.updated_at = clock_.now_text();
  storage_.submissions().update_submission(s);
  audit_.record(AuditActor::of(pupil), "submission.withdraw", "submission", s.id);
  return s;
}

}  // namespace ln::moderation
