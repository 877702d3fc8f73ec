// /healthz, /readyz and /metrics: what load balancers and Prometheus read.
#include <string>
#include <utility>
#include <vector>

#include "api/http/error_response.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "base/errors.h"
#include "consult/operator_token.h"

namespace ln::api {
namespace {

// One metric family in Prometheus's text format: its HELP and TYPE lines, then one sample per
// labelled value (a label of "" writes the bare name).
std::string family(const std::string& name, const std::string& help, const std::string& type,
                   const std::string& label,
                   const std::vector<std::pair<std::string, long long>>& samples) {
  std::string out;
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
  for (const auto& [value, n] : samples) {
    out.append(name);
    if (!label.empty()) out.append("{").append(label).append("=\"").append(value).append("\"}");
    out.append(" ").append(std::to_string(n)).append("\n");
  }
  return out;
}

// Queue depth, oldest item and items late for their first review (or, for safeguarding, for
// their acknowledgement), for every queue of every unit.
std::string moderation_metrics(App& app) {
  const auto overview = app.moderation.overview();
  const auto now = app.clock.now();
  std::vector<std::pair<std::string, long long>> items, late, oldest;
  for (const auto& [queue, s] : overview) {
    long long age = 0;
    if (s.oldest_at) {
      if (auto t = parse_time(*s.oldest_at))
        age = std::chrono::duration_cast<std::chrono::seconds>(now - *t).count();
    }
    const std::string name(word(queue));
    items.emplace_back(name, s.items);
    late.emplace_back(name, s.late);
    oldest.emplace_back(name, age);
  }
  return family("langnghe_moderation_queue_items", "Children's texts waiting in a moderation queue.",
                "gauge", "queue", items) +
         family("langnghe_moderation_queue_late_items",
                "Waiting texts past their first-review (or acknowledgement) deadline.", "gauge",
                "queue", late) +
         family("langnghe_moderation_queue_oldest_seconds", "Age of the oldest waiting text.",
                "gauge", "queue", oldest);
}

// Wrong guesses and guesses refused (429) per credential space, every space listed from zero.
std::string guess_metrics(App& app) {
  auto counts = app.guess_counts.snapshot();
  const auto& s = app.settings;
  for (const auto* limit : {&s.sign_in_code_limit, &s.short_sign_in_code_limit, &s.join_code_limit,
                            &s.guardian_code_limit, &s.password_limit, &s.password_spray_limit,
                            &operator_token_limit()})
    counts.try_emplace(limit->space);
  std::vector<std::pair<std::string, long long>> failed, refused;
  for (const auto& [space, c] : counts) {
    failed.emplace_back(space, static_cast<long long>(c.failed));
    refused.emplace_back(space, static_cast<long long>(c.refused));
  }
  return family("langnghe_credential_guesses_failed_total",
                "Wrong guesses of a credential (sign-in, class and guardian codes, passwords).",
                "counter", "credential", failed) +
         family("langnghe_credential_guesses_refused_total",
                "Guesses refused (429) before they were checked, by the guess limits.", "counter",
                "credential", refused);
}

// Only an operator reads /metrics: it shows, among others, when a text was just routed to
// safeguarding. Nobody reads it without a --metrics-token; with one, only its exact Bearer token
// (a signed-in session is not an operator).
void require_operator(App& app, const Request& q) {
  auto header = q.header("authorization").value_or("");
  const std::string scheme = "Bearer ";
  const char* refused = "Metrics are for operators: send the metrics token as a Bearer token.";
  if (app.options.metrics_token.empty() || header.rfind(scheme, 0) != 0)
    throw Unauthorized(refused);
  Throttle throttle(app.storage.accounts(), app.clock, &app.guess_counts);
  if (!operator_token_accepted(throttle, app.options.metrics_token, header.substr(scheme.size()),
                               q.client_address))
    throw Unauthorized(refused);
}

// Whether the database takes writes, and how many connections were tried (bounded while the
// database is down: the pool waits longer between tries, up to a cap).
std::string database_metrics(App& app) {
  auto figures = app.storage.figures();
  return family("langnghe_database_connection_attempts_total",
                "Connections to the database opened or tried.", "counter", "",
                {{"", static_cast<long long>(figures.connection_attempts)}}) +
         family("langnghe_database_writes_failing",
                "1 while writes fail for storage reasons (a full disk, a lost database server).",
                "gauge", "", {{"", figures.writes_failing ? 1 : 0}});
}

}  // namespace

void add_health_routes(Router& router, App& app) {
  router.add(
      "GET", "/healthz",
      [](Request&) {
        return Response::json(200, {{"status", "ok"}});
      },
      doc("The process is alive.", "operations", std::nullopt)
          .returns(Shape{required("status", text().one_of({"ok"}))}.schema()));

  router.add(
      "GET", "/readyz",
      [&app](Request&) {
        if (app.draining)
          return error_response(503, "draining", "This instance is shutting down.")
              .with_header("Retry-After", "1");
        try {
          app.storage.ping();
        } catch (const Unavailable& e) {
          return error_response(503, e.code(), e.what())
              .with_header("Retry-After", std::to_string(e.retry_after().count()));
        }
        return Response::json(200, {{"status", "ready"}, {"database", app.storage.backend()}});
      },
      doc("The database is reachable and takes writes, and the instance takes traffic (503 while "
          "draining or while writes fail).",
          "operations", std::nullopt)
          .returns(Shape{required("status", text().one_of({"ready"})),
                         required("database", text().one_of({"sqlite", "postgresql"}))}
                       .schema()));

  router.add(
      "GET", "/metrics",
      [&app](Request& q) {
        require_operator(app, q);
        Response r;
        r.content_type = "text/plain; version=0.0.4; charset=utf-8";
        r.body = app.metrics.render() + moderation_metrics(app) + guess_metrics(app) +
                 database_metrics(app);
        return r;
      },
      [] {
        auto d = doc("Prometheus metrics, for operators only (Bearer metrics token).", "operations",
                     std::nullopt);
        d.returns(text().describe("Prometheus text exposition format 0.0.4").schema(),
                  "text/plain");
        d.responses["401"] = {
            {"description", "no or wrong metrics token, or none configured (--metrics-token)"}};
        d.responses["429"] = {{"description",
                               "too many wrong metrics tokens from this address: wait Retry-After "
                               "seconds"}};
        return d;
      }());
}

}  // namespace ln::api
