#pragma once
// How children's texts look to moderators and safeguarding leads on the wire: queue items (the
// text collapsed in lists), approved words to compile, the queues, the moderators' measures and
// safeguarding cases. Each view comes with the JSON Schema of what it builds.
#include <nlohmann/json.hpp>

#include "api/app.h"

namespace ln::api {

using Author = moderation::ModerationQueue::Author;

// The screener's verdict as moderators see it: labels, route, spans (each naming its rule),
// the model's opinions, and how many other children said the same.
nlohmann::json screening_json(const Screening& s);
nlohmann::json decision_json(const DecisionRecord& d);

// `with_text`: one item, with its text, screening, decision and earlier texts (audited);
// otherwise a list entry whose text stays collapsed.
nlohmann::json item_json(App& app, const Submission& s, bool with_text, const Author& author);
nlohmann::json item_json(App& app, const Submission& s, bool with_text);
nlohmann::json item_schema();
// What anyone but the author may see: the approved words, never the text as first written.
nlohmann::json approved_json(const ApprovedSubmission& a, const Author& author);
nlohmann::json approved_schema();
nlohmann::json queue_json(const moderation::QueueState& q);
nlohmann::json queue_schema();
nlohmann::json measures_json(const moderation::ModerationMeasures& m);
nlohmann::json measures_schema();

nlohmann::json case_json(const App& app, const Submission& s);
nlohmann::json case_schema();

}  // namespace ln::api
