#include "moderation/safeguarding.h"

#include <algorithm>

#include "consult/errors.h"
#include "consult/safeguarding_leads.h"
#include "consult/validate.h"

namespace ln::moderation {
namespace {

const std::vector<std::string> kActions = {"referral_111", "police", "commune_officer", "school",
                                           "other"};
const std::vector<std::string> kOutcomes = {"no_concern", "referred", "resolved"};

void require_lead(const Principal& p) {
  if (p.role != Role::kSafeguardingLead)
    throw Forbidden("Only safeguarding leads work safeguarding cases.");
}

}  // namespace

std::vector<Submission> SafeguardingCases::open_cases(const Principal& lead, const Page& page) {
  require_lead(lead);
  return storage_.submissions().queue_items("safeguarding", lead.unit_ids, false, page);
}

Submission SafeguardingCases::get(const Principal& lead, const std::string& id) {
  require_lead(lead);
  auto s = storage_.submissions().submission(id);
  if (!s || s->queue != "safeguarding" || !organisation_.covers(lead, s->unit_id))
    throw NotFound("No such case.");
  return *s;
}

nlohmann::json SafeguardingCases::timing(const Submission& item) const {
  auto created = parse_time(item.created_at);
  auto due = created
                 ? format_time(*created + std::chrono::minutes(settings_.safeguarding_ack_minutes))
                 : std::string();
  auto c = nlohmann::json::parse(item.safeguarding_json);
  std::string acknowledged = c.value("acknowledged_at", "");
  bool late = acknowledged.empty() ? clock_.now_text() > due : acknowledged > due;
  return {{"acknowledge_by", due}, {"late", late}};
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
  auto c = nlohmann::json::parse(item.safeguarding_json);
  if (c.contains("acknowledged_at"))
    throw Conflict("This case was already acknowledged.", "already_acknowledged");
  c["acknowledged_at"] = clock_.now_text();
  c["acknowledged_by"] = lead.id;
  item.first_reviewed_at = c["acknowledged_at"].get<std::string>();
  item.safeguarding_json = c.dump();
  item.status = "claimed";
  item.claimed_by = lead.id;
  return change(lead, item, "acknowledge");
}

Submission SafeguardingCases::record_action(const Principal& lead, const std::string& id,
                                            const SafeguardingAction& action) {
  Submission item = get(lead, id);
  if (std::find(kActions.begin(), kActions.end(), action.kind) == kActions.end())
    throw Invalid("kind", "kind is referral_111, police, commune_officer, school or other.");
  if (!parse_date(action.date)) throw Invalid("date", "date must be written YYYY-MM-DD.");
  auto c = nlohmann::json::parse(item.safeguarding_json);
  if (!c.contains("acknowledged_at"))
    throw Conflict("Acknowledge the case first.", "not_acknowledged");
  if (c.contains("closed_at")) throw Conflict("This case is closed.", "case_closed");
  c["actions"].push_back({{"kind", action.kind},
                          {"date", action.date},
                          {"reference", clean_text("reference", action.reference, 0, 100)},
                          {"note", clean_text("note", action.note, 0, 2000)},
                          {"by", lead.id},
                          {"at", clock_.now_text()}});
  item.safeguarding_json = c.dump();
  return change(lead, item, "action", action.kind);
}

void SafeguardingCases::tell_other_leads(const Principal& lead, const Submission& item,
                                         const std::string& kind, const std::string& message) {
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
    auto c = nlohmann::json::parse(item.safeguarding_json);
    c["reveals"].push_back({{"by", lead.id},
                            {"at", clock_.now_text()},
                            {"reason", clean_text("reason", reason, 10, 1000)}});
    item.safeguarding_json = c.dump();
    change(lead, item, "reveal_noted", reason);
    // Never the identity itself: only that it was revealed, by whom and why.
    tell_other_leads(lead, item, "identity_revealed",
                     "Another safeguarding lead revealed the identity of the child in a case you "
                     "share (" +
                         item.id +
                         "). Reason: " + c["reveals"].back()["reason"].get<std::string>());
    return identity;
  });
}

Submission SafeguardingCases::close(const Principal& lead, const std::string& id,
                                    const std::string& outcome, const std::string& reason) {
  Submission item = get(lead, id);
  if (std::find(kOutcomes.begin(), kOutcomes.end(), outcome) == kOutcomes.end())
    throw Invalid("outcome", "outcome is no_concern, referred or resolved.");
  auto c = nlohmann::json::parse(item.safeguarding_json);
  if (!c.contains("acknowledged_at"))
    throw Conflict("Acknowledge the case first.", "not_acknowledged");
  if (c.contains("closed_at")) throw Conflict("This case is closed.", "case_closed");
  c["closure"] = {{"outcome", outcome},
                  {"reason", clean_text("reason", reason, 10, 2000)},
                  {"proposed_by", lead.id},
                  {"proposed_at", clock_.now_text()}};
  if (outcome == "no_concern") {
    item.status = "closure_pending";  // a second lead must confirm
  } else {
    c["closed_at"] = clock_.now_text();
    item.status = "closed";
    item.claimed_by.reset();
  }
  item.safeguarding_json = c.dump();
  return atomically(storage_, [&] {
    Submission changed = change(lead, item, "close_" + outcome, reason);
    if (outcome == "no_concern")
      tell_other_leads(lead, changed, "closure_to_confirm",
                       "A case (" + changed.id +
                           ") is proposed for closing as no concern and needs a second "
                           "safeguarding lead to confirm.");
    return changed;
  });
}

Submission SafeguardingCases::confirm_closure(const Principal& lead, const std::string& id) {
  Submission item = get(lead, id);
  auto c = nlohmann::json::parse(item.safeguarding_json);
  if (item.status != "closure_pending" || !c.contains("closure"))
    throw Conflict("No closure is waiting to be confirmed.", "nothing_to_confirm");
  if (c["closure"].value("proposed_by", "") == lead.id)
    throw Conflict("A second safeguarding lead must confirm closing as no concern.",
                   "second_lead_required");
  c["closure"]["confirmed_by"] = lead.id;
  c["closure"]["confirmed_at"] = clock_.now_text();
  c["closed_at"] = clock_.now_text();
  item.safeguarding_json = c.dump();
  item.status = "closed";
  item.claimed_by.reset();
  return change(lead, item, "confirm_closure");
}

}  // namespace ln::moderation
