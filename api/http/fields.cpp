#include "api/http/fields.h"

#include <algorithm>

#include "api/http/json_body.h"
#include "base/errors.h"
#include "base/validate.h"

namespace ln::api {

Fields::Fields(const Request& request, std::initializer_list<const char*> allowed)
    : body_(parse_json_object(request)) {
  for (const auto& [key, v] : body_.items()) {
    bool known = std::any_of(allowed.begin(), allowed.end(),
                             [&name = key](const char* a) { return name == a; });
    if (!known) throw Invalid(key.size() > 60 ? key.substr(0, 60) : key, "Unknown field.");
  }
}

Fields::Fields(const Request& request, const Shape& shape) : body_(parse_json_object(request)) {
  shape.check(body_);
}

const nlohmann::json* Fields::value(const char* name) const {
  auto it = body_.find(name);
  if (it == body_.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string Fields::text(const char* name) const {
  auto v = optional_text(name);
  if (!v) throw Invalid(name, std::string(name) + " is required.");
  return *v;
}

std::optional<std::string> Fields::optional_text(const char* name) const {
  const auto* v = value(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) throw Invalid(name, std::string(name) + " must be a string.");
  const auto& s = v->get_ref<const std::string&>();
  if (s.find('\0') != std::string::npos)
    throw Invalid(name, std::string(name) + " must not contain NUL.");
  return s;
}

int Fields::integer(const char* name) const {
  auto v = optional_integer(name);
  if (!v) throw Invalid(name, std::string(name) + " is required.");
  return *v;
}

std::optional<int> Fields::optional_integer(const char* name) const {
  const auto* v = value(name);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) throw Invalid(name, std::string(name) + " must be a whole number.");
  auto n = v->get<long long>();
  if (n < -1000000000LL || n > 1000000000LL)
    throw Invalid(name, std::string(name) + " is out of range.");
  return static_cast<int>(n);
}

std::optional<bool> Fields::optional_boolean(const char* name) const {
  const auto* v = value(name);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) throw Invalid(name, std::string(name) + " must be true or false.");
  return v->get<bool>();
}

std::optional<std::vector<std::string>> Fields::optional_texts(const char* name) const {
  const auto* v = value(name);
  if (!v) return std::nullopt;
  if (!v->is_array() || v->size() > 500)
    throw Invalid(name, std::string(name) + " must be a list of strings.");
  std::vector<std::string> out;
  for (const auto& item : *v) {
    if (!item.is_string() || char_count(item.get_ref<const std::string&>()) > 200)
      throw Invalid(name, std::string(name) + " must be a list of strings.");
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<nlohmann::json> Fields::optional_json(const char* name) const {
  const auto* v = value(name);
  if (!v) return std::nullopt;
  return *v;
}

NamePatch name_patch(const Fields& f) {
  return {f.optional_text("name"), f.optional_text("code"), f.optional_boolean("retired")};
}

Shape name_patch_shape(int name_max) {
  return {optional("name", text().length(1, name_max)),
          optional("code", text().max_length(40).pattern("^[A-Za-z0-9._/-]*$").describe(
                               "letters, digits, '-', '_', '.' or '/'; empty removes the code")),
          optional("retired", boolean().describe("true retires it, false restores it"))};
}

nlohmann::json import_result_schema() {
  return Shape{required("imported", integer().range(0, 1000000000)),
               required("ids", list_of(id()))}
      .schema();
}

int query_integer(const Request& request, const char* name, int fallback, int min, int max) {
  auto value = request.query_value(name);
  if (!value) return fallback;
  bool digits =
      !value->empty() && value->size() <= 9 && std::all_of(value->begin(), value->end(), ::isdigit);
  int n = digits ? std::stoi(*value) : min - 1;
  if (n < min || n > max)
    throw Invalid(name, std::string(name) + " must be a whole number from " + std::to_string(min) +
                            " to " + std::to_string(max) + ".");
  return n;
}

Page page_of(const Request& request) {
  Page page;
  if (auto after = request.query_value("after")) {
    if (after->size() > 100) throw Invalid("after", "after is not a cursor from this list.");
    page.after = *after;
  }
  if (auto limit = request.query_value("limit")) {
    bool digits = !limit->empty() && limit->size() <= 3 &&
                  std::all_of(limit->begin(), limit->end(), ::isdigit);
    int n = digits ? std::stoi(*limit) : 0;
    if (n < 1 || n > 200) throw Invalid("limit", "limit must be between 1 and 200.");
    page.limit = n;
  }
  return page;
}

}  // namespace ln::api
