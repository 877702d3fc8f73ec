#pragma once
// Our own route table: Pistache's router races on unknown methods and throws on bad path values
// (see shared/PISTACHE.md), and we want the route template for logs, metrics and OpenAPI.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/http.h"
#include "consult/policy.h"

namespace ln::api {

// What the OpenAPI document says about one operation.
struct OperationDoc {
  std::string summary;
  std::string tag;
  nlohmann::json request_schema;  // null when the operation takes no JSON body
  nlohmann::json responses;       // {"200": {...}, …}; filled with the error responses by default
  std::optional<Permission> permission;  // none: anyone, signed in or not
  std::string body_type = "application/json";
  std::size_t max_body = 0;  // 0: the server's --max-body
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
