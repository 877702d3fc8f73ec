// Path and query parsing: the real route table (every documented operation) matched against
// arbitrary methods and paths, and list cursors read from arbitrary query strings. Matching never
// throws; a match names a route whose parameters are the non-empty path segments.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "api/http/fields.h"
#include "fuzz/in_process_app.h"

// The demo database and sign-ins take seconds (argon2): set up once, outside the per-input timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  ln::fuzz::InProcessApp::instance();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ln::fuzz::InProcessApp& app = ln::fuzz::InProcessApp::instance();
  static const char* const kMethods[] = {"GET",    "POST", "PUT",     "PATCH",
                                         "DELETE", "HEAD", "OPTIONS", "TRACE"};
  if (size < 1) return 0;
  std::string method = kMethods[data[0] % 8];
  std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
  auto cut = rest.find('?');
  std::string path = rest.substr(0, cut);
  std::string query = cut == std::string::npos ? "" : rest.substr(cut + 1);

  auto match = app.router().match(method, path);
  if (match.route) {
    for (const auto& [name, value] : match.params)
      if (value.empty() || value.find('/') != std::string::npos) std::abort();
    if (!match.allowed.empty()) std::abort();
  }

  // The query string, split the way a client writes it; page_of reads after= and limit=.
  ln::api::Request request;
  std::size_t start = 0;
  while (start <= query.size()) {
    auto end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string pair = query.substr(start, end - start);
    auto eq = pair.find('=');
    request.query[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
    start = end + 1;
  }
  try {
    auto page = ln::api::page_of(request);
    if (page.limit < 1 || page.limit > 200) std::abort();
  } catch (const ln::Invalid&) {
  }
  return 0;
}
