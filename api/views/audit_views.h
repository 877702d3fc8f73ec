#pragma once
// How audit entries look on the wire (GET /api/v1/audit): the details as the named values the
// action recorded, a JSON object with its names in sorted order.
#include <nlohmann/json.hpp>

#include "consult/records.h"

namespace ln::api {

nlohmann::json audit_details_json(const AuditDetails& details);
nlohmann::json audit_entry_json(const AuditEntry& e);
nlohmann::json audit_entry_schema();

}  // namespace ln::api
