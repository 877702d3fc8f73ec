#include "api/views/recommendation_views.h"

#include "api/http/shape.h"

#include <set>

#include "api/views/views.h"
#include "base/local_zone.h"

namespace ln::api {
namespace {

using nlohmann::json;

std::string authority_name(App& app, const std::optional<std::string>& id) {
  if (!id) return "";
  auto a = app.storage.organisation().authority(*id);
  return a ? a->name : "";
}

// Two ideas of one child are one child.
std::size_t distinct_children(const std::vector<RecommendationSource>& sources) {
  std::set<std::string> pupils;
  for (const auto& s : sources) pupils.insert(s.pupil_id);
  return pupils.size();
}

std::chrono::year_month_day today(App& app) {
  return local_date_of(app.clock.now());
}

json update_json(const CommitmentUpdate& u, bool with_author) {
  json out = {{"note", u.note}, {"at", u.at}};
  if (with_author) out["by"] = u.by;
  if (u.status) out["status"] = word(*u.status);
  return out;
}

// Each commitment marked when overdue; to the public without the account ids of who typed each
// update.
json commitments_json(const std::vector<Commitment>& commitments, std::chrono::year_month_day today,
                      bool with_authors) {
  json out = json::array();
  for (const auto& c : commitments) {
    json updates = json::array();
    for (const auto& u : c.updates) updates.push_back(update_json(u, with_authors));
    out.push_back({{"id", c.id},
                   {"text", c.text},
                   {"owner", c.owner},
                   {"due_date", c.due_date},
                   {"status", word(c.status)},
                   {"overdue", commitment_overdue(c, today)},
                   {"updates", updates}});
  }
  return out;
}

json answer_json(const std::optional<Answer>& a) {
  if (!a) return json::object();
  json out = {{"decision", word(a->decision)}, {"reasons", a->reasons}, {"by", a->by}, {"at", a->at}};
  if (a->referred_to) out["referred_to"] = {{"id", a->referred_to->id}, {"name", a->referred_to->name}};
  return out;
}

json public_answer_json(const std::optional<Answer>& a) {
  if (!a) return json();
  return {{"decision", word(a->decision)},
          {"reasons", a->reasons},
          {"referred_to", a->referred_to ? json(a->referred_to->name) : json()}};
}

json bands_json(const std::optional<Feedback>& feedback) {
  if (!feedback) return json();
  json out = json::object();
  for (const auto& [band, t] : feedback->bands) out[band] = feedback_text_json(t);
  return out;
}

json history_json(const std::vector<HistoryEntry>& history) {
  json out = json::array();
  for (const auto& h : history)
    out.push_back({{"action", h.action}, {"status", word(h.status)}, {"at", h.at}, {"by", h.by}});
  return out;
}

bool reported(const Recommendation& r) {
  return r.status == RecommendationStatus::kReportedBack || r.status == RecommendationStatus::kClosed;
}

// Children's reactions to the answer as published: a small count is null (hidden), never its
// number; the threshold is said so that the page can tell why.
json reactions_json(App& app, const Recommendation& r, bool with_questions) {
  auto counts = app.recommendations.published_reactions(r);
  json out = {{"agree", or_null(counts.agree)},
              {"disagree", or_null(counts.disagree)},
              {"min_group_size", app.recommendations.settings().small_groups.threshold()}};
  if (with_questions) out["question"] = or_null(counts.question);
  return out;
}

json quote_texts(const std::vector<Quote>& quotes) {
  json out = json::array();
  for (const auto& q : quotes) out.push_back(q.text);
  return out;
}

}  // namespace

json feedback_text_json(const FeedbackText& t) {
  return {{"you_said", t.you_said}, {"we_did", t.we_did}, {"why", t.why}, {"what_next", t.what_next}};
}

json feedback_text_json(const std::optional<FeedbackText>& t) {
  return t ? feedback_text_json(*t) : json();
}

json recommendation_json(App& app, const Recommendation& r) {
  auto left = app.recommendations.working_days_left(r);
  json out = {
      {"id", r.id},
      {"unit_id", r.unit_id},
      {"title", r.title},
      {"text", r.text},
      {"topic", or_null(r.topic)},
      {"origin", word(r.origin)},
      {"council_session_id", or_null(r.council_session_id)},
      {"status", word(r.status)},
      {"overdue", r.overdue},
      {"authority",
       r.authority_id ? json{{"id", *r.authority_id}, {"name", authority_name(app, r.authority_id)}}
                      : json()},
      {"dispatch_number", or_null(r.dispatch_number)},
      {"dispatch_date", or_null(r.dispatch_date)},
      {"due_date", or_null(r.due_date)},
      {"working_days_left", left && r.status != RecommendationStatus::kDraft ? json(*left) : json()},
      {"forwarded_at", or_null(r.forwarded_at)},
      {"answered_at", or_null(r.answered_at)},
      {"answered_on_time", r.answered_at ? json(app.recommendations.answered_on_time(r)) : json()},
      {"quotes", quote_texts(r.quotes)},
      {"children", distinct_children(app.recommendations.sources(r))},
      {"answer", answer_json(r.answer)},
      {"commitments", commitments_json(r.commitments, today(app), true)},
      {"feedback", bands_json(r.feedback)},
      {"reactions", reactions_json(app, r, true)},
      {"history", history_json(r.history)},
      {"escalated_at", or_null(r.reminders.escalated)},
      {"version", r.version},
      {"created_at", r.created_at},
      {"updated_at", r.updated_at}};
  if (r.status != RecommendationStatus::kDraft)
    out["letters"] = {{"forwarding", "/api/v1/recommendations/" + r.id + "/letters/forwarding"},
                      {"reminder", "/api/v1/recommendations/" + r.id + "/letters/reminder"}};
  return out;
}

json public_recommendation_json(App& app, const Recommendation& r) {
  return {
      {"id", r.id},
      {"title", r.title},
      {"text", r.text},
      {"topic", or_null(r.topic)},
      {"children_said", quote_texts(r.quotes)},
      {"authority", authority_name(app, r.authority_id)},
      {"dispatch_number", or_null(r.dispatch_number)},
      {"dispatch_date", or_null(r.dispatch_date)},
      {"due_date", or_null(r.due_date)},
      {"status", word(r.status)},
      {"overdue", r.overdue},
      {"answered_at", or_null(r.answered_at)},
      {"answered_on_time", r.answered_at ? json(app.recommendations.answered_on_time(r)) : json()},
      {"answer", public_answer_json(r.answer)},
      {"commitments", commitments_json(r.commitments, today(app), false)},
      {"feedback", reported(r) ? bands_json(r.feedback) : json()},
      {"reactions", reported(r) ? reactions_json(app, r, false) : json()}};
}

json figures_json(const AuthorityFigures& f) {
  auto number = [](const std::optional<double>& v) { return or_null(v); };
  return {{"authority_id", f.authority_id},
          {"name", f.name},
          {"received", f.received},
          {"answered", f.answered},
          {"answered_on_time", f.answered_on_time},
          {"answered_on_time_percent", number(f.on_time_percent)},
          {"median_days_to_answer", number(f.median_days_to_answer)},
          {"overdue_now", f.overdue_now}};
}

json notification_json(const Notification& n) {
  return {{"id", n.id},
          {"kind", word(n.kind)},
          {"object_type", n.object_type},
          {"object_id", n.object_id},
          {"message", n.message},
          {"created_at", n.created_at},
          {"read_at", or_null(n.read_at)}};
}

json outcomes_json(App& app, const Principal& pupil, const Submission& s) {
  json out = json::array();
  for (const auto& r : app.recommendations.outcomes_of_submission(pupil, s.id)) {
    auto mine = app.recommendations.reaction_of(r, pupil.id);
    out.push_back({{"recommendation_id", r.id},
                   {"title", r.title},
                   {"authority", authority_name(app, r.authority_id)},
                   {"decision", r.answer ? std::string(word(r.answer->decision)) : std::string()},
                   {"status", word(r.status)},
                   {"feedback", feedback_text_json(app.recommendations.feedback_for(r, pupil.age_band))},
                   {"my_reaction", mine ? json{{"kind", word(mine->kind)},
                                               {"text", or_null(mine->text)},
                                               {"progress", reaction_progress(app.storage, *mine)},
                                               {"reply", or_null(mine->reply)},
                                               {"replied_at", or_null(mine->replied_at)}}
                                        : json()}});
  }
  return out;
}

json journey_json(App& app, const Principal& pupil, const Submission& s) {
  json out = json::array();
  for (const auto& r : app.recommendations.containing(pupil, s.id))
    out.push_back({{"recommendation_id", r.id},
                   {"title", r.title},
                   {"status", word(r.status)},
                   {"authority", authority_name(app, r.authority_id)},
                   {"forwarded_at", or_null(r.forwarded_at)},
                   {"answered_at", or_null(r.answered_at)}});
  return out;
}

nlohmann::json recommendation_schema() {
  return Shape{required("id", id()),
               required("unit_id", id()),
               required("title", text()),
               required("text", text()),
               required("topic", text().or_null()),
               required("origin", text()),
               required("council_session_id", text().or_null()),
               required("status", text()),
               required("overdue", boolean()),
               required("authority", any().describe("{id, name}, or null before forwarding")),
               required("dispatch_number", text().or_null()),
               required("dispatch_date", date().or_null()),
               required("due_date", date().or_null()),
               required("working_days_left", integer().or_null()),
               required("forwarded_at", timestamp().or_null()),
               required("answered_at", timestamp().or_null()),
               required("answered_on_time", boolean().or_null()),
               required("quotes", list_of(any())),
               required("children", integer()),
               required("answer", any()),
               required("commitments", list_of(any())),
               required("feedback", any()),
               required("reactions", object_of(Shape{required("agree", integer().or_null()),
                                                     required("disagree", integer().or_null()),
                                                     required("question", integer().or_null()),
                                                     required("min_group_size", integer())})),
               required("history", list_of(any())),
               required("escalated_at", any()),
               required("version", integer()),
               required("created_at", timestamp()),
               required("updated_at", timestamp()),
               optional("letters", object_of(Shape{required("forwarding", text()),
                                                   required("reminder", text())}))}
      .schema();
}

nlohmann::json public_recommendation_schema() {
  return {{"type", "object"},
          {"required", {"id", "title", "text", "status"}},
          {"properties",
           {{"id", id().schema()},
            {"title", text().schema()},
            {"text", text().schema()},
            {"status", text().schema()},
            {"overdue", boolean().schema()}}},
          {"description", "what the public tracker shows: never a child's or an adult's identity"}};
}

nlohmann::json figures_schema() {
  return Shape{required("authority_id", id()),
               required("name", text()),
               required("received", integer()),
               required("answered", integer()),
               required("answered_on_time", integer()),
               required("answered_on_time_percent", number().or_null()),
               required("median_days_to_answer", number().or_null()),
               required("overdue_now", integer())}
      .schema();
}

nlohmann::json notification_schema() {
  return Shape{required("id", id()),
               required("kind", text()),
               required("object_type", text()),
               required("object_id", text()),
               required("message", text()),
               required("created_at", timestamp()),
               required("read_at", timestamp().or_null())}
      .schema();
}

}  // namespace ln::api
