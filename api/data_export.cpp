#include "api/data_export.h"

#include "api/consultation_views.h"
#include "api/recommendation_views.h"
#include "api/shape.h"
#include "api/views.h"
#include "moderation/submissions.h"

namespace ln::api {

nlohmann::json data_export_json(App& app, const PupilDataExport& kept) {
  const std::string& id = kept.pupil.id;
  nlohmann::json out = kept.data;
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
                                {"kind", x.kind},
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
