// JSON request decoding of every endpoint's input type, through the real Dispatcher and handlers
// on the demo database: the first byte picks a documented operation that takes a body, the second
// who sends it (nobody, an adult of each role, a pupil), the rest is the body. Whatever arrives,
// the answer is never a 5xx and always our error shape when it is an error.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz/in_process_app.h"

namespace {

// Path parameters: a real demo id would make some writes succeed, which is fine; "x" exercises
// the not-found paths after the body is read.
std::string fill_params(const std::string& pattern, std::uint8_t choice) {
  static const char* const kIds[] = {"x", "1", "00000000-0000-0000-0000-000000000000", "%2e%2e"};
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      out += kIds[choice % 4];
      i = pattern.find('}', i);
    } else {
      out += pattern[i];
    }
  }
  return out;
}

}  // namespace

// The demo database and sign-ins take seconds (argon2): set up once, outside the per-input timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  ln::fuzz::InProcessApp::instance();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static ln::fuzz::InProcessApp& app = ln::fuzz::InProcessApp::instance();
  static const std::vector<const ln::api::Route*> writes = [] {
    std::vector<const ln::api::Route*> out;
    for (const auto& route : app.router().routes())
      if (route.takes_body() && route.pattern.rfind("/__test", 0) != 0) out.push_back(&route);
    return out;
  }();
  if (size < 2 || writes.empty()) return 0;
  const ln::api::Route& route = *writes[data[0] % writes.size()];
  const auto& tokens = app.tokens();
  const std::string& token = tokens[data[1] % tokens.size()];

  ln::api::Request request;
  request.method = route.method;
  request.path = fill_params(route.pattern, data[1] / tokens.size());
  request.headers["content-type"] = route.doc.body_type;
  if (!token.empty()) request.headers["authorization"] = "Bearer " + token;
  request.body.assign(reinterpret_cast<const char*>(data + 2), size - 2);
  request.client_address = "10.9.8." + std::to_string(data[0]);  // spread the per-address limits

  auto response = app.dispatch(request);
  if (response.status >= 500) {
    std::fprintf(stderr, "%s %s answered %d: %s\n", request.method.c_str(), request.path.c_str(),
                 response.status, response.body.c_str());
    std::abort();
  }
  if (response.status >= 400) {
    auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (!body.is_object() || !body.contains("error") || !body["error"].contains("code")) {
      std::fprintf(stderr, "%s %s answered %d outside the error shape: %s\n",
                   request.method.c_str(), request.path.c_str(), response.status,
                   response.body.c_str());
      std::abort();
    }
  }
  return 0;
}
