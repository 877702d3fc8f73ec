#pragma once
// One column of many rows bound as a single array parameter (`{"a","b",NULL}`), for the bulk
// paths: `INSERT … SELECT * FROM unnest($1::text[], $2::int[], …)` writes thousands of rows in
// one statement and one round trip, with the same constraints, defaults and ON CONFLICT rules as
// the one-row statement.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ln::store::postgres {

// Rows per bulk statement: a few megabytes of parameters, few round trips.
inline constexpr std::size_t kRowsPerStatement = 5000;

class ArrayColumn {
 public:
  void add(std::string_view value);
  void add(const std::string& value) { add(std::string_view(value)); }
  void add(const char* value) { add(std::string_view(value)); }
  void add(std::int64_t value);
  void add(int value) { add(static_cast<std::int64_t>(value)); }
  void add(std::nullopt_t);
  template <typename T>
  void add(const std::optional<T>& value) {
    if (value)
      add(*value);
    else
      add(std::nullopt);
  }

  // The array's text form, as PostgreSQL's array input reads it.
  std::string literal() const { return text_ + "}"; }

 private:
  void separate();
  std::string text_ = "{";
};

}  // namespace ln::store::postgres
