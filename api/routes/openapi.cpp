#include "api/routes/openapi.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "api/http/route_doc.h"
#include "api/routes/routes.h"
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
      {"headers", {{"X-Request-Id", {{"$ref", "#/components/headers/X-Request-Id"}}}}},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

// An error status: the Error schema always, the route's words (when it has some) as description.
void declare_error(nlohmann::json& responses, int status, const std::string& description) {
  auto key = std::to_string(status);
  std::string words = description;
  if (responses.contains(key) && responses[key].contains("description"))
    words = responses[key]["description"].get<std::string>();
  responses[key] = error_response_ref(words);
  if (status == 429 || status == 503)
    responses[key]["headers"]["Retry-After"] = {{"$ref", "#/components/headers/Retry-After"}};
}

// GET /api/v1/units/{id}/merge → getUnitMerge: the verb, then each fixed segment after /api/v1 in
// camel case, a plural made singular before a {parameter}.
std::string operation_id(const Route& route) {
  std::string method = route.method;
  std::transform(method.begin(), method.end(), method.begin(), ::tolower);
  std::string id = method;
  std::vector<std::string> segments;
  for (const auto& s : route.segments) segments.push_back(s);
  std::size_t first = segments.size() >= 2 && segments[0] == "api" && segments[1] == "v1" ? 2 : 0;
  for (std::size_t i = first; i < segments.size(); ++i) {
    std::string word = segments[i];
    if (!word.empty() && word.front() == '{') continue;
    bool before_param = i + 1 < segments.size() && !segments[i + 1].empty() &&
                        segments[i + 1].front() == '{';
    if (before_param) {
      if (word.size() > 3 && word.compare(word.size() - 3, 3, "ies") == 0)
        word = word.substr(0, word.size() - 3) + "y";
      else if (word.size() > 4 && (word.compare(word.size() - 4, 4, "sses") == 0 ||
                                   word.compare(word.size() - 4, 4, "ches") == 0))
        word = word.substr(0, word.size() - 2);
      else if (word.size() > 1 && word.back() == 's')
        word.pop_back();
    }
    bool upper = true;
    for (char c : word) {
      if (!std::isalnum(static_cast<unsigned char>(c))) {
        upper = true;
        continue;
      }
      id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return id;
}

bool is_write(const std::string& method) { return method != "GET" && method != "HEAD"; }

}  // namespace

nlohmann::json openapi_document(const Router& router) {
  nlohmann::json paths = nlohmann::json::object();
  std::map<std::string, int> used_ids;
  for (const Route& route : router.routes()) {
    nlohmann::json op;
    op["summary"] = route.doc.summary;
    op["description"] = route.doc.description.empty() ? route.doc.summary : route.doc.description;
    op["tags"] = {route.doc.tag};
    std::string id = operation_id(route);
    if (int n = used_ids[id]++) id += std::to_string(n + 1);
    op["operationId"] = id;
    nlohmann::json parameters = nlohmann::json::array();
    for (const auto& segment : route.segments) {
      if (segment.size() > 2 && segment.front() == '{')
        parameters.push_back({{"name", segment.substr(1, segment.size() - 2)},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}, {"minLength", 1}}}});
    }
    for (const auto& q : route.doc.query) {
      nlohmann::json p = {{"name", q.name}, {"in", "query"}, {"schema", q.schema}};
      if (!q.description.empty()) p["description"] = q.description;
      if (q.required) p["required"] = true;
      parameters.push_back(p);
    }
    if (!parameters.empty()) op["parameters"] = parameters;
    if (route.doc.max_body) op["x-max-body"] = route.doc.max_body;
    if (route.takes_body()) {
      op["requestBody"] = {
          {"required", true},
          {"content", {{route.doc.body_type, {{"schema", route.doc.request_schema}}}}}};
    }
    nlohmann::json responses = nlohmann::json::object();
    int success_seen = 0;
    if (route.doc.responses.is_object())
      for (const auto& [status, r] : route.doc.responses.items()) {
        if (status[0] == '2' || status[0] == '3') {
          responses[status] = r;
          ++success_seen;
        }
      }
    std::string success = std::to_string(route.doc.success_status);
    if (!responses.contains(success)) responses[success] = {{"description", route.doc.summary}};
    for (auto& [status, r] : responses.items()) {
      r["headers"]["X-Request-Id"] = {{"$ref", "#/components/headers/X-Request-Id"}};
      if (status == success && status != "204" && !route.doc.success_content.empty())
        r["content"] = route.doc.success_content;
    }
    if (route.doc.responses.is_object())
      for (const auto& [status, r] : route.doc.responses.items())
        if (status[0] == '4' || status[0] == '5')
          declare_error(responses, std::stoi(status), r.value("description", "an error"));
    declare_error(responses, 400,
                  route.takes_body() ? "malformed body, invalid UTF-8 or a bad value"
                  : route.doc.query.empty()
                      ? "a query string that is not percent-encoded UTF-8"
                      : "a bad query parameter (the Error names it)");
    if (route.takes_body()) {
      declare_error(responses, 413, "body larger than the limit");
      declare_error(responses, 415, "body not sent as " + route.doc.body_type);
    }
    declare_error(responses, 401,
                  route.doc.permission
                      ? "not signed in, or the session has ended"
                      : "an Authorization header that is not `Bearer <token>`");
    if (route.doc.permission || is_write(route.method))
      declare_error(responses, 403,
                    route.doc.permission ? "signed in, but not allowed (or a cookie write "
                                           "without its X-CSRF-Token)"
                                         : "a write made with the session cookie but without its "
                                           "X-CSRF-Token");
    if (route.doc.permission) {
      nlohmann::json roles = nlohmann::json::array();
      for (Role role : roles_for(*route.doc.permission)) roles.push_back(to_string(role));
      op["x-roles"] = roles;
    }
    if (is_write(route.method))
      declare_error(responses, 429,
                    "too many changes in a short time from this account or address: send again "
                    "after Retry-After seconds");
    // Any route that touches the database, and any route while the instance drains.
    declare_error(responses, 503,
                  "the database cannot take this now (a full disk, a lost server), or the "
                  "instance is stopping: send again after Retry-After seconds");
    declare_error(responses, 500, "a bug");
    op["responses"] = responses;
    if (route.doc.permission)
      op["security"] = {{{"bearer", nlohmann::json::array()}},
                        {{"cookie", nlohmann::json::array()}}};
    else
      op["security"] = nlohmann::json::array();
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
  nlohmann::json headers = {
      {"X-Request-Id",
       {{"description", "The id of this request in the server's log (the client's own "
                        "X-Request-Id when it sent a usable one)."},
        {"schema", {{"type", "string"}}}}},
      {"Retry-After",
       {{"description", "Seconds to wait before sending again."},
        {"schema", {{"type", "integer"}, {"minimum", 0}}}}}};
  std::set<std::string> tag_names;
  for (const Route& route : router.routes()) tag_names.insert(route.doc.tag);
  nlohmann::json tags = nlohmann::json::array();
  for (const auto& name : tag_names)
    tags.push_back({{"name", name}, {"description", "Operations on " + name + "."}});
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
  info["license"] = {{"name", "UNLICENSED"}};
  info["contact"] = {{"name", "Lắng Nghe"}};
  return {{"openapi", "3.0.3"},
          {"info", info},
          {"servers", {{{"url", "/"}, {"description", "This server"}}}},
          {"security", {{{"bearer", nlohmann::json::array()}}, {{"cookie", nlohmann::json::array()}}}},
          {"tags", tags},
          {"paths", paths},
          {"components",
           {{"schemas", {{"Error", error_schema()}}},
            {"headers", headers},
            {"securitySchemes", schemes}}}};
}

void add_openapi_routes(Router& router) {
  router.add(
      "GET", "/openapi.json",
      [&router](Request&) { return Response::json(200, openapi_document(router)); },
      doc("This document.", "operations", std::nullopt)
          .returns({{"type", "object"},
                    {"required", {"openapi", "info", "paths"}},
                    {"properties",
                     {{"openapi", {{"type", "string"}}},
                      {"info", {{"type", "object"}}},
                      {"paths", {{"type", "object"}}}}},
                    {"description", "an OpenAPI 3.0.3 document"}}));
}

}  // namespace ln::api
