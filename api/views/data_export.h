#pragma once
// A pupil's copy of their data, for GET /me/data and POST /guardian/data.
#include <nlohmann/json.hpp>

#include "api/app.h"
#include "consult/pupils.h"

namespace ln::api {

// What Pupils keeps of the child, with everything they sent and were sent: answer sets (each
// question and answer in the words of their age band), ideas and opinions with what happened to
// them, reactions to feedback, in-app notifications.
nlohmann::json data_export_json(App& app, const PupilDataExport& kept);
nlohmann::json data_export_schema();

}  // namespace ln::api
