#include "api/views/views.h"

#include "api/http/shape.h"

#include "consult/screening.h"
#include "moderation/submissions.h"

namespace ln::api {

nlohmann::json to_json(const Unit& u) {
  return {{"id", u.id},
          {"parent_id", or_null(u.parent_id)},
          {"kind", u.kind},
          {"name", u.name},
          {"code", or_null(u.code)},
          {"merged_into", or_null(u.merged_into)},
          {"retired_at", or_null(u.retired_at)},
          {"created_at", u.created_at}};
}

nlohmann::json unit_schema() {
  return Shape{required("id", id()),
               required("parent_id", text().or_null()),
               required("kind", text().one_of({"province", "district", "ward"})),
               required("name", text()),
               required("code", text().or_null()),
               required("merged_into", text().or_null()),
               required("retired_at", timestamp().or_null()),
               required("created_at", timestamp())}
      .schema();
}

nlohmann::json to_json(const School& s) {
  return {{"id", s.id},
          {"unit_id", s.unit_id},
          {"name", s.name},
          {"code", or_null(s.code)},
          {"retired_at", or_null(s.retired_at)},
          {"created_at", s.created_at}};
}

nlohmann::json school_schema() {
  return Shape{required("id", id()),
               required("unit_id", id()),
               required("name", text()),
               required("code", text().or_null()),
               required("retired_at", timestamp().or_null()),
               required("created_at", timestamp())}
      .schema();
}

nlohmann::json to_json(const SchoolClass& c) {
  return {{"id", c.id},
          {"school_id", c.school_id},
          {"unit_id", c.unit_id},
          {"name", c.name},
          {"grade", c.grade},
          {"school_year", c.school_year},
          {"retired_at", or_null(c.retired_at)},
          {"created_at", c.created_at}};
}

nlohmann::json class_schema() {
  return Shape{required("id", id()),
               required("school_id", id()),
               required("unit_id", id()),
               required("name", text()),
               required("grade", integer().range(1, 12)),
               required("school_year", text()),
               required("retired_at", timestamp().or_null()),
               required("created_at", timestamp())}
      .schema();
}

nlohmann::json to_json(const JoinCode& j) {
  return {{"code", j.code},
          {"class_id", j.class_id},
          {"created_at", j.created_at},
          {"expires_at", j.expires_at},
          {"revoked_at", or_null(j.revoked_at)}};
}

nlohmann::json join_code_schema() {
  return Shape{required("code", text()),
               required("class_id", id()),
               required("created_at", timestamp()),
               required("expires_at", timestamp()),
               required("revoked_at", timestamp().or_null())}
      .schema();
}

nlohmann::json to_json(const Authority& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"kind", a.kind},
          {"unit_id", a.unit_id},
          {"code", or_null(a.code)},
          {"due_days", a.due_days},
          {"served_unit_ids", a.served_unit_ids},
          {"retired_at", or_null(a.retired_at)},
          {"created_at", a.created_at}};
}

nlohmann::json authority_schema() {
  return Shape{required("id", id()),
               required("name", text()),
               required("kind", text()),
               required("unit_id", id()),
               required("code", text().or_null()),
               required("due_days", integer().range(1, 365)),
               required("served_unit_ids", list_of(id())),
               required("retired_at", timestamp().or_null()),
               required("created_at", timestamp())}
      .schema();
}

nlohmann::json to_json(const Account& a) {
  return {{"id", a.id},
          {"username", a.username},
          {"display_name", a.display_name},
          {"role", a.role},
          {"unit_ids", a.unit_ids},
          {"school_ids", a.school_ids},
          {"authority_id", or_null(a.authority_id)},
          {"disabled", a.disabled_at.has_value()},
          {"password_changed_at", a.password_changed_at},
          {"created_at", a.created_at}};
}

nlohmann::json account_schema() {
  return Shape{required("id", id()),
               required("username", text()),
               required("display_name", text()),
               required("role", text().one_of({"facilitator", "moderator", "safeguarding_lead",
                                               "official", "admin"})),
               required("unit_ids", list_of(id())),
               required("school_ids", list_of(id())),
               required("authority_id", text().or_null()),
               required("disabled", boolean()),
               required("password_changed_at", timestamp()),
               required("created_at", timestamp())}
      .schema();
}

nlohmann::json to_json(const Session& s, const std::string& current_session_id) {
  return {{"id", s.id},
          {"created_at", s.created_at},
          {"last_seen_at", s.last_seen_at},
          {"expires_at", s.expires_at},
          {"user_agent", s.user_agent},
          {"current", s.id == current_session_id}};
}

nlohmann::json session_schema() {
  return Shape{required("id", id()),
               required("created_at", timestamp()),
               required("last_seen_at", timestamp()),
               required("expires_at", timestamp()),
               required("user_agent", text()),
               required("current", boolean().describe("the session this request was made with"))}
      .schema();
}

nlohmann::json to_json(const Consent& c) {
  return {{"id", c.id},
          {"kind", word(c.kind)},
          {"method", word(c.method)},
          {"text_version", or_null(c.text_version)},
          {"slip_number", or_null(c.slip_number)},
          {"given_at", c.given_at},
          {"withdrawn_at", or_null(c.withdrawn_at)}};
}

nlohmann::json consent_schema() {
  return Shape{required("id", id()),
               required("kind", word_of(kConsentKinds)),
               required("method", text()),
               required("text_version", text().or_null()),
               required("slip_number", text().or_null()),
               required("given_at", timestamp()),
               required("withdrawn_at", timestamp().or_null())}
      .schema();
}

nlohmann::json to_json(const DataRequest& r) {
  return {{"id", r.id},
          {"pupil_id", r.pupil_id},
          {"kind", word(r.kind)},
          {"requested_by", word(r.requested_by)},
          {"status", word(r.status)},
          {"details", r.details},
          {"requested_at", r.requested_at},
          {"due_at", r.due_at},
          {"handled_at", or_null(r.handled_at)},
          {"outcome", or_null(r.outcome)}};
}

nlohmann::json data_request_schema() {
  return Shape{required("id", id()),
               required("pupil_id", id()),
               required("kind", text()),
               required("requested_by", text()),
               required("status", text()),
               required("details", text()),
               required("requested_at", timestamp()),
               required("due_at", timestamp()),
               required("handled_at", timestamp().or_null()),
               required("outcome", text().or_null())}
      .schema();
}

nlohmann::json consent_status(const std::vector<Consent>& consents) {
  bool child = false, guardian = false;
  for (const auto& c : consents) {
    if (c.withdrawn_at) continue;
    child = child || c.kind == ConsentKind::kChild;
    guardian = guardian || c.kind == ConsentKind::kGuardian;
  }
  return {{"child", child}, {"guardian", guardian}, {"complete", child && guardian}};
}

nlohmann::json consent_status_schema() {
  return Shape{required("child", boolean()), required("guardian", boolean()),
               required("complete", boolean().describe("both: the child may take part"))}
      .schema();
}

nlohmann::json to_json(const Pupil& p, const std::vector<Consent>& consents) {
  return {{"id", p.id},
          {"pseudonym", p.pseudonym},
          {"class_id", p.class_id},
          {"age_band", p.age_band},
          {"role", p.role},
          {"status", word(p.status)},
          {"joined_at", p.created_at},
          {"consent", consent_status(consents)}};
}

nlohmann::json pupil_schema() {
  return Shape{required("id", id()),
               required("pseudonym", text()),
               required("class_id", id()),
               required("age_band", text()),
               required("role", text()),
               required("status", text()),
               required("joined_at", timestamp()),
               required("consent", Value(consent_status_schema()))}
      .schema();
}

nlohmann::json support_json() {
  auto m = support_message();
  return {{"hotline", m.hotline}, {"vi", m.vi}, {"en", m.en}};
}

nlohmann::json support_schema() {
  return Shape{required("hotline", text()), required("vi", text()), required("en", text())}
      .schema();
}

nlohmann::json me_json(const Principal& p) {
  nlohmann::json me = {{"id", p.id},
                       {"role", to_string(p.role)},
                       {"name", p.name},
                       {"kind", p.is_pupil() ? "pupil" : "account"},
                       {"csrf_token", p.csrf_token}};
  if (p.is_pupil()) {
    me["pseudonym"] = p.name;
    me["age_band"] = p.age_band;
    me["class_id"] = p.class_id;
    me["unit_id"] = p.unit_id;
    me["consent"] = {{"child", p.child_consent},
                     {"guardian", p.guardian_consent},
                     {"complete", p.may_contribute()}};
  } else {
    me["unit_ids"] = p.unit_ids;
    me["authority_id"] = or_null(p.authority_id);
    if (p.is_facilitator()) me["school_ids"] = p.school_ids;
  }
  return me;
}

nlohmann::json me_schema() {
  return Shape{required("id", id()),
               required("role", text().one_of({"pupil", "council_member", "facilitator",
                                               "moderator", "safeguarding_lead", "official",
                                               "admin"})),
               required("name", text()),
               required("kind", text().one_of({"pupil", "account"})),
               required("csrf_token", text()),
               optional("pseudonym", text().describe("pupils")),
               optional("age_band", text().describe("pupils")),
               optional("class_id", text().describe("pupils")),
               optional("unit_id", text().describe("pupils")),
               optional("consent", Value(consent_status_schema()).describe("pupils")),
               optional("unit_ids", list_of(id()).describe("adults")),
               optional("authority_id", text().or_null().describe("adults")),
               optional("school_ids", list_of(id()).describe("facilitators"))}
      .schema();
}

namespace {

// What the child wrote before each resend, oldest first (the moderators' notes stay with them).
nlohmann::json earlier_texts(const Submission& s) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : s.revisions) out.push_back({{"text", r.text}, {"sent_at", r.sent_at}});
  return out;
}

}  // namespace

nlohmann::json own_submission_json(const Submission& s) {
  // A child who took back a possible disclosure is told the truth: no one else reads it, but a
  // safeguarding lead still can (the case stays with the leads until one of them decides).
  const bool kept_by_leads = moderation::withdrawal_requested(s);
  const std::string shown_status(kept_by_leads ? "withdrawal_requested" : word(s.status));
  auto status = moderation::status_for_child(s);
  nlohmann::json out = {{"id", s.id},
                        {"kind", word(s.kind)},
                        {"text", s.text},
                        {"topic", or_null(s.topic)},
                        {"status", shown_status},
                        {"status_text", {{"vi", status.vi}, {"en", status.en}}},
                        {"created_at", s.created_at},
                        {"updated_at", s.updated_at},
                        {"version", s.version},
                        {"resent_at", or_null(s.resent_at)},
                        {"reviewed_at", or_null(s.first_reviewed_at)},
                        {"earlier_texts", earlier_texts(s)},
                        {"may_withdraw", moderation::may_withdraw(s)}};
  // A returned idea says why, in words for children, so the child can change it and resend it.
  if (s.status == SubmissionStatus::kReturned) {
    const auto& decision = s.decision;
    auto why = moderation::return_reason_for_child(
        decision && decision->reason ? *decision->reason : std::string());
    out["returned_because"] = {{"vi", why.vi}, {"en", why.en}};
    out["note"] = decision ? or_null(decision->note) : nlohmann::json();
  }
  // The screener's labels stay with the moderators; a child at risk sees where to get help.
  if (s.queue == Queue::kSafeguarding) {
    out["support"] = support_json();
    if (kept_by_leads) {
      auto m = support_message_after_withdrawal();
      out["support"]["vi"] = m.vi;
      out["support"]["en"] = m.en;
    }
    out["still_read_by"] = "safeguarding_lead";
  }
  return out;
}

nlohmann::json own_submission_schema() {
  auto words = object_of(Shape{required("vi", text()), required("en", text())});
  return Shape{required("id", id()),
               required("kind", word_of(kSubmissionKinds)),
               required("text", text()),
               required("topic", text().or_null()),
               required("status", text()),
               required("status_text", words),
               required("created_at", timestamp()),
               required("updated_at", timestamp()),
               required("version", integer()),
               required("resent_at", timestamp().or_null()),
               required("reviewed_at", timestamp().or_null()),
               required("earlier_texts", list_of(object_of(Shape{required("text", text()),
                                                                 required("sent_at", text())}))),
               required("may_withdraw", boolean()),
               optional("returned_because", Value(words).describe("a returned idea")),
               optional("note", text().or_null().describe("the moderator's note to the child")),
               optional("support", Value(support_schema())),
               optional("still_read_by", text().one_of({"safeguarding_lead"})),
               optional("outcomes", list_of(any()).describe(
                                        "the feedback of each recommendation it went into")),
               optional("journey", any().describe("the steps it went through"))}
      .schema();
}

}  // namespace ln::api
