#pragma once
// Everything every request goes through, in one place: request id, routing, 404/405, body limits,
// content type, the catch-all around handlers, security headers, metrics and the access log.
#include <chrono>
#include <cstddef>
#include <functional>

#include "api/http/http.h"
#include "api/http/metrics.h"
#include "api/http/router.h"
#include "api/http/static_files.h"
#include "base/write_limits.h"

namespace ln::api {

// Finds the principal behind a session token (nullopt for unknown, expired or revoked tokens).
using Authenticator = std::function<std::optional<Principal>(const std::string& token)>;

class Dispatcher {
 public:
  Dispatcher(const Router& router, const StaticFiles& files, Metrics& metrics, std::size_t max_body,
             Authenticator authenticate = nullptr)
      : router_(router),
        files_(files),
        metrics_(metrics),
        max_body_(max_body),
        authenticate_(std::move(authenticate)) {}

  // Never throws: every failure becomes a response in the JSON error shape. `reply` is called
  // exactly once: before dispatch returns, or later from another thread for deferred responses
  // (Response::later); security headers, request id, metrics and the access log apply to both.
  void dispatch(Request& request, Reply reply) const;
  // The same, waiting for a deferred reply (for tests and tools).
  Response dispatch(Request& request) const;

  // A request refused before it could be routed (malformed HTTP, a timeout): `response` gets
  // what every response gets — security headers, a request id, metrics (route "refused") and
  // the access log line. `method` is "" when none was read.
  Response refused(const std::string& method, Response response) const;

  std::size_t max_body() const { return max_body_; }

  // Addresses of reverse proxies (nginx) whose X-Real-IP header names the real client, so
  // per-address limits count clients, not the proxy.
  void trust_proxies(std::vector<std::string> addresses) {
    trusted_proxies_ = std::move(addresses);
  }

  // Counts every write (POST, PUT, PATCH, DELETE) against the signer's and the address's limit.
  void limit_writes(WriteLimits* limits) { write_limits_ = limits; }

 private:
  Response route(Request& request) const;
  struct Finished {
    std::string method, route, request_id;
    std::chrono::steady_clock::time_point started;
  };
  void finish(const Finished& request, Response& response) const;
  // Bearer header or session cookie → principal; cookie writes must carry the CSRF token. An
  // unknown token is a 401 where the route needs someone (`required`), and ignored elsewhere.
  void sign_in(Request& request, bool required) const;

  const Router& router_;
  const StaticFiles& files_;
  Metrics& metrics_;
  std::size_t max_body_;
  Authenticator authenticate_;
  std::vector<std::string> trusted_proxies_;
  WriteLimits* write_limits_ = nullptr;
};

// The value of one cookie in a Cookie header, or "".
std::string cookie_value(const std::string& header, const std::string& name);

// Headers every response carries (CSP, nosniff, no-referrer, no framing).
void add_security_headers(Response& response);

// An id safe to echo: the client's own when it is short and plain, or a fresh random one.
std::string request_id_for(const Request& request);

}  // namespace ln::api
