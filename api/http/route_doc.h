#pragma once
// Short ways to write a route's OpenAPI description next to its handler.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/http/router.h"
#include "api/http/shape.h"

namespace ln::api {

inline OperationDoc doc(std::string summary, std::string tag, std::optional<Permission> permission,
                        nlohmann::json request_schema = nullptr, int status = 200) {
  OperationDoc d;
  d.summary = std::move(summary);
  d.tag = std::move(tag);
  d.permission = permission;
  d.request_schema = std::move(request_schema);
  d.success_status = status;
  d.responses = {{std::to_string(status), {{"description", d.summary}}}};
  if (d.permission || !d.request_schema.is_null())
    d.responses["404"] = {{"description", "unknown id"}};
  return d;
}

// The same, with the request body declared once (shape.h) for both the check and the schema.
inline OperationDoc doc(std::string summary, std::string tag, std::optional<Permission> permission,
                        const Shape& request, int status = 200) {
  return doc(std::move(summary), std::move(tag), permission, request.schema(), status);
}

// A query parameter: its value's declaration (shape.h) and what it does.
inline QueryDoc query(std::string name, const Value& value, std::string description,
                      bool required = false) {
  return {std::move(name), value.schema(), std::move(description), required};
}
// ?after=&limit= of a paged list (page_of, fields.h).
inline std::vector<QueryDoc> page_query() {
  return {query("after", text().max_length(100), "the `next` of the previous page"),
          query("limit", integer().range(1, 200), "items per page (default 50)")};
}

inline OperationDoc csv_doc(std::string summary, std::string tag, Permission permission) {
  OperationDoc d = doc(std::move(summary), std::move(tag), permission, {{"type", "string"}}, 201);
  d.body_type = "text/csv";
  d.max_body = 4 * 1024 * 1024;
  d.responses["422"] = {{"description", "rows that cannot be imported, each with its line"}};
  return d;
}

}  // namespace ln::api
