#pragma once
// Reading a request's JSON body: valid UTF-8, bounded nesting, an object at the top.
#include <nlohmann/json.hpp>
#include <string_view>

#include "api/http/http.h"

namespace ln::api {

inline constexpr int kMaxJsonDepth = 32;

bool is_valid_utf8(std::string_view bytes);

// Throws Invalid (400) with code invalid_utf8, malformed_json or invalid.
nlohmann::json parse_json_object(const Request& request);

}  // namespace ln::api
