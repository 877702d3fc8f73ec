#include "base/validate.h"

#include "base/clock.h"
#include "base/errors.h"

namespace ln {

std::size_t char_count(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string clean_text(const std::string& field, std::string_view value, std::size_t min,
                       std::size_t max) {
  auto first = value.find_first_not_of(" \t\r\n");
  auto last = value.find_last_not_of(" \t\r\n");
  std::string text =
      first == std::string_view::npos ? "" : std::string(value.substr(first, last - first + 1));
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7f)
      throw Invalid(field, field + " must not contain control characters.");
  auto n = char_count(text);
  if (n < min) throw Invalid(field, min <= 1 ? field + " is required." : field + " is too short.");
  if (n > max)
    throw Invalid(field, field + " is longer than " + std::to_string(max) + " characters.");
  return text;
}

std::string clean_multiline_text(const std::string& field, std::string_view value, std::size_t min,
                                 std::size_t max) {
  auto first = value.find_first_not_of(" \t\r\n");
  auto last = value.find_last_not_of(" \t\r\n");
  std::string text =
      first == std::string_view::npos ? "" : std::string(value.substr(first, last - first + 1));
  std::string flat = text;
  for (auto& c : flat)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  clean_text(field, flat, min, max);
  return text;
}

std::optional<std::string> clean_optional_text(const std::string& field,
                                               const std::optional<std::string>& value,
                                               std::size_t max) {
  if (!value) return std::nullopt;
  auto text = clean_text(field, *value, 0, max);
  if (text.empty()) return std::nullopt;
  return text;
}

std::string clean_code(const std::string& field, std::string_view value) {
  if (value.empty() || value.size() > 40)
    throw Invalid(field, field + " must be 1 to 40 letters, digits or - _ . /");
  for (unsigned char c : value)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.' && c != '/')
      throw Invalid(field, field + " must be 1 to 40 letters, digits or - _ . /");
  return std::string(value);
}

std::string clean_date(const std::string& field, const std::string& value) {
  auto date = parse_date(value);
  if (!date || date->year() < std::chrono::year(2000) || date->year() > std::chrono::year(2199))
    throw Invalid(field, field + " must be a date written YYYY-MM-DD (years 2000 to 2199).");
  return value;
}

}  // namespace ln
