#pragma once
// The HTTP request and response as handlers see them. Only api/server.cpp knows Pistache;
// everything else in api/ works on these plain types, which keeps handlers testable.
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "consult/principal.h"

namespace ln::api {

struct Request {
  std::string method;  // upper case: GET, POST, …
  std::string path;    // without the query string
  std::string
      route;  // the matched route template, e.g. /api/v1/units/{id}; "static" or "unmatched"
  std::map<std::string, std::string> params;   // path parameters by name
  std::map<std::string, std::string> query;    // query parameters (last one wins)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string client_address;
  std::string request_id;
  std::optional<Principal> principal;  // set by the Dispatcher from a session token

  // The signed-in principal; the route's Permission guarantees one when it names any.
  const Principal& who() const { return principal.value(); }

  std::optional<std::string> header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
  }
  const std::string& param(const std::string& name) const { return params.at(name); }
  std::optional<std::string> query_value(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
  }
};

struct Response;
// Sends a response; called exactly once per request, from any thread.
using Reply = std::function<void(Response)>;
struct Deferred {
  std::function<void(Reply)> start;
};

struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(int status, const nlohmann::json& value) {
    Response r;
    r.status = status;
    r.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    return r;
  }
  static Response no_content() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
  }
  // A reply that comes later, from another thread (e.g. once an answer's batch is on disk): the
  // Dispatcher calls `start` with the Reply to call then. The worker thread does not wait.
  static Response later(std::function<void(Reply)> start) {
    Response r;
    r.deferred = std::make_shared<Deferred>(Deferred{std::move(start)});
    return r;
  }
  std::shared_ptr<const Deferred> deferred;

  Response& with_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

using Handler = std::function<Response(Request&)>;

}  // namespace ln::api
