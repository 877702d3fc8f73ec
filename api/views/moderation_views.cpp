#include "api/views/moderation_views.h"

#include "api/http/shape.h"
#include "api/views/views.h"

namespace ln::api {
namespace {

nlohmann::json words(const std::vector<ScreenerLabel>& labels) {
  nlohmann::json out = nlohmann::json::array();
  for (auto l : labels) out.push_back(word(l));
  return out;
}

nlohmann::json author_schema() {
  return Shape{required("pseudonym", text()), required("age_band", text())}.schema();
}

Value label() {
  return text().one_of({"disclosure", "personal_info", "rude", "spam"});
}

Value queue_name() {
  return text().one_of({"normal", "priority", "safeguarding"});
}

nlohmann::json span_json(const ScreeningSpan& x) {
  return {{"label", word(x.label)},       {"start", x.start},
          {"end", x.end},                 {"byte_start", x.byte_start},
          {"byte_end", x.byte_end},       {"rule", x.rule},
          {"category", x.category},       {"severity", x.severity}};
}

nlohmann::json span_schema() {
  return Shape{required("label", label()),          required("start", integer()),
               required("end", integer()),          required("byte_start", integer()),
               required("byte_end", integer()),     required("rule", text()),
               required("category", text()),        required("severity", integer())}
      .schema();
}

nlohmann::json spans_json(const std::vector<ScreeningSpan>& spans) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& x : spans) out.push_back(span_json(x));
  return out;
}

nlohmann::json screening_schema() {
  return Shape{optional("route", queue_name()),
               optional("signals", list_of(text())),
               optional("model", list_of(object_of(Shape{required("label", label()),
                                                         required("probability", number()),
                                                         required("threshold", number())}))),
               optional("lexicon_version", text()),
               optional("labels", list_of(label())),
               optional("spans", list_of(Value(span_schema()))),
               optional("held", list_of(Value(span_schema()))
                                    .describe("findings the model doubted (possible disclosures; "
                                              "rude words that are everyday words without "
                                              "diacritics): a hint only")),
               optional("alike_from_other_children", integer())}
      .schema();
}

nlohmann::json decision_schema() {
  return Shape{optional("decision", text().one_of({"approve", "approve_redacted", "return",
                                                   "reject", "escalate"})),
               optional("by", text()),
               optional("at", text()),
               optional("reason", text()),
               optional("note", text()),
               optional("wrong_flags", list_of(label()))}
      .schema();
}

nlohmann::json revisions_json(const std::vector<Revision>& revisions) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : revisions)
    out.push_back({{"text", r.text},
                   {"sent_at", r.sent_at},
                   {"decision", r.decision ? decision_json(*r.decision) : nlohmann::json::object()}});
  return out;
}

nlohmann::json timing_json(const moderation::ReviewTiming& t) {
  return {{"count", t.count},
          {"p50_minutes", or_null(t.p50_minutes)},
          {"p90_minutes", or_null(t.p90_minutes)},
          {"late", t.late},
          {"waiting", t.waiting}};
}

nlohmann::json timing_schema() {
  return Shape{required("count", integer()),          required("p50_minutes", number().or_null()),
               required("p90_minutes", number().or_null()), required("late", integer()),
               required("waiting", integer())}
      .schema();
}

nlohmann::json case_record_json(const SafeguardingCase& c) {
  nlohmann::json out = nlohmann::json::object();
  if (c.acknowledged_at) out["acknowledged_at"] = *c.acknowledged_at;
  if (c.acknowledged_by) out["acknowledged_by"] = *c.acknowledged_by;
  for (const auto& a : c.actions)
    out["actions"].push_back({{"kind", word(a.kind)},
                              {"date", a.date},
                              {"reference", a.reference},
                              {"note", a.note},
                              {"by", a.by},
                              {"at", a.at}});
  for (const auto& r : c.reveals)
    out["reveals"].push_back({{"by", r.by}, {"at", r.at}, {"reason", r.reason}});
  if (c.closure) {
    nlohmann::json& closure = out["closure"] = {{"outcome", word(c.closure->outcome)},
                                                {"reason", c.closure->reason},
                                                {"proposed_by", c.closure->proposed_by},
                                                {"proposed_at", c.closure->proposed_at}};
    if (c.closure->confirmed_by) closure["confirmed_by"] = *c.closure->confirmed_by;
    if (c.closure->confirmed_at) closure["confirmed_at"] = *c.closure->confirmed_at;
  }
  if (c.closed_at) out["closed_at"] = *c.closed_at;
  if (c.withdrawal_request) out["withdrawal_request"] = nullptr;  // filled by case_json
  return out;
}

nlohmann::json withdrawal_request_json(const std::optional<WithdrawalRequest>& w) {
  if (!w) return nullptr;
  nlohmann::json out = {{"at", w->at}, {"by", w->by}};
  if (w->code_issued_by) out["code_issued_by"] = *w->code_issued_by;
  return out;
}

}  // namespace

nlohmann::json screening_json(const Screening& s) {
  nlohmann::json out = nlohmann::json::object();
  if (s.route) {
    out["route"] = word(*s.route);
    out["signals"] = s.signals;
    nlohmann::json& model = out["model"] = nlohmann::json::array();
    for (const auto& m : s.model)
      model.push_back(
          {{"label", word(m.label)}, {"probability", m.probability}, {"threshold", m.threshold}});
    out["lexicon_version"] = s.lexicon_version;
  }
  if (s.route || !s.labels.empty()) out["labels"] = words(s.labels);
  if (s.route || !s.spans.empty()) out["spans"] = spans_json(s.spans);
  if (s.held) out["held"] = spans_json(*s.held);
  if (s.alike_from_other_children) out["alike_from_other_children"] = *s.alike_from_other_children;
  return out;
}

nlohmann::json decision_json(const DecisionRecord& d) {
  nlohmann::json out = {{"decision", word(d.decision)}, {"by", d.by}, {"at", d.at}};
  if (d.reason) out["reason"] = *d.reason;
  if (d.note) out["note"] = *d.note;
  if (!d.wrong_flags.empty()) out["wrong_flags"] = words(d.wrong_flags);
  return out;
}

// In lists the child's words stay collapsed: the screener's annotations say what to expect.
// Written field by field: a list page holds 50 of these, and an initializer list would copy
// every value once more.
nlohmann::json item_json(App& app, const Submission& s, bool with_text, const Author& author) {
  const std::string review_by = app.moderation.review_by(s);
  nlohmann::json out = nlohmann::json::object();
  out["id"] = s.id;
  out["kind"] = word(s.kind);
  out["queue"] = s.queue ? nlohmann::json(word(*s.queue)) : nlohmann::json();
  out["status"] = word(s.status);
  out["unit_id"] = s.unit_id;
  out["created_at"] = s.created_at;
  out["resent_at"] = or_null(s.resent_at);
  out["late"] = app.moderation.late(s, review_by);
  out["review_by"] = review_by;
  out["first_reviewed_at"] = or_null(s.first_reviewed_at);
  out["alike_from_other_children"] = s.screening.alike_from_other_children.value_or(0);
  out["version"] = s.version;
  out["labels"] = words(s.screening.labels);
  out["claimed_by"] = or_null(s.claimed_by);
  out["claim_expires_at"] = or_null(s.claim_expires_at);
  out["consultation_id"] = or_null(s.consultation_id);
  nlohmann::json& who = out["author"] = nlohmann::json::object();
  who["pseudonym"] = author.pseudonym;
  who["age_band"] = author.age_band;
  if (with_text) {
    out["text"] = s.text;
    out["topic"] = or_null(s.topic);
    out["screening"] = screening_json(s.screening);
    out["decision"] = s.decision ? decision_json(*s.decision) : nlohmann::json::object();
    out["redacted_text"] = or_null(s.redacted_text);
    out["revisions"] = revisions_json(s.revisions);
  } else {
    out["text_collapsed"] = true;
  }
  return out;
}

nlohmann::json item_json(App& app, const Submission& s, bool with_text) {
  return item_json(app, s, with_text, app.moderation.author_of(s));
}

nlohmann::json item_schema() {
  return Shape{required("id", id()),
               required("kind", word_of(kSubmissionKinds)),
               required("queue", queue_name().or_null()),
               required("status", text()),
               required("unit_id", id()),
               required("created_at", timestamp()),
               required("resent_at", timestamp().or_null()),
               required("late", boolean()),
               required("review_by", text()),
               required("first_reviewed_at", timestamp().or_null()),
               required("alike_from_other_children", integer()),
               required("version", integer()),
               required("labels", list_of(label())),
               required("claimed_by", text().or_null()),
               required("claim_expires_at", timestamp().or_null()),
               required("consultation_id", text().or_null()),
               required("author", Value(author_schema())),
               optional("text", text().describe("one item only, never in lists")),
               optional("topic", text().or_null()),
               optional("screening", Value(screening_schema())),
               optional("decision", Value(decision_schema())),
               optional("redacted_text", text().or_null()),
               optional("revisions",
                        list_of(object_of(Shape{required("text", text()),
                                                required("sent_at", text()),
                                                required("decision", Value(decision_schema()))}))),
               optional("text_collapsed", boolean().describe("lists: the text is left out"))}
      .schema();
}

nlohmann::json approved_json(const ApprovedSubmission& a, const Author& author) {
  const Submission& s = a.submission;
  return {{"id", s.id},
          {"kind", word(s.kind)},
          {"topic", or_null(s.topic)},
          {"unit_id", s.unit_id},
          {"created_at", s.created_at},
          {"text", approved_words(s)},
          {"redacted", s.status == SubmissionStatus::kApprovedRedacted},
          {"author", {{"pseudonym", author.pseudonym}, {"age_band", author.age_band}}},
          {"in_recommendation", a.in_recommendation}};
}

nlohmann::json approved_schema() {
  return Shape{required("id", id()),
               required("kind", word_of(kSubmissionKinds)),
               required("topic", text().or_null()),
               required("unit_id", id()),
               required("created_at", timestamp()),
               required("text", text()),
               required("redacted", boolean()),
               required("author", Value(author_schema())),
               required("in_recommendation", boolean())}
      .schema();
}

nlohmann::json queue_json(const moderation::QueueState& q) {
  return {{"queue", word(q.queue)},
          {"items", q.summary.items},
          {"late", q.summary.late},
          {"deadline_minutes", q.deadline.count()},
          {"oldest_at", or_null(q.summary.oldest_at)}};
}

nlohmann::json queue_schema() {
  return Shape{required("queue", queue_name()), required("items", integer()),
               required("late", integer()), required("deadline_minutes", integer()),
               required("oldest_at", timestamp().or_null())}
      .schema();
}

nlohmann::json measures_json(const moderation::ModerationMeasures& m) {
  nlohmann::json decisions = nlohmann::json::object();
  for (const auto& [d, n] : m.decisions) decisions[std::string(word(d))] = n;
  nlohmann::json screener = nlohmann::json::array();
  for (const auto& t : m.screener)
    screener.push_back({{"label", word(t.label)},
                        {"flagged", t.flagged},
                        {"confirmed", t.confirmed},
                        {"wrong", t.wrong},
                        {"missed", t.missed},
                        {"agreement", or_null(t.agreement)}});
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& r : m.rules)
    rules.push_back({{"rule", r.outcome.rule},
                     {"agreed", r.outcome.agreed},
                     {"disagreed", r.outcome.disagreed},
                     {"agreement", or_null(r.agreement)}});
  nlohmann::json out = {{"days", m.days},
                        {"since", m.since},
                        {"items", m.items},
                        {"items_capped", m.items_capped},
                        {"first_review", timing_json(m.first_review)},
                        {"first_review_deadline_hours", m.first_review_deadline_hours},
                        {"decisions", std::move(decisions)},
                        {"screener", std::move(screener)},
                        {"rules", std::move(rules)}};
  if (m.safeguarding_acknowledgement)
    out["safeguarding_acknowledgement"] = timing_json(*m.safeguarding_acknowledgement);
  if (m.safeguarding_deadline_minutes)
    out["safeguarding_deadline_minutes"] = *m.safeguarding_deadline_minutes;
  return out;
}

nlohmann::json measures_schema() {
  return Shape{required("days", integer()),
               required("since", timestamp()),
               required("items", integer()),
               required("items_capped", boolean()),
               required("first_review", Value(timing_schema())),
               required("first_review_deadline_hours", integer()),
               required("decisions", map_of(integer())),
               required("screener",
                        list_of(object_of(Shape{required("label", label()),
                                                required("flagged", integer()),
                                                required("confirmed", integer()),
                                                required("wrong", integer()),
                                                required("missed", integer()),
                                                required("agreement", number().or_null())}))),
               required("rules", list_of(object_of(Shape{required("rule", text()),
                                                         required("agreed", integer()),
                                                         required("disagreed", integer()),
                                                         required("agreement",
                                                                  number().or_null())}))),
               optional("safeguarding_acknowledgement",
                        Value(timing_schema()).describe("safeguarding leads only")),
               optional("safeguarding_deadline_minutes",
                        integer().describe("safeguarding leads only"))}
      .schema();
}

nlohmann::json case_json(const App& app, const Submission& s) {
  const auto timing = app.safeguarding.timing(s);
  nlohmann::json record = case_record_json(s.safeguarding);
  nlohmann::json request = withdrawal_request_json(s.safeguarding.withdrawal_request);
  if (record.contains("withdrawal_request")) record["withdrawal_request"] = request;
  return {{"id", s.id},
          {"status", word(s.status)},
          {"unit_id", s.unit_id},
          {"created_at", s.created_at},
          {"version", s.version},
          {"text", s.text},
          {"labels", words(s.screening.labels)},
          {"spans", spans_json(s.screening.spans)},
          {"case", std::move(record)},
          // The child asked to take it back: the case stays with the leads until one decides.
          {"withdrawal_request", std::move(request)},
          {"timing", {{"acknowledge_by", timing.acknowledge_by}, {"late", timing.late}}}};
}

nlohmann::json case_schema() {
  return Shape{required("id", id()),
               required("status", text()),
               required("unit_id", id()),
               required("created_at", timestamp()),
               required("version", integer()),
               required("text", text()),
               required("labels", list_of(label())),
               required("spans", list_of(Value(span_schema()))),
               required("case", any().describe("acknowledgement, actions, reveals and closure")),
               required("withdrawal_request", any().describe("null unless the child asked to "
                                                             "take it back")),
               required("timing", object_of(Shape{required("acknowledge_by", text()),
                                                  required("late", boolean())}))}
      .schema();
}

}  // namespace ln::api
