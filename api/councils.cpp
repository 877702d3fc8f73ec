// /api/v1/councils and /api/v1/council-sessions: Children's Councils, their members and
// advisers, the yearly age review, and sessions planned → held → minuted with votes.
#include "api/fields.h"
#include "api/recommendation_views.h"
#include "api/route_doc.h"
#include "api/routes.h"
#include "api/views.h"

namespace ln::api {
namespace {

nlohmann::json council_json(const Council& c) {
  return {{"id", c.id},
          {"unit_id", c.unit_id},
          {"name", c.name},
          {"term_start", c.term_start},
          {"term_end", c.term_end},
          {"member_cap", c.member_cap},
          {"min_age", c.min_age},
          {"max_age", c.max_age},
          {"adviser_ids", c.adviser_ids},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

nlohmann::json member_json(const CouncilMember& m) {
  return {{"member_id", m.id},         {"council_id", m.council_id},
          {"pupil_id", m.pupil_id},    {"role", m.role},
          {"joined_by", m.joined_by},  {"joined_on", m.joined_on},
          {"created_at", m.created_at}};
}

nlohmann::json session_json(const CouncilSession& s) {
  return {{"id", s.id},
          {"council_id", s.council_id},
          {"title", s.title},
          {"planned_for", s.planned_for},
          {"location", s.location},
          {"status", s.status},
          {"held_on", or_null(s.held_on)},
          {"agenda", nlohmann::json::parse(s.agenda_json)},
          {"attendance", nlohmann::json::parse(s.attendance_json)},
          {"minutes", s.minutes},
          {"lifecycle", nlohmann::json::parse(s.lifecycle_json)},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

nlohmann::json proposal_json(const CouncilProposal& p) {
  return {{"id", p.id},
          {"session_id", p.session_id},
          {"council_id", p.council_id},
          {"title", p.title},
          {"text", p.text},
          {"present", p.present},
          {"for", p.votes_for},
          {"against", p.votes_against},
          {"abstain", p.abstentions},
          {"votes", nlohmann::json::parse(p.votes_json)},
          {"adopted", p.adopted},
          {"recommendation_id", or_null(p.recommendation_id)},
          {"created_at", p.created_at}};
}

const std::initializer_list<const char*> kCouncilFields = {
    "unit_id", "name", "term_start", "term_end", "member_cap", "min_age", "max_age", "adviser_ids"};

const std::initializer_list<const char*> kSessionFields = {"title", "planned_for", "location",
                                                           "agenda"};

CouncilInput council_input(const Fields& f) {
  return {f.optional_text("unit_id"),       f.optional_text("name"),
          f.optional_text("term_start"),    f.optional_text("term_end"),
          f.optional_integer("member_cap"), f.optional_integer("min_age"),
          f.optional_integer("max_age"),    f.optional_texts("adviser_ids")};
}

SessionInput session_input(const Fields& f) {
  return {f.optional_text("title"), f.optional_text("planned_for"), f.optional_text("location"),
          f.optional_json("agenda")};
}

std::vector<std::string> attendance_of(const Fields& f) {
  auto a = f.optional_texts("attendance");
  if (!a) throw Invalid("attendance", "attendance is the list of member ids present.");
  return *a;
}

OperationDoc with_errors(OperationDoc d,
                         std::initializer_list<std::pair<const char*, const char*>> errors) {
  for (const auto& [status, text] : errors) d.responses[status] = {{"description", text}};
  return d;
}

}  // namespace

void add_council_routes(Router& r, App& app) {
  const auto manage = Permission::kManageCouncils;

  r.add(
      "GET", "/api/v1/councils",
      [&app](Request& q) {
        auto page = page_of(q);
        auto items = app.councils.list(q.who(), page);
        return Response::json(200, page_json(items, page, council_json));
      },
      doc("Adults: the Councils of their units and those they advise. Pupils: their own Councils.",
          "councils", Permission::kSignedIn));

  r.add(
      "POST", "/api/v1/councils",
      [&app](Request& q) {
        Fields f(q, kCouncilFields);
        return Response::json(201, council_json(app.councils.create(q.who(), council_input(f))));
      },
      doc("Set up a Children's Council (Hội đồng trẻ em) of a unit: term, member cap, age limits "
          "(default 7–15; edges of the age bands, else 400, and ages counted by year of birth for "
          "the school year), advisory adults.",
          "councils", manage,
          object_schema({{"unit_id", "string"},
                         {"name", "string"},
                         {"term_start", "string"},
                         {"term_end", "string"},
                         {"member_cap", "integer"},
                         {"min_age", "integer"},
                         {"max_age", "integer"},
                         {"adviser_ids", "string[]"}},
                        {"unit_id", "name", "term_start", "term_end", "member_cap"}),
          201));

  r.add(
      "GET", "/api/v1/councils/{id}",
      [&app](Request& q) { return Response::json(200, app.councils.view(q.who(), q.param("id"))); },
      doc("The Council: current members, advisers, sessions, sessions per year, and a warning for "
          "each year with fewer than two sessions. Members see their own Council.",
          "councils", Permission::kSignedIn));

  r.add(
      "GET", "/api/v1/councils/{id}/recommendations",
      [&app](Request& q) {
        const Principal& who = q.who();
        std::string band = who.is_pupil() ? app.pupils.own(who).age_band : "";
        nlohmann::json items = nlohmann::json::array();
        for (const auto& x : app.councils.recommendations(who, q.param("id"))) {
          // What the public tracker shows, the steps' dates (never who took them), and the
          // feedback in the reader's own age band's words.
          nlohmann::json item = public_recommendation_json(app, x);
          item["adopted_at"] = x.created_at;
          item["forwarded_at"] = or_null(x.forwarded_at);
          nlohmann::json steps = nlohmann::json::array();
          for (const auto& s : nlohmann::json::parse(x.history_json))
            steps.push_back({{"action", s.value("action", "")}, {"at", s.value("at", "")}});
          item["steps"] = steps;
          bool reported = x.status == "reported_back" || x.status == "closed";
          item["feedback"] = reported ? app.recommendations.feedback_for(x, band) : nlohmann::json();
          items.push_back(item);
        }
        return Response::json(200, {{"items", items}});
      },
      doc("The recommendations a Council adopted, with their authority, dates, status, answer, "
          "commitments and the children's feedback in the reader's age band's words — never a "
          "child's or an adult's identity. Members see their own Council's.",
          "councils", Permission::kSignedIn));

  r.add(
      "PATCH", "/api/v1/councils/{id}",
      [&app](Request& q) {
        Fields f(q, kCouncilFields);
        return Response::json(
            200, council_json(app.councils.update(q.who(), q.param("id"), council_input(f))));
      },
      with_errors(doc("Change the name, term, cap, age limits (edges of the age bands) or "
                      "advisers (adviser_ids replaces the list).",
                      "councils", manage,
                      object_schema({{"name", "string"},
                                     {"term_start", "string"},
                                     {"term_end", "string"},
                                     {"member_cap", "integer"},
                                     {"min_age", "integer"},
                                     {"max_age", "integer"},
                                     {"adviser_ids", "string[]"}})),
                  {{"409", "council_full: more members than the new cap"}}));

  r.add(
      "POST", "/api/v1/councils/{id}/members",
      [&app](Request& q) {
        Fields f(q, {"pupil_id", "role", "joined_by", "joined_on"});
        auto m =
            app.councils.add_member(q.who(), q.param("id"),
                                    {f.text("pupil_id"), f.optional_text("role").value_or("member"),
                                     f.text("joined_by"), f.optional_text("joined_on")});
        return Response::json(201, member_json(m));
      },
      with_errors(doc("Add a child member (chair, vice_chair or member; by nomination or "
                      "election). The pupil becomes a council_member.",
                      "councils", manage,
                      object_schema({{"pupil_id", "string"},
                                     {"role", "string"},
                                     {"joined_by", "string"},
                                     {"joined_on", "string"}},
                                    {"pupil_id", "joined_by"}),
                      201),
                  {{"409", "council_full, already_member or chair_taken"},
                   {"422", "consent_missing (both consents needed) or outside_age_limits"}}));

  r.add(
      "GET", "/api/v1/councils/{id}/candidates",
      [&app](Request& q) {
        auto found = app.councils.candidates(q.who(), q.param("id"), page_of(q));
        nlohmann::json out = {{"items", nlohmann::json::array()}, {"next", or_null(found.next)}};
        for (const auto& e : found.items)
          out["items"].push_back({{"pupil_id", e.pupil.id},
                                  {"pseudonym", e.pupil.pseudonym},
                                  {"age_band", e.pupil.age_band},
                                  {"school_id", e.pupil.school_id},
                                  {"school_name", e.school_name},
                                  {"class_id", e.pupil.class_id},
                                  {"class_name", e.class_name}});
        return Response::json(200, out);
      },
      doc("Pupils who could join now: active, of the Council's unit or one below it, with both "
          "consents, within its age limits (ages counted by year of birth for the school year, "
          "which begins on 1 September: the list never changes on a birthday) and not yet "
          "members; pseudonym, the age band of that counted age, school and class (never a name "
          "or birth date). By pupil id; a page may be short when many pupils were read past, and "
          "`next` then says where to read on.",
          "councils", manage));

  r.add(
      "DELETE", "/api/v1/councils/{id}/members/{member}",
      [&app](Request& q) {
        app.councils.remove_member(q.who(), q.param("id"), q.param("member"));
        return Response::no_content();
      },
      doc("End a membership (by member_id or pupil_id); the child stays a member of any other "
          "Council.",
          "councils", manage, nullptr, 204));

  r.add(
      "GET", "/api/v1/councils/{id}/review",
      [&app](Request& q) {
        return Response::json(200,
                              app.councils.review(q.who(), q.param("id"), q.query_value("on")));
      },
      doc("The yearly review (?on=YYYY-MM-DD, default today): members past the age limit in the "
          "school year of that day, or who will be in a school year the term reaches (ages "
          "counted by year of birth).",
          "councils", manage));

  r.add(
      "GET", "/api/v1/councils/{id}/sessions",
      [&app](Request& q) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& s : app.councils.sessions(q.who(), q.param("id")))
          items.push_back({{"id", s.id},
                           {"title", s.title},
                           {"planned_for", s.planned_for},
                           {"held_on", or_null(s.held_on)},
                           {"status", s.status}});
        return Response::json(200, {{"items", items}});
      },
      doc("The Council's sessions.", "councils", Permission::kSignedIn));

  r.add(
      "POST", "/api/v1/councils/{id}/sessions",
      [&app](Request& q) {
        Fields f(q, kSessionFields);
        return Response::json(
            201, session_json(app.councils.plan_session(q.who(), q.param("id"), session_input(f))));
      },
      with_errors(
          doc("Plan a session; the agenda lists approved submissions and closed consultations "
              "({kind: submission | consultation, id}).",
              "councils", manage,
              {{"type", "object"},
               {"properties",
                {{"title", {{"type", "string"}}},
                 {"planned_for", {{"type", "string"}}},
                 {"location", {{"type", "string"}}},
                 {"agenda", {{"type", "array"}}}}},
               {"required", {"title", "planned_for"}},
               {"additionalProperties", false}},
              201),
          {{"422", "invalid_agenda: items that are not approved or not this Council's"}}));

  r.add(
      "GET", "/api/v1/council-sessions/{id}",
      [&app](Request& q) {
        return Response::json(200, app.councils.session_view(q.who(), q.param("id")));
      },
      doc("A session: agenda in the approved words, attendance, minutes, proposals and votes.",
          "councils", Permission::kSignedIn));

  r.add(
      "PATCH", "/api/v1/council-sessions/{id}",
      [&app](Request& q) {
        Fields f(q, kSessionFields);
        return Response::json(200, session_json(app.councils.update_session(q.who(), q.param("id"),
                                                                            session_input(f))));
      },
      with_errors(doc("Change a session's title, date (planned only), place or agenda.", "councils",
                      manage, {{"type", "object"}}),
                  {{"409", "session_minuted or session_held"}, {"422", "invalid_agenda"}}));

  r.add(
      "POST", "/api/v1/council-sessions/{id}/held",
      [&app](Request& q) {
        Fields f(q, {"held_on", "attendance"});
        return Response::json(
            200, session_json(app.councils.mark_held(
                     q.who(), q.param("id"), f.optional_text("held_on"), attendance_of(f))));
      },
      with_errors(
          doc("The session met: the day and the members present.", "councils", manage,
              object_schema({{"held_on", "string"}, {"attendance", "string[]"}}, {"attendance"})),
          {{"409", "not_planned"}}));

  r.add(
      "PUT", "/api/v1/council-sessions/{id}/attendance",
      [&app](Request& q) {
        Fields f(q, {"attendance"});
        return Response::json(200, session_json(app.councils.set_attendance(q.who(), q.param("id"),
                                                                            attendance_of(f))));
      },
      with_errors(doc("Correct the attendance of a held session before any vote.", "councils",
                      manage, object_schema({{"attendance", "string[]"}}, {"attendance"})),
                  {{"409", "not_held or votes_recorded"}}));

  r.add(
      "POST", "/api/v1/council-sessions/{id}/proposals",
      [&app](Request& q) {
        Fields f(q, {"title", "text", "votes", "counts"});
        auto p = app.councils.vote(
            q.who(), q.param("id"),
            {f.text("title"), f.text("text"), f.optional_json("votes"), f.optional_json("counts")});
        return Response::json(201, proposal_json(p));
      },
      with_errors(
          doc("A vote on a proposal at a held session: votes per present member (member_id → "
              "for/against/abstain) or counts {for, against, abstain}. Adopted when more than half "
              "of the members present vote for; an adopted proposal becomes a draft "
              "recommendation.",
              "councils", manage,
              {{"type", "object"},
               {"properties",
                {{"title", {{"type", "string"}}},
                 {"text", {{"type", "string"}}},
                 {"votes", {{"type", "object"}}},
                 {"counts", {{"type", "object"}}}}},
               {"required", {"title", "text"}},
               {"additionalProperties", false}},
              201),
          {{"409", "not_held"}, {"422", "too_many_votes"}}));

  r.add(
      "POST", "/api/v1/council-sessions/{id}/minutes",
      [&app](Request& q) {
        Fields f(q, {"minutes"});
        return Response::json(
            200, session_json(app.councils.minute(q.who(), q.param("id"), f.text("minutes"))));
      },
      with_errors(doc("Record the minutes; the session becomes the record (minuted).", "councils",
                      manage, object_schema({{"minutes", "string"}}, {"minutes"})),
                  {{"409", "not_held"}}));
}

}  // namespace ln::api
