// Routes that exist only when LANGNGHE_TEST_HOOKS=1, so the API tests can hold a request in
// flight (graceful shutdown) without racing. Never enabled by `make run`.
#include <chrono>
#include <thread>

#include "api/json_body.h"
#include "api/routes.h"
#include "consult/errors.h"

namespace ln::api {

void add_test_hook_routes(Router& router) {
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
      {"Test only: answers after a delay.", "test", nullptr, {{"200", {{"description", "ok"}}}}});

  router.add("POST", "/__test/echo",
             [](Request& request) {
               return Response::json(200, {{"echo", parse_json_object(request)}});
             },
             {"Test only: returns the JSON object it was sent.",
              "test",
              {{"type", "object"}},
              {{"200", {{"description", "the same object"}}}}});
}

}  // namespace ln::api
