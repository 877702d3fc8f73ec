// /api/v1/data-requests: children's and guardians' requests about their data (admins).
#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "api/views/views.h"

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
        std::optional<DataRequestStatus> status;
        if (auto text = q.query_value("status")) {
          status = data_request_status(*text);
          if (!status)
            throw Invalid("status", "status must be open, acknowledged, done or refused.");
        }
        return Response::json(200,
                              page_json(app.pupils.data_requests(page, status), page, as_json));
      },
      doc("Data requests with status and due date (?status=open|acknowledged|done|refused).",
          "data rights", handle)
          .reads(page_query())
          .reads({query("status", word_of(kDataRequestStatuses), "only requests in this status")})
          .returns(page_schema(data_request_schema())));

  for (DataRequestAction action : {DataRequestAction::kAcknowledge, DataRequestAction::kComplete,
                                   DataRequestAction::kRefuse}) {
    r.add(
        "POST", "/api/v1/data-requests/{id}/" + std::string(word(action)),
        [&app, action](Request& q) {
          std::string outcome;
          if (!q.body.empty())
            outcome = Fields(q, kOutcome).optional_text("outcome").value_or("");
          return Response::json(
              200, to_json(app.pupils.handle_request(q.who(), q.param("id"), action, outcome)));
        },
        doc("Mark a data request: " + std::string(word(action)) +
                (action == DataRequestAction::kComplete ? " (a deletion request deletes the pupil)."
                                                        : "."),
            "data rights", handle, kOutcome)
            .returns(data_request_schema())
            .fails(409, "not allowed from the request's status"));
  }
}

}  // namespace ln::api
