#include "consult/recommendations.h"

#include <algorithm>
#include <set>

#include "base/crypto.h"
#include "base/errors.h"
#include "base/local_zone.h"
#include "base/validate.h"
#include "consult/age_bands.h"
#include "consult/notifications.h"
#include "consult/policy.h"

namespace ln {
namespace {

using namespace std::chrono;

bool is_staff(const Principal& p) {
  return p.role == Role::kModerator || p.role == Role::kAdmin;
}

// dd/mm/yyyy, as Vietnamese letters and messages write dates.
std::string vn_date(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

void push_history(Recommendation& r, const std::string& action, const std::string& by,
                  const std::string& at) {
  r.history.push_back({action, r.status, at, by});
}

bool reported(const Recommendation& r) {
  return r.status == RecommendationStatus::kReportedBack || r.status == RecommendationStatus::kClosed;
}

}  // namespace

// --- creating -----------------------------------------------------------------------------------

Recommendation Recommendations::make(const std::string& by, const std::string& unit_id,
                                     const std::string& title, const std::string& text,
                                     const std::optional<std::string>& topic,
                                     const std::vector<std::string>& submission_ids,
                                     const Principal* scope,
                                     std::vector<RecommendationSource>& sources) {
  Recommendation r;
  r.id = new_id("rec");
  if (!storage_.organisation().unit(unit_id)) throw Invalid("unit_id", "There is no such unit.");
  r.unit_id = unit_id;
  r.title = clean_text("title", title, 3, 200);
  r.text = clean_text("text", text, 10, 5000);
  r.topic = clean_optional_text("topic", topic, 100);
  std::set<std::string> seen;
  for (const auto& sid : submission_ids) {
    if (!seen.insert(sid).second) throw Invalid("submission_ids", "A submission is listed twice.");
    auto s = storage_.submissions().submission(sid);
    if (!s || (scope && !organisation_.covers(*scope, s->unit_id)))
      throw Invalid("submission_ids", "There is no submission " + sid + " in your units.");
    if (!is_approved(s->status))
      throw Invalid("submission_ids", "Only approved submissions can go into a recommendation.");
    // The children's own words, only as a moderator approved them.
    r.quotes.push_back({s->id, approved_words(*s)});
    sources.push_back({r.id, s->id, s->pupil_id});
  }
  r.created_by = by;
  r.created_at = r.updated_at = clock_.now_text();
  push_history(r, "created", by, r.created_at);
  return r;
}

Recommendation Recommendations::create(const Principal& actor, const RecommendationInput& input) {
  if (!is_staff(actor)) throw Forbidden();
  if (!organisation_.covers(actor, input.unit_id))
    throw Invalid("unit_id", "You do not work for that unit.");
  if (input.submission_ids.empty())
    throw Invalid("submission_ids", "Choose at least one approved submission.");
  std::vector<RecommendationSource> sources;
  Recommendation r = make(actor.id, input.unit_id, input.title, input.text, input.topic,
                          input.submission_ids, &actor, sources);
  atomically(storage_, [&] {
    storage_.recommendations().insert_recommendation(r, sources);
    audit_.record(AuditActor::of(actor), "recommendation.create", "recommendation", r.id, "",
                  {{"submissions", sources.size()}});
    // What was gathered for it is compiled now.
    auto left = storage_.recommendations().compile_draft(actor.id);
    std::erase_if(left, [&](const std::string& id) {
      return std::find(input.submission_ids.begin(), input.submission_ids.end(), id) !=
             input.submission_ids.end();
    });
    storage_.recommendations().save_compile_draft(actor.id, left, r.created_at);
  });
  return r;
}

std::vector<std::string> Recommendations::compile_draft(const Principal& actor) {
  if (!is_staff(actor)) throw Forbidden();
  // An idea that has since been redacted away, hidden or moved out of reach is left out.
  std::vector<std::string> out;
  for (auto& id : storage_.recommendations().compile_draft(actor.id)) {
    auto s = storage_.submissions().submission(id);
    if (s && organisation_.covers(actor, s->unit_id) &&
        is_approved(s->status))
      out.push_back(std::move(id));
  }
  return out;
}

std::vector<std::string> Recommendations::save_compile_draft(
    const Principal& actor, const std::vector<std::string>& submission_ids) {
  if (!is_staff(actor)) throw Forbidden();
  if (submission_ids.size() > 200)
    throw Invalid("submission_ids", "Gather at most 200 ideas for one recommendation.");
  std::vector<std::string> out;
  for (const auto& id : submission_ids) {
    if (std::find(out.begin(), out.end(), id) != out.end()) continue;
    auto s = storage_.submissions().submission(id);
    if (!s || !organisation_.covers(actor, s->unit_id))
      throw Invalid("submission_ids", "There is no submission " + id + " in your units.");
    if (!is_approved(s->status))
      throw Invalid("submission_ids", "Only approved submissions can go into a recommendation.");
    out.push_back(id);
  }
  storage_.recommendations().save_compile_draft(actor.id, out, clock_.now_text());
  return out;
}

Recommendation Recommendations::adopt_from_council(const AuditActor& actor,
                                                   const CouncilAdoption& adoption) {
  if (adoption.council_session_id.empty())
    throw Invalid("council_session_id", "Name the Council session that adopted it.");
  std::vector<RecommendationSource> sources;
  Recommendation r = make(actor.id, adoption.unit_id, adoption.title, adoption.text, adoption.topic,
                          adoption.submission_ids, nullptr, sources);
  r.origin = RecommendationOrigin::kCouncil;
  r.council_session_id = adoption.council_session_id;
  r.history.clear();
  push_history(r, "adopted_by_council", actor.id, r.created_at);
  atomically(storage_, [&] {
    storage_.recommendations().insert_recommendation(r, sources);
    audit_.record(actor, "recommendation.adopt", "recommendation", r.id, "",
                  {{"council_session_id", adoption.council_session_id}});
  });
  return r;
}

// --- reading
// --------------------------------------------------------------------------------------

Recommendation Recommendations::visible(const Principal& actor, const std::string& id) {
  auto r = storage_.recommendations().recommendation(id);
  if (!r) throw NotFound("No such recommendation.");
  if (actor.role == Role::kOfficial) {
    // An official sees only what was addressed to their own authority.
    if (!actor.authority_id || r->authority_id != actor.authority_id || r->status == RecommendationStatus::kDraft)
      throw NotFound("No such recommendation.");
    return *r;
  }
  if (!is_staff(actor) || !organisation_.covers(actor, r->unit_id))
    throw NotFound("No such recommendation.");
  return *r;
}

Recommendation Recommendations::get(const Principal& actor, const std::string& id) {
  return visible(actor, id);
}

std::vector<Recommendation> Recommendations::list(const Principal& actor,
                                                  RecommendationFilter filter, const Page& page) {
  if (actor.role == Role::kOfficial) {
    if (!actor.authority_id) return {};
    filter.authority_id = actor.authority_id;
    filter.forwarded_only = true;
  } else if (!is_staff(actor)) {
    throw Forbidden();
  }
  std::vector<Recommendation> out;
  Page next = page;
  next.limit = 200;
  while (static_cast<int>(out.size()) < page.limit) {
    auto batch = storage_.recommendations().recommendations(filter, next);
    for (auto& r : batch) {
      if (actor.role == Role::kOfficial || organisation_.covers(actor, r.unit_id))
        out.push_back(std::move(r));
      if (static_cast<int>(out.size()) == page.limit) break;
    }
    if (static_cast<int>(batch.size()) < next.limit) break;
    next.after = batch.back().id;
  }
  return out;
}

std::vector<RecommendationSource> Recommendations::sources(const Recommendation& r) {
  return storage_.recommendations().sources(r.id);
}

std::vector<Reaction> Recommendations::reactions(const Recommendation& r) {
  return storage_.recommendations().reactions(r.id);
}

ReactionCounts Recommendations::reaction_tally(const Recommendation& r) {
  ReactionCounts out{0, 0, 0};
  for (const auto& x : reactions(r)) {
    if (x.kind == ReactionKind::kAgree) ++*out.agree;
    if (x.kind == ReactionKind::kDisagree) ++*out.disagree;
    if (x.kind == ReactionKind::kQuestion) ++*out.question;
  }
  return out;
}

ReactionCounts Recommendations::published_reactions(const Recommendation& r) {
  auto counts = reaction_tally(r);
  for (auto* c : {&counts.agree, &counts.disagree, &counts.question})
    if (settings_.small_groups.small(**c)) c->reset();
  return counts;
}

std::optional<int> Recommendations::working_days_left(const Recommendation& r) const {
  if (!r.due_date) return std::nullopt;
  return calendar_.working_days_between(local_date_of(clock_.now()), *parse_date(*r.due_date));
}

bool Recommendations::answered_on_time(const Recommendation& r) const {
  if (!r.answered_at || !r.due_date) return false;
  auto at = parse_time(*r.answered_at);
  return at && format_date(local_date_of(*at)) <= *r.due_date;
}

// --- the lifecycle ------------------------------------------------------------------------------

Recommendation Recommendations::save(const AuditActor& actor, const std::string& by,
                                     Recommendation r, int expected_version,
                                     const std::string& action, const AuditDetails& details) {
  r.version = expected_version + 1;
  r.updated_at = clock_.now_text();
  push_history(r, action, by, r.updated_at);
  atomically(storage_, [&] {
    if (!storage_.recommendations().update_if_version(r, expected_version))
      throw Conflict("The recommendation changed meanwhile; reload and try again.",
                     "stale_version");
    audit_.record(actor, "recommendation." + action, "recommendation", r.id, "", details);
  });
  return r;
}

Recommendation Recommendations::forward(const Principal& actor, const std::string& id,
                                        const Forwarding& input) {
  Recommendation r = visible(actor, id);
  if (!is_staff(actor)) throw NotFound("No such recommendation.");
  if (r.status != RecommendationStatus::kDraft)
    throw Conflict("Only a draft can be forwarded.", "wrong_status");
  auto authority = storage_.organisation().authority(input.authority_id);
  if (!authority || authority->retired_at)
    throw Invalid("authority_id", "There is no such authority.");
  std::string number = clean_text("dispatch_number", input.dispatch_number, 1, 60);
  auto date = parse_date(clean_date("dispatch_date", input.dispatch_date));
  if (sys_days(*date) > sys_days(local_date_of(clock_.now())))
    throw Invalid("dispatch_date", "The dispatch date cannot be in the future.");
  int days = input.due_working_days.value_or(authority->due_days);
  if (days < 1 || days > 365)
    throw Invalid("due_working_days", "due_working_days is between 1 and 365.");
  int expected = r.version;
  r.status = RecommendationStatus::kForwarded;
  r.authority_id = authority->id;
  r.dispatch_number = number;
  r.dispatch_date = input.dispatch_date;
  r.due_date = format_date(calendar_.add(*date, days));
  r.forwarded_at = clock_.now_text();
  atomically(storage_, [&] {
    r = save(AuditActor::of(actor), actor.id, r, expected, "forwarded",
             {{"authority_id", authority->id}, {"due_date", *r.due_date}});
    notify(
        officials_of(storage_, authority->id), r, NotificationKind::kForwarded,
        "Kiến nghị mới của trẻ em: “" + r.title + "”. Hạn trả lời: " + vn_date(*r.due_date) + ".");
  });
  return r;
}

Recommendation Recommendations::acknowledge(const Principal& official, const std::string& id) {
  if (official.role != Role::kOfficial) throw Forbidden();
  Recommendation r = visible(official, id);
  if (r.status != RecommendationStatus::kForwarded)
    throw Conflict("Only a forwarded recommendation can be acknowledged.", "wrong_status");
  int expected = r.version;
  r.status = RecommendationStatus::kAcknowledged;
  return save(AuditActor::of(official), official.id, r, expected, "acknowledged");
}

Recommendation Recommendations::answer(const Principal& official, const std::string& id,
                                       const AnswerInput& input) {
  if (official.role != Role::kOfficial) throw Forbidden();
  Recommendation r = visible(official, id);
  if (r.status == RecommendationStatus::kForwarded)
    throw Conflict("Acknowledge the recommendation before answering it.", "not_acknowledged");
  if (r.status != RecommendationStatus::kAcknowledged)
    throw Conflict("This recommendation has been answered already.", "wrong_status");
  std::vector<Unprocessable::Problem> problems;
  Answer answer;
  answer.decision = input.decision;
  std::string trimmed = input.reasons;
  trimmed.erase(0, trimmed.find_first_not_of(" \t\r\n"));
  if (input.decision != Decision::kAccepted && trimmed.empty())
    problems.push_back({"reasons",
                        "Give the reasons for this decision; the children will read "
                        "them."});
  else if (!trimmed.empty())
    answer.reasons = clean_text("reasons", input.reasons, 1, 5000);
  if (input.decision == Decision::kReferred) {
    auto to =
        input.referred_to ? storage_.organisation().authority(*input.referred_to) : std::nullopt;
    if (!to || to->id == r.authority_id)
      problems.push_back({"referred_to", "Name the other authority it is referred to."});
    else
      answer.referred_to = ReferredTo{to->id, to->name};
  }
  if (!problems.empty())
    throw Unprocessable("answer_incomplete", "The answer is not complete.", problems);
  std::vector<Commitment> commitments;
  int n = 0;
  for (const auto& c : input.commitments)
    commitments.push_back({r.id + "~" + std::to_string(++n),
                           clean_text("commitments.text", c.text, 3, 1000),
                           clean_text("commitments.owner", c.owner, 2, 200),
                           clean_date("commitments.due_date", c.due_date),
                           CommitmentStatus::kPlanned,
                           {}});
  int expected = r.version;
  std::string now = clock_.now_text();
  answer.by = official.id;
  answer.at = now;
  r.answer = answer;
  r.commitments = std::move(commitments);
  r.answered_at = now;
  r.status = RecommendationStatus::kAnswered;
  bool was_overdue = r.overdue;
  r.overdue = false;  // the answer came; whether it was late stays in answered_on_time
  atomically(storage_, [&] {
    r = save(AuditActor::of(official), official.id, r, expected, "answered",
             {{"decision", word(input.decision)}, {"late", was_overdue || !answered_on_time(r)}});
    notify(accounts_serving(storage_, "moderator", r.unit_id), r, NotificationKind::kAnswered,
           "Cơ quan đã trả lời kiến nghị “" + r.title + "”. Hãy viết phản hồi cho các em.");
  });
  return r;
}

Recommendation Recommendations::record_progress(const Principal& official,
                                                const std::string& commitment_id,
                                                const ProgressInput& input) {
  if (official.role != Role::kOfficial) throw Forbidden();
  auto tilde = commitment_id.rfind('~');
  if (tilde == std::string::npos) throw NotFound("No such commitment.");
  Recommendation r = visible(official, commitment_id.substr(0, tilde));
  auto found = std::find_if(r.commitments.begin(), r.commitments.end(),
                            [&](const Commitment& c) { return c.id == commitment_id; });
  if (found == r.commitments.end()) throw NotFound("No such commitment.");
  CommitmentUpdate update{clean_text("note", input.note, 1, 2000), clock_.now_text(), official.id,
                          input.status};
  if (input.status) found->status = *input.status;
  found->updates.push_back(std::move(update));
  int expected = r.version;
  return save(AuditActor::of(official), official.id, r, expected, "commitment_progress",
              {{"commitment", commitment_id}});
}

Recommendation Recommendations::write_feedback(
    const Principal& actor, const std::string& id,
    const std::map<std::string, FeedbackText>& feedback) {
  Recommendation r = visible(actor, id);
  if (!is_staff(actor)) throw NotFound("No such recommendation.");
  if (r.status != RecommendationStatus::kAnswered)
    throw Conflict("Feedback is written once the authority has answered, before reporting back.",
                   "wrong_status");
  if (feedback.empty())
    throw Invalid("bands", "Write the feedback for all bands or for each band.");
  Feedback written;
  for (const auto& [band, text] : feedback) {
    std::string field = "bands." + band;
    if (band != "all" && !is_band(band)) {
      std::string names = "\"all\"";
      for (const auto& b : age_bands()) names += ", " + b.id;
      throw Invalid("bands." + band.substr(0, 40),
                    "Each feedback is for an age band: " + names + ".");
    }
    written.bands[band] = {clean_text(field + ".you_said", text.you_said, 5, 1000),
                           clean_text(field + ".we_did", text.we_did, 5, 1000),
                           clean_text(field + ".why", text.why, 5, 1000),
                           clean_text(field + ".what_next", text.what_next, 5, 1000)};
  }
  written.by = actor.id;
  written.at = clock_.now_text();
  int expected = r.version;
  r.feedback = std::move(written);
  return save(AuditActor::of(actor), actor.id, r, expected, "feedback_written");
}

Recommendation Recommendations::report_back(const Principal& actor, const std::string& id) {
  Recommendation r = visible(actor, id);
  if (!is_staff(actor)) throw NotFound("No such recommendation.");
  if (r.status != RecommendationStatus::kAnswered)
    throw Conflict("Only an answered recommendation can be reported back.", "wrong_status");
  if (!r.feedback)
    throw Conflict("Write the feedback for the children first.", "feedback_missing");
  int expected = r.version;
  r.status = RecommendationStatus::kReportedBack;
  auto sources = storage_.recommendations().sources(r.id);
  atomically(storage_, [&] {
    r = save(AuditActor::of(actor), actor.id, r, expected, "reported_back",
             {{"children", sources.size()}});
    // Every child whose words went into it hears back once, with (the first of) their
    // submissions: one answer, one notification, however many of their ideas it answers.
    std::string now = clock_.now_text();
    std::set<std::string> told;
    for (const auto& s : sources) {
      if (!told.insert(s.pupil_id).second) continue;
      Notification n{notification_id(now),
                     "pupil",
                     s.pupil_id,
                     NotificationKind::kReportedBack,
                     "submission",
                     s.submission_id,
                     "Ý kiến của em đã có câu trả lời. Em xem điều đã xảy ra nhé!",
                     "rec:" + r.id + ":reported_back:pupil:" + s.pupil_id + ":" + s.submission_id,
                     now,
                     std::nullopt};
      storage_.recommendations().insert_notification(n);
    }
  });
  return r;
}

Recommendation Recommendations::close(const Principal& actor, const std::string& id) {
  Recommendation r = visible(actor, id);
  if (!is_staff(actor)) throw NotFound("No such recommendation.");
  if (r.status != RecommendationStatus::kReportedBack)
    throw Conflict("A recommendation closes only after the children have heard back.",
                   "not_reported_back");
  int expected = r.version;
  r.status = RecommendationStatus::kClosed;
  return save(AuditActor::of(actor), actor.id, r, expected, "closed");
}

// --- children -----------------------------------------------------------------------------------

std::vector<Recommendation> Recommendations::outcomes_of_submission(
    const Principal& pupil, const std::string& submission_id) {
  std::vector<Recommendation> out;
  for (auto& r : containing(pupil, submission_id))
    if (reported(r)) out.push_back(std::move(r));
  return out;
}

std::vector<Recommendation> Recommendations::containing(const Principal& pupil,
                                                        const std::string& submission_id) {
  std::vector<Recommendation> out;
  for (const auto& s : storage_.recommendations().sources_of_pupil(pupil.id)) {
    if (s.submission_id != submission_id) continue;
    auto r = storage_.recommendations().recommendation(s.recommendation_id);
    if (r && r->status != RecommendationStatus::kDraft) out.push_back(*r);
  }
  return out;
}

std::optional<FeedbackText> Recommendations::feedback_for(const Recommendation& r,
                                                          const std::string& age_band) const {
  if (!r.feedback || r.feedback->bands.empty()) return std::nullopt;
  const auto& bands = r.feedback->bands;
  if (auto it = bands.find(age_band); it != bands.end()) return it->second;
  if (auto it = bands.find("all"); it != bands.end()) return it->second;
  return bands.begin()->second;
}

std::optional<Reaction> Recommendations::reaction_of(const Recommendation& r,
                                                     const std::string& pupil_id) {
  for (auto& x : storage_.recommendations().reactions(r.id))
    if (x.pupil_id == pupil_id) return x;
  return std::nullopt;
}

Reaction Recommendations::react(const Principal& pupil, const std::string& id, ReactionKind kind,
                                const std::optional<std::string>& text) {
  require(&pupil, Permission::kPupilContribute);
  auto r = storage_.recommendations().recommendation(id);
  bool contributed = false;
  if (r)
    for (const auto& s : storage_.recommendations().sources(r->id))
      if (s.pupil_id == pupil.id) contributed = true;
  if (!r || !contributed || !reported(*r))
    throw NotFound("No such answer to react to.");
  auto words = clean_optional_text("text", text, 1000);
  if (words && words->empty()) words.reset();
  // A question is its words: they go to the Youth Union, whose reply comes back to the child.
  if (kind == ReactionKind::kQuestion && !words) throw Invalid("text", "Write your question.");
  if (reaction_of(*r, pupil.id))
    throw Conflict("You have already told us what you think about this answer.", "already_reacted");
  Reaction reaction{new_id("rx"),      r->id,        pupil.id,     kind,        words, std::nullopt,
                    clock_.now_text(), std::nullopt, std::nullopt, std::nullopt};
  std::optional<Submission> item;
  if (kind != ReactionKind::kAgree || words) {
    // Words from a child are screened and moderated like any submission; disagreements and
    // questions go back to the moderators' queue even without words.
    Submission s;
    s.id = new_ordered_id("sub");
    s.pupil_id = pupil.id;
    s.unit_id = pupil.unit_id;
    s.kind = SubmissionKind::kOpinion;
    s.topic = "feedback_reaction:" + std::string(word(kind));
    s.text = words ? *words : "Em không đồng ý với câu trả lời (không kèm lời nhắn).";
    s.status = SubmissionStatus::kSubmitted;
    s.created_at = s.updated_at = reaction.created_at;
    screen_submission(screen_, s);
    reaction.submission_id = s.id;
    item = s;
  }
  atomically(storage_, [&] {
    storage_.recommendations().insert_reaction(reaction, item);
    audit_.record(AuditActor::of(pupil), "recommendation.reaction", "recommendation", r->id, "",
                  {{"kind", std::string(word(kind))}});
    if (kind != ReactionKind::kAgree)
      notify(accounts_serving(storage_, "moderator", r->unit_id), *r, NotificationKind::kReaction,
             std::string(kind == ReactionKind::kDisagree ? "Một em không đồng ý"
                                                         : "Một em có câu hỏi") +
                 " về câu trả lời cho kiến nghị “" + r->title + "”. Xem hàng chờ kiểm duyệt.");
  });
  return reaction;
}

// --- notifications
// --------------------------------------------------------------------------------

std::vector<Notification> Recommendations::notifications(const Principal& who, const Page& page) {
  return storage_.recommendations().notifications_of(who.is_pupil() ? "pupil" : "account", who.id,
                                                     page);
}

std::vector<std::pair<Reaction, std::string>> Recommendations::reactions_for_export(
    const std::string& pupil_id) {
  std::vector<std::pair<Reaction, std::string>> out;
  for (auto& x : storage_.recommendations().reactions_of_pupil(pupil_id)) {
    auto r = storage_.recommendations().recommendation(x.recommendation_id);
    out.emplace_back(std::move(x), r ? r->title : std::string());
  }
  return out;
}

std::vector<Notification> Recommendations::notifications_for_export(const std::string& pupil_id) {
  return every_page([&](const Page& page) {
    return storage_.recommendations().notifications_of("pupil", pupil_id, page);
  });
}

int Recommendations::unread(const Principal& who) {
  return storage_.recommendations().unread_notifications(who.is_pupil() ? "pupil" : "account",
                                                         who.id);
}

void Recommendations::mark_read(const Principal& who, const std::string& notification_id) {
  if (!storage_.recommendations().mark_notification_read(
          notification_id, who.is_pupil() ? "pupil" : "account", who.id, clock_.now_text()))
    throw NotFound("No such notification.");
}

int Recommendations::notify(const std::vector<Account>& to, const Recommendation& r,
                            NotificationKind kind, const std::string& message) {
  int sent = 0;
  std::string now = clock_.now_text();
  for (const auto& a : to) {
    Notification n{notification_id(now),
                   "account",
                   a.id,
                   kind,
                   "recommendation",
                   r.id,
                   message,
                   "rec:" + r.id + ":" + std::string(word(kind)) + ":" + std::to_string(r.version) +
                       ":" + a.id,
                   now,
                   std::nullopt};
    if (storage_.recommendations().insert_notification(n)) ++sent;
  }
  return sent;
}

int Recommendations::remind(const std::vector<Account>& to, const Recommendation& r,
                            ReminderKind kind, const std::string& message) {
  int sent = 0;
  std::string now = clock_.now_text();
  std::string k(word(kind));
  for (const auto& a : to) {
    // Reminders are sent once per recommendation, whatever the version.
    Notification n{notification_id(now),
                   "account",
                   a.id,
                   notification_for(kind),
                   "recommendation",
                   r.id,
                   message,
                   "rec:" + r.id + ":" + k + ":" + a.id,
                   now,
                   std::nullopt};
    if (storage_.recommendations().insert_notification(n)) ++sent;
  }
  return sent;
}

bool Recommendations::email(const Recommendation& r, ReminderKind reminder,
                            const std::string& subject, const std::string& body) {
  std::string kind(word(reminder));
  if (!mailer_ || !mailer_->configured() || !r.authority_id) return false;
  auto to = storage_.recommendations().authority_contact(*r.authority_id);
  if (!to) return false;
  // The claim: only the instance that writes this row sends the e-mail.
  Notification claim{notification_id(clock_.now_text()),
                     "email",
                     *to,
                     notification_for(reminder),
                     "recommendation",
                     r.id,
                     subject,
                     "rec:" + r.id + ":" + kind + ":email",
                     clock_.now_text(),
                     std::nullopt};
  if (!storage_.recommendations().insert_notification(claim)) return false;
  mailer_->send({*to, subject, body});
  return true;
}

// --- the reminder job
// -----------------------------------------------------------------------------

ReminderRun Recommendations::run_reminders() {
  ReminderRun run;
  auto today = local_date_of(clock_.now());
  for (Recommendation r : storage_.recommendations().awaiting_answer()) {
    auto due = parse_date(*r.due_date);
    if (!due) continue;
    int left = calendar_.working_days_between(today, *due);
    // Most items are not due soon: skip them before reading who would be told.
    if (sys_days(today) <= sys_days(*due) && left > settings_.remind_before_working_days) continue;
    std::string authority_name =
        r.authority_id ? organisation_.authority(*r.authority_id).name : std::string();
    auto people = officials_of(storage_, *r.authority_id);
    auto youth_union = accounts_serving(storage_, "moderator", r.unit_id);
    if (sys_days(today) <= sys_days(*due)) {
      std::string message = "Nhắc hạn: kiến nghị “" + r.title + "” cần được trả lời trước ngày " +
                            vn_date(*r.due_date) + ".";
      run.notifications += remind(people, r, ReminderKind::kDueSoon, message);
      run.notifications += remind(youth_union, r, ReminderKind::kDueSoon, message);
      try {
        if (email(r, ReminderKind::kDueSoon, "[Lắng Nghe] Nhắc hạn trả lời kiến nghị của trẻ em",
                  authority_name + "\n\n" + message +
                      "\nSố công văn: " + r.dispatch_number.value_or("") + "\n"))
          ++run.emails;
      } catch (const std::exception&) {
        // Logged by the mailer; the in-app reminder went out.
      }
      continue;
    }
    int late = calendar_.working_days_between(*due, today);
    if (!r.overdue) {
      int expected = r.version;
      Recommendation next = r;
      next.overdue = true;
      try {
        r = save(AuditActor::system(), "system", next, expected, "overdue",
                 {{"due_date", *r.due_date}});
        ++run.flagged_overdue;
      } catch (const Conflict&) {
        continue;  // another instance (or an official) changed it first
      }
    }
    std::string message = "Quá hạn: kiến nghị “" + r.title + "” đã quá hạn trả lời (hạn " +
                          vn_date(*r.due_date) + ").";
    run.notifications += remind(people, r, ReminderKind::kOverdue, message);
    run.notifications += remind(youth_union, r, ReminderKind::kOverdue, message);
    try {
      if (email(r, ReminderKind::kOverdue, "[Lắng Nghe] Kiến nghị của trẻ em đã quá hạn trả lời",
                authority_name + "\n\n" + message +
                    "\nSố công văn: " + r.dispatch_number.value_or("") + "\n"))
        ++run.emails;
    } catch (const std::exception&) {
    }
    if (late >= settings_.escalate_after_working_days && !r.reminders.escalated) {
      int expected = r.version;
      Recommendation next = r;
      next.reminders.escalated = clock_.now_text();
      try {
        atomically(storage_, [&] {
          r = save(AuditActor::system(), "system", next, expected, "escalated",
                   {{"working_days_late", late}});
          run.notifications +=
              remind(youth_union, r, ReminderKind::kEscalated,
                     "Cần đôn đốc: kiến nghị “" + r.title + "” đã quá hạn " + std::to_string(late) +
                         " ngày làm việc. Công văn đôn đốc đã sẵn sàng để in.");
        });
      } catch (const Conflict&) {
        continue;
      }
      ++run.escalated;
    }
  }
  run.notifications += remind_commitments(today);
  return run;
}

int Recommendations::remind_commitments(std::chrono::year_month_day today) {
  int sent = 0;
  for (auto status : {RecommendationStatus::kAnswered, RecommendationStatus::kReportedBack}) {
    RecommendationFilter filter;
    filter.status = status;
    Page page;
    page.limit = 200;
    for (;;) {
      auto batch = storage_.recommendations().recommendations(filter, page);
      for (const auto& r : batch) {
        std::optional<std::vector<Account>> people;  // who is told, read once per recommendation
        for (const auto& c : r.commitments) {
          if (!commitment_overdue(c, today) || !r.authority_id) continue;
          std::string message = "Cam kết “" + c.text + "” (kiến nghị “" + r.title +
                                "”) đã quá hạn " + vn_date(c.due_date) + ".";
          std::string now = clock_.now_text();
          if (!people) {
            people = officials_of(storage_, *r.authority_id);
            auto youth_union = accounts_serving(storage_, "moderator", r.unit_id);
            people->insert(people->end(), youth_union.begin(), youth_union.end());
          }
          for (const auto& a : *people) {
            Notification n{notification_id(now),
                           "account",
                           a.id,
                           NotificationKind::kCommitmentOverdue,
                           "recommendation",
                           r.id,
                           message,
                           "commitment:" + c.id + ":overdue:" + a.id,
                           now,
                           std::nullopt};
            if (storage_.recommendations().insert_notification(n)) ++sent;
          }
        }
      }
      if (static_cast<int>(batch.size()) < page.limit) break;
      page.after = batch.back().id;
    }
  }
  return sent;
}

bool commitment_overdue(const Commitment& commitment, std::chrono::year_month_day today) {
  auto due = parse_date(commitment.due_date);
  return due && commitment.status != CommitmentStatus::kDone &&
         commitment.status != CommitmentStatus::kDropped && sys_days(*due) < sys_days(today);
}

// --- the public tracker
// ---------------------------------------------------------------------------

std::vector<Recommendation> Recommendations::tracker(const std::string& unit_id) {
  if (!storage_.organisation().unit(unit_id)) throw NotFound("No such unit.");
  std::vector<Recommendation> out;
  RecommendationFilter filter;
  filter.forwarded_only = true;
  Page page;
  page.limit = 200;
  std::map<std::string, bool> under;  // per distinct unit: is it `unit_id` or below it?
  for (;;) {
    auto batch = storage_.recommendations().recommendations(filter, page);
    for (auto& r : batch) {
      auto [it, fresh] = under.try_emplace(r.unit_id, false);
      if (fresh) {
        auto scope = storage_.organisation().unit_and_ancestors(r.unit_id);
        it->second = std::find(scope.begin(), scope.end(), unit_id) != scope.end();
      }
      if (it->second) out.push_back(r);
    }
    if (static_cast<int>(batch.size()) < page.limit) break;
    page.after = batch.back().id;
  }
  return out;
}

Recommendations::PublicTracker Recommendations::public_tracker(const std::string& unit_id) {
  PublicTracker out;
  out.items = tracker(unit_id);
  for (auto& f : figures(out.items)) {
    if (f.received >= settings_.public_min_recommendations)
      out.authorities.push_back(std::move(f));
    else
      ++out.authorities_not_shown;
  }
  return out;
}

std::vector<AuthorityFigures> Recommendations::figures(
    const std::vector<Recommendation>& forwarded) {
  std::map<std::string, AuthorityFigures> by;
  std::map<std::string, std::vector<int>> days;
  auto today = local_date_of(clock_.now());
  for (const auto& r : forwarded) {
    if (!r.authority_id) continue;
    auto& f = by[*r.authority_id];
    f.authority_id = *r.authority_id;
    ++f.received;
    if (r.answered_at) {
      ++f.answered;
      if (answered_on_time(r)) ++f.answered_on_time;
      auto at = parse_time(*r.answered_at);
      auto sent = parse_date(r.dispatch_date.value_or(""));
      if (at && sent)
        days[f.authority_id].push_back(
            static_cast<int>((sys_days(local_date_of(*at)) - sys_days(*sent)).count()));
    } else if (r.due_date && sys_days(*parse_date(*r.due_date)) < sys_days(today)) {
      ++f.overdue_now;
    }
  }
  std::vector<AuthorityFigures> out;
  for (auto& [id, f] : by) {
    auto authority = storage_.organisation().authority(id);
    f.name = authority ? authority->name : id;
    // Decided: answered, or past the due date without an answer.
    if (const int decided = f.answered + f.overdue_now; decided > 0)
      f.on_time_percent = 100.0 * f.answered_on_time / decided;
    auto& d = days[id];
    if (!d.empty()) {
      std::sort(d.begin(), d.end());
      std::size_t m = d.size() / 2;
      f.median_days_to_answer = d.size() % 2 ? d[m] : (d[m - 1] + d[m]) / 2.0;
    }
    out.push_back(f);
  }
  return out;
}

void Recommendations::set_authority_contact(const Principal& admin, const std::string& authority_id,
                                            const std::string& email) {
  if (!admin.is_admin()) throw Forbidden();
  organisation_.authority(authority_id);  // NotFound when unknown
  std::string address = clean_text("email", email, 3, 200);
  auto at = address.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= address.size() ||
      address.find_first_of(" <>,;\"\r\n") != std::string::npos)
    throw Invalid("email", "email must be one e-mail address.");
  atomically(storage_, [&] {
    storage_.recommendations().set_authority_contact(authority_id, address, clock_.now_text());
    audit_.record(AuditActor::of(admin), "authority.contact", "authority", authority_id);
  });
}

std::optional<std::string> Recommendations::authority_contact(const std::string& authority_id) {
  return storage_.recommendations().authority_contact(authority_id);
}

}  // namespace ln
