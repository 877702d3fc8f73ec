// /api/v1/recommendations: compiled from children's approved submissions, forwarded to an
// authority, answered, reported back to the children; /api/v1/me/notifications; the public
// tracker at /api/v1/public/units/{id}/tracker.
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/pages/letters.h"
#include "api/routes/routes.h"
#include "api/views/recommendation_views.h"
#include "api/views/views.h"

namespace ln::api {
namespace {

using nlohmann::json;

std::string text_in(const json& object, const std::string& field, const std::string& name) {
  if (!object.is_object() || !object.contains(name) || !object[name].is_string())
    throw Invalid(field + "." + name, field + "." + name + " is required text.");
  return object[name].get<std::string>();
}

std::vector<std::string> id_list(const Fields& f, const char* name) {
  return f.optional_texts(name).value_or(std::vector<std::string>{});
}

std::vector<CommitmentInput> commitments_of(const Fields& f) {
  std::vector<CommitmentInput> out;
  auto list = f.optional_json("commitments");
  if (!list) return out;
  if (!list->is_array() || list->size() > 50)
    throw Invalid("commitments", "commitments is a list of at most 50 objects.");
  for (const auto& c : *list) {
    if (!c.is_object()) throw Invalid("commitments", "Each commitment is an object.");
    for (const auto& [key, v] : c.items())
      if (key != "text" && key != "owner" && key != "due_date")
        throw Invalid("commitments", "A commitment has text, owner and due_date.");
    out.push_back({text_in(c, "commitments", "text"), text_in(c, "commitments", "owner"),
                   text_in(c, "commitments", "due_date")});
  }
  return out;
}

std::map<std::string, FeedbackText> feedback_of(const Fields& f) {
  auto bands = f.optional_json("bands");
  if (!bands || !bands->is_object() || bands->empty() || bands->size() > 10)
    throw Invalid("bands", "bands maps an age band (or \"all\") to the four parts.");
  std::map<std::string, FeedbackText> out;
  for (const auto& [band, t] : bands->items()) {
    std::string field = "bands." + band.substr(0, 20);
    if (!t.is_object()) throw Invalid(field, field + " is an object.");
    for (const auto& [key, v] : t.items())
      if (key != "you_said" && key != "we_did" && key != "why" && key != "what_next")
        throw Invalid(field, "The parts are you_said, we_did, why and what_next.");
    out[band] = {text_in(t, field, "you_said"), text_in(t, field, "we_did"),
                 text_in(t, field, "why"), text_in(t, field, "what_next")};
  }
  return out;
}

// A word of the wire as its enum: a 400 naming the field and its words otherwise.
Decision decision_in(const std::string& text) {
  auto d = decision(text);
  if (!d) throw Invalid("decision", "decision is accepted, partly_accepted, declined or referred.");
  return *d;
}

std::optional<CommitmentStatus> progress_status_in(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto status = commitment_status(*text);
  if (!status) throw Invalid("status", "status is planned, in_progress, done or dropped.");
  return status;
}

std::optional<RecommendationStatus> status_query(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto status = recommendation_status(*text);
  if (!status)
    throw Invalid("status",
                  "status is draft, forwarded, acknowledged, answered, reported_back or closed.");
  return status;
}

Response html(std::string body) {
  Response r;
  r.status = 200;
  r.body = std::move(body);
  r.content_type = "text/html; charset=utf-8";
  return r;
}

const Shape kCompileDraft{required("submission_ids", list_of(id()).count(0, 200).describe(
                                                          "approved submissions of my units"))};
const Shape kNewRecommendation{
    required("title", text().length(3, 200)),
    required("text", text().length(10, 5000)),
    required("unit_id", id()),
    optional("topic", text().max_length(100)),
    required("submission_ids", list_of(id()).count(1, 200).describe("approved submissions"))};
const Shape kForward{
    required("authority_id", id()),
    required("dispatch_number", text().length(1, 60)),
    required("dispatch_date", date().describe("not in the future")),
    optional("due_working_days", integer().range(1, 365).describe("default: the authority's"))};
const Shape kAnswer{
    required("decision", text().one_of({"accepted", "partly_accepted", "declined", "referred"})),
    optional("reasons", text().max_length(5000).describe("required unless accepted")),
    optional("referred_to", id().describe("referred: the authority it goes to")),
    optional("commitments",
             list_of(object_of(Shape{required("text", text().length(3, 1000)),
                                     required("owner", text().length(2, 200)),
                                     required("due_date", date())}))
                 .count(0, 50))};
const Shape kProgress{
    required("note", text().length(1, 2000)),
    optional("status", text().one_of({"planned", "in_progress", "done", "dropped"}))};
const Shape kFeedbackBands{required(
    "bands", map_of(object_of(Shape{required("you_said", text()), required("we_did", text()),
                                    required("why", text()), required("what_next", text())}))
                 .describe("\"all\", or each age band → its words"))};
const Shape kReaction{required("kind", word_of(kReactionKinds)),
                      optional("text", text().max_length(1000).describe("required for a question"))};
const Shape kCalendar{
    required("days", list_of(object_of(Shape{required("date", date()), required("kind", text()),
                                             required("name", text())}))
                         .count(0, 1000))};
const Shape kContact{required("email", text().length(3, 200).format("email"))};

nlohmann::json compile_draft_schema() {
  return Shape{required("submission_ids", list_of(id()))}.schema();
}

nlohmann::json tracker_schema() {
  return Shape{required("unit", object_of(Shape{required("id", id()), required("name", text())})),
               required("recommendations", list_of(Value(public_recommendation_schema()))),
               required("authorities", list_of(Value(figures_schema()))),
               required("authorities_not_shown", integer()),
               required("min_recommendations_shown", integer()),
               optional("council", object_of(Shape{required("id", id()), required("name", text()),
                                                   required("unit_id", id()),
                                                   required("term_start", date()),
                                                   required("term_end", date())}))}
      .schema();
}

}  // namespace

void add_recommendation_routes(Router& r, App& app) {
  const auto manage = Permission::kManageRecommendations;
  const auto answer = Permission::kAnswerRecommendations;
  const auto read = Permission::kReadRecommendations;
  const auto one = [&app](Request& q) { return app.recommendations.get(q.who(), q.param("id")); };
  auto reply = [&app](int status, const Recommendation& rec) {
    return Response::json(status, recommendation_json(app, rec));
  };

  r.add(
      "GET", "/api/v1/recommendations",
      [&app](Request& q) {
        auto page = page_of(q);
        RecommendationFilter filter;
        filter.status = status_query(q.query_value("status"));
        filter.authority_id = q.query_value("authority_id");
        auto items = app.recommendations.list(q.who(), filter, page);
        return Response::json(200, page_json(items, page, [&app](const Recommendation& x) {
                                return recommendation_json(app, x);
                              }));
      },
      doc("Recommendations of my units (Youth Union) or addressed to my authority (officials); "
          "?status=…&authority_id=….",
          "recommendations", read)
          .reads(page_query())
          .reads({query("status", text().max_length(40), "only recommendations in this status"),
                  query("authority_id", id(), "only those addressed to this authority")})
          .returns(page_schema(recommendation_schema())));

  r.add(
      "GET", "/api/v1/me/compile-draft",
      [&app](Request& q) {
        return Response::json(200,
                              {{"submission_ids", app.recommendations.compile_draft(q.who())}});
      },
      doc("The approved ideas I have gathered for my next recommendation (kept on the server).",
          "recommendations", manage)
          .returns(compile_draft_schema()));

  r.add(
      "PUT", "/api/v1/me/compile-draft",
      [&app](Request& q) {
        Fields f(q, kCompileDraft);
        auto ids = f.optional_texts("submission_ids");
        if (!ids) throw Invalid("submission_ids", "submission_ids is a list of submission ids.");
        return Response::json(
            200, {{"submission_ids", app.recommendations.save_compile_draft(q.who(), *ids)}});
      },
      doc("Replace the approved ideas I have gathered for my next recommendation.",
          "recommendations", manage, kCompileDraft)
          .returns(compile_draft_schema()));

  r.add(
      "POST", "/api/v1/recommendations",
      [&app, reply](Request& q) {
        Fields f(q, kNewRecommendation);
        return reply(201, app.recommendations.create(
                              q.who(), {f.text("title"), f.text("text"), f.text("unit_id"),
                                        f.optional_text("topic"), id_list(f, "submission_ids")}));
      },
      doc("Compile a recommendation from approved submissions (every contributing child stays "
          "linked; their words are quoted only as approved or redacted).",
          "recommendations", manage, kNewRecommendation, 201)
          .returns(recommendation_schema()));

  r.add(
      "GET", "/api/v1/recommendations/{id}",
      [one, reply](Request& q) { return reply(200, one(q)); },
      doc("One recommendation with its history, answer, commitments and feedback.",
          "recommendations", read)
          .returns(recommendation_schema()));

  r.add(
      "POST", "/api/v1/recommendations/{id}/forward",
      [&app, reply](Request& q) {
        Fields f(q, kForward);
        return reply(200, app.recommendations.forward(
                              q.who(), q.param("id"),
                              {f.text("authority_id"), f.text("dispatch_number"),
                               f.text("dispatch_date"), f.optional_integer("due_working_days")}));
      },
      doc("Forward a draft to an authority: dispatch number and date; the due date counts working "
          "days (the authority's own by default) on the holiday calendar.",
          "recommendations", manage, kForward)
          .returns(recommendation_schema())
          .fails(409, "not a draft"));

  r.add(
      "POST", "/api/v1/recommendations/{id}/acknowledge",
      [&app, reply](Request& q) {
        return reply(200, app.recommendations.acknowledge(q.who(), q.param("id")));
      },
      doc("An official of the authority acknowledges receipt.", "recommendations", answer)
          .returns(recommendation_schema())
          .fails(409, "not forwarded, or already acknowledged"));

  r.add(
      "POST", "/api/v1/recommendations/{id}/answer",
      [&app, reply](Request& q) {
        Fields f(q, kAnswer);
        return reply(200, app.recommendations.answer(
                              q.who(), q.param("id"),
                              {decision_in(f.text("decision")),
                               f.optional_text("reasons").value_or(""),
                               f.optional_text("referred_to"), commitments_of(f)}));
      },
      [&] {
        auto d =
            doc("Answer: accepted, partly_accepted, declined or referred (to another "
                "authority); reasons are required unless accepted; commitments each with an "
                "owner and a due date.",
                "recommendations", answer, kAnswer);
        d.returns(recommendation_schema());
        d.responses["409"] = {{"description", "not open to an answer now"}};
        d.responses["422"] = {{"description", "reasons missing, or no authority to refer to"}};
        return d;
      }());

  r.add(
      "POST", "/api/v1/commitments/{id}/progress",
      [&app, reply](Request& q) {
        Fields f(q, kProgress);
        return reply(200, app.recommendations.record_progress(
                              q.who(), q.param("id"), {f.text("note"), progress_status_in(f.optional_text("status"))}));
      },
      doc("Record progress on a commitment (planned, in_progress, done, dropped).",
          "recommendations", answer, kProgress)
          .returns(recommendation_schema()));

  r.add(
      "POST", "/api/v1/recommendations/{id}/feedback",
      [&app, reply](Request& q) {
        Fields f(q, kFeedbackBands);
        return reply(200,
                     app.recommendations.write_feedback(q.who(), q.param("id"), feedback_of(f)));
      },
      doc("The child-friendly feedback, \"You said / We did / Why / What next\", for all bands "
          "(\"all\") or in each age band's words.",
          "recommendations", manage, kFeedbackBands)
          .returns(recommendation_schema())
          .fails(409, "not answered yet"));

  r.add(
      "POST", "/api/v1/recommendations/{id}/report-back",
      [&app, reply](Request& q) {
        return reply(200, app.recommendations.report_back(q.who(), q.param("id")));
      },
      doc("Deliver the feedback to every contributing child (they see it with their submission).",
          "recommendations", manage)
          .returns(recommendation_schema())
          .fails(409, "no feedback written yet"));

  r.add(
      "POST", "/api/v1/recommendations/{id}/close",
      [&app, reply](Request& q) {
        return reply(200, app.recommendations.close(q.who(), q.param("id")));
      },
      doc("Close a recommendation the children have heard back about.", "recommendations", manage)
          .returns(recommendation_schema())
          .fails(409, "the children have not heard back yet"));

  r.add(
      "GET", "/api/v1/recommendations/{id}/letters/forwarding",
      [&app, one](Request& q) { return html(forwarding_letter(app, one(q))); },
      [&] {
        auto d = doc("The forwarding letter (công văn chuyển kiến nghị), printable HTML.",
                     "recommendations", read);
        return d.returns(text().describe("a printable page").schema(), "text/html");
      }());

  r.add(
      "GET", "/api/v1/recommendations/{id}/letters/reminder",
      [&app, one](Request& q) { return html(reminder_letter(app, one(q))); },
      doc("The reminder letter (công văn đôn đốc), printable HTML.", "recommendations", read)
          .returns(text().describe("a printable page").schema(), "text/html"));

  r.add(
      "POST", "/api/v1/recommendations/{id}/reactions",
      [&app](Request& q) {
        Fields f(q, kReaction);
        auto kind = reaction_kind(f.text("kind"));
        if (!kind) throw Invalid("kind", "kind is agree, disagree or question.");
        auto x = app.recommendations.react(q.who(), q.param("id"), *kind, f.optional_text("text"));
        return Response::json(201, {{"id", x.id},
                                    {"kind", word(x.kind)},
                                    {"text", or_null(x.text)},
                                    {"submission_id", or_null(x.submission_id)},
                                    {"created_at", x.created_at}});
      },
      doc("A contributing child reacts to the feedback: agree, disagree or question, with "
          "optional words (screened and moderated; disagreements and questions go back to the "
          "moderators).",
          "recommendations", Permission::kPupilContribute, kReaction, 201)
          .returns(Shape{required("id", id()),
                         required("kind", word_of(kReactionKinds)),
                         required("text", text().or_null()),
                         required("submission_id", text().or_null()),
                         required("created_at", timestamp())}
                       .schema())
          .fails(409, "not reported back yet, or already reacted"));

  r.add(
      "GET", "/api/v1/me/notifications",
      [&app](Request& q) {
        auto page = page_of(q);
        auto out =
            page_json(app.recommendations.notifications(q.who(), page), page, notification_json);
        out["unread"] = app.recommendations.unread(q.who());
        return Response::json(200, out);
      },
      doc("My in-app notifications, oldest first, and how many of all of them are unread.",
          "notifications", Permission::kSignedIn)
          .reads(page_query())
          .returns([] {
            auto schema = page_schema(notification_schema());
            schema["properties"]["unread"] = integer().schema();
            schema["required"].push_back("unread");
            return schema;
          }()));

  r.add(
      "POST", "/api/v1/me/notifications/{id}/read",
      [&app](Request& q) {
        app.recommendations.mark_read(q.who(), q.param("id"));
        return Response::no_content();
      },
      doc("Mark one of my notifications read.", "notifications", Permission::kSignedIn, nullptr,
          204));

  // Every forwarded recommendation of a unit and the units under it, for anyone.
  auto unit_tracker = [&app](const std::string& unit_id) {
    auto unit = app.organisation.unit(unit_id);
    auto board = app.recommendations.public_tracker(unit.id);
    json out = {
        {"unit", {{"id", unit.id}, {"name", unit.name}}},
        {"recommendations", json::array()},
        {"authorities", json::array()},
        {"authorities_not_shown", board.authorities_not_shown},
        {"min_recommendations_shown", app.recommendations.settings().public_min_recommendations}};
    for (const auto& x : board.items)
      out["recommendations"].push_back(public_recommendation_json(app, x));
    for (const auto& f : board.authorities) out["authorities"].push_back(figures_json(f));
    return out;
  };

  r.add(
      "GET", "/api/v1/public/units/{id}/tracker",
      [unit_tracker](Request& q) { return Response::json(200, unit_tracker(q.param("id"))); },
      doc("Public, no sign-in: every forwarded recommendation of a unit (and the units under it) "
          "with its authority, dates, status, answer and the children's feedback — never a "
          "child's identity; authority figures where an authority has at least 5.",
          "tracker", std::nullopt)
          .returns(tracker_schema())
          .fails(404, "no such unit"));

  r.add(
      "GET", "/api/v1/public/councils/{id}/tracker",
      [&app, unit_tracker](Request& q) {
        auto council = app.councils.public_view(q.param("id"));
        json out = unit_tracker(council.unit_id);
        out["council"] = {{"id", council.id},
                          {"name", council.name},
                          {"unit_id", council.unit_id},
                          {"term_start", council.term_start},
                          {"term_end", council.term_end}};
        return Response::json(200, out);
      },
      doc("Public, no sign-in: a Children's Council's tracker — every recommendation forwarded "
          "from its unit, with the answers and the children's feedback, never a child's identity.",
          "tracker", std::nullopt)
          .returns(tracker_schema())
          .fails(404, "no such Council"));

  r.add(
      "GET", "/api/v1/calendar",
      [&app](Request&) {
        json days = json::array();
        for (const auto& d : app.calendar.days())
          days.push_back({{"date", d.date}, {"kind", d.kind}, {"name", d.name}});
        return Response::json(200, {{"days", days}});
      },
      doc("The working-day calendar: public holidays and weekend days worked in exchange.",
          "recommendations", Permission::kReadOrganisation)
          .returns(Shape{required("days", list_of(object_of(Shape{required("date", date()),
                                                                  required("kind", text()),
                                                                  required("name", text())})))}
                       .schema()));

  r.add(
      "PUT", "/api/v1/calendar",
      [&app](Request& q) {
        // Only a calendar file named at start (--holidays) is edited; the built-in one is not.
        if (app.options.holidays.empty())
          throw Conflict("Start the server with --holidays FILE to edit the calendar.",
                         "calendar_read_only");
        Fields f(q, kCalendar);
        auto list = f.optional_json("days");
        if (!list || !list->is_array() || list->size() > 1000)
          throw Invalid("days", "days is a list of {date, kind, name}.");
        std::vector<CalendarDay> days;
        for (const auto& d : *list)
          days.push_back(
              {text_in(d, "days", "date"), text_in(d, "days", "kind"), text_in(d, "days", "name")});
        WorkingCalendar::save(app.options.holidays, days);
        app.calendar.replace(days);
        app.audit.record(AuditActor::of(q.who()), "calendar.update", "calendar", "holidays", "",
                         {{"days", days.size()}});
        return Response::json(200, {{"days", *list}});
      },
      [] {
        auto d =
            doc("Replace the working-day calendar (when the server runs with --holidays FILE; "
                "the file is rewritten, other instances read it when they restart).",
                "recommendations", Permission::kManageOrganisation, kCalendar);
        d.returns(kCalendar.schema());
        d.responses["409"] = {{"description", "calendar_read_only: no --holidays file"}};
        return d;
      }());

  r.add(
      "PUT", "/api/v1/authorities/{id}/contact",
      [&app](Request& q) {
        Fields f(q, kContact);
        app.recommendations.set_authority_contact(q.who(), q.param("id"), f.text("email"));
        return Response::json(200, {{"authority_id", q.param("id")}, {"email", f.text("email")}});
      },
      doc("Set the e-mail address reminders go to for an authority.", "organisation",
          Permission::kManageOrganisation, kContact)
          .returns(Shape{required("authority_id", id()), required("email", text())}.schema()));
}

}  // namespace ln::api
