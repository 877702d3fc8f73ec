// JSON request decoding (api/json_body, api/fields): whatever the bytes, reading a body either
// gives typed values or throws ln::Invalid — never another exception, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api/http/fields.h"
#include "api/http/json_body.h"
#include "base/errors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ln::api::Request request;
  request.method = "POST";
  request.body.assign(reinterpret_cast<const char*>(data), size);
  try {
    ln::api::Fields fields(request, {"name", "code", "count", "flag", "items", "extra", "retired"});
    (void)fields.optional_text("name");
    (void)fields.optional_integer("count");
    (void)fields.optional_boolean("flag");
    (void)fields.optional_texts("items");
    (void)fields.optional_json("extra");
    (void)ln::api::name_patch(fields);
    (void)fields.text("code");
  } catch (const ln::Invalid&) {
  }
  // Whatever was accepted re-serialises: strings stay valid UTF-8 (strict dump throws otherwise).
  try {
    auto value = ln::api::parse_json_object(request);
    (void)value.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  } catch (const ln::Invalid&) {
  }
  return 0;
}
