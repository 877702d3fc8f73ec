#include "api/http/shape.h"

#include <algorithm>
#include <regex>

#include "base/errors.h"
#include "base/validate.h"

namespace ln::api {
namespace {

bool has_type(const nlohmann::json& schema, const char* type) {
  return schema.value("type", "") == type;
}

std::string list_words(const nlohmann::json& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += i + 1 == values.size() ? " or " : ", ";
    out += values[i].get<std::string>();
  }
  return out;
}

// The properties of an object schema: unknown keys (when additionalProperties is false),
// required ones, and each value.
void check_fields(const nlohmann::json& schema, const nlohmann::json& body,
                  const std::string& prefix) {
  const auto& properties = schema["properties"];
  if (schema.value("additionalProperties", nlohmann::json(true)) == false)
    for (const auto& [key, v] : body.items())
      if (!properties.contains(key)) {
        std::string field = prefix + key;
        throw Invalid(field.size() > 60 ? field.substr(0, 60) : field, "Unknown field.");
      }
  for (const auto& [name, value_schema] : properties.items()) {
    auto it = body.find(name);
    std::string field = prefix + name;
    bool needed = schema.contains("required") &&
                  std::find(schema["required"].begin(), schema["required"].end(), name) !=
                      schema["required"].end();
    if (it == body.end() || it->is_null()) {
      if (needed) throw Invalid(field, field + " is required.");
      continue;
    }
    Value(value_schema).check(field, *it);
  }
}

}  // namespace

Value Value::length(int min, int max) && {
  schema_["minLength"] = min;
  schema_["maxLength"] = max;
  return std::move(*this);
}

Value Value::max_length(int max) && {
  schema_["maxLength"] = max;
  return std::move(*this);
}

Value Value::range(long long min, long long max) && {
  schema_["minimum"] = min;
  schema_["maximum"] = max;
  return std::move(*this);
}

Value Value::one_of(std::initializer_list<const char*> values) && {
  schema_["enum"] = nlohmann::json::array();
  for (const char* v : values) schema_["enum"].push_back(v);
  return std::move(*this);
}

Value Value::pattern(const char* regex) && {
  schema_["pattern"] = regex;
  return std::move(*this);
}

Value Value::format(const char* name) && {
  schema_["format"] = name;
  return std::move(*this);
}

Value Value::count(int min, int max) && {
  schema_["minItems"] = min;
  schema_["maxItems"] = max;
  return std::move(*this);
}

Value Value::or_null() && {
  schema_["nullable"] = true;
  if (schema_.contains("enum")) schema_["enum"].push_back(nullptr);
  return std::move(*this);
}

Value Value::describe(const std::string& text) && {
  schema_["description"] = text;
  return std::move(*this);
}

void Value::check(const std::string& field, const nlohmann::json& v) const {
  const auto& s = schema_;
  if (v.is_null()) {
    if (s.value("nullable", false) || s.empty()) return;
    throw Invalid(field, field + " is required.");
  }
  if (has_type(s, "string")) {
    if (!v.is_string()) throw Invalid(field, field + " must be a string.");
    const auto& str = v.get_ref<const std::string&>();
    if (str.find('\0') != std::string::npos)
      throw Invalid(field, field + " must not contain NUL.");
    auto n = char_count(str);
    if (s.contains("minLength") && n < s["minLength"].get<std::size_t>())
      throw Invalid(field, n == 0 ? field + " is required." : field + " is too short.");
    if (s.contains("maxLength") && n > s["maxLength"].get<std::size_t>())
      throw Invalid(field, field + " is longer than " + s["maxLength"].dump() + " characters.");
    if (s.contains("pattern") &&
        !std::regex_search(str, std::regex(s["pattern"].get<std::string>())))
      throw Invalid(field, field + " is not written as expected" +
                               (s.contains("description")
                                    ? " (" + s["description"].get<std::string>() + ")."
                                    : "."));
  } else if (has_type(s, "integer")) {
    if (!v.is_number_integer()) throw Invalid(field, field + " must be a whole number.");
    if (s.contains("minimum") &&
        (v.is_number_unsigned() ? false : v.get<long long>() < s["minimum"].get<long long>()))
      throw Invalid(field, field + " must be a whole number from " + s["minimum"].dump() + " to " +
                               s.value("maximum", nlohmann::json("any")).dump() + ".");
    if (s.contains("maximum") &&
        (v.is_number_unsigned() ? v.get<unsigned long long>() >
                                      static_cast<unsigned long long>(std::max<long long>(
                                          0, s["maximum"].get<long long>()))
                                : v.get<long long>() > s["maximum"].get<long long>()))
      throw Invalid(field, field + " must be a whole number from " +
                               s.value("minimum", nlohmann::json("any")).dump() + " to " +
                               s["maximum"].dump() + ".");
  } else if (has_type(s, "number")) {
    if (!v.is_number()) throw Invalid(field, field + " must be a number.");
  } else if (has_type(s, "boolean")) {
    if (!v.is_boolean()) throw Invalid(field, field + " must be true or false.");
  } else if (has_type(s, "array")) {
    if (!v.is_array()) throw Invalid(field, field + " must be a list.");
    if (s.contains("minItems") && v.size() < s["minItems"].get<std::size_t>())
      throw Invalid(field, field + " needs at least " + s["minItems"].dump() + " items.");
    if (s.contains("maxItems") && v.size() > s["maxItems"].get<std::size_t>())
      throw Invalid(field, field + " may have at most " + s["maxItems"].dump() + " items.");
    // A list of plain values names the list (as the domain does); a list of objects or lists
    // names the item ("agenda[2].kind").
    Value items(s.value("items", nlohmann::json::object()));
    bool structured = has_type(items.schema(), "object") || has_type(items.schema(), "array");
    for (std::size_t i = 0; i < v.size(); ++i)
      items.check(structured ? field + "[" + std::to_string(i) + "]" : field, v[i]);
  } else if (has_type(s, "object")) {
    if (!v.is_object()) throw Invalid(field, field + " must be an object.");
    if (s.contains("properties")) check_fields(s, v, field + ".");
    if (s.contains("additionalProperties") && s["additionalProperties"].is_object()) {
      Value values(s["additionalProperties"]);
      for (const auto& [key, item] : v.items()) values.check(field + "." + key, item);
    }
  }
  if (s.contains("enum") && std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end()) {
    nlohmann::json words = nlohmann::json::array();
    for (const auto& e : s["enum"])
      if (e.is_string()) words.push_back(e);
    throw Invalid(field, field + " must be " + list_words(words) + ".");
  }
}

Value text() { return Value(nlohmann::json{{"type", "string"}}); }
Value integer() { return Value(nlohmann::json{{"type", "integer"}}); }
Value boolean() { return Value(nlohmann::json{{"type", "boolean"}}); }
Value number() { return Value(nlohmann::json{{"type", "number"}}); }
Value list_of(Value items) { return Value(nlohmann::json{{"type", "array"}, {"items", items.schema()}}); }
Value map_of(Value values) {
  return Value(nlohmann::json{{"type", "object"}, {"additionalProperties", values.schema()}});
}
Value any() { return Value(nlohmann::json::object()); }
Value object_of(const Shape& shape) { return Value(shape.schema()); }
Value id() { return text().length(1, 100); }
Value code() {
  return text().length(1, 40).pattern("^[A-Za-z0-9._/-]+$").describe(
      "letters, digits, '-', '_', '.' or '/'");
}
Value date() { return text().format("date").pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"); }
Value timestamp() { return text().format("date-time"); }

Shape Shape::with(std::initializer_list<Field> more) const {
  Shape out = *this;
  out.fields_.insert(out.fields_.end(), more.begin(), more.end());
  return out;
}

Shape Shape::requiring(std::initializer_list<const char*> names) const {
  Shape out = *this;
  for (auto& f : out.fields_)
    for (const char* name : names)
      if (f.name == name) f.required = true;
  return out;
}

bool Shape::allows(const std::string& name) const {
  return std::any_of(fields_.begin(), fields_.end(),
                     [&name](const Field& f) { return f.name == name; });
}

nlohmann::json Shape::schema() const {
  nlohmann::json properties = nlohmann::json::object();
  nlohmann::json required = nlohmann::json::array();
  for (const auto& f : fields_) {
    properties[f.name] = f.value.schema();
    if (f.required) required.push_back(f.name);
  }
  nlohmann::json schema = {
      {"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
  if (!required.empty()) schema["required"] = required;
  return schema;
}

void Shape::check(const nlohmann::json& body, const std::string& prefix) const {
  if (!body.is_object()) throw Invalid("body", "The body must be a JSON object.");
  check_fields(schema(), body, prefix);
}

nlohmann::json page_schema(const nlohmann::json& item) {
  return Shape{required("items", list_of(Value(item))),
               required("next", text().or_null().describe(
                                    "?after= for the next page; null on the last page"))}
      .schema();
}

}  // namespace ln::api
