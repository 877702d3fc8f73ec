#pragma once
// How recommendations look on the wire: to the Youth Union and officials, to the public tracker
// (never a child's identity, only approved or redacted words), and to a child with their own
// submission.
#include <nlohmann/json.hpp>

#include "api/app.h"

namespace ln::api {

nlohmann::json recommendation_json(App& app, const Recommendation& r);
// "You said / We did / Why / What next"; null when there is none.
nlohmann::json feedback_text_json(const FeedbackText& t);
nlohmann::json feedback_text_json(const std::optional<FeedbackText>& t);
nlohmann::json recommendation_schema();
nlohmann::json public_recommendation_json(App& app, const Recommendation& r);
nlohmann::json public_recommendation_schema();
nlohmann::json figures_json(const AuthorityFigures& f);
nlohmann::json figures_schema();
nlohmann::json notification_json(const Notification& n);
nlohmann::json notification_schema();
// What happened to a pupil's submission: each recommendation it went into that was reported
// back, with the feedback in the pupil's age band's words.
nlohmann::json outcomes_json(App& app, const Principal& pupil, const Submission& s);
// Where it has been: every recommendation it went into once forwarded, with its dates.
nlohmann::json journey_json(App& app, const Principal& pupil, const Submission& s);

}  // namespace ln::api
