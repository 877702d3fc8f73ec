#pragma once
// How an event (a forum, a leaders' or a school dialogue) looks on the wire.
#include <nlohmann/json.hpp>

#include "consult/records.h"

namespace ln::api {

nlohmann::json event_json(const CouncilEvent& e);
nlohmann::json event_schema();

}  // namespace ln::api
