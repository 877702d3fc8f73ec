#pragma once
// The domain's view of the text screener (which lives in moderation/): a function from a child's
// text to its queue and annotations. Free-text answers and submissions both go through it.
#include <functional>
#include <string>

#include "consult/records.h"

namespace ln {

using TextScreen = std::function<ScreenedText(const std::string& text)>;

// What a child is shown, whatever happens next, when their words suggest they may be at risk.
struct SupportMessage {
  std::string vi;
  std::string en;
  std::string hotline = "111";
};
SupportMessage support_message();
// The same help for a child who took back what they wrote: no one else reads it, but the
// safeguarding lead still can (never "no one will read it" beside "an adult will read it").
SupportMessage support_message_after_withdrawal();

// Applies a screen to a new submission: its queue, annotations and status ("queued").
void screen_submission(const TextScreen& screen, Submission& submission);

}  // namespace ln
