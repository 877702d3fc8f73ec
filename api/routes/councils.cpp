// /api/v1/councils and /api/v1/council-sessions: Children's Councils, their members and
// advisers, the yearly age review, and sessions planned → held → minuted with votes.
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "api/views/council_views.h"
#include "api/views/recommendation_views.h"
#include "api/views/views.h"

namespace ln::api {
namespace {

Value agenda() {
  return list_of(object_of(Shape{required("kind", word_of(kAgendaKinds)), required("id", id())}))
      .count(0, 100)
      .describe("approved submissions and closed consultations of the Council's unit");
}

const Shape kCouncilPatch{
    optional("name", text().length(1, 200)),
    optional("term_start", date()),
    optional("term_end", date().describe("after term_start")),
    optional("member_cap", integer().range(1, 500)),
    optional("min_age", integer().range(7, 17).describe("default 7")),
    optional("max_age", integer().range(7, 17).describe("default 15; not under min_age")),
    optional("adviser_ids",
             list_of(id()).count(0, 20).describe("adult accounts; replaces the list"))};
const Shape kNewCouncil = kCouncilPatch.with({required("unit_id", id())})
                              .requiring({"name", "term_start", "term_end", "member_cap"});
const Shape kNewMember{required("pupil_id", id()),
                       optional("role", word_of(kCouncilRoles).describe("default member")),
                       required("joined_by", word_of(kCouncilJoinings)),
                       optional("joined_on", date().describe("default today"))};
const Shape kSessionPatch{optional("title", text().length(1, 200)), optional("planned_for", date()),
                          optional("location", text().max_length(200)),
                          optional("agenda", agenda())};
const Shape kNewSession = kSessionPatch.requiring({"title", "planned_for"});
const Shape kAttendance{
    required("attendance", list_of(id()).count(1, 500).describe("the member ids present"))};
const Shape kHeld = kAttendance.with({optional("held_on", date().describe("default planned_for"))});
const Shape kProposal{
    required("title", text().length(1, 200)), required("text", text().length(1, 4000)),
    optional("votes", map_of(word_of(kVoteChoices))
                          .describe("member_id → choice, for each member present who voted")),
    optional("counts", object_of(Shape{optional("for", integer().range(0, 1000)),
                                       optional("against", integer().range(0, 1000)),
                                       optional("abstain", integer().range(0, 1000))})
                           .describe("or the counts alone"))};
const Shape kMinutes{required("minutes", text().length(1, 50000))};

CouncilInput council_input(const Fields& f) {
  return {f.optional_text("unit_id"),       f.optional_text("name"),
          f.optional_text("term_start"),    f.optional_text("term_end"),
          f.optional_integer("member_cap"), f.optional_integer("min_age"),
          f.optional_integer("max_age"),    f.optional_texts("adviser_ids")};
}

// A word the body's declaration already allowed, as its enum.
template <typename Enum>
Enum known(std::optional<Enum> value, const std::string& field) {
  if (!value) throw Invalid(field, "Unknown value of " + field + ".");
  return *value;
}

SessionInput session_input(const Fields& f) {
  SessionInput in{f.optional_text("title"), f.optional_text("planned_for"),
                  f.optional_text("location"), std::nullopt};
  if (auto agenda = f.optional_json("agenda")) {
    in.agenda.emplace();
    for (std::size_t i = 0; i < agenda->size(); ++i) {
      const auto& item = (*agenda)[i];
      std::string field = "agenda[" + std::to_string(i) + "]";
      in.agenda->push_back({known(agenda_kind(item.at("kind").get<std::string>()), field + ".kind"),
                            item.at("id").get<std::string>()});
    }
  }
  return in;
}

MemberInput member_input(const Fields& f) {
  return {f.text("pupil_id"),
          known(council_role(f.optional_text("role").value_or("member")), "role"),
          known(council_joining(f.text("joined_by")), "joined_by"), f.optional_text("joined_on")};
}

VoteInput vote_input(const Fields& f) {
  VoteInput in{f.text("title"), f.text("text"), std::nullopt, std::nullopt};
  if (auto votes = f.optional_json("votes")) {
    in.votes.emplace();
    for (const auto& [member, choice] : votes->items())
      in.votes->emplace(
          member, known(vote_choice(choice.get<std::string>()), "votes." + member.substr(0, 60)));
  }
  if (auto counts = f.optional_json("counts"))
    in.counts = VoteCounts{counts->value("for", 0), counts->value("against", 0),
                           counts->value("abstain", 0)};
  return in;
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
          "councils", Permission::kSignedIn)
          .reads(page_query())
          .returns(page_schema(council_schema())));

  r.add(
      "POST", "/api/v1/councils",
      [&app](Request& q) {
        Fields f(q, kNewCouncil);
        return Response::json(201, council_json(app.councils.create(q.who(), council_input(f))));
      },
      doc("Set up a Children's Council (Hội đồng trẻ em) of a unit: term, member cap, age limits "
          "(default 7–15; edges of the age bands, else 400, and ages counted by year of birth for "
          "the school year), advisory adults.",
          "councils", manage, kNewCouncil, 201)
          .returns(council_schema()));

  r.add(
      "GET", "/api/v1/councils/{id}",
      [&app](Request& q) {
        return Response::json(200,
                              council_overview_json(app.councils.view(q.who(), q.param("id"))));
      },
      doc("The Council: current members, advisers, sessions, sessions per year, and a warning for "
          "each year with fewer than two sessions. Members see their own Council.",
          "councils", Permission::kSignedIn)
          .returns(council_overview_schema()));

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
          for (const auto& s : x.history) steps.push_back({{"action", s.action}, {"at", s.at}});
          item["steps"] = steps;
          bool reported = x.status == RecommendationStatus::kReportedBack ||
                          x.status == RecommendationStatus::kClosed;
          item["feedback"] = reported ? feedback_text_json(app.recommendations.feedback_for(x, band))
                                      : nlohmann::json();
          items.push_back(item);
        }
        return Response::json(200, {{"items", items}});
      },
      doc("The recommendations a Council adopted, with their authority, dates, status, answer, "
          "commitments and the children's feedback in the reader's age band's words — never a "
          "child's or an adult's identity. Members see their own Council's.",
          "councils", Permission::kSignedIn)
          .returns(Shape{required("items", list_of(Value(public_recommendation_schema())))}
                       .schema()));

  r.add(
      "PATCH", "/api/v1/councils/{id}",
      [&app](Request& q) {
        Fields f(q, kCouncilPatch);
        return Response::json(
            200, council_json(app.councils.update(q.who(), q.param("id"), council_input(f))));
      },
      with_errors(doc("Change the name, term, cap, age limits (edges of the age bands) or "
                      "advisers (adviser_ids replaces the list).",
                      "councils", manage, kCouncilPatch)
                      .returns(council_schema()),
                  {{"409", "council_full: more members than the new cap"}}));

  r.add(
      "POST", "/api/v1/councils/{id}/members",
      [&app](Request& q) {
        Fields f(q, kNewMember);
        auto m = app.councils.add_member(q.who(), q.param("id"), member_input(f));
        return Response::json(201, council_member_json(m));
      },
      with_errors(doc("Add a child member (chair, vice_chair or member; by nomination or "
                      "election). The pupil becomes a council_member.",
                      "councils", manage, kNewMember, 201)
                      .returns(council_member_schema()),
                  {{"409", "council_full, already_member or chair_taken"},
                   {"422", "consent_missing (both consents needed) or outside_age_limits"}}));

  r.add(
      "GET", "/api/v1/councils/{id}/candidates",
      [&app](Request& q) {
        auto found = app.councils.candidates(q.who(), q.param("id"), page_of(q));
        nlohmann::json out = {{"items", nlohmann::json::array()}, {"next", or_null(found.next)}};
        for (const auto& e : found.items) out["items"].push_back(council_candidate_json(e));
        return Response::json(200, out);
      },
      doc("Pupils who could join now: active, of the Council's unit or one below it, with both "
          "consents, within its age limits (ages counted by year of birth for the school year, "
          "which begins on 1 September: the list never changes on a birthday) and not yet "
          "members; pseudonym, the age band of that counted age, school and class (never a name "
          "or birth date). By pupil id; a page may be short when many pupils were read past, and "
          "`next` then says where to read on.",
          "councils", manage)
          .reads(page_query())
          .returns(page_schema(council_candidate_schema())));

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
        return Response::json(200, council_review_json(app.councils.review(q.who(), q.param("id"),
                                                                           q.query_value("on"))));
      },
      doc("The yearly review (?on=YYYY-MM-DD, default today): members past the age limit in the "
          "school year of that day, or who will be in a school year the term reaches (ages "
          "counted by year of birth).",
          "councils", manage)
          .reads({query("on", date(), "the day of the review (default today)")})
          .returns(council_review_schema()));

  r.add(
      "GET", "/api/v1/councils/{id}/sessions",
      [&app](Request& q) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& s : app.councils.sessions(q.who(), q.param("id")))
          items.push_back(session_summary_json(s));
        return Response::json(200, {{"items", items}});
      },
      doc("The Council's sessions.", "councils", Permission::kSignedIn)
          .returns(Shape{required("items", list_of(Value(session_summary_schema())))}.schema()));

  r.add(
      "POST", "/api/v1/councils/{id}/sessions",
      [&app](Request& q) {
        Fields f(q, kNewSession);
        return Response::json(201, council_session_json(app.councils.plan_session(
                                       q.who(), q.param("id"), session_input(f))));
      },
      with_errors(
          doc("Plan a session; the agenda lists approved submissions and closed consultations "
              "({kind: submission | consultation, id}).",
              "councils", manage, kNewSession, 201)
              .returns(council_session_schema()),
          {{"422", "invalid_agenda: items that are not approved or not this Council's"}}));

  r.add(
      "GET", "/api/v1/council-sessions/{id}",
      [&app](Request& q) {
        return Response::json(
            200, session_detail_json(app.councils.session_view(q.who(), q.param("id"))));
      },
      doc("A session: agenda in the approved words, attendance, minutes, proposals and votes.",
          "councils", Permission::kSignedIn)
          .returns(session_detail_schema()));

  r.add(
      "PATCH", "/api/v1/council-sessions/{id}",
      [&app](Request& q) {
        Fields f(q, kSessionPatch);
        return Response::json(200, council_session_json(app.councils.update_session(
                                       q.who(), q.param("id"), session_input(f))));
      },
      with_errors(doc("Change a session's title, date (planned only), place or agenda.", "councils",
                      manage, kSessionPatch)
                      .returns(council_session_schema()),
                  {{"409", "session_minuted or session_held"}, {"422", "invalid_agenda"}}));

  r.add(
      "POST", "/api/v1/council-sessions/{id}/held",
      [&app](Request& q) {
        Fields f(q, kHeld);
        return Response::json(
            200, council_session_json(app.councils.mark_held(
                     q.who(), q.param("id"), f.optional_text("held_on"), attendance_of(f))));
      },
      with_errors(
          doc("The session met: the day and the members present.", "councils", manage, kHeld)
              .returns(council_session_schema()),
          {{"409", "not_planned"}}));

  r.add(
      "PUT", "/api/v1/council-sessions/{id}/attendance",
      [&app](Request& q) {
        Fields f(q, kAttendance);
        return Response::json(200, council_session_json(app.councils.set_attendance(
                                       q.who(), q.param("id"), attendance_of(f))));
      },
      with_errors(doc("Correct the attendance of a held session before any vote.", "councils",
                      manage, kAttendance)
                      .returns(council_session_schema()),
                  {{"409", "not_held or votes_recorded"}}));

  r.add(
      "POST", "/api/v1/council-sessions/{id}/proposals",
      [&app](Request& q) {
        Fields f(q, kProposal);
        auto p = app.councils.vote(q.who(), q.param("id"), vote_input(f));
        return Response::json(201, proposal_json(p));
      },
      with_errors(
          doc("A vote on a proposal at a held session: votes per present member (member_id → "
              "for/against/abstain) or counts {for, against, abstain}. Adopted when more than half "
              "of the members present vote for; an adopted proposal becomes a draft "
              "recommendation.",
              "councils", manage, kProposal, 201)
              .returns(proposal_schema()),
          {{"409", "not_held"}, {"422", "too_many_votes"}}));

  r.add(
      "POST", "/api/v1/council-sessions/{id}/minutes",
      [&app](Request& q) {
        Fields f(q, kMinutes);
        return Response::json(200, council_session_json(app.councils.minute(q.who(), q.param("id"),
                                                                            f.text("minutes"))));
      },
      with_errors(doc("Record the minutes; the session becomes the record (minuted).", "councils",
                      manage, kMinutes)
                      .returns(council_session_schema()),
                  {{"409", "not_held"}}));
}

}  // namespace ln::api
