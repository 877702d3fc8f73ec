// /api/v1/data-requests: children's and guardians' requests about their data (admins).
#include "api/fields.h"
#include "api/route_doc.h"
#include "api/routes.h"
#include "api/views.h"

namespace ln::api {

void add_data_request_routes(Router& r, App& app) {
  const auto handle = Permission::kHandleDataRequests;

  r.add(
      "GET", "/api/v1/data-requests",
      [&app](Request& q) {
        auto page = page_of(q);
        return Response::json(
            200, page_json(app.pupils.data_requests(page, q.query_value("status")), page, as_json));
      },
      doc("Data requests with status and due date (?status=open|acknowledged|done|refused).",
          "data rights", handle));

  for (const char* action : {"acknowledge", "complete", "refuse"}) {
    r.add(
        "POST", std::string("/api/v1/data-requests/{id}/") + action,
        [&app, action](Request& q) {
          std::string outcome;
          if (!q.body.empty())
            outcome = Fields(q, {"outcome"}).optional_text("outcome").value_or("");
          return Response::json(
              200, to_json(app.pupils.handle_request(q.who(), q.param("id"), action, outcome)));
        },
        doc(std::string("Mark a data request: ") + action +
                (std::string(action) == "complete" ? " (a deletion request deletes the pupil)."
                                                   : "."),
            "data rights", handle, object_schema({{"outcome", "string"}})));
  }
}

}  // namespace ln::api
