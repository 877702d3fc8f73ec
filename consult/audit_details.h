#pragma once
// What an audit entry says about the change it records, as named values:
//   AuditDetails{{"status", "forwarded"}, {"count", 3}, {"unit_ids", ids}}
// A value is text, a whole number, yes/no, a list of texts or named values of its own. The
// column's text (JSON) is written and read in store/audit_columns, the view in api/views.
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ln {

struct AuditDetail;
using AuditDetails = std::vector<AuditDetail>;

class AuditValue {
 public:
  using Value =
      std::variant<std::string, std::int64_t, bool, std::vector<std::string>, AuditDetails>;

  // Defined below, once AuditDetail is complete: building the variant may destroy it, which needs
  // the whole AuditDetail (clang checks this where the body is written).
  AuditValue(std::string text);
  AuditValue(std::string_view text);
  AuditValue(const char* text);
  AuditValue(bool yes);
  template <std::integral Number>
  requires(!std::same_as<Number, bool>) AuditValue(Number n);
  AuditValue(std::vector<std::string> texts);
  AuditValue(AuditDetails named);

  const Value& value() const { return value_; }
  bool operator==(const AuditValue& other) const;

 private:
  Value value_;
};

struct AuditDetail {
  std::string name;
  AuditValue value;
  bool operator==(const AuditDetail&) const = default;
};

inline AuditValue::AuditValue(std::string text) : value_(std::move(text)) {}
inline AuditValue::AuditValue(std::string_view text) : value_(std::string(text)) {}
inline AuditValue::AuditValue(const char* text) : value_(std::string(text)) {}
inline AuditValue::AuditValue(bool yes) : value_(yes) {}
template <std::integral Number>
requires(!std::same_as<Number, bool>) AuditValue::AuditValue(Number n)
    : value_(static_cast<std::int64_t>(n)) {}
inline AuditValue::AuditValue(std::vector<std::string> texts) : value_(std::move(texts)) {}
inline AuditValue::AuditValue(AuditDetails named) : value_(std::move(named)) {}
inline bool AuditValue::operator==(const AuditValue& other) const { return value_ == other.value_; }

}  // namespace ln
