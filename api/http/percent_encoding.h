#pragma once
// RFC 3986 percent-decoding of a path or a query name or value: "%C3%A9" → "é". '+' stays '+'
// (only HTML forms mean a space by it, and no form posts here).
#include <optional>
#include <string>
#include <string_view>

namespace ln::api {

// nullopt when a '%' is not followed by two hex digits. The result may be any bytes: check it
// is UTF-8 before using it as text.
std::optional<std::string> percent_decode(std::string_view in);

}  // namespace ln::api
