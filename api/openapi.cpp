#include "api/openapi.h"

#include <algorithm>

#include "api/route_doc.h"
#include "api/routes.h"
#include "langnghe_version.h"

namespace ln::api {
namespace {

nlohmann::json error_schema() {
  return nlohmann::json::parse(R"({
    "type": "object",
    "required": ["error"],
    "properties": {
      "error": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {
          "code": {"type": "string"},
          "message": {"type": "string"},
          "field": {"type": "string"},
          "problems": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {"field": {"type": "string"}, "message": {"type": "string"}}
            }
          }
        }
      }
    }
  })");
}

nlohmann::json error_response_ref(const std::string& description) {
  return {
      {"description", description},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

}  // namespace

nlohmann::json openapi_document(const Router& router) {
  nlohmann::json paths = nlohmann::json::object();
  for (const Route& route : router.routes()) {
    nlohmann::json op;
    op["summary"] = route.doc.summary;
    op["tags"] = {route.doc.tag};
    op["operationId"] = route.method + " " + route.pattern;
    nlohmann::json parameters = nlohmann::json::array();
    for (const auto& segment : route.segments) {
      if (segment.size() > 2 && segment.front() == '{')
        parameters.push_back({{"name", segment.substr(1, segment.size() - 2)},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}}}});
    }
    if (!parameters.empty()) op["parameters"] = parameters;
    if (route.doc.max_body) op["x-max-body"] = route.doc.max_body;
    if (route.takes_body()) {
      op["requestBody"] = {
          {"required", true},
          {"content", {{route.doc.body_type, {{"schema", route.doc.request_schema}}}}}};
    }
    nlohmann::json responses =
        route.doc.responses.is_object() ? route.doc.responses : nlohmann::json::object();
    if (route.takes_body()) {
      responses.emplace("400", error_response_ref("malformed body, invalid UTF-8 or a bad value"));
      responses.emplace("413", error_response_ref("body larger than the limit"));
      responses.emplace("415", error_response_ref("body not sent as " + route.doc.body_type));
    }
    if (route.doc.permission) {
      responses.emplace("401", error_response_ref("not signed in"));
      responses.emplace("403", error_response_ref("signed in, but not allowed"));
      nlohmann::json roles = nlohmann::json::array();
      for (Role role : roles_for(*route.doc.permission)) roles.push_back(to_string(role));
      op["x-roles"] = roles;
    }
    // Any route that touches the database, and any route while the instance drains.
    responses.emplace("503",
                      error_response_ref("the database cannot take this now (a full disk, a lost "
                                         "server), or the instance is stopping: send again after "
                                         "Retry-After seconds"));
    responses.emplace("500", error_response_ref("a bug"));
    op["responses"] = responses;
    if (route.doc.permission)
      op["security"] = {{{"bearer", nlohmann::json::array()}},
                        {{"cookie", nlohmann::json::array()}}};
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    paths[route.pattern][method] = op;
  }
  nlohmann::json schemes = {
      {"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
      {"cookie",
       {{"type", "apiKey"},
        {"in", "cookie"},
        {"name", "ln_session"},
        {"description", "Writes made with the cookie also need the X-CSRF-Token header."}}}};
  nlohmann::json info = {{"title", "Lắng Nghe API"},
                         {"version", kVersion},
                         {"description",
                          "Child participation and consultation: consultations, children's ideas, "
                          "moderation, Children's Councils and the tracking of official replies. "
                          "Before any operation, a request that is not well-formed HTTP/1.1 is "
                          "refused in the Error shape and its connection closed: 400 "
                          "(malformed_request: request line, headers, Content-Length or chunk "
                          "sizes), 413 (too_large: a declared body over the limit), 431 "
                          "(headers_too_large: over 32 KiB or 100 headers), 501 "
                          "(method_not_implemented, transfer_encoding_not_implemented). Query "
                          "values are percent-decoded and must be UTF-8 without NUL (400 "
                          "invalid_query or invalid_utf8)."}};
  return {{"openapi", "3.0.3"},
          {"info", info},
          {"paths", paths},
          {"components", {{"schemas", {{"Error", error_schema()}}}, {"securitySchemes", schemes}}}};
}

void add_openapi_routes(Router& router) {
  router.add(
      "GET", "/openapi.json",
      [&router](Request&) { return Response::json(200, openapi_document(router)); },
      doc("This document.", "operations", std::nullopt));
}

}  // namespace ln::api
