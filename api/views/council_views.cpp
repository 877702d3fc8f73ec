#include "api/views/council_views.h"

#include "api/views/views.h"

namespace ln::api {
namespace {

using nlohmann::json;

// What every view of a Council shows of it.
json council_fields_json(const Council& c) {
  return {{"id", c.id},
          {"unit_id", c.unit_id},
          {"name", c.name},
          {"term_start", c.term_start},
          {"term_end", c.term_end},
          {"member_cap", c.member_cap},
          {"min_age", c.min_age},
          {"max_age", c.max_age},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

Shape council_fields() {
  return Shape{required("id", id()),
               required("unit_id", id()),
               required("name", text()),
               required("term_start", date()),
               required("term_end", date()),
               required("member_cap", integer().range(1, 500)),
               required("min_age", integer().range(7, 17)),
               required("max_age", integer().range(7, 17)),
               required("created_at", timestamp()),
               required("updated_at", timestamp())};
}

json member_on_council_json(const MemberOnCouncil& m) {
  json out = {{"member_id", m.member_id},
              {"pseudonym", m.pseudonym},
              {"role", word(m.role)},
              {"joined_by", word(m.joined_by)},
              {"joined_on", m.joined_on}};
  if (m.pupil_id) out["pupil_id"] = *m.pupil_id;
  if (m.age_band) out["age_band"] = *m.age_band;
  return out;
}

json too_few_sessions_json(const YearOfSessions& y) {
  const std::string held = std::to_string(y.held), year = std::to_string(y.year);
  return {{"code", "too_few_sessions"},
          {"year", y.year},
          {"sessions_held", y.held},
          {"message", "Hội đồng họp " + held + " kỳ trong năm " + year +
                          "; kế hoạch yêu cầu ít nhất 2 kỳ/năm. The Council held " + held +
                          " session(s) in " + year + "; it should meet at least twice a year."}};
}

json agenda_item_json(const AgendaItem& item) {
  return {{"kind", word(item.kind)}, {"id", item.id}};
}

Value agenda_item() {
  return object_of(Shape{required("kind", word_of(kAgendaKinds)), required("id", id())});
}

json agenda_entry_json(const AgendaEntry& e) {
  json out = agenda_item_json(e.item);
  out["available"] = e.available;
  if (!e.available) return out;
  switch (e.item.kind) {
    case AgendaKind::kSubmission:
      out["text"] = e.text;
      out["topic"] = or_null(e.topic);
      break;
    case AgendaKind::kConsultation:
      out["title"] = e.title;
      out["status"] = word(e.status);
      out["results"] = "/api/v1/consultations/" + e.item.id + "/results";
      break;
  }
  return out;
}

json lifecycle_json(const std::vector<SessionStep>& steps) {
  json out = json::array();
  for (const auto& s : steps)
    out.push_back({{"status", word(s.status)}, {"at", s.at}, {"by", s.by}});
  return out;
}

Value lifecycle() {
  return list_of(object_of(Shape{required("status", word_of(kCouncilSessionStatuses)),
                                 required("at", timestamp()), required("by", id())}));
}

// What every view of a session shows of it.
json session_fields_json(const CouncilSession& s) {
  return {{"id", s.id},
          {"council_id", s.council_id},
          {"title", s.title},
          {"planned_for", s.planned_for},
          {"location", s.location},
          {"status", word(s.status)},
          {"held_on", or_null(s.held_on)},
          {"minutes", s.minutes},
          {"lifecycle", lifecycle_json(s.lifecycle)},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

Shape session_fields() {
  return Shape{required("id", id()),
               required("council_id", id()),
               required("title", text()),
               required("planned_for", date()),
               required("location", text()),
               required("status", word_of(kCouncilSessionStatuses)),
               required("held_on", date().or_null()),
               required("minutes", text()),
               required("lifecycle", lifecycle()),
               required("created_at", timestamp()),
               required("updated_at", timestamp())};
}

json votes_json(const std::map<std::string, VoteChoice>& votes) {
  json out = json::object();
  for (const auto& [member, choice] : votes) out[member] = word(choice);
  return out;
}

// A proposal as its session shows it; `votes` (member → choice) only when shown.
json proposal_in_session_json(const CouncilProposal& p, bool votes_shown) {
  json out = {{"id", p.id},
              {"title", p.title},
              {"text", p.text},
              {"present", p.present},
              {"for", p.votes_for},
              {"against", p.votes_against},
              {"abstain", p.abstentions},
              {"adopted", p.adopted},
              {"recommendation_id", or_null(p.recommendation_id)},
              {"created_at", p.created_at}};
  if (votes_shown) out["votes"] = votes_json(p.votes);
  return out;
}

Shape proposal_in_session_fields() {
  return Shape{
      required("id", id()),
      required("title", text()),
      required("text", text()),
      required("present", integer()),
      required("for", integer()),
      required("against", integer()),
      required("abstain", integer()),
      optional("votes",
               map_of(word_of(kVoteChoices)).describe("member_id → choice; for adults only")),
      required("adopted", boolean()),
      required("recommendation_id", text().or_null()),
      required("created_at", timestamp())};
}

}  // namespace

json council_json(const Council& c) {
  json out = council_fields_json(c);
  out["adviser_ids"] = c.adviser_ids;
  return out;
}

json council_schema() {
  return council_fields().with({required("adviser_ids", list_of(id()))}).schema();
}

json council_overview_json(const CouncilOverview& o) {
  json out = council_fields_json(o.council);
  json members = json::array(), advisers = json::array(), sessions = json::array(),
       years = json::array(), warnings = json::array();
  for (const auto& m : o.members) members.push_back(member_on_council_json(m));
  for (const auto& a : o.advisers)
    advisers.push_back({{"account_id", a.account_id}, {"display_name", a.display_name}});
  for (const auto& s : o.sessions) sessions.push_back(session_summary_json(s));
  for (const auto& y : o.years) {
    years.push_back({{"year", y.year}, {"sessions_held", y.held}});
    if (y.too_few) warnings.push_back(too_few_sessions_json(y));
  }
  out["members"] = members;
  out["advisers"] = advisers;
  out["sessions"] = sessions;
  out["years"] = years;
  out["warnings"] = warnings;
  return out;
}

json council_overview_schema() {
  Value member = object_of(Shape{
      required("member_id", id()), required("pseudonym", text()),
      required("role", word_of(kCouncilRoles)), required("joined_by", word_of(kCouncilJoinings)),
      required("joined_on", date()), optional("pupil_id", id().describe("adults only")),
      optional("age_band",
               text().describe("adults only; the band of the age the Council counts"))});
  Value adviser = object_of(Shape{required("account_id", id()), required("display_name", text())});
  Value year = object_of(Shape{required("year", integer()), required("sessions_held", integer())});
  Value warning = object_of(Shape{required("code", text().one_of({"too_few_sessions"})),
                                  required("year", integer()), required("sessions_held", integer()),
                                  required("message", text())});
  return council_fields()
      .with({required("members", list_of(std::move(member))),
             required("advisers", list_of(std::move(adviser))),
             required("sessions", list_of(Value(session_summary_schema()))),
             required("years", list_of(std::move(year))),
             required("warnings", list_of(std::move(warning)))})
      .schema();
}

json council_member_json(const CouncilMember& m) {
  return {{"member_id", m.id},         {"council_id", m.council_id},     {"pupil_id", m.pupil_id},
          {"role", word(m.role)},      {"joined_by", word(m.joined_by)}, {"joined_on", m.joined_on},
          {"created_at", m.created_at}};
}

json council_member_schema() {
  return Shape{required("member_id", id()),
               required("council_id", id()),
               required("pupil_id", id()),
               required("role", word_of(kCouncilRoles)),
               required("joined_by", word_of(kCouncilJoinings)),
               required("joined_on", date()),
               required("created_at", timestamp())}
      .schema();
}

json council_candidate_json(const EnrolledPupil& e) {
  return {{"pupil_id", e.pupil.id},       {"pseudonym", e.pupil.pseudonym},
          {"age_band", e.pupil.age_band}, {"school_id", e.pupil.school_id},
          {"school_name", e.school_name}, {"class_id", e.pupil.class_id},
          {"class_name", e.class_name}};
}

json council_candidate_schema() {
  return Shape{required("pupil_id", id()),      required("pseudonym", text()),
               required("age_band", text()),    required("school_id", id()),
               required("school_name", text()), required("class_id", id()),
               required("class_name", text())}
      .schema();
}

json council_review_json(const CouncilReview& r) {
  json flagged = json::array();
  for (const auto& f : r.flagged)
    flagged.push_back({{"member_id", f.member_id},
                       {"pupil_id", f.pupil_id},
                       {"pseudonym", f.pseudonym},
                       {"role", word(f.role)},
                       {"age_band", f.age_band},
                       {"reason", word(f.reason)}});
  return {{"council_id", r.council_id},
          {"on", r.on},
          {"school_year", school_year_text(r.school_year)},
          {"max_age", r.max_age},
          {"members_reviewed", r.members_reviewed},
          {"flagged", flagged}};
}

json council_review_schema() {
  return Shape{
      required("council_id", id()),
      required("on", date()),
      required("school_year", text().pattern("^[0-9]{4}-[0-9]{4}$").describe("e.g. 2026-2027")),
      required("max_age", integer().range(7, 17)),
      required("members_reviewed", integer()),
      required("flagged",
               list_of(object_of(Shape{
                   required("member_id", id()), required("pupil_id", id()),
                   required("pseudonym", text()), required("role", word_of(kCouncilRoles)),
                   required("age_band", text()), required("reason", word_of(kReviewReasons))})))}
      .schema();
}

json council_session_json(const CouncilSession& s) {
  json out = session_fields_json(s);
  json agenda = json::array();
  for (const auto& item : s.agenda) agenda.push_back(agenda_item_json(item));
  out["agenda"] = agenda;
  out["attendance"] = s.attendance;
  return out;
}

json council_session_schema() {
  return session_fields()
      .with({required("agenda", list_of(agenda_item())),
             required("attendance", list_of(id()).describe("the member ids present"))})
      .schema();
}

json session_summary_json(const CouncilSession& s) {
  return {{"id", s.id},
          {"title", s.title},
          {"planned_for", s.planned_for},
          {"held_on", or_null(s.held_on)},
          {"status", word(s.status)}};
}

json session_summary_schema() {
  return Shape{required("id", id()), required("title", text()), required("planned_for", date()),
               required("held_on", date().or_null()),
               required("status", word_of(kCouncilSessionStatuses))}
      .schema();
}

json session_detail_json(const SessionDetail& d) {
  json out = session_fields_json(d.session);
  json agenda = json::array(), attendance = json::array(), proposals = json::array();
  for (const auto& e : d.agenda) agenda.push_back(agenda_entry_json(e));
  for (const auto& a : d.attendance)
    attendance.push_back({{"member_id", a.member_id}, {"pseudonym", a.pseudonym}});
  for (const auto& p : d.proposals) proposals.push_back(proposal_in_session_json(p, d.votes_shown));
  out["agenda"] = agenda;
  out["attendance"] = attendance;
  out["proposals"] = proposals;
  return out;
}

json session_detail_schema() {
  Value entry = object_of(
      Shape{required("kind", word_of(kAgendaKinds)), required("id", id()),
            required("available", boolean().describe("false when the item is gone or no longer "
                                                     "approved; nothing else is shown then")),
            optional("text", text().describe("submission: the approved (or redacted) words")),
            optional("topic", text().or_null()), optional("title", text().describe("consultation")),
            optional("status", text().describe("consultation")),
            optional("results", text().describe("consultation: where its results are"))});
  Value attendee = object_of(Shape{required("member_id", id()), required("pseudonym", text())});
  return session_fields()
      .with({required("agenda", list_of(std::move(entry))),
             required("attendance", list_of(std::move(attendee))),
             required("proposals", list_of(object_of(proposal_in_session_fields())))})
      .schema();
}

json proposal_json(const CouncilProposal& p) {
  json out = proposal_in_session_json(p, true);
  out["session_id"] = p.session_id;
  out["council_id"] = p.council_id;
  return out;
}

json proposal_schema() {
  return proposal_in_session_fields()
      .with({required("session_id", id()), required("council_id", id())})
      .requiring({"votes"})
      .schema();
}

}  // namespace ln::api
