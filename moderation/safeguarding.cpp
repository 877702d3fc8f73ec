#include "moderation/safeguarding.h"

#include <algorithm>

#include "base/errors.h"
#include "base/validate.h"
#include "consult/safeguarding_leads.h"

namespace ln::moderation {
namespace {

void require_lead(const Principal& p) {
  if (p.role != Role::kSafeguardingLead)
    throw Forbidden("Only safeguarding leads work safeguarding cases.");
}

}  // namespace

std::vector<Submission> SafeguardingCases::open_cases(const Principal& lead, const Page& page) {
  require_lead(lead);
  return storage_.submissions().queue_items(Queue::kSafeguarding, lead.unit_ids, false, page);
}

Submission SafeguardingCases::get(const Principal& lead, const std::string& id) {
  require_lead(lead);
  auto s = storage_.submissions().submission(id);
  if (!s || s->queue != Queue::kSafeguarding || !organisation_.covers(lead, s->unit_id))
    throw NotFound("No such case.");
  return *s;
}

SafeguardingCases::Timing SafeguardingCases::timing(const Submission& item) const {
  auto created = parse_time(item.created_at);
  auto due = created
                 ? format_time(*created + std::chrono::minutes(settings_.safeguarding_ack_minutes))
                 : std::string();
  const auto& acknowledged = item.safeguarding.acknowledged_at;
  return {due, acknowledged ? *acknowledged > due : clock_.now_text() > due};
}

Submission SafeguardingCases::change(const Principal& lead, Submission item,
                                     const std::string& action, const std::string& reason) {
  int expected = item.version;
  item.version = expected + 1;
  item.updated_at = clock_.now_text();
  atomically(storage_, [&] {
    if (!storage_.submissions().update_if_version(item, expected))
      throw Conflict("The case changed since you opened it; reload it.", "stale_version");
    audit_.record(AuditActor::of(lead), "safeguarding." + action, "submission", item.id, reason);
  });
  return item;
}

Submission SafeguardingCases::acknowledge(const Principal& lead, const std::string& id) {
  Submission item = get(lead, id);
  SafeguardingCase& c = item.safeguarding;
  if (c.acknowledged_at)
    throw Conflict("This case was already acknowledged.", "already_acknowledged");
  c.acknowledged_at = clock_.now_text();
  c.acknowledged_by = lead.id;
  item.first_reviewed_at = c.acknowledged_at;
  item.status = SubmissionStatus::kClaimed;
  item.claimed_by = lead.id;
  return change(lead, item, "acknowledge");
}

Submission SafeguardingCases::record_action(const Principal& lead, const std::string& id,
                                            const SafeguardingAction& action) {
  Submission item = get(lead, id);
  if (!parse_date(action.date)) throw Invalid("date", "date must be written YYYY-MM-DD.");
  SafeguardingCase& c = item.safeguarding;
  if (!c.acknowledged_at) throw Conflict("Acknowledge the case first.", "not_acknowledged");
  if (c.closed_at) throw Conflict("This case is closed.", "case_closed");
  c.actions.push_back({action.kind, action.date,
                       clean_text("reference", action.reference, 0, 100),
                       clean_text("note", action.note, 0, 2000), lead.id, clock_.now_text()});
  return change(lead, item, "action", std::string(word(action.kind)));
}

void SafeguardingCases::tell_other_leads(const Principal& lead, const Submission& item,
                                         NotificationKind kind, const std::string& message) {
  tell_safeguarding_leads(storage_, clock_.now_text(), item.unit_id, item.id, kind, message,
                          lead.id);
}

Identity SafeguardingCases::reveal(const Principal& lead, const std::string& id,
                                   const std::string& reason) {
  return reveal_in(lead, get(lead, id), reason);
}

Identity SafeguardingCases::reveal_for_pupil(const Principal& lead, const std::string& pupil_id,
                                             const std::string& case_id,
                                             const std::string& reason) {
  require_lead(lead);
  Submission item = get(lead, case_id);
  if (item.pupil_id != pupil_id) throw NotFound("No such case for this pupil.");
  return reveal_in(lead, item, reason);
}

Identity SafeguardingCases::reveal_in(const Principal& lead, Submission item,
                                      const std::string& reason) {
  // The reveal, its note on the case and the other leads' notice: all of them or none.
  return atomically(storage_, [&] {
    Identity identity = pupils_.reveal_identity_in_case(lead, item.pupil_id, item.id, reason);
    // The other leads of the unit see on the case that someone looked, who and why.
    item.safeguarding.reveals.push_back(
        {lead.id, clock_.now_text(), clean_text("reason", reason, 10, 1000)});
    change(lead, item, "reveal_noted", reason);
    // Never the identity itself: only that it was revealed, by whom and why.
    tell_other_leads(lead, item, NotificationKind::kIdentityRevealed,
                     "Another safeguarding lead revealed the identity of the child in a case you "
                     "share (" +
                         item.id + "). Reason: " + item.safeguarding.reveals.back().reason);
    return identity;
  });
}

Submission SafeguardingCases::close(const Principal& lead, const std::string& id,
                                    CaseOutcome outcome, const std::string& reason) {
  Submission item = get(lead, id);
  SafeguardingCase& c = item.safeguarding;
  if (!c.acknowledged_at) throw Conflict("Acknowledge the case first.", "not_acknowledged");
  if (c.closed_at) throw Conflict("This case is closed.", "case_closed");
  c.closure = CaseClosure{outcome, clean_text("reason", reason, 10, 2000), lead.id,
                          clock_.now_text(), std::nullopt, std::nullopt};
  if (outcome == CaseOutcome::kNoConcern) {
    item.status = SubmissionStatus::kClosurePending;  // a second lead must confirm
  } else {
    c.closed_at = clock_.now_text();
    item.status = SubmissionStatus::kClosed;
    item.claimed_by.reset();
  }
  return atomically(storage_, [&] {
    Submission changed = change(lead, item, "close_" + std::string(word(outcome)), reason);
    if (outcome == CaseOutcome::kNoConcern)
      tell_other_leads(lead, changed, NotificationKind::kClosureToConfirm,
                       "A case (" + changed.id +
                           ") is proposed for closing as no concern and needs a second "
                           "safeguarding lead to confirm.");
    return changed;
  });
}

Submission SafeguardingCases::confirm_closure(const Principal& lead, const std::string& id) {
  Submission item = get(lead, id);
  SafeguardingCase& c = item.safeguarding;
  if (item.status != SubmissionStatus::kClosurePending || !c.closure)
    throw Conflict("No closure is waiting to be confirmed.", "nothing_to_confirm");
  if (c.closure->proposed_by == lead.id)
    throw Conflict("A second safeguarding lead must confirm closing as no concern.",
                   "second_lead_required");
  c.closure->confirmed_by = lead.id;
  c.closure->confirmed_at = clock_.now_text();
  c.closed_at = clock_.now_text();
  item.status = SubmissionStatus::kClosed;
  item.claimed_by.reset();
  return change(lead, item, "confirm_closure");
}

}  // namespace ln::moderation
