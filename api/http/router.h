#pragma once
// Our own route table: Pistache's router races on unknown methods and throws on bad path values
// (see shared/PISTACHE.md), and we want the route template for logs, metrics and OpenAPI.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/http/http.h"
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
  // Media type → schema of the success body (declared beside its view); empty: not described.
  nlohmann::json success_content = nlohmann::json::object();
  std::vector<QueryDoc> query;
  std::optional<Permission> permission;  // none: anyone, signed in or not
  std::string body_type = "application/json";
  std::size_t max_body = 0;  // 0: the server's --max-body

  // The success body's schema in one media type (e.g. page_schema(unit_schema())); an operation
  // that answers in several (?format=csv) says so once per type.
  OperationDoc& returns(nlohmann::json schema, const std::string& type = "application/json") {
    success_content[type] = {{"schema", std::move(schema)}};
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
