// /healthz, /readyz and /metrics: what load balancers and Prometheus read.
#include "api/error_response.h"
#include "api/routes.h"
#include "consult/errors.h"

namespace ln::api {

void add_health_routes(Router& router, App& app) {
  router.add(
      "GET", "/healthz",
      [](Request&) {
        return Response::json(200, {{"status", "ok"}});
      },
      {"The process is alive.", "operations", nullptr, {{"200", {{"description", "alive"}}}}});

  router.add(
      "GET", "/readyz",
      [&app](Request&) {
        if (app.draining) return error_response(503, "draining", "This instance is shutting down.");
        try {
          app.storage.ping();
        } catch (const Unavailable& e) {
          return error_response(503, e.code(), e.what());
        }
        return Response::json(200, {{"status", "ready"}, {"database", app.storage.backend()}});
      },
      {"The database is reachable and the instance takes traffic.",
       "operations",
       nullptr,
       {{"200", {{"description", "ready"}}}, {"503", {{"description", "not ready"}}}}});

  router.add("GET", "/metrics",
             [&app](Request&) {
               Response r;
               r.content_type = "text/plain; version=0.0.4; charset=utf-8";
               r.body = app.metrics.render();
               return r;
             },
             {"Prometheus metrics.",
              "operations",
              nullptr,
              {{"200",
                {{"description", "Prometheus text format"},
                 {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}}}}});
}

}  // namespace ln::api
