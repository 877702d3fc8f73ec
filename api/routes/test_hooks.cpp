// Routes that exist only when LANGNGHE_TEST_HOOKS=1, so the API tests can hold a request in
// flight (graceful shutdown) without racing. Never enabled by `make run`.
#include <chrono>
#include <thread>

#include "api/http/json_body.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "api/scheduled_jobs.h"
#include "base/errors.h"

namespace ln::api {

void add_test_hook_routes(Router& router, App& app) {
  router.add(
      "GET", "/__test/sleep",
      [](Request& request) {
        int ms = 0;
        try {
          ms = std::stoi(request.query_value("ms").value_or("0"));
        } catch (const std::exception&) {
          throw Invalid("ms", "ms must be a whole number of milliseconds.");
        }
        if (ms < 0 || ms > 30000) throw Invalid("ms", "ms must be between 0 and 30000.");
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
        return Response::json(200, {{"slept_ms", ms}});
      },
      doc("Test only: answers after a delay.", "test", std::nullopt));

  router.add(
      "POST", "/__test/echo",
      [](Request& request) {
        return Response::json(200, {{"echo", parse_json_object(request)}});
      },
      doc("Test only: returns the JSON object it was sent.", "test", std::nullopt,
          {{"type", "object"}}));

  router.add(
      "POST", "/__test/clock",
      [&app](Request& request) {
        auto body = parse_json_object(request);
        if (!body.contains("advance_seconds") || !body["advance_seconds"].is_number_integer())
          throw Invalid("advance_seconds", "advance_seconds must be a whole number.");
        app.clock.advance(std::chrono::seconds(body["advance_seconds"].get<long long>()));
        return Response::json(200, {{"now", app.clock.now_text()}});
      },
      doc("Test only: moves the server's clock forward.", "test", std::nullopt,
          {{"type", "object"}}));

  router.add(
      "POST", "/__test/jobs/run",
      [&app](Request&) { return Response::json(200, run_scheduled_jobs(app)); },
      doc("Test only: runs the scheduled jobs now.", "test", std::nullopt));
}

}  // namespace ln::api
