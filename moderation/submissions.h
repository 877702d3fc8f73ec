#pragma once
// Children's own texts (ideas, opinions, recommendations). Nothing a child writes is seen by
// anyone but moderators until a moderator approves it; until the moderation queues exist a
// submission waits, visible only to its author.
#include <string>
#include <vector>

#include "base/clock.h"
#include "consult/audit.h"
#include "consult/principal.h"
#include "consult/screening.h"
#include "consult/storage.h"

namespace ln::moderation {

inline constexpr std::size_t kSubmissionMaxChars = 2000;

// A child's text as it is kept: 1 to kSubmissionMaxChars characters, spaces and line breaks
// at its ends removed, those inside kept, other control characters refused.
std::string checked_submission_text(const std::string& text);

struct NewSubmission {
  SubmissionKind kind = SubmissionKind::kIdea;
  std::string text;
  std::optional<std::string> topic;
};

// What a child is told about a status, in words for children.
struct StatusText {
  std::string vi;
  std::string en;
};
// (A child who asked to take back a text that went to a safeguarding lead is told the leads still
// read it.)
StatusText status_for_child(const Submission& s);
// Whether the child asked to take back a text that went to a safeguarding lead: hidden from
// everyone but the leads, who still read it.
bool withdrawal_requested(const Submission& s);
// Whether the child may still take it back (or, for a safeguarding item, ask to).
bool may_withdraw(const Submission& s);
// Why a moderator sent an idea back, in words for children (the codes of return_reasons()).
StatusText return_reason_for_child(const std::string& reason);

class Submissions {
 public:
  Submissions(Storage& storage, const Clock& clock, AuditLog& audit, TextScreen screen)
      : storage_(storage), clock_(clock), audit_(audit), screen_(std::move(screen)) {}

  // Needs both consents (Forbidden consent_required otherwise). Checks, screens and looks for
  // repeats, and builds the write without saving it: the caller hands `write` to the group
  // committer (consult/group_committer.h) and replies once its batch is on disk.
  struct Prepared {
    Submission submission;
    ChildWrite write;
  };
  Prepared prepare(const Principal& pupil, const NewSubmission& input);
  // My ideas, opinions and recommendations (words about an answer show with that answer).
  std::vector<Submission> mine(const Principal& pupil, const Page& page);
  // Everything a pupil sent, for their copy of their data. A guardian's copy leaves out what went
  // to a safeguarding lead: those are `withheld`, the rest `shown`.
  struct Exported {
    std::vector<Submission> shown;
    std::vector<Submission> withheld;
  };
  Exported for_export(const std::string& pupil_id, bool for_guardian);
  Submission own(const Principal& pupil, const std::string& id);
  // Takes back a submission nobody has decided on yet. One that went to the safeguarding queue
  // stays there: the child's request is recorded on the case for the leads (see
  // withdrawal_requested), and only a lead's decision ends the case.
  Submission withdraw(const Principal& pupil, const std::string& id);
  // Edits and sends again one that was returned for revision: screened again, back in a queue;
  // the earlier text and the decision that returned it are kept with it.
  Submission resend(const Principal& pupil, const std::string& id, const std::string& text,
                    int version);

 private:
  Submission request_withdrawal(const Principal& pupil, Submission submission);
  // Adds repeat findings (moderation/repeats.h) from the unit's recent submissions; `resent`: the
  // submission is already stored, as first sent, and is left out.
  void mark_repeats(Submission& submission, bool resent);

  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  TextScreen screen_;
};

}  // namespace ln::moderation
