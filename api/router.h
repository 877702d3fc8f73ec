#pragma once
// Our own route table: Pistache's router races on unknown methods and throws on bad path values
// (see shared/PISTACHE.md), and we want the route template for logs, metrics and OpenAPI.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/http.h"
#include "consult/policy.h"

namespace ln::api {

// One query parameter the handler reads: its name, the JSON Schema of its value, what it does.
struct QueryDoc {
  std::string name;
  nlohmann::json schema;
  std::string description;
  bool required = false;
};

// What the OpenAPI document says about one operation.
struct OperationDoc {
  std::string summary;
  std::string description;  // more than the summary, when there is more to say
  std::string tag;
  nlohmann::json request_schema;  // null when the operation takes no JSON body
  nlohmann::json responses;       // {"200": {...}, …}; filled with the error responses by default
  int success_status = 200;
  nlohmann::json success_schema;  // the success body's schema (declared beside its view); null:
                                  // not described yet, or no body
  std::string success_type = "application/json";
  std::vector<QueryDoc> query;
  std::optional<Permission> permission;  // none: anyone, signed in or not
  std::string body_type = "application/json";
  std::size_t max_body = 0;  // 0: the server's --max-body

  // The success body's schema and media type (e.g. page_schema(unit_schema())).
  OperationDoc& returns(nlohmann::json schema, std::string type = "application/json") {
    success_schema = std::move(schema);
    success_type = std::move(type);
    return *this;
  }
  // The query parameters the handler reads (a bad value is a 400).
  OperationDoc& reads(std::vector<QueryDoc> params) {
    query.insert(query.end(), params.begin(), params.end());
    return *this;
  }
  // Error statuses this operation sends besides the common ones, each in the Error shape.
  OperationDoc& fails(int status, std::string description) {
    responses[std::to_string(status)] = {{"description", std::move(description)}};
    return *this;
  }
  OperationDoc& explain(std::string text) {
    description = std::move(text);
    return *this;
  }
};

struct Route {
  std::string method;
  std::string pattern;  // /api/v1/units/{id}
  std::vector<std::string> segments;
  Handler handler;
  OperationDoc doc;
  bool takes_body() const { return !doc.request_schema.is_null(); }
};

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler, OperationDoc doc);

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed;  // methods allowed on this path, when the method is not
  };
  Match match(const std::string& method, const std::string& path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace ln::api
