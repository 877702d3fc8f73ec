#include "api/http/json_body.h"

#include <unicode/ustring.h>

#include "base/errors.h"

namespace ln::api {
namespace {

// Nesting depth outside strings; a pre-scan so hostile documents never reach the parser.
int nesting_depth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  // ICU rejects overlong forms, surrogates and code points past U+10FFFF.
  UErrorCode status = U_ZERO_ERROR;
  int32_t needed = 0;
  u_strFromUTF8(nullptr, 0, &needed, bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  return status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING ||
         U_SUCCESS(status);
}

nlohmann::json parse_json_object(const Request& request) {
  if (!is_valid_utf8(request.body))
    throw Invalid("body", "The request body is not valid UTF-8.", "invalid_utf8");
  if (request.body.empty()) throw Invalid("body", "A JSON object is required.", "malformed_json");
  if (nesting_depth(request.body) > kMaxJsonDepth)
    throw Invalid("body", "The JSON document is nested too deeply.", "malformed_json");
  nlohmann::json value = nlohmann::json::parse(request.body, nullptr, false);
  if (value.is_discarded())
    throw Invalid("body", "The request body is not valid JSON.", "malformed_json");
  if (!value.is_object()) throw Invalid("body", "The request body must be a JSON object.");
  return value;
}

}  // namespace ln::api
