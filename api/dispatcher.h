#pragma once
// Everything every request goes through, in one place: request id, routing, 404/405, body limits,
// content type, the catch-all around handlers, security headers, metrics and the access log.
#include <cstddef>

#include "api/http.h"
#include "api/metrics.h"
#include "api/router.h"
#include "api/static_files.h"

namespace ln::api {

class Dispatcher {
 public:
  Dispatcher(const Router& router, const StaticFiles& files, Metrics& metrics, std::size_t max_body)
      : router_(router), files_(files), metrics_(metrics), max_body_(max_body) {}

  // Never throws: every failure becomes a response in the JSON error shape.
  Response dispatch(Request& request) const;

  std::size_t max_body() const { return max_body_; }

 private:
  Response route(Request& request) const;

  const Router& router_;
  const StaticFiles& files_;
  Metrics& metrics_;
  std::size_t max_body_;
};

// Headers every response carries (CSP, nosniff, no-referrer, no framing).
void add_security_headers(Response& response);

// An id safe to echo: the client's own when it is short and plain, or a fresh random one.
std::string request_id_for(const Request& request);

}  // namespace ln::api
