#pragma once
// Reading typed fields from a request's JSON object and query string. Wrong types, missing
// fields and unknown fields are a 400 naming the field.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/http/http.h"
#include "api/http/shape.h"
#include "base/errors.h"
#include "consult/organisation.h"
#include "consult/records.h"

namespace ln::api {

class Fields {
 public:
  // Parses the body (see json_body.h) and refuses any field not in `allowed`.
  Fields(const Request& request, std::initializer_list<const char*> allowed);
  // Parses the body and checks it against its declaration (shape.h): unknown fields, types,
  // lengths, ranges, enums and patterns.
  Fields(const Request& request, const Shape& shape);

  std::string text(const char* name) const;  // required string
  std::optional<std::string> optional_text(const char* name) const;
  int integer(const char* name) const;
  std::optional<int> optional_integer(const char* name) const;
  std::optional<bool> optional_boolean(const char* name) const;
  std::optional<std::vector<std::string>> optional_texts(const char* name) const;
  std::optional<nlohmann::json> optional_json(const char* name) const;
  bool has(const char* name) const { return body_.contains(name); }

 private:
  const nlohmann::json* value(const char* name) const;
  nlohmann::json body_;
};

// {"name", "code", "retired"} of a PATCH (an empty code removes it), and its declaration.
NamePatch name_patch(const Fields& fields);
Shape name_patch_shape(int name_max = 200);
// {"imported": n, "ids": [...]} of a CSV import.
nlohmann::json import_result_schema();

// ?after=…&limit=… (limit 1–200, default 50).
Page page_of(const Request& request);
// A whole-number query parameter within [min, max]; `fallback` when absent (400 otherwise).
int query_integer(const Request& request, const char* name, int fallback, int min, int max);
// {"items": [...], "next": "<after for the next page>" | null}
template <typename T, typename ToJson>
nlohmann::json page_json(const std::vector<T>& items, const Page& page, ToJson to_json) {
  nlohmann::json out = {{"items", nlohmann::json::array()}, {"next", nullptr}};
  for (const auto& item : items) out["items"].push_back(to_json(item));
  if (static_cast<int>(items.size()) == page.limit && !items.empty()) out["next"] = items.back().id;
  return out;
}

}  // namespace ln::api
