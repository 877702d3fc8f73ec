#pragma once
// How a unit's report and the participation targets look on the wire (hidden counts are null),
// and the report as CSV rows (hidden counts read "hidden"), with the schemas beside them.
#include <nlohmann/json.hpp>
#include <string>

#include "consult/reports.h"

namespace ln::api {

nlohmann::json report_json(const Report& report);
nlohmann::json report_schema();
// section, metric, group, value; a BOM first so that spreadsheets read Vietnamese as UTF-8.
std::string report_csv(const Report& report);

// A target with its progress as published: hidden counts are null, and so is the percent of a
// hidden total.
nlohmann::json target_json(const TargetProgress& p);
nlohmann::json targets_json(const std::vector<TargetProgress>& targets);
nlohmann::json targets_schema();

}  // namespace ln::api
