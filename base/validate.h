#pragma once
// Checks on the values people type, shared by every service.
#include <optional>
#include <string>
#include <string_view>

namespace ln {

std::size_t char_count(std::string_view utf8);
// Trimmed text of `min`..`max` characters with no control characters; throws Invalid(field).
std::string clean_text(const std::string& field, std::string_view value, std::size_t min,
                       std::size_t max);
// The same for a child's text, which keeps its line breaks and tabs inside (not at its ends).
std::string clean_multiline_text(const std::string& field, std::string_view value, std::size_t min,
                                 std::size_t max);
std::optional<std::string> clean_optional_text(const std::string& field,
                                               const std::optional<std::string>& value,
                                               std::size_t max);
// A code from a directory or a paper slip: letters, digits, '-', '_', '.', '/', 1–40 of them.
std::string clean_code(const std::string& field, std::string_view value);
// A calendar date written YYYY-MM-DD in the years 2000–2199 (a wider year is a typing slip, and
// would make year-by-year views run for centuries); returned as given.
std::string clean_date(const std::string& field, const std::string& value);

}  // namespace ln
