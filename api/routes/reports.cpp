// /api/v1/units/{id}/reports: the six-monthly and yearly report of a unit, as JSON, CSV or a
// printable HTML page with charts.
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/pages/report_page.h"
#include "api/routes/routes.h"
#include "api/views/report_views.h"

namespace ln::api {

void add_report_routes(Router& r, App& app) {
  r.add(
      "GET", "/api/v1/units/{id}/reports",
      [&app](Request& q) {
        auto period = q.query_value("period");
        if (!period) throw Invalid("period", "period is required (2026, 2026-H1 or 2026-H2).");
        std::string format = q.query_value("format").value_or("json");
        if (format != "json" && format != "csv" && format != "html")
          throw Invalid("format", "format is json, csv or html.");
        std::string lang = q.query_value("lang").value_or(PageWords::languages().front());
        if (!PageWords::speaks(lang)) throw Invalid("lang", "lang is vi or en.");
        auto report = app.reports.report(q.who(), q.param("id"), *period, format);
        if (format == "json") return Response::json(200, report_json(report));
        Response out;
        std::string name = "bao-cao-" + report.period.label;
        if (format == "csv") {
          out.content_type = "text/csv; charset=utf-8";
          out.body = report_csv(report);
          out.with_header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
        } else {
          out.content_type = "text/html; charset=utf-8";
          out.body = report_page(report_json(report), app.report_words.in(lang));
        }
        out.with_header("Cache-Control", "no-store");
        return out;
      },
      doc("The unit's report for ?period=2026 (yearly) or 2026-H1 / 2026-H2 (six-monthly): "
          "children consulted by age band and gender, consultations, submissions by outcome, "
          "Council sessions (with a warning under two a year), events, targets. "
          "?format=json (default), csv or html (printable, with charts; ?lang=vi (default) or en "
          "for its words). Groups under the minimum group size (`threshold`, never under 5) are "
          "hidden, with the counts that would give them away (null in JSON, `hidden` in CSV and "
          "on the page).",
          "reports", Permission::kReadReports)
          .reads({query("period", text().pattern("^[0-9]{4}(-H[12])?$"), "2026, 2026-H1 or 2026-H2",
                        true),
                  query("format", text().one_of({"json", "csv", "html"}), "default json"),
                  query("lang", text().one_of({"vi", "en"}), "words of the html page (default vi)")})
          .returns(report_schema())
          .returns(text().describe("UTF-8 CSV").schema(), "text/csv")
          .returns(text().describe("a printable page with charts").schema(), "text/html"));
}

}  // namespace ln::api
