#include "consult/screening.h"

namespace ln {

SupportMessage support_message() {
  return {
      "Cảm ơn em đã tin tưởng chia sẻ. Nếu em đang gặp nguy hiểm hoặc cần người giúp, hãy gọi ngay "
      "Tổng đài quốc gia bảo vệ trẻ em 111 — miễn phí, 24/7 — hoặc nói với một người lớn em tin "
      "tưởng. "
      "Một người lớn phụ trách bảo vệ trẻ em sẽ đọc điều em viết.",
      "Thank you for telling us. If you are in danger or need help, call the national child "
      "protection "
      "hotline 111 now — free, any time — or talk to an adult you trust. An adult whose job is to "
      "keep "
      "children safe will read what you wrote."};
}

SupportMessage support_message_after_withdrawal() {
  SupportMessage m = support_message();
  m.vi =
      "Em đã rút lại điều em viết: không ai khác sẽ đọc nó, nhưng người lớn phụ trách bảo vệ trẻ "
      "em vẫn có thể đọc, để giữ an toàn cho em. Nếu em đang gặp nguy hiểm hoặc cần người giúp, "
      "hãy gọi ngay Tổng đài quốc gia bảo vệ trẻ em 111 — miễn phí, 24/7 — hoặc nói với một người "
      "lớn em tin tưởng.";
  m.en =
      "You took back what you wrote: no one else will read it, but the safeguarding adult who "
      "keeps children safe still can, to keep you safe. If you are in danger or need help, call "
      "the national child protection hotline 111 now — free, any time — or talk to an adult you "
      "trust.";
  return m;
}

void screen_submission(const TextScreen& screen, Submission& submission) {
  if (!screen) return;
  ScreenedText screened = screen(submission.text);
  submission.queue = screened.queue;
  submission.screening = std::move(screened.screening);
  submission.status = SubmissionStatus::kQueued;
}

}  // namespace ln
