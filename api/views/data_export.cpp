#include "api/views/data_export.h"

#include "api/http/shape.h"
#include "api/views/consultation_views.h"
#include "api/views/recommendation_views.h"
#include "api/views/views.h"
#include "moderation/submissions.h"

namespace ln::api {

namespace {

// What Pupils keeps of the child: the account, consents, data requests and live sessions.
nlohmann::json kept_json(const PupilDataExport& kept) {
  const Pupil& p = kept.pupil;
  nlohmann::json consents = nlohmann::json::array();
  for (const auto& c : kept.consents)
    consents.push_back({{"kind", word(c.kind)},
                        {"method", word(c.method)},
                        {"given_at", c.given_at},
                        {"withdrawn_at", or_null(c.withdrawn_at)}});
  nlohmann::json requests = nlohmann::json::array();
  for (const auto& r : kept.data_requests)
    requests.push_back({{"id", r.id},
                        {"kind", word(r.kind)},
                        {"status", word(r.status)},
                        {"requested_at", r.requested_at},
                        {"due_at", r.due_at}});
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& s : kept.sessions)
    sessions.push_back({{"id", s.id}, {"created_at", s.created_at}, {"expires_at", s.expires_at}});
  nlohmann::json out = {
      {"exported_at", kept.exported_at},
      {"pupil",
       {{"id", p.id},
        {"pseudonym", p.pseudonym},
        {"age_band", p.age_band},
        {"role", p.role},
        {"status", word(p.status)},
        {"joined_at", p.created_at},
        {"class", kept.class_name},
        {"school", kept.school_name}}},
      {"identity_note",
       "Your date of birth and any real name are kept encrypted and are not part of this file. "
       "Ask your teacher or the Youth Union to see or correct them."},
      {"consents", std::move(consents)},
      {"data_requests", std::move(requests)},
      {"sessions", std::move(sessions)}};
  if (kept.for_guardian)
    out["guardian_note"] =
        "What a child tells us about their safety is looked after by a safeguarding lead and is "
        "never part of a guardian's copy.";
  return out;
}

}  // namespace

nlohmann::json data_export_json(App& app, const PupilDataExport& kept) {
  const std::string& id = kept.pupil.id;
  nlohmann::json out = kept_json(kept);
  auto sent = app.submissions.for_export(id, kept.for_guardian);
  out["answers"] = exported_answers_json(
      app.consultations.answers_for_export(id, kept.pupil.age_band, sent.withheld));
  out["submissions"] = nlohmann::json::array();
  for (const auto& s : sent.shown) {
    auto one = own_submission_json(s);
    one["consultation_id"] = or_null(s.consultation_id);
    out["submissions"].push_back(std::move(one));
  }
  out["reactions"] = nlohmann::json::array();
  for (const auto& [x, title] : app.recommendations.reactions_for_export(id))
    out["reactions"].push_back({{"recommendation_id", x.recommendation_id},
                                {"recommendation", title},
                                {"kind", word(x.kind)},
                                {"text", or_null(x.text)},
                                {"created_at", x.created_at}});
  out["notifications"] = nlohmann::json::array();
  for (const auto& n : app.recommendations.notifications_for_export(id))
    out["notifications"].push_back(notification_json(n));
  return out;
}

nlohmann::json data_export_schema() {
  nlohmann::json schema =
      Shape{required("answers", any().describe("answer sets in the words of the child's age band")),
            required("submissions", list_of(any()).describe("ideas and what happened to them")),
            required("reactions",
                     list_of(object_of(Shape{required("recommendation_id", id()),
                                             required("recommendation", text()),
                                             required("kind", text()),
                                             required("text", text().or_null()),
                                             required("created_at", timestamp())}))),
            required("notifications", list_of(Value(notification_schema())))}
          .schema();
  // Beside these, what Pupils keeps of the child (account, consents, requests).
  schema.erase("additionalProperties");
  return schema;
}

}  // namespace ln::api
