#pragma once
// One declaration per wire shape. A request body's fields, their types and the limits the server
// enforces are written once as a Shape: Fields (fields.h) checks a body against it, and the OpenAPI
// document prints it (schema()). Response bodies are declared with the same Value builders beside
// the view that builds them (views.h).
//
//   const Shape kNewUnit{required("kind", text().one_of({"province", "district", "ward"})),
//                        required("name", text().length(1, 200)), optional("code", code())};
//   Fields f(q, kNewUnit);                     // in the handler: 400 naming the field
//   doc("Create a unit.", "organisation", manage, kNewUnit, 201)   // in the description
#include <cstddef>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ln::api {

class Shape;

// The JSON Schema of one value, built with the functions below and their limits.
class Value {
 public:
  explicit Value(nlohmann::json schema) : schema_(std::move(schema)) {}

  // Characters (not bytes) of a string, as the server counts them.
  Value length(int min, int max) &&;
  Value max_length(int max) &&;
  // Bounds of an integer.
  Value range(long long min, long long max) &&;
  Value one_of(std::initializer_list<const char*> values) &&;
  Value pattern(const char* regex) &&;
  Value format(const char* name) &&;
  // Items of a list.
  Value count(int min, int max) &&;
  // May also be null (optional values on the wire are null when absent).
  Value or_null() &&;
  Value describe(const std::string& text) &&;

  const nlohmann::json& schema() const { return schema_; }
  // Throws Invalid(field) when `value` does not fit (the subset of JSON Schema built here).
  void check(const std::string& field, const nlohmann::json& value) const;

 private:
  nlohmann::json schema_;
};

Value text();
Value integer();
Value boolean();
Value number();
Value list_of(Value items);
// A JSON object whose keys are free (age band → count, …); `values` describes each value.
Value map_of(Value values);
// Any JSON value (a field the domain reads in its own way); say what it holds with describe().
Value any();
Value object_of(const Shape& shape);
// Identifiers and codes as the server makes and checks them.
Value id();  // the server's ids: 1–100 characters
Value code();  // letters, digits, '-', '_', '.', '/', 1–40 (base/validate.h clean_code)
Value date();  // YYYY-MM-DD
Value timestamp();  // an instant in UTC, e.g. 2026-05-01T02:00:00Z

// A string that is one of an enum's words, listed from the enum's one word table (word()).
template <typename Enum, std::size_t N>
Value word_of(const Enum (&all)[N]) {
  nlohmann::json schema = text().schema();
  schema["enum"] = nlohmann::json::array();
  for (Enum e : all) schema["enum"].push_back(word(e));
  return Value(std::move(schema));
}

struct Field {
  std::string name;
  Value value;
  bool required;
};
inline Field required(std::string name, Value value) { return {std::move(name), std::move(value), true}; }
inline Field optional(std::string name, Value value) { return {std::move(name), std::move(value), false}; }

// A JSON object with exactly these fields (no others).
class Shape {
 public:
  Shape(std::initializer_list<Field> fields) : fields_(fields) {}
  // A copy with more fields.
  Shape with(std::initializer_list<Field> more) const;
  // A copy in which these fields are required (a create beside its PATCH: one declaration).
  Shape requiring(std::initializer_list<const char*> names) const;

  const std::vector<Field>& fields() const { return fields_; }
  bool allows(const std::string& name) const;
  nlohmann::json schema() const;
  // Unknown fields, missing required ones and values that break their limits: Invalid naming the
  // field (`prefix` + name). A null value counts as absent.
  void check(const nlohmann::json& body, const std::string& prefix = "") const;

 private:
  std::vector<Field> fields_;
};

// {"items": [item…], "next": cursor | null}, as page_json (fields.h) builds it.
nlohmann::json page_schema(const nlohmann::json& item);

}  // namespace ln::api
