#include "api/http/dispatcher.h"

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <memory>

#include "api/http/error_response.h"
#include "api/http/json_body.h"
#include "api/http/logging.h"
#include "api/http/percent_encoding.h"
#include "base/crypto.h"
#include "base/errors.h"

namespace ln::api {
namespace {

bool is_write(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

bool has_content_type(const std::optional<std::string>& value, const std::string& wanted) {
  if (!value) return false;
  std::string type = value->substr(0, value->find(';'));
  type.erase(std::remove_if(type.begin(), type.end(), ::isspace), type.end());
  std::transform(type.begin(), type.end(), type.begin(), ::tolower);
  return type == wanted;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

}  // namespace

void add_security_headers(Response& response) {
  response.with_header("Content-Security-Policy",
                       "default-src 'self'; script-src 'self'; style-src 'self'; "
                       "img-src 'self' data:; connect-src 'self'; font-src 'self'; "
                       "object-src 'none'; base-uri 'none'; form-action 'self'; "
                       "frame-ancestors 'none'");
  response.with_header("X-Content-Type-Options", "nosniff");
  response.with_header("Referrer-Policy", "no-referrer");
  response.with_header("X-Frame-Options", "DENY");
  response.with_header("Cross-Origin-Opener-Policy", "same-origin");
  response.with_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

std::string request_id_for(const Request& request) {
  if (auto given = request.header("x-request-id")) {
    bool plain = !given->empty() && given->size() <= 128 &&
                 std::all_of(given->begin(), given->end(), [](unsigned char c) {
                   return std::isalnum(c) || c == '-' || c == '_' || c == '.';
                 });
    if (plain) return *given;
  }
  unsigned char bytes[12];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

Response Dispatcher::route(Request& request) const {
  Router::Match match = router_.match(request.method, request.path);
  if (!match.route) {
    bool api_path = request.path.rfind("/api/", 0) == 0 || request.path == "/api";
    if ((request.method == "GET" || request.method == "HEAD") && match.allowed.empty() &&
        !api_path) {
      request.route = "static";
      if (auto file = files_.serve(request)) return *file;
    }
    if (!match.allowed.empty()) {
      request.route = "unmatched";
      return error_response(405, "method_not_allowed",
                            "This address does not accept " + request.method + ".")
          .with_header("Allow", join(match.allowed, ", "));
    }
    request.route = "unmatched";
    return error_response(404, "not_found", "There is nothing at this address.");
  }

  const Route& route = *match.route;
  request.route = route.pattern;
  request.params = std::move(match.params);
  std::size_t limit = route.doc.max_body ? route.doc.max_body : max_body_;
  if (request.body.size() > limit) {
    return error_response(413, "too_large",
                          "The request body is larger than " + std::to_string(limit) + " bytes.");
  }
  if (is_write(request.method) && (route.takes_body() || !request.body.empty()) &&
      !has_content_type(request.header("content-type"), route.doc.body_type)) {
    return error_response(415, "unsupported_media_type",
                          "Send the request body as " + route.doc.body_type + ".");
  }
  if (!is_valid_utf8(request.body))
    return error_response(400, "invalid_utf8", "The request body is not valid UTF-8.", "body");
  // Query names and values arrive percent-encoded; the handlers see them decoded, and a decoded
  // value is text like any other (a lone %ff is as invalid as a raw 0xff byte).
  std::map<std::string, std::string> query;
  for (const auto& [name, value] : request.query) {
    auto decoded_name = percent_decode(name);
    auto decoded_value = percent_decode(value);
    if (!decoded_name || !decoded_value ||
        (*decoded_name + *decoded_value).find('\0') != std::string::npos)
      return error_response(400, "invalid_query",
                            "The query string has a % not followed by two hex digits, or a NUL.",
                            "query");
    if (!is_valid_utf8(*decoded_name) || !is_valid_utf8(*decoded_value))
      return error_response(400, "invalid_utf8", "The query string is not valid UTF-8.", "query");
    query[*decoded_name] = *decoded_value;
  }
  request.query = std::move(query);
  try {
    sign_in(request, route.doc.permission.has_value());
    if (write_limits_ && (is_write(request.method) || request.method == "DELETE") &&
        request.path.rfind("/__test/", 0) != 0)
      write_limits_->take(!request.principal ? ""
                          : request.principal->kind == Principal::Kind::kPupil
                              ? "pupil:" + request.principal->id
                              : "account:" + request.principal->id,
                          request.client_address);
    if (route.doc.permission)
      require(request.principal ? &*request.principal : nullptr, *route.doc.permission);
    return route.handler(request);
  } catch (...) {
    return response_for_current_exception();
  }
}

std::string cookie_value(const std::string& header, const std::string& name) {
  std::size_t start = 0;
  while (start < header.size()) {
    auto end = header.find(';', start);
    if (end == std::string::npos) end = header.size();
    std::string pair = header.substr(start, end - start);
    pair.erase(0, pair.find_first_not_of(' '));
    if (pair.rfind(name + "=", 0) == 0) return pair.substr(name.size() + 1);
    start = end + 1;
  }
  return "";
}

void Dispatcher::sign_in(Request& request, bool required) const {
  if (!authenticate_) return;
  std::string token;
  bool by_cookie = false;
  if (auto auth = request.header("authorization")) {
    if (auth->rfind("Bearer ", 0) != 0) throw Unauthorized("Use Authorization: Bearer <token>.");
    token = auth->substr(7);
  } else if (auto cookies = request.header("cookie")) {
    token = cookie_value(*cookies, "ln_session");
    by_cookie = !token.empty();
  }
  if (token.empty()) return;
  request.principal = authenticate_(token);
  // A stale cookie must never stand between someone and signing in again (an HttpOnly cookie
  // cannot be cleared by the page): on routes open to anyone it is simply not used.
  if (!request.principal && !required) return;
  if (!request.principal) throw Unauthorized("Your session has ended. Please sign in again.");
  bool writes = request.method != "GET" && request.method != "HEAD" && request.method != "OPTIONS";
  auto csrf = request.header("x-csrf-token");
  if (by_cookie && writes &&
      (!csrf || request.principal->csrf_token.empty() ||
       !same_secret(*csrf, request.principal->csrf_token)))
    throw Forbidden("This form is out of date. Reload the page and try again.", "csrf_failed");
}

void Dispatcher::dispatch(Request& request, Reply reply) const {
  Finished done{request.method, "", "", std::chrono::steady_clock::now()};
  Response response;
  try {
    request.request_id = request_id_for(request);
    bool from_proxy = std::find(trusted_proxies_.begin(), trusted_proxies_.end(),
                                request.client_address) != trusted_proxies_.end();
    // Only a trusted proxy may say the client spoke TLS (the cookies' Secure flag follows it).
    if (!from_proxy) {
      request.headers.erase("x-forwarded-proto");
    } else {
      auto real = request.header("x-real-ip");
      bool plain = real && !real->empty() && real->size() <= 45 &&
                   std::all_of(real->begin(), real->end(), [](unsigned char c) {
                     return std::isxdigit(c) || c == '.' || c == ':';
                   });
      if (plain) request.client_address = *real;
    }
    response = route(request);
  } catch (...) {
    response = response_for_current_exception();
  }
  done.route = request.route;
  done.request_id = request.request_id;
  if (!response.deferred) {
    finish(done, response);
    reply(std::move(response));
    return;
  }
  // Exactly one reply, whether the handler's work calls back or fails before it could.
  auto replied = std::make_shared<std::atomic<bool>>(false);
  Reply later = [this, done, reply, replied](Response r) {
    if (replied->exchange(true)) return;
    r.deferred.reset();
    finish(done, r);
    reply(std::move(r));
  };
  try {
    response.deferred->start(later);
  } catch (...) {
    later(response_for_current_exception());
  }
}

Response Dispatcher::dispatch(Request& request) const {
  std::promise<Response> promise;
  auto future = promise.get_future();
  dispatch(request, [&promise](Response r) { promise.set_value(std::move(r)); });
  return future.get();
}

Response Dispatcher::refused(const std::string& method, Response response) const {
  finish({method.empty() ? "-" : method, "refused", request_id_for(Request{}),
          std::chrono::steady_clock::now()},
         response);
  return response;
}

void Dispatcher::finish(const Finished& request, Response& response) const {
  if (request.method == "HEAD") response.body.clear();
  add_security_headers(response);
  bool has_cache_control = std::any_of(response.headers.begin(), response.headers.end(),
                                       [](const auto& h) { return h.first == "Cache-Control"; });
  if (!has_cache_control) response.with_header("Cache-Control", "no-store");
  response.with_header("X-Request-Id", request.request_id);

  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - request.started).count();
  metrics_.observe(request.method, request.route, response.status, seconds);
  log_access(
      {request.method, request.route, response.status, seconds * 1000.0, request.request_id});
}

}  // namespace ln::api
