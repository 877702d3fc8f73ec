// /api/v1/data-requests: children's and guardians' requests about their data (admins).
#include "api/fields.h"
#include "api/route_doc.h"
#include "api/routes.h"
#include "api/views.h"

namespace ln::api {

namespace {

const Shape kOutcome{optional("outcome", text().max_length(1000).describe(
                                             "what was done (refusing needs 10 or more characters)"))};

}  // namespace

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
          "data rights", handle)
          .reads(page_query())
          .reads({query("status", text().one_of({"open", "acknowledged", "done", "refused"}),
                        "only requests in this status")})
          .returns(page_schema(data_request_schema())));

  for (const char* action : {"acknowledge", "complete", "refuse"}) {
    r.add(
        "POST", std::string("/api/v1/data-requests/{id}/") + action,
        [&app, action](Request& q) {
          std::string outcome;
          if (!q.body.empty())
            outcome = Fields(q, kOutcome).optional_text("outcome").value_or("");
          return Response::json(
              200, to_json(app.pupils.handle_request(q.who(), q.param("id"), action, outcome)));
        },
        doc(std::string("Mark a data request: ") + action +
                (std::string(action) == "complete" ? " (a deletion request deletes the pupil)."
                                                   : "."),
            "data rights", handle, kOutcome)
            .returns(data_request_schema())
            .fails(409, "not allowed from the request's status"));
  }
}

}  // namespace ln::api
