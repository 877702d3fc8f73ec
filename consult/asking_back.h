#pragma once
// Asking back: a child who was told what happened to their idea may ask about the answer. The
// question's words are moderated like any child's text (a reaction of kind "question" with its
// moderation item); once a moderator lets them through, the question waits for the Youth Union of
// the recommendation's unit, whose reply — screened, no personal information — reaches the child
// as a notification and beside the answer on "My ideas".
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "consult/audit.h"
#include "consult/organisation.h"
#include "consult/screening.h"
#include "consult/storage.h"

namespace ln {

// A question the Youth Union may read: the words as a moderator approved them.
struct OpenQuestion {
  Reaction question;
  Recommendation recommendation;
  std::string words;
};

// Where a child's words about an answer are, as the child is told:
// checking (moderators are reading them) | waiting (with the Youth Union) | answered |
// passed_on (a disagreement the Youth Union has read) | not_passed_on (returned or rejected).
std::string reaction_progress(Storage& storage, const Reaction& reaction);

class AskingBack {
 public:
  AskingBack(Storage& storage, const Clock& clock, AuditLog& audit, Organisation& organisation,
             TextScreen screen)
      : storage_(storage),
        clock_(clock),
        audit_(audit),
        organisation_(organisation),
        screen_(std::move(screen)) {}

  // The Youth Union (moderators, admins): approved questions of their units, not yet answered.
  std::vector<OpenQuestion> open_questions(const Principal& actor);
  // Replies once, in plain words: text the screener finds personal information or rude words in
  // is refused (422), and the child is notified in the same transaction as the reply is kept.
  OpenQuestion reply(const Principal& actor, const std::string& question_id,
                     const std::string& text);

 private:
  std::optional<OpenQuestion> open(const Principal& actor, const Reaction& question);

  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  Organisation& organisation_;
  TextScreen screen_;
};

}  // namespace ln
