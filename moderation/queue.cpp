#include "moderation/queue.h"

#include <algorithm>

#include "base/errors.h"
#include "base/validate.h"
#include "consult/policy.h"

namespace ln::moderation {
namespace {

// Byte offset of the `n`th character of UTF-8 text.
std::size_t byte_at(const std::string& text, std::size_t n) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars++ == n) return i;
  }
  return text.size();
}

// `reason` when it is one of `reasons`; Invalid with `message` otherwise.
const std::string& listed_reason(const std::vector<std::string>& reasons, const std::string& reason,
                                 const char* message) {
  if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
    throw Invalid("reason", message);
  return reason;
}

}  // namespace

namespace {
// The distinct rules of a screening's spans whose label is (`in_labels`) or is not in `labels`.
std::vector<std::string> rules_where(const Screening& screening,
                                     const std::vector<ScreenerLabel>& labels, bool in_labels) {
  std::vector<std::string> rules;
  for (const auto& span : screening.spans) {
    const bool listed = std::find(labels.begin(), labels.end(), span.label) != labels.end();
    if (listed == in_labels) rules.push_back(span.rule);
  }
  std::sort(rules.begin(), rules.end());
  rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
  return rules;
}
}  // namespace

const std::vector<std::string>& return_reasons() {
  static const std::vector<std::string> r = {"personal_info", "unclear", "off_topic",
                                             "unkind_words", "too_long"};
  return r;
}

const std::vector<std::string>& reject_reasons() {
  static const std::vector<std::string> r = {"spam", "abusive", "attacks_a_person",
                                             "not_for_this_platform"};
  return r;
}

std::string redact(const std::string& text,
                   const std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
  auto sorted = ranges;
  std::sort(sorted.begin(), sorted.end());
  std::string out;
  std::size_t done = 0;  // characters copied or replaced so far
  for (const auto& [start, end] : sorted) {
    if (start < done) continue;  // overlapping: already covered
    out += text.substr(byte_at(text, done), byte_at(text, start) - byte_at(text, done));
    out += "[…]";
    done = end;
  }
  out += text.substr(byte_at(text, done));
  return out;
}

bool ModerationQueue::may_work(const Principal& actor, Queue queue) const {
  if (queue == Queue::kSafeguarding) return actor.role == Role::kSafeguardingLead;
  return actor.role == Role::kModerator || actor.role == Role::kAdmin ||
         actor.role == Role::kSafeguardingLead;
}

std::chrono::minutes ModerationQueue::deadline(Queue queue) const {
  return queue == Queue::kSafeguarding ? std::chrono::minutes(settings_.safeguarding_ack_minutes)
                                 : std::chrono::minutes(settings_.first_review_hours * 60);
}

std::vector<QueueState> ModerationQueue::queues(const Principal& actor) {
  std::vector<QueueState> out;
  for (const Queue q : kQueues) {
    if (!may_work(actor, q)) continue;
    out.push_back({q,
                   storage_.submissions().queue_summary(q, actor.unit_ids, actor.is_admin(),
                                                        format_time(clock_.now() - deadline(q))),
                   deadline(q)});
  }
  return out;
}

std::vector<std::pair<Queue, QueueSummary>> ModerationQueue::overview() {
  std::vector<std::pair<Queue, QueueSummary>> out;
  for (const Queue q : kQueues) {
    out.emplace_back(q, storage_.submissions().queue_summary(
                            q, {}, true, format_time(clock_.now() - deadline(q))));
  }
  return out;
}

std::string ModerationQueue::review_by(const Submission& item) const {
  auto sent = parse_time(item.resent_at.value_or(item.created_at));
  if (!sent || !item.queue) return {};
  return format_time(*sent + deadline(*item.queue));
}

bool ModerationQueue::late(const Submission& item, const std::string& review_by) const {
  if (item.first_reviewed_at || !is_waiting(item.status)) return false;
  return !review_by.empty() && clock_.now_text() > review_by;
}

std::vector<Submission> ModerationQueue::items(const Principal& actor, Queue queue,
                                               const Page& page, const QueueFilter& filter,
                                               const std::optional<std::string>& unit_id) {
  if (!may_work(actor, queue)) throw Forbidden("Only safeguarding leads work this queue.");
  if (unit_id) {
    if (!organisation_.covers(actor, *unit_id)) throw NotFound("No such unit.");
    return storage_.submissions().queue_items(queue, {*unit_id}, false, page, filter);
  }
  return storage_.submissions().queue_items(queue, actor.unit_ids, actor.is_admin(), page, filter);
}

Submission ModerationQueue::visible(const Principal& actor, const std::string& id) {
  auto s = storage_.submissions().submission(id);
  if (!s || !s->queue || !organisation_.covers(actor, s->unit_id)) throw NotFound("No such item.");
  if (!may_work(actor, *s->queue)) throw NotFound("No such item.");
  return *s;
}

Submission ModerationQueue::item(const Principal& actor, const std::string& id) {
  Submission s = visible(actor, id);
  audit_.record(AuditActor::of(actor), "moderation.view", "submission", s.id);
  return s;
}

std::vector<ApprovedSubmission> ModerationQueue::approved(const Principal& actor,
                                                          const std::optional<SubmissionKind>& kind,
                                                          const std::optional<std::string>& unit_id,
                                                          const Page& page) {
  if (!role_has(actor.role, Permission::kManageRecommendations)) throw Forbidden();
  std::vector<ApprovedSubmission> items;
  if (unit_id) {
    if (!storage_.organisation().unit(*unit_id) || !organisation_.covers(actor, *unit_id))
      throw NotFound("No such unit.");
    items = storage_.submissions().approved({*unit_id}, false, kind, page);
  } else {
    items = storage_.submissions().approved(actor.unit_ids, actor.is_admin(), kind, page);
  }
  audit_.record(AuditActor::of(actor), "moderation.list_approved", "unit", unit_id.value_or(""), "",
                {{"items", items.size()}});
  return items;
}

ModerationQueue::Author ModerationQueue::author_of(const Submission& item) {
  auto pupil = storage_.pupils().pupil(item.pupil_id);
  if (!pupil) return {"", ""};
  return {pupil->pseudonym, pupil->age_band};
}

std::vector<ModerationQueue::Author> ModerationQueue::authors_of(
    const std::vector<std::string>& pupil_ids) {
  std::vector<std::string> ids = pupil_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::map<std::string, Author> found;
  for (const auto& pupil : storage_.pupils().pupils_by_id(ids))
    found[pupil.id] = {pupil.pseudonym, pupil.age_band};
  std::vector<Author> out;
  out.reserve(pupil_ids.size());
  for (const auto& id : pupil_ids) {
    auto it = found.find(id);
    out.push_back(it == found.end() ? Author{"", ""} : it->second);
  }
  return out;
}

Submission ModerationQueue::claim(const Principal& actor, const std::string& id) {
  Submission s = visible(actor, id);
  if (!is_waiting(s.status)) throw Conflict("This item has been decided.", "already_decided");
  std::string now = clock_.now_text();
  if (s.claimed_by && *s.claimed_by != actor.id && s.claim_expires_at && *s.claim_expires_at > now)
    throw Conflict("Another moderator is working on this item.", "claimed_by_other");
  int expected = s.version;
  s.status = SubmissionStatus::kClaimed;
  s.claimed_by = actor.id;
  s.claim_expires_at = format_time(clock_.now() + std::chrono::minutes(settings_.claim_minutes));
  s.version = expected + 1;
  s.updated_at = now;
  atomically(storage_, [&] {
    if (!storage_.submissions().update_if_version(s, expected))
      throw Conflict("Another moderator claimed this item first.", "claimed_by_other");
    audit_.record(AuditActor::of(actor), "moderation.claim", "submission", s.id);
  });
  return s;
}

Submission ModerationQueue::decide(const Principal& actor, const std::string& id,
                                   const Decision& d) {
  Submission s = visible(actor, id);
  std::string now = clock_.now_text();
  if (s.status != SubmissionStatus::kClaimed || s.claimed_by != actor.id || !s.claim_expires_at ||
      *s.claim_expires_at <= now)
    throw Conflict("Claim the item before deciding; your claim may have run out.", "not_claimed");
  if (d.version != s.version)
    throw Conflict("The item changed since you opened it.", "stale_version");

  if (s.queue == Queue::kSafeguarding)
    throw Conflict("A safeguarding item is never published; work it as a safeguarding case.",
                   "safeguarding_item");
  DecisionRecord record{d.decision, actor.id, now, std::nullopt, std::nullopt, {}};
  Submission next = s;
  next.claimed_by.reset();
  next.claim_expires_at.reset();
  next.version = s.version + 1;
  next.updated_at = now;
  // An escalation is not a review: the safeguarding lead's acknowledgement is.
  if (!next.first_reviewed_at && d.decision != ModeratorDecision::kEscalate)
    next.first_reviewed_at = now;
  switch (d.decision) {
    case ModeratorDecision::kApprove:
      next.status = SubmissionStatus::kApproved;
      break;
    case ModeratorDecision::kApproveRedacted: {
      if (d.redactions.empty()) throw Invalid("redactions", "Choose the parts to hide.");
      const std::size_t length = char_count(s.text);
      for (const auto& [start, end] : d.redactions)
        if (start >= end || end > length)
          throw Invalid("redactions", "Each part is [start, end) within the text.");
      next.status = SubmissionStatus::kApprovedRedacted;
      next.redacted_text = redact(s.text, d.redactions);
      break;
    }
    case ModeratorDecision::kReturn:
      record.reason = listed_reason(return_reasons(), d.reason,
                                    "Choose a reason from the list for returning it to the child.");
      next.status = SubmissionStatus::kReturned;
      break;
    case ModeratorDecision::kReject:
      record.reason = listed_reason(reject_reasons(), d.reason, "Rejecting needs a policy reason.");
      next.status = SubmissionStatus::kRejected;
      break;
    case ModeratorDecision::kEscalate:
      next.status = SubmissionStatus::kQueued;
      next.queue = Queue::kSafeguarding;
      break;
  }
  if (!d.note.empty()) record.note = clean_text("note", d.note, 1, 1000);
  const Screening& screening = s.screening;
  for (const auto label : d.wrong_flags) {
    if (!screening.has(label))
      throw Invalid("wrong_flags", "Only a label the screener gave this text can be wrong: " +
                                       (screening.labels.empty() ? std::string("it gave none.")
                                                                 : "one of its labels."));
  }
  record.wrong_flags = d.wrong_flags;
  next.decision = record;
  atomically(storage_, [&] {
    if (!storage_.submissions().update_if_version(next, s.version))
      throw Conflict("The item changed since you opened it.", "stale_version");
    const std::vector<std::string> rules = screening.rules();
    // Approving as it was means the moderator saw nothing to act on in what the rules flagged; a
    // flag marked wrong was wrong whatever else the moderator decided.
    storage_.submissions().count_rule_outcomes(
        s.unit_id, rules_where(screening, d.wrong_flags, false),
        d.decision != ModeratorDecision::kApprove);
    storage_.submissions().count_rule_outcomes(s.unit_id,
                                               rules_where(screening, d.wrong_flags, true), false);
    std::vector<std::string> wrong_flags;
    for (const auto label : d.wrong_flags) wrong_flags.emplace_back(word(label));
    audit_.record(AuditActor::of(actor), "moderation." + std::string(word(d.decision)),
                  "submission", s.id, d.reason,
                  {{"redactions", d.redactions.size()},
                   {"rules", rules},
                   {"wrong_flags", wrong_flags},
                   {"lexicon_version", screening.lexicon_version}});
  });
  return next;
}

}  // namespace ln::moderation
