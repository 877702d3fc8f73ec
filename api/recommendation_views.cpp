#include "api/recommendation_views.h"

#include "api/shape.h"

#include <set>

#include "api/views.h"
#include "consult/local_zone.h"

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

json commitments_with_overdue(const std::string& commitments_json,
                              std::chrono::year_month_day today) {
  json out = json::parse(commitments_json);
  for (auto& c : out) c["overdue"] = commitment_overdue(c, today);
  return out;
}

// Commitments without the account ids of who typed each update, each marked when overdue.
json public_commitments(const std::string& commitments_json, std::chrono::year_month_day today) {
  json out = json::array();
  for (const auto& c : json::parse(commitments_json)) {
    json updates = json::array();
    for (const auto& u : c["updates"]) {
      json copy = u;
      copy.erase("by");
      updates.push_back(copy);
    }
    out.push_back({{"id", c["id"]},
                   {"text", c["text"]},
                   {"owner", c["owner"]},
                   {"due_date", c["due_date"]},
                   {"status", c["status"]},
                   {"overdue", commitment_overdue(c, today)},
                   {"updates", updates}});
  }
  return out;
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

json quote_texts(const std::string& quotes_json) {
  json out = json::array();
  for (const auto& q : json::parse(quotes_json)) out.push_back(q["text"]);
  return out;
}

}  // namespace

json recommendation_json(App& app, const Recommendation& r) {
  auto left = app.recommendations.working_days_left(r);
  json out = {
      {"id", r.id},
      {"unit_id", r.unit_id},
      {"title", r.title},
      {"text", r.text},
      {"topic", or_null(r.topic)},
      {"origin", r.origin},
      {"council_session_id", or_null(r.council_session_id)},
      {"status", r.status},
      {"overdue", r.overdue},
      {"authority",
       r.authority_id ? json{{"id", *r.authority_id}, {"name", authority_name(app, r.authority_id)}}
                      : json()},
      {"dispatch_number", or_null(r.dispatch_number)},
      {"dispatch_date", or_null(r.dispatch_date)},
      {"due_date", or_null(r.due_date)},
      {"working_days_left", left && r.status != "draft" ? json(*left) : json()},
      {"forwarded_at", or_null(r.forwarded_at)},
      {"answered_at", or_null(r.answered_at)},
      {"answered_on_time", r.answered_at ? json(app.recommendations.answered_on_time(r)) : json()},
      {"quotes", quote_texts(r.quotes_json)},
      {"children", distinct_children(app.recommendations.sources(r))},
      {"answer", json::parse(r.answer_json)},
      {"commitments", commitments_with_overdue(r.commitments_json, today(app))},
      {"feedback", json::parse(r.feedback_json).value("bands", json())},
      {"reactions", reactions_json(app, r, true)},
      {"history", json::parse(r.history_json)},
      {"escalated_at", json::parse(r.reminders_json).value("escalated", json())},
      {"version", r.version},
      {"created_at", r.created_at},
      {"updated_at", r.updated_at}};
  if (r.status != "draft")
    out["letters"] = {{"forwarding", "/api/v1/recommendations/" + r.id + "/letters/forwarding"},
                      {"reminder", "/api/v1/recommendations/" + r.id + "/letters/reminder"}};
  return out;
}

json public_recommendation_json(App& app, const Recommendation& r) {
  json answer = json::parse(r.answer_json);
  json public_answer;
  if (answer.contains("decision"))
    public_answer = {
        {"decision", answer["decision"]},
        {"reasons", answer.value("reasons", "")},
        {"referred_to", answer.contains("referred_to") ? answer["referred_to"]["name"] : json()}};
  bool reported = r.status == "reported_back" || r.status == "closed";
  return {
      {"id", r.id},
      {"title", r.title},
      {"text", r.text},
      {"topic", or_null(r.topic)},
      {"children_said", quote_texts(r.quotes_json)},
      {"authority", authority_name(app, r.authority_id)},
      {"dispatch_number", or_null(r.dispatch_number)},
      {"dispatch_date", or_null(r.dispatch_date)},
      {"due_date", or_null(r.due_date)},
      {"status", r.status},
      {"overdue", r.overdue},
      {"answered_at", or_null(r.answered_at)},
      {"answered_on_time", r.answered_at ? json(app.recommendations.answered_on_time(r)) : json()},
      {"answer", public_answer},
      {"commitments", public_commitments(r.commitments_json, today(app))},
      {"feedback", reported ? json::parse(r.feedback_json).value("bands", json()) : json()},
      {"reactions", reported ? reactions_json(app, r, false) : json()}};
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
          {"kind", n.kind},
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
    json answer = json::parse(r.answer_json);
    out.push_back({{"recommendation_id", r.id},
                   {"title", r.title},
                   {"authority", authority_name(app, r.authority_id)},
                   {"decision", answer.value("decision", "")},
                   {"status", r.status},
                   {"feedback", app.recommendations.feedback_for(r, pupil.age_band)},
                   {"my_reaction", mine ? json{{"kind", mine->kind},
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
                   {"status", r.status},
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
               required("reactions", map_of(integer())),
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
