#pragma once
// A unit's report as a printable HTML page: every figure in a table, and beside each table a
// <canvas> that web/report.js fills with a chart (Chart.js from /vendor) from the report's data
// block. The CSP allows no inline script or style, so the data rides in a
// <script type="application/json"> block (never executed) and the page script reads it; the
// words (labels, captions, table headers, the charts' labels) are the report.* words of one
// language (api/pages/page_words.h), and <html lang> says which.
#include <nlohmann/json.hpp>
#include <string>
#include "api/pages/html.h"
#include "api/pages/page_words.h"

namespace ln::api {

std::string report_page(const nlohmann::json& report, const Words& words);

}  // namespace ln::api
