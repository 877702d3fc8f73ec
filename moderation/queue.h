#pragma once
// The moderation queues (normal, priority, safeguarding) of the units a moderator works for:
// listing, claiming with a lease, and deciding. A decision by anyone but the claimant, or on
// an old version, is a 409. The safeguarding queue belongs to safeguarding leads.
#include <chrono>
#include <string>
#include <vector>

#include "consult/audit.h"
#include "consult/organisation.h"
#include "consult/settings.h"

namespace ln::moderation {

struct Decision {
  ModeratorDecision decision = ModeratorDecision::kApprove;
  int version = 0;
  std::string reason;  // a code from the lists below (return, reject)
  std::string note;
  std::vector<std::pair<std::size_t, std::size_t>> redactions;  // [start, end) in characters
  // Labels the screener gave the text that the moderator says were wrong (what the screener
  // learns from: /moderation/measures, `langnghe screen --misses`).
  std::vector<ScreenerLabel> wrong_flags;
};

// A queue the principal works: how many wait, the oldest, how many are late, and the deadline.
struct QueueState {
  Queue queue = Queue::kNormal;
  QueueSummary summary;
  std::chrono::minutes deadline{0};
};

const std::vector<std::string>& return_reasons();  // written for children
const std::vector<std::string>& reject_reasons();  // policy reasons

class ModerationQueue {
 public:
  ModerationQueue(Storage& storage, const Clock& clock, AuditLog& audit, Organisation& organisation,
                  const Settings& settings)
      : storage_(storage),
        clock_(clock),
        audit_(audit),
        organisation_(organisation),
        settings_(settings) {}

  // Each queue the principal may work, with its size, its oldest item and how many are late.
  std::vector<QueueState> queues(const Principal& actor);
  // Every queue of every unit (for /metrics).
  std::vector<std::pair<Queue, QueueSummary>> overview();
  // When an item waiting in a queue should have its first review (or, for a safeguarding item,
  // its acknowledgement), and whether that time has passed without one.
  std::string review_by(const Submission& item) const;
  // `review_by` is review_by(item), which the caller has already.
  bool late(const Submission& item, const std::string& review_by) const;
  // Waiting items, oldest first, with the screener's annotations; the text itself stays
  // collapsed (shown only through `item`, which is audited).
  // `unit_id` narrows to one unit (and those below it) the principal works for.
  std::vector<Submission> items(const Principal& actor, Queue queue, const Page& page,
                                const QueueFilter& filter = {},
                                const std::optional<std::string>& unit_id = std::nullopt);
  Submission item(const Principal& actor, const std::string& id);
  // Approved submissions (as approved, or with the hidden parts replaced) of the principal's units
  // and those below them, newest first, for the Youth Union to compile into recommendations.
  // `unit_id` narrows to one unit (and those below it) the principal works for; `page.after` is
  // "<created_at>|<id>". The listing is audited.
  std::vector<ApprovedSubmission> approved(const Principal& actor,
                                           const std::optional<SubmissionKind>& kind,
                                           const std::optional<std::string>& unit_id,
                                           const Page& page);
  Submission claim(const Principal& actor, const std::string& id);
  Submission decide(const Principal& actor, const std::string& id, const Decision& decision);

  // Who wrote it, as moderators may know them: pseudonym and age band, never identity.
  struct Author {
    std::string pseudonym;
    std::string age_band;
  };
  Author author_of(const Submission& item);
  // The author of each of these pupil ids, in order (as author_of: empty for a pupil who is
  // gone), read at once: one query for a page of items, not one per item.
  std::vector<Author> authors_of(const std::vector<std::string>& pupil_ids);

 private:
  Submission visible(const Principal& actor, const std::string& id);
  std::chrono::minutes deadline(Queue queue) const;
  bool may_work(const Principal& actor, Queue queue) const;

  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  Organisation& organisation_;
  const Settings& settings_;
};

// `text` with each [start, end) character range replaced by "[…]".
std::string redact(const std::string& text,
                   const std::vector<std::pair<std::size_t, std::size_t>>& ranges);

}  // namespace ln::moderation
