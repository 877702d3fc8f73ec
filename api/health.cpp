// /healthz, /readyz and /metrics: what load balancers and Prometheus read.
#include "api/error_response.h"
#include "api/route_doc.h"
#include "api/routes.h"
#include "consult/errors.h"

namespace ln::api {

void add_health_routes(Router& router, App& app) {
  router.add(
      "GET", "/healthz",
      [](Request&) {
        return Response::json(200, {{"status", "ok"}});
      },
      doc("The process is alive.", "operations", std::nullopt));

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
      doc("The database is reachable and the instance takes traffic (503 while draining).",
          "operations", std::nullopt));

  router.add(
      "GET", "/metrics",
      [&app](Request&) {
        Response r;
        r.content_type = "text/plain; version=0.0.4; charset=utf-8";
        r.body = app.metrics.render();
        return r;
      },
      doc("Prometheus metrics.", "operations", std::nullopt));
}

}  // namespace ln::api
